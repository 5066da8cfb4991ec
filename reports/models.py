from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region


class Breakdown(models.TextChoices):
    NONE = "none", _("Geen uitsplitsing")
    SECTOR = "sector", _("Doelsector")
    HERKOMST = "herkomst", _("Herkomstsector")
    ONGEKEND_TALENT = "ongekend_talent", _("Doelgroep (Ongekend Talent)")
    ENTRY_ROUTE = "entry_route", _("Instroomroute")


class ReportRun(models.Model):
    """One monitoring report: a region (or national) and a period; its figures are stored."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_runs",
        verbose_name=_("regio (leeg: landelijk)"),
    )
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    parameters = models.JSONField(_("instellingen"), default=dict)
    monthly = models.BooleanField(_("maandrapportage"), default=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status")
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    result = models.JSONField(_("cijfers"), null=True, blank=True)
    files = models.JSONField(_("bestanden"), default=list, blank=True)
    error = models.TextField(blank=True, verbose_name=_("fout"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("klaar op"))
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("gemaild op"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rapportage")
        verbose_name_plural = _("rapportages")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period_start", "period_end"],
                condition=models.Q(monthly=True),
                name="reportrun_one_monthly_per_region",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="reportrun_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region or _('Landelijk')} {self.period_start}–{self.period_end}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE
