from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from journeys.models import Phase

from .selectors import Attention


class CaseloadFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle fasen"))] + list(Phase.choices)
    )
    attention = forms.ChoiceField(label=_("Signaal"), required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attention"].choices = [("", _("Alle deelnemers"))] + Attention.choices()
