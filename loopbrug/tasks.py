from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(name="loopbrug.tasks.health")
def health() -> dict:
    """Prove a worker reaches the database: count the regions it can read."""
    from profiles.models import Region

    return {"status": "ok", "regions": Region.objects.count(), "at": timezone.now().isoformat()}
