from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts, organisaties en regio's")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the model signal receivers)
