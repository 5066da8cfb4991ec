from django.apps import AppConfig


class LoopbrugConfig(AppConfig):
    name = "loopbrug"
    verbose_name = "Loopbrug (gedeeld)"

    def ready(self):
        # Stamp every login for session expiry, also before the first request loads middleware.
        from . import security  # noqa: F401
        from .observability import connect_request_signals

        connect_request_signals()
