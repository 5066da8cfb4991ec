from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    """Superscholing, onboarding and nazorg after the voorwaardelijk contract."""

    name = "onboarding"
    verbose_name = _("Superscholing en onboarding")
