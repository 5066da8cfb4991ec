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
        overrides.setdefault("NiveauEnum", "profiles.models.Niveau")
