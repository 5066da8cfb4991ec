from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LatendeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "latende"
    verbose_name = _("Latende werkgever")

    def ready(self) -> None:
        from . import receivers  # noqa: F401
