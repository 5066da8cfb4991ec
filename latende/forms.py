from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import SignupForm
from loopbrug.money import EuroField
from taxonomy.models import Skill

from .models import (
    MAX_ORIENTATIE_DAYS,
    MAX_PLEDGE_AMOUNT,
    ConsentLevel,
    Reason,
    TransitievergoedingPolicy,
    Verdwijnbaan,
)


class VerdwijnbaanForm(forms.ModelForm):
    skills = forms.ModelMultipleChoiceField(
        label=_("Vaardigheden van de functie"),
        queryset=Skill.objects.order_by("label_nl"),
        required=False,
        help_text=_("Zo zien jullie waar deze vaardigheden gevraagd worden."),
    )

    class Meta:
        model = Verdwijnbaan
        fields = ["function_title", "department", "headcount", "expected_date", "reason", "skills"]
        widgets = {"expected_date": forms.DateInput(attrs={"type": "date"})}
        labels = {"reason": _("Reden")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Reason.choices
        self.fields["headcount"].min_value = 1


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Naam van de campagne"), max_length=200)
    code_valid_days = forms.IntegerField(
        label=_("Hoeveel dagen zijn de codes geldig?"), min_value=1, max_value=366, initial=90
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Aantal nieuwe codes"), min_value=1, max_value=200, initial=10
    )


class RedeemForm(forms.Form):
    code = forms.CharField(label=_("Je uitnodigingscode"), max_length=100, strip=True)


class RedeemSignupForm(SignupForm):
    code = forms.CharField(label=_("Je uitnodigingscode"), max_length=100, strip=True)

    field_order = ["code", "full_name", "email", "region", "password1", "password2"]


class ConsentForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Wat mag deze werkgever weten?"),
        choices=ConsentLevel.choices,
        widget=forms.RadioSelect,
    )


class PledgeForm(forms.Form):
    orientatie_days = forms.IntegerField(
        label=_("Oriëntatietijd met behoud van salaris (dagen per persoon)"),
        min_value=0,
        max_value=MAX_ORIENTATIE_DAYS,
        initial=0,
    )
    scholingsbudget = EuroField(
        label=_("Scholingsbudget per persoon (euro)"), max_value=MAX_PLEDGE_AMOUNT, initial=0
    )
    coaching_budget = EuroField(
        label=_("Coaching per persoon (euro)"), max_value=MAX_PLEDGE_AMOUNT, initial=0
    )
    transitievergoeding_policy = forms.ChoiceField(
        label=_("Wat gebeurt er met de transitievergoeding?"),
        choices=TransitievergoedingPolicy.choices,
        widget=forms.RadioSelect,
        initial=TransitievergoedingPolicy.GEEN,
    )
    process_costs = EuroField(
        label=_("Jullie eigen kosten van een gedwongen ontslag per persoon (euro)"),
        help_text=_("Bijvoorbeeld advies, procedure en begeleiding. Voor de businesscase."),
        max_value=MAX_PLEDGE_AMOUNT,
        initial=0,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
