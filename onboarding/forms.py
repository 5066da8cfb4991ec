from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    DIMENSIONS,
    HulplijnVraag,
    Leerwerktraject,
    Module,
    Uitval,
    Validation,
)


class LeerwerktrajectForm(forms.ModelForm):
    class Meta:
        model = Leerwerktraject
        fields = [
            "title",
            "sector",
            "description",
            "required_niveau",
            "weekly_hours",
            "start_every_months",
            "places_per_start",
        ]


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = ["title", "hours", "cost", "mode"]


class LeeruitkomstForm(forms.Form):
    module = forms.ModelChoiceField(queryset=Module.objects.none(), label=_("Module"))
    description = forms.CharField(label=_("Leeruitkomst"), max_length=300)

    def __init__(self, *args, leerwerktraject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = leerwerktraject.modules.all()


class StartMomentsForm(forms.Form):
    first = forms.DateField(
        label=_("Eerste start"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    count = forms.IntegerField(
        label=_("Aantal startmomenten"), min_value=1, max_value=24, initial=6
    )


class ValidationForm(forms.Form):
    leeruitkomst = forms.ChoiceField(label=_("Leeruitkomst"))
    method = forms.ChoiceField(label=_("Erkend op basis van"), choices=Validation.Method.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    evidence = forms.FileField(
        label=_("Bewijs (PDF, PNG of JPG, hooguit 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leeruitkomst"].choices = [
            (lu.pk, f"{lu.module.title}: {lu.description}") for lu in outcomes
        ]


class ProgressForm(forms.Form):
    module = forms.ChoiceField(label=_("Module"))
    percent = forms.IntegerField(label=_("Voortgang (%)"), min_value=0, max_value=100)

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [(m.pk, m.title) for m in modules]


class PauseForm(forms.Form):
    reason = forms.CharField(label=_("Reden van de pauze"), max_length=300)


class EnrolForm(forms.Form):
    start_moment = forms.IntegerField(widget=forms.HiddenInput)


class PlanForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Eerste werkdag"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class CheckInForm(forms.Form):
    comment = forms.CharField(
        label=_("Wil je nog iets kwijt? (mag leeg blijven)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in reversed(DIMENSIONS):
            self.fields = {
                name: forms.TypedChoiceField(
                    label=label,
                    choices=SCORE_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text=_("1 = slecht, 5 = heel goed"),
                    error_messages={"required": _("Kies een score van 1 tot en met 5.")},
                ),
                **self.fields,
            }

    @property
    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name, _label in DIMENSIONS}


class HulplijnForm(forms.ModelForm):
    class Meta:
        model = HulplijnVraag
        fields = ["to", "question", "hide_from_werkgever"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3}), "to": forms.RadioSelect}


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("landing", _("Succesvol geland")), ("uitval", _("Uitgevallen"))],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reden van uitval"),
        choices=[("", "—"), *Uitval.Reason.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
