from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientatieConfig(AppConfig):
    name = "orientatie"
    verbose_name = _("Oriëntatie")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the signal receivers)
