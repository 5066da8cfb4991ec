from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Breakdown


class ReportForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=None,
        required=False,
        error_messages={
            "invalid_choice": _("Je kunt alleen rapportages maken voor je eigen regio.")
        },
    )
    period_start = forms.DateField(
        label=_("Periode vanaf"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Periode tot en met"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    breakdown = forms.ChoiceField(
        label=_("Uitsplitsen naar"),
        choices=Breakdown.choices,
        initial=Breakdown.NONE,
        error_messages={"invalid_choice": _("Onbekende uitsplitsing.")},
    )

    def __init__(self, *args, regions, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        if national:
            self.fields["region"].empty_label = _("Landelijk")
        else:
            self.fields["region"].required = True
            self.fields["region"].empty_label = None

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("De periode eindigt voordat hij begint."))
        return data
