from __future__ import annotations

import logging

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings

from . import selectors, services

logger = logging.getLogger(__name__)


@shared_task(name="reports.run")
def run_report(run_id: int) -> None:
    services.report_run_execute(run_id=run_id)


@shared_task(name="reports.monthly")
def monthly_reports() -> int:
    return services.monthly_reports()


@shared_task(name="reports.loket_home_refresh")
def refresh_loket_homes() -> int:
    """Every loket region's key figures, computed ahead of the visit (beat, every
    LOKET_HOME_CACHE_SECONDS): on a large region they cost seconds."""
    done = 0
    for region in selectors.loket_regions():
        try:
            selectors.loket_home_refresh(region=region)
        except Exception:  # one region's failure does not stop the others
            logger.exception("loket figures for %s failed", region.code)
            continue
        done += 1
    return done


@worker_ready.connect
def refresh_loket_homes_on_start(**_kwargs) -> None:
    """Beat first runs an interval task one interval after it starts, so without this the
    first loket visit after a deploy would compute its region's figures itself (seconds)."""
    if settings.LOKET_HOME_CACHE_SECONDS > 0:
        refresh_loket_homes.delay()
