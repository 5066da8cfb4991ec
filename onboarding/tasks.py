from __future__ import annotations

from celery import shared_task


@shared_task(name="onboarding.daily")
def daily() -> dict:
    """Check-ins and alerts for everyone in Superscholing, onboarding or nazorg."""
    from .services import daily_run

    return daily_run()
