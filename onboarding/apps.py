from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    """Superscholing, onboarding and nazorg after the voorwaardelijk contract."""

    name = "onboarding"
    verbose_name = _("Superscholing en onboarding")

    def ready(self) -> None:
        # Name the shared choice set once in the OpenAPI schema (niveau and required_niveau).
        from django.conf import settings

        overrides = settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})
        overrides.setdefault("NiveauEnum", "taxonomy.models.Niveau")

        # matching names the modules and routes on offer through hooks (it imports nothing
        # above it).
        from matching import hooks

        from . import selectors

        hooks.modules_teaching_many = selectors.modules_teaching_many
        hooks.superscholing_by_sector = selectors.superscholing_by_sector
