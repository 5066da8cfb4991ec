from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Phase


class PhaseChangeForm(forms.Form):
    to_phase = forms.ChoiceField(
        label=_("Nieuwe fase"),
        choices=[("", _("Kies een fase"))] + list(Phase.choices),
        error_messages={"invalid_choice": _("Onbekende fase. Kies een fase uit de lijst.")},
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: oriëntatie afgerond, profiel compleet, meeloopdag niet gelukt."),
        error_messages={"required": _("Geef een reden voor deze faseovergang.")},
    )

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            # Offer only the allowed moves; any known phase stays valid input, so the service
            # can explain why a move is not allowed.
            self.fields["to_phase"].widget.choices = [("", _("Kies een fase"))] + [
                (p, Phase(p).label) for p in allowed
            ]


class CaseloadFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle fasen"))] + list(Phase.choices)
    )
