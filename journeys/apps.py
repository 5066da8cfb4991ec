from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "journeys"
    verbose_name = _("Trajecten")

    def ready(self) -> None:
        from profiles import hooks

        from . import (
            receivers,  # noqa: F401 - connects the signal receivers
            selectors,
        )

        # profiles reads the coach and the trajecten through hooks (it imports nothing above).
        hooks.current_coach = selectors.coach_of_current_traject
        hooks.trajecten_export = selectors.trajecten_export
