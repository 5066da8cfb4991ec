from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready


@shared_task(name="loopbrug.outbox_flush")
def outbox_flush() -> int:
    """Publish the work that waited in the outbox while Redis was unreachable."""
    from .queue import outbox_flush as flush

    return flush()


@worker_ready.connect
def _flush_outbox_when_a_worker_starts(sender=None, **kwargs) -> None:
    # Redis is back (the worker just connected to it): queue what waited, without a minute's delay.
    outbox_flush.apply_async(ignore_result=True)
