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


class AppointmentMoveForm(forms.Form):
    """Move an appointment; one per appointment on the traject page (a prefix per pk)."""

    starts_at = forms.DateTimeField(
        label=_("Nieuwe datum en tijd"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Kies een nieuwe datum en tijd."),
            "invalid": _("Geef een datum en tijd, bijvoorbeeld 12-05-2026 10:00."),
        },
    )
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)
