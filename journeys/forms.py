from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector
from profiles.forms import CHECKBOX

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


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf een notitie.")},
    )
    shared = forms.BooleanField(
        label=_("Delen met de deelnemer"),
        required=False,
        help_text=_("Zonder vinkje zien alleen coaches deze notitie."),
    )


class AppointmentForm(forms.Form):
    from .models import Appointment as _Appointment

    kind = forms.ChoiceField(label=_("Soort afspraak"), choices=_Appointment.Kind.choices)
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)


class IntervisiegroepForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de groep"),
        max_length=200,
        error_messages={"required": _("Geef de groep een naam.")},
    )
    members = forms.MultipleChoiceField(
        label=_("Deelnemers"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        help_text=_("Deelnemers uit je eigen caseload met een lopend traject."),
        error_messages={"invalid_choice": _("Kies alleen deelnemers uit de lijst.")},
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [
            (str(t.pk), t.overstapper.full_name if t.overstapper else _("(account verwijderd)"))
            for t in candidates
        ]


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={
            "required": _("Kies een datum en tijd."),
            "invalid": _("Vul een geldige datum en tijd in."),
        },
    )
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)


class BuddyForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de buddy"),
        max_length=200,
        error_messages={"required": _("Geef de naam van de buddy.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres van de buddy"),
        required=False,
        help_text=_("Niet verplicht."),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, of laat het leeg.")},
    )


class AssignCoachForm(forms.Form):
    """The loket chooses a coach of the region by name (never a raw id to type)."""

    coach = forms.ModelChoiceField(
        label=_("Coach"),
        queryset=None,
        empty_label=_("Kies een coach"),
        error_messages={"invalid_choice": _("Kies een coach uit de lijst van je regio.")},
    )

    def __init__(self, *args, coaches=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches
        self.fields["coach"].label_from_instance = lambda c: (
            f"{c.full_name} ({c.organisation})" if c.organisation_id else c.full_name
        )


class TargetSectorForm(forms.Form):
    target_sector = forms.ChoiceField(
        label=_("Doelsector"),
        choices=[("", _("Nog niet gekozen")), *Sector.choices],
        required=False,
    )
