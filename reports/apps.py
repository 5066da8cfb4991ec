from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Regional monitoring reports: aggregates over recorded phase changes and events."""

    name = "reports"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from django.conf import settings

        overrides = settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})
        overrides.setdefault("ReportBreakdownEnum", "reports.models.Breakdown")
