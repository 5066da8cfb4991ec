from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind

# The NL Design System checkbox (as profiles.forms.CHECKBOX; notifications sits below profiles).
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class PreferencesForm(forms.Form):
    email = forms.MultipleChoiceField(
        label=_("Stuur mij ook een e-mail bij"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        help_text=_(
            "Alle meldingen staan altijd in je inbox. Vink uit wat je niet per e-mail wilt krijgen."
        ),
        error_messages={"invalid_choice": _("Deze soort melding hoort niet bij jouw rol.")},
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        self.fields["email"].choices = [(k, Kind(k).label) for k in kinds]

    def email_by_kind(self) -> dict[str, bool]:
        chosen = set(self.cleaned_data["email"])
        return {kind: kind in chosen for kind in self.kinds}
