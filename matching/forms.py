from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.forms import CHECKBOX
from profiles.models import SKILL_LEVELS
from taxonomy.models import Niveau, Skill

from .models import Application, Vacature


class VacatureForm(forms.ModelForm):
    class Meta:
        model = Vacature
        fields = [
            "title",
            "description",
            "sector",
            "region",
            "landelijk",
            "hours_per_week",
            "salary_min",
            "salary_max",
            "niveau",
            "is_leerwerkplek",
            "opleider",
            "start_date",
            "talents",
            "drijfveren",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "talents": forms.CheckboxSelectMultiple(attrs=CHECKBOX),
            "drijfveren": forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        }
        help_texts = {
            "talents": _("Welke talenten passen bij het team?"),
            "drijfveren": _("Welke drijfveren passen bij het werk en het team?"),
            "landelijk": _(
                "Bijvoorbeeld omdat thuiswerken kan, of omdat je verhuizing ondersteunt."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("salary_min", "salary_max"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True


class VacatureSkillForm(forms.Form):
    skill = forms.ModelChoiceField(
        queryset=Skill.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Deze skill bestaat niet. Zoek hem opnieuw op.")},
    )
    min_level = forms.TypedChoiceField(
        label=_("Minimaal niveau"),
        choices=SKILL_LEVELS,
        coerce=int,
        initial=3,
        error_messages={"invalid_choice": _("Kies een niveau van 1 tot en met 5.")},
    )
    essential = forms.TypedChoiceField(
        label=_("Hoe belangrijk?"),
        choices=[("1", _("Essentieel")), ("0", _("Mooi meegenomen"))],
        coerce=lambda v: v == "1",
        initial="1",
    )


class VacatureTaskForm(forms.Form):
    description = forms.CharField(label=_("Taak"), max_length=300)
    niveau = forms.ChoiceField(
        label=_("Niveau van deze taak"),
        choices=[("", _("Kies een niveau"))] + list(Niveau.choices),
        required=False,
    )


class ApplicationMoveForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("Volgende stap"),
        choices=Application.Status.choices,
        error_messages={"invalid_choice": _("Onbekende stap.")},
    )
    meeloopdag_on = forms.DateField(
        label=_("Datum meeloopdag"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    meeloopdag_days = forms.IntegerField(
        label=_("Aantal dagen meelopen (1–5)"), required=False, min_value=1, max_value=5
    )
    conditions = forms.CharField(
        label=_("Voorwaarden van het contract"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: diploma behaald vóór 1 september 2027."),
    )
    note = forms.CharField(
        label=_("Toelichting (verplicht bij afwijzen)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["to_status"].widget.choices = [
                (s, Application.Status(s).label) for s in allowed
            ]
