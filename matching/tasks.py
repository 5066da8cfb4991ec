"""Celery tasks: fetch by id, call a service. Every task can run twice without harm."""

from __future__ import annotations

from celery import chord, shared_task

from . import services
from .models import MatchRun


@shared_task(name="matching.rescore_profile", acks_late=True)
def rescore_profile(profile_id: int, version: int | None = None) -> int:
    return services.rescore_profile(profile_id=profile_id, version=version)


@shared_task(name="matching.rescore_vacature", acks_late=True)
def rescore_vacature(vacature_id: int) -> int:
    return services.rescore_vacature(vacature_id=vacature_id)


@shared_task(name="matching.match_run_chunk", acks_late=True)
def match_run_chunk(run_id: int, index: int, profile_ids: list[int]) -> int:
    return services.match_run_chunk(run_id=run_id, index=index, profile_ids=profile_ids)


@shared_task(name="matching.match_run_finish", acks_late=True)
def match_run_finish(_results, run_id: int) -> str:
    return services.match_run_finish(run_id=run_id).status


@shared_task(name="matching.match_run_execute", acks_late=True)
def match_run_execute(run_id: int) -> None:
    """Split the run into chunks over the workers (a chord); the last step checks them all.
    Queued again by the watchdog when its lease ran out: chunks done already are skipped."""
    try:
        chunks = services.match_run_plan(run_id=run_id)
        if chunks is None:  # cancelled, or ended by an earlier try
            return
        done = set(MatchRun.objects.get(pk=run_id).done_chunk_ids)
        header = [
            match_run_chunk.si(run_id, i, ids) for i, ids in enumerate(chunks) if i not in done
        ]
        if not header:  # every chunk is done; only the last step was lost
            services.match_run_finish(run_id=run_id)
            return
        chord(header)(match_run_finish.s(run_id))
    except Exception as exc:  # the run must never stay "running" when planning fails
        services.match_run_fail(run_id=run_id, error=str(exc))
        raise


@shared_task(name="matching.match_run_watchdog")
def match_run_watchdog() -> dict:
    """Celery beat, every minute: runs whose lease ran out are queued again or marked failed."""
    return services.match_run_watchdog()


@shared_task(name="matching.nightly_rescore")
def nightly_rescore() -> int | None:
    from django.core.exceptions import ValidationError

    try:
        return services.match_run_start(by=None).pk
    except ValidationError:
        return None  # one is still running: tonight's work is already under way
