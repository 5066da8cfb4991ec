from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="reports.run")
def run_report(run_id: int) -> None:
    services.report_run_execute(run_id=run_id)


@shared_task(name="reports.monthly")
def monthly_reports() -> int:
    return services.monthly_reports()
