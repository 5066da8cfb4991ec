from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancingConfig(AppConfig):
    """The eight-post financieringsplan, regelingen and the financieel-veilig verdict."""

    name = "financing"
    verbose_name = _("Financiering")

    def ready(self) -> None:
        # Name this app's choice sets in the OpenAPI schema (the fields "kind" and "status"
        # also exist elsewhere), without every app editing the shared settings.
        from django.conf import settings

        overrides = settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})
        overrides.setdefault("PostKindEnum", "financing.models.PostKind")
        overrides.setdefault("IncomeKindEnum", "financing.models.IncomeKind")
        overrides.setdefault("ContributionStatusEnum", "financing.models.ContributionStatus")

        # The leaving employer's pledges reach the plans through latende's signals, and its
        # business case reads the plans' WW figures through latende's hook.
        from latende.hooks import register_plan_figures

        from . import pledges, receivers  # noqa: F401

        register_plan_figures(pledges.plan_figures)
