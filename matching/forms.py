from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.forms import CHECKBOX
from profiles.models import SKILL_LEVELS
from taxonomy.models import Niveau, Skill

from .models import Application, Contract, Vacature


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


DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ContractForm(forms.ModelForm):
    """What the werkgever offers; the rules (end after start, proeftijd, salary) are the
    model's, so the page, the API and the service say the same."""

    proeftijd_months = forms.TypedChoiceField(
        label=_("Proeftijd"),
        choices=[(0, _("Geen proeftijd")), (1, _("1 maand")), (2, _("2 maanden"))],
        coerce=int,
        initial=0,
        help_text=_(
            "Wettelijk hooguit 2 maanden; 1 maand bij een tijdelijk contract korter dan twee "
            "jaar, geen bij zes maanden of korter."
        ),
        error_messages={"invalid_choice": _("De proeftijd is 0, 1 of 2 maanden.")},
    )

    class Meta:
        model = Contract
        fields = [
            "function_title",
            "start_date",
            "contract_type",
            "end_date",
            "hours_per_week",
            "salary",
            "proeftijd_months",
            "conditions",
        ]
        labels = {"salary": _("Bruto maandsalaris in euro")}
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "end_date": _("Alleen bij een tijdelijk contract: de laatste werkdag."),
            "hours_per_week": _("1 tot en met 40 uur."),
            "conditions": _(
                "Waar het contract van afhangt, bijvoorbeeld: diploma behaald vóór "
                "1 september 2027."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A text box, not type=number: "2650,50" is how people here write an amount.
        salary = self.fields["salary"]
        salary.localize = True
        salary.widget = forms.TextInput(attrs={"inputmode": "decimal"})
        salary.widget.is_localized = True
        self.fields["contract_type"].choices = [
            ("", _("Kies vast of tijdelijk")),
            *Contract.Type.choices,
        ]

    @staticmethod
    def initial_for(vacature: Vacature) -> dict:
        """The vacature's facts as a start; the werkgever checks and completes them."""
        return {
            "function_title": vacature.title,
            "start_date": vacature.start_date,
            "hours_per_week": vacature.hours_per_week if vacature.hours_per_week <= 40 else None,
            "salary": vacature.salary_min,
        }


class ContractSignForm(forms.Form):
    read = forms.BooleanField(
        label=_("Ik heb het contract gelezen"),
        error_messages={
            "required": _("Vink aan dat je het contract hebt gelezen voordat je ondertekent.")
        },
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )


class VacatureSplitForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, splits deze vacature; de kandidaten blijven bij deze vacature"),
        error_messages={"required": _("Bevestig dat je de vacature wilt splitsen.")},
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
