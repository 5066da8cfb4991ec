from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancingConfig(AppConfig):
    """The eight-post financieringsplan, regelingen and the financieel-veilig verdict."""

    name = "financing"
    verbose_name = _("Financiering")
