"""Celery tasks of accounts."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .models import Region


# The name from before the app split: the beat schedule and queued messages use it.
@shared_task(name="loopbrug.tasks.health")
def health() -> dict:
    """Prove a worker reaches the database: count the regions it can read."""
    return {"status": "ok", "regions": Region.objects.count(), "at": timezone.now().isoformat()}
