from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector
from loopbrug.money import EuroField
from taxonomy.models import Beroep, Drijfveer, Niveau, Skill, Talent

from . import wendbaarheid
from .models import SKILL_LEVELS, AssessmentResult, EvidenceType, Experience, Profile, ProfileShare

CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
TEXT_LIMIT = 2000


def _text(label, help_text="", max_length=TEXT_LIMIT, rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TalentenForm(forms.Form):
    talents = forms.ModelMultipleChoiceField(
        label=_("Welke talenten herken je in jezelf?"),
        queryset=Talent.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        help_text=_("Kies er zoveel als je wilt. Twijfel je? Vraag iemand die je goed kent."),
    )
    own_words = _text(_("Je talenten in je eigen woorden"))


class SkillSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een skill"),
        required=False,
        max_length=100,
        help_text=_("Typ minstens 2 letters, bijvoorbeeld 'plannen' of 'zorg'."),
    )


class SkillAddForm(forms.Form):
    skill = forms.ModelChoiceField(
        queryset=Skill.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Deze skill bestaat niet. Zoek hem opnieuw op.")},
    )
    level = forms.TypedChoiceField(
        label=_("Hoe goed ben je hierin?"),
        choices=SKILL_LEVELS,
        coerce=int,
        error_messages={"invalid_choice": _("Kies een niveau van 1 tot en met 5.")},
    )
    evidence_type = forms.ChoiceField(
        label=_("Hoe laat je dit zien?"), choices=EvidenceType.choices, initial=EvidenceType.ZELF
    )
    evidence_note = forms.CharField(
        label=_("Toelichting (bijvoorbeeld een voorbeeld of een certificaat)"),
        required=False,
        max_length=500,
    )


class DrijfverenForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for rank in range(1, 6):
            self.fields[f"rank_{rank}"] = forms.ModelChoiceField(
                label=_("Plek %(rank)s") % {"rank": rank},
                queryset=Drijfveer.objects.all(),
                required=False,
                empty_label=_("Kies een drijfveer"),
            )

    def ranked(self) -> list[Drijfveer]:
        return [d for rank in range(1, 6) if (d := self.cleaned_data.get(f"rank_{rank}"))]


class WendbaarheidForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index, statement in enumerate(wendbaarheid.STATEMENTS):
            self.fields[f"q{index}"] = forms.TypedChoiceField(
                label=statement,
                choices=wendbaarheid.ANSWERS,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs=RADIO),
            )

    def answers(self) -> list[int | None]:
        return [self.cleaned_data.get(f"q{i}") for i in range(len(wendbaarheid.STATEMENTS))]


class NiveauForm(forms.Form):
    niveau = forms.ChoiceField(
        label=_("Op welk niveau werk en denk je?"),
        choices=[("", _("Kies een niveau"))] + list(Niveau.choices),
        required=False,
        help_text=_(
            "Het niveau dat je laat zien in je werk, ook als je er geen diploma voor hebt."
        ),
    )
    basis = forms.ChoiceField(
        label=_("Hoe laat je dat zien?"),
        choices=Profile._meta.get_field("niveau_basis").choices,
        required=False,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    evidence = _text(
        _("Bewijs"), _("Welk diploma, of welk werk of welke ervaring laat dit niveau zien?")
    )


class DoelForm(forms.Form):
    ambition = _text(_("Wat wil je bereiken?"))
    motivation = _text(_("Waarom wil je dat?"))
    target_sectors = forms.MultipleChoiceField(
        label=_("In welke sectoren wil je werken?"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    target_beroepen = forms.ModelMultipleChoiceField(
        label=_("Welke beroepen spreken je aan?"),
        queryset=Beroep.objects.filter(code__startswith="lb:").order_by("sector", "label_nl"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    min_net_income = EuroField(
        label=_("Minimaal netto inkomen per maand (euro)"),
        help_text=_("Wat heb je minimaal nodig om rond te komen? Bijvoorbeeld 2150 of 2150,50."),
        required=False,
        max_value=Decimal("100000"),
    )
    hours_per_week = forms.IntegerField(
        label=_("Hoeveel uur per week wil je werken?"),
        required=False,
        min_value=1,
        max_value=60,
    )


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = ["kind", "title", "organisation", "start_year", "end_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ProudForm(forms.Form):
    proud_of = _text(_("Waar ben je trots op?"))


class SensitiveForm(forms.Form):
    health = _text(_("Gezondheid"), _("Alleen als je wilt dat je coach hier rekening mee houdt."))
    arbeidsbeperking = forms.NullBooleanField(
        label=_("Heb je een arbeidsbeperking?"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", _("Zeg ik liever niet")), ("true", _("Ja")), ("false", _("Nee"))]
        ),
    )
    status = forms.CharField(
        label=_("Verblijfsstatus of nationaliteit"), required=False, max_length=200
    )


class ShareForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Waarvoor deel je je profiel?"),
        choices=ProfileShare.Purpose.choices,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    grantee_email = forms.EmailField(
        label=_("E-mailadres van de coach, werkgever of opleider"), max_length=254
    )
    vacature = forms.CharField(
        label=_("Vacature"),
        required=False,
        max_length=200,
        help_text=_("Alleen bij een sollicitatie: de naam van de vacature."),
    )
    expires_on = forms.DateField(
        label=_("Delen tot en met (optioneel)"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("Laat leeg om te delen tot je het zelf intrekt."),
    )


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter controle: alleen jij kunt je account verwijderen."),
    )


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = AssessmentResult
        fields = ["name", "taken_on", "result", "is_wendbaarheid"]
        widgets = {
            "taken_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "result": forms.Textarea(attrs={"rows": 3}),
        }
