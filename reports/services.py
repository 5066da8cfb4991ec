from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Region, Role, User
from loopbrug.queue import enqueue_on_commit
from loopbrug.services import audit_log

from . import selectors
from .exports import report_pdf
from .models import Breakdown, ReportRun

logger = logging.getLogger(__name__)


# Loopbrug holds no trajecten from before this; a period far outside is a typing error (and
# the retention figures would step outside the calendar).
FIRST_PERIOD_START = date(2000, 1, 1)


def validate_request(*, user: User, region: Region | None, start: date, end: date, breakdown: str):
    if end < start:
        raise ValidationError({"period_end": _("De periode eindigt voordat hij begint.")})
    if start < FIRST_PERIOD_START:
        raise ValidationError({"period_start": _("Kies een begin vanaf 1 januari 2000.")})
    if end > timezone.localdate() + timedelta(days=366):
        raise ValidationError({"period_end": _("Kies een einde van hooguit een jaar na vandaag.")})
    if breakdown not in Breakdown.values:
        raise ValidationError({"breakdown": _("Onbekende uitsplitsing.")})
    if region is None and user.role != Role.BEHEERDER:
        raise PermissionDenied(_("Alleen een beheerder kan een landelijke rapportage maken."))
    if not selectors.may_report(user=user, region=region):
        raise PermissionDenied(_("Je kunt alleen rapportages maken voor je eigen regio."))


def report_run_start(
    *, user: User, region: Region | None, start: date, end: date, breakdown: str = "none"
) -> ReportRun:
    validate_request(user=user, region=region, start=start, end=end, breakdown=breakdown)
    run = ReportRun.objects.create(
        region=region,
        period_start=start,
        period_end=end,
        parameters={"breakdown": breakdown},
        requested_by=user,
    )
    audit_log(actor=user, action="report.start", obj=run)
    from .tasks import run_report

    enqueue_on_commit(run_report, run.pk, what=_("Het maken van de rapportage"))
    return run


def _set_progress(run_id: int, value: int) -> None:
    ReportRun.objects.filter(pk=run_id).update(progress=value)


def report_run_execute(*, run_id: int) -> ReportRun:
    run = ReportRun.objects.select_related("region").get(pk=run_id)
    if run.status == ReportRun.Status.DONE:
        return run
    ReportRun.objects.filter(pk=run.pk).update(status=ReportRun.Status.RUNNING, progress=5)
    try:
        result = selectors.compute_report(
            region=run.region,
            period_start=run.period_start,
            period_end=run.period_end,
            breakdown=run.parameters.get("breakdown", Breakdown.NONE),
            progress=lambda p: _set_progress(run.pk, p),
        )
    except Exception as exc:  # the run shows it failed; the error is kept for the beheerder
        ReportRun.objects.filter(pk=run.pk).update(status=ReportRun.Status.FAILED, error=str(exc))
        raise
    run.result = result
    run.status = ReportRun.Status.DONE
    run.progress = 100
    run.files = ["csv", "xlsx", "pdf"]
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "status", "progress", "files", "finished_at"])
    return run


def previous_month(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def monthly_reports(today: date | None = None) -> int:
    """Each region's report of last month, stored once and e-mailed once (idempotent)."""
    start, end = previous_month(today)
    made = 0
    for region in Region.objects.all():
        run = ReportRun.objects.filter(
            region=region, period_start=start, period_end=end, monthly=True
        ).first()
        if run is None:
            try:
                with transaction.atomic():
                    run = ReportRun.objects.create(
                        region=region,
                        period_start=start,
                        period_end=end,
                        monthly=True,
                        parameters={"breakdown": Breakdown.NONE},
                    )
            except IntegrityError:
                continue  # another worker made it
            made += 1
        if run.status != ReportRun.Status.DONE:
            try:
                run = report_run_execute(run_id=run.pk)
            except Exception:  # one region's failure does not stop the others
                logger.exception("monthly report for %s failed", region.code)
                continue
        # Claim the e-mail atomically, so a rerun never sends it twice.
        if not ReportRun.objects.filter(pk=run.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        ):
            continue
        recipients = list(
            User.objects.filter(
                role=Role.LOKET, organisation__region=region, is_active=True
            ).values_list("email", flat=True)
        )
        if not recipients:
            continue
        pdf = report_pdf(run.result)
        for email in recipients:
            message = EmailMessage(
                subject=_("Loopbrug maandrapportage %(region)s %(month)s")
                % {"region": region.name, "month": start.strftime("%m-%Y")},
                body=_("In de bijlage staat de maandrapportage van je regio."),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email],
            )
            message.attach(f"rapportage-{region.code}-{start:%Y-%m}.pdf", pdf, "application/pdf")
            message.send()
    return made
