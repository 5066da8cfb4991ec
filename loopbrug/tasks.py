from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone


@shared_task(name="loopbrug.tasks.health")
def health() -> dict:
    """Prove a worker reaches the database: count the regions it can read."""
    from accounts.models import Region

    return {"status": "ok", "regions": Region.objects.count(), "at": timezone.now().isoformat()}


@shared_task(name="loopbrug.outbox_flush")
def outbox_flush() -> int:
    """Publish the work that waited in the outbox while Redis was unreachable."""
    from .queue import outbox_flush as flush

    return flush()


@worker_ready.connect
def _flush_outbox_when_a_worker_starts(sender=None, **kwargs) -> None:
    # Redis is back (the worker just connected to it): queue what waited, without a minute's delay.
    outbox_flush.apply_async(ignore_result=True)
