from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, Sector

from .models import MAX_CAPACITY, SHORTAGE_SECTORS, Event, Initiative

CHECKBOX = forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"})
MULTI_CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


def _when(label, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        error_messages={
            "required": _("Kies een datum en tijd."),
            "invalid": _("Vul een geldige datum en tijd in."),
        },
    )


class AgendaFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Alle regio's"),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Alle sectoren")), *Sector.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten")), *Event.Kind.choices], required=False
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Je naam"),
        max_length=200,
        error_messages={"required": _("Vul je naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hierheen sturen we de bevestiging, met de afspraak voor je agenda."),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    confidential = forms.BooleanField(
        label=_("Ik heb een baan en wil me vertrouwelijk aanmelden"),
        help_text=_("Je huidige werkgever ziet dan niet dat je meedoet."),
        required=False,
        widget=CHECKBOX,
    )
    employer = forms.ModelChoiceField(
        label=_("Je huidige werkgever (alleen bij vertrouwelijk aanmelden)"),
        queryset=None,
        required=False,
        empty_label=_("Staat er niet bij / zeg ik liever niet"),
    )
    link_consent = forms.BooleanField(
        label=_("Koppel deze aanmelding aan mijn account als ik er later een maak"),
        help_text=_(
            "Dan telt de regio mee of bijeenkomsten mensen helpen overstappen. "
            "Je naam komt niet in een rapportage."
        ),
        required=False,
        widget=CHECKBOX,
    )

    def __init__(self, *args, event: Event, **kwargs):
        from .selectors import werkgevers

        super().__init__(*args, **kwargs)
        if event.confidential_ok:
            self.fields["employer"].queryset = werkgevers()
        else:
            del self.fields["confidential"]
            del self.fields["employer"]


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort bijeenkomst"), choices=Event.Kind.choices)
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Geef een titel.")}
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectoren"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één sector.")},
    )
    region = forms.ModelChoiceField(
        label=_("Regio"), queryset=Region.objects.all(), empty_label=_("Kies een regio")
    )
    place = forms.CharField(label=_("Plaats en adres"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Link voor online deelname"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Geef een geldige link die begint met https://.")},
    )
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={
            "required": _("Geef het aantal plaatsen."),
            "invalid": _("Geef het aantal plaatsen als heel getal."),
            "min_value": _("Een bijeenkomst heeft minstens 1 plaats."),
            "max_value": _("Hooguit %(limit_value)s plaatsen."),
        },
    )
    confidential_ok = forms.BooleanField(
        label=_("Mensen met een baan kunnen zich vertrouwelijk aanmelden"),
        required=False,
        initial=True,
        widget=CHECKBOX,
    )
    start_1 = _when(_("Sessie 1: begin"))
    end_1 = _when(_("Sessie 1: einde"))
    start_2 = _when(_("Sessie 2: begin (bij een expeditie of bootcamp)"), required=False)
    end_2 = _when(_("Sessie 2: einde"), required=False)
    start_3 = _when(_("Sessie 3: begin"), required=False)
    end_3 = _when(_("Sessie 3: einde"), required=False)

    def clean(self):
        cleaned = super().clean()
        sessions = []
        for n in (1, 2, 3):
            start, end = cleaned.get(f"start_{n}"), cleaned.get(f"end_{n}")
            if start and end:
                sessions.append((start, end))
            elif (start or end) and n > 1:
                self.add_error(f"end_{n}" if start else f"start_{n}", _("Geef begin én einde."))
        cleaned["sessions"] = sessions
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        keys = ["kind", "title", "description", "sectors", "region", "place", "online_url"]
        return {k: data[k] for k in keys} | {
            "capacity": data["capacity"],
            "confidential_ok": data["confidential_ok"],
            "sessions": data["sessions"],
        }


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Wie was er?"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        self.fields["present"].choices = [(str(r.pk), r.name) for r in self.registrations]
        self.fields["present"].initial = [str(r.pk) for r in self.registrations if r.attended]


class BeroepSearchForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Alle tekortsectoren")), *[(s.value, s.label) for s in SHORTAGE_SECTORS]],
        required=False,
    )
    q = forms.CharField(label=_("Zoek een beroep"), max_length=100, required=False)


class InitiativeForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"), max_length=200, error_messages={"required": _("Geef een naam.")}
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=Initiative.Kind.choices)
    contact = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_("Een naam, telefoonnummer, e-mailadres of website."),
    )
    offer = forms.CharField(
        label=_("Wat ze bieden"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    regelingen = forms.MultipleChoiceField(
        label=_("Welke regelingen kunnen het betalen?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        from .selectors import regeling_names

        super().__init__(*args, **kwargs)
        self.fields["regelingen"].choices = [(n, n) for n in regeling_names()]


# --- oriëntatiegroepen ---------------------------------------------------------------------


def _member_choices(trajecten) -> list[tuple[str, str]]:
    return [
        (str(t.pk), t.overstapper.full_name if t.overstapper else _("(account verwijderd)"))
        for t in trajecten
    ]


class OrientatiegroepForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de groep"),
        max_length=200,
        error_messages={"required": _("Geef de groep een naam.")},
    )
    members = forms.MultipleChoiceField(
        label=_("Deelnemers"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=MULTI_CHECKBOX),
        help_text=_("Mensen die nog oriënteren (fase aanmelding of oriëntatie)."),
        error_messages={"invalid_choice": _("Kies alleen deelnemers uit de lijst.")},
    )

    def __init__(self, *args, candidates=(), current=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Current members stay choosable even once they left the phase or the caseload.
        seen, choices = set(), []
        for traject in [*current, *candidates]:
            if traject.pk not in seen:
                seen.add(traject.pk)
                choices += _member_choices([traject])
        self.fields["members"].choices = choices


class GroepSessieForm(forms.Form):
    starts_at = _when(_("Begint op"))
    ends_at = _when(_("Eindigt op"))
    place = forms.CharField(
        label=_("Plaats en adres"),
        max_length=200,
        required=False,
        help_text=_("Of geef een link voor online deelname."),
    )
    online_url = forms.URLField(
        label=_("Link voor online deelname"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een geldige link in (https://…).")},
    )


class GroepAanwezigForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Aanwezig"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=MULTI_CHECKBOX),
        error_messages={"invalid_choice": _("Kies alleen leden van deze groep.")},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = _member_choices(members)
