# ruff: noqa: F811 (pytest fixtures imported from other modules are parameters here)
"""Rescore runs hold a lease (issue 17): a run whose message was lost (Redis restarted while it
was queued) is queued again by the watchdog, the same run, or after a few tries marked failed
with the reason; a beheerder cancels a run from its page; the page says "wacht op een worker"
when nothing picks the run up. The last test does it for real: a private redis-server loses the
queued message, a real worker and beat find the run and finish it."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from loopbrug import queue
from loopbrug.celery import app
from loopbrug.models import AuditEvent
from matching import services
from matching.models import Match, MatchRun
from matching.tasks import match_run_execute

from .conftest import require_or_skip
from .service_processes import (
    ROOT,
    RedisServer,
    app_env,
    celery_worker,
    current_database_url,
    stop_process,
    wait_until,
)
from .test_matching import annas_profile, zorg_vacature  # noqa: F401 - fixtures
from .test_matching_worker import world  # noqa: F401 - the fixture "world"

ago = lambda seconds: timezone.now() - timedelta(seconds=seconds)  # noqa: E731


@pytest.fixture
def published(monkeypatch):
    """What the queue would publish, instead of publishing it."""
    sent: list = []
    monkeypatch.setattr(queue, "_publish", lambda name, args, **options: sent.append((name, args)))
    return sent


def test_a_queued_run_whose_lease_ran_out_is_queued_again_as_the_same_run(db, published):
    lost = MatchRun.objects.create(lease_expires_at=ago(1))
    result = services.match_run_watchdog()
    lost.refresh_from_db()
    assert result == {"requeued": [lost.pk], "failed": []}
    assert published == [("matching.match_run_execute", [lost.pk])]
    assert (lost.status, lost.attempts) == (MatchRun.Status.QUEUED, 2)
    assert lost.lease_expires_at > timezone.now()  # a fresh lease: not queued again at once
    assert services.match_run_watchdog() == {"requeued": [], "failed": []}


def test_a_run_with_a_live_lease_is_left_alone(db, published):
    MatchRun.objects.create(status=MatchRun.Status.RUNNING, lease_expires_at=ago(-60))
    assert services.match_run_watchdog() == {"requeued": [], "failed": []}
    assert published == []


def test_a_run_from_before_leases_is_caught_too(db, published):
    old = MatchRun.objects.create(status=MatchRun.Status.RUNNING, lease_expires_at=None)
    assert services.match_run_watchdog()["requeued"] == [old.pk]


def test_after_the_last_try_the_run_fails_with_the_reason_and_a_new_one_can_start(
    settings, bea, published
):
    settings.MATCH_RUN_MAX_ATTEMPTS = 3
    stuck = MatchRun.objects.create(lease_expires_at=ago(1), attempts=3)
    assert services.match_run_watchdog() == {"requeued": [], "failed": [stuck.pk]}
    stuck.refresh_from_db()
    assert stuck.status == MatchRun.Status.FAILED and stuck.finished_at
    assert "geen worker" in stuck.error and "3 keer" in stuck.error
    assert published == []
    assert services.match_run_start(by=bea).status == MatchRun.Status.QUEUED  # not blocked


def test_the_requeued_run_finishes_and_skips_the_chunks_done_already(
    monkeypatch,
    bea,
    annas_profile,
    zorg_vacature,  # noqa: F811
):
    Match.objects.all().delete()
    run = MatchRun.objects.create(lease_expires_at=ago(1))
    services.match_run_watchdog()  # queued again; the eager worker runs it
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DONE and run.progress == 100
    assert Match.objects.filter(profile=annas_profile, vacature=zorg_vacature).exists()

    # Every chunk was done but the last step was lost (say the chord's counter, in Redis).
    again = MatchRun.objects.create(status=MatchRun.Status.RUNNING, started_at=timezone.now())
    chunks = services.match_run_plan(run_id=again.pk)
    services.match_run_chunk(run_id=again.pk, index=0, profile_ids=chunks[0])
    MatchRun.objects.filter(pk=again.pk).update(lease_expires_at=ago(1))
    calls: list = []
    monkeypatch.setattr(services, "match_run_chunk", lambda **kw: calls.append(kw))
    services.match_run_watchdog()
    again.refresh_from_db()
    assert again.status == MatchRun.Status.DONE and calls == []  # finished, nothing recomputed


def test_a_beheerder_cancels_a_run_from_its_page_and_its_chunks_do_nothing(
    as_user,
    bea,
    lars,
    annas_profile,
    zorg_vacature,  # noqa: F811
):
    Match.objects.all().delete()
    run = MatchRun.objects.create(status=MatchRun.Status.RUNNING, lease_expires_at=ago(-60))
    page = as_user(bea).get(f"/herberekeningen/{run.pk}/").content.decode()
    assert "Herberekening annuleren" in page
    assert (
        "Herberekening annuleren"
        not in as_user(lars).get(f"/herberekeningen/{run.pk}/").content.decode()
    )
    assert as_user(lars).post(f"/herberekeningen/{run.pk}/annuleren/").status_code == 403

    response = as_user(bea).post(f"/herberekeningen/{run.pk}/annuleren/", follow=True)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.CANCELLED and "Geannuleerd door" in run.error
    assert "De herberekening is geannuleerd." in response.content.decode()
    assert AuditEvent.objects.filter(action="match_run_cancel", object_id=str(run.pk)).exists()

    # A chunk still in the queue, and the last step, leave the cancelled run as it is.
    assert services.match_run_chunk(run_id=run.pk, index=0, profile_ids=[annas_profile.pk]) == 0
    assert services.match_run_finish(run_id=run.pk).status == MatchRun.Status.CANCELLED
    match_run_execute.delay(run.pk)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.CANCELLED and not Match.objects.exists()

    # Cancelling again changes nothing and says why.
    again = as_user(bea).post(f"/herberekeningen/{run.pk}/annuleren/", follow=True)
    assert "loopt niet meer" in again.content.decode()
    # A new run can start.
    new = services.match_run_start(by=bea)
    new.refresh_from_db()
    assert new.status == MatchRun.Status.DONE


def test_the_run_page_says_it_waits_for_a_worker_when_nothing_picks_it_up(as_user, bea):
    run = MatchRun.objects.create(created_at=ago(5), lease_expires_at=ago(-60))
    assert (
        "Wacht op een worker"
        not in as_user(bea).get(f"/herberekeningen/{run.pk}/").content.decode()
    )
    MatchRun.objects.filter(pk=run.pk).update(created_at=ago(90))
    for url in (f"/herberekeningen/{run.pk}/", "/herberekeningen/"):
        assert "Wacht op een worker" in as_user(bea).get(url).content.decode(), url
    # A worker shows itself (a chunk renewed the lease): no longer waiting.
    services.match_run_heartbeat(run_id=run.pk)
    assert (
        "Wacht op een worker"
        not in as_user(bea).get(f"/herberekeningen/{run.pk}/").content.decode()
    )


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_run_lost_with_redis_is_found_by_its_lease_and_finished_by_a_real_worker(
    bea,
    world,  # noqa: F811
):
    require_or_skip("REQUIRE_SERVICES", RedisServer.available(), "needs the redis-server binary")
    require_or_skip(
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    redis = RedisServer()
    redis.start()
    schedule = Path(tempfile.mkdtemp(prefix="beat-")) / "schedule"
    env = app_env(
        DATABASE_URL=current_database_url(),
        REDIS_URL=redis.url,
        MATCH_RUN_LEASE_SECONDS="4",
        MATCH_RUN_MAX_ATTEMPTS="20",
        MATCH_RUN_WATCHDOG_SECONDS="1",
    )
    processes = []
    try:
        # The run is queued, then Redis restarts (it keeps nothing on disk): the message is gone.
        run = MatchRun.objects.create(started_by=bea, lease_expires_at=timezone.now())
        with app.connection_for_write(redis.url) as broker:
            app.conf.task_always_eager = False  # (the fixture _celery_eager restores it)
            match_run_execute.apply_async(args=[run.pk], connection=broker, ignore_result=True)
        redis.stop()
        redis.start()
        processes.append(celery_worker(env, "--pool", "solo"))
        processes.append(_beat(env, schedule))
        wait_until(
            lambda: MatchRun.objects.get(pk=run.pk).status not in MatchRun.ACTIVE,
            120,
            "the lost run to be queued again and finished",
            interval=0.5,
        )
        run.refresh_from_db()
        assert run.status == MatchRun.Status.DONE, (run.error, [stop_process(p) for p in processes])
        assert run.attempts >= 2  # queued again by the watchdog, the same run
        assert run.heartbeat_at and run.progress == 100
        assert Match.objects.filter(vacature=world).exists()
        assert MatchRun.objects.count() == 1
    finally:
        outputs = [stop_process(p) for p in processes]
        redis.stop()
    assert not any("raised unexpected" in o for o in outputs), outputs


def _beat(env, schedule: Path):
    import subprocess
    import sys

    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "loopbrug",
            "beat",
            "--loglevel",
            "WARNING",
            "--schedule",
            str(schedule),
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
