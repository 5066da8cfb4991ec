from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "journeys"
    verbose_name = _("Trajecten")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the signal receivers
