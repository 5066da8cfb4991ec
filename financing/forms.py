from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from loopbrug.money import EuroField, format_euro

from .models import (
    INKOMEN_TIJDENS_TRANSITIE,
    MAX_MONTHLY,
    MAX_MONTHS,
    POST_ORDER,
    ContractType,
    ContributionStatus,
    FunderType,
    Household,
    IncomeBefore,
    IncomeKind,
    OntheffingStatus,
    PostKind,
    Regeling,
    ToeslagKind,
)
from .rules.limits import (
    LEERTIJD_MAX_MONTHS,
    MAX_INCOME_PERIODS,
    ORIENTATIE_MAX_MONTHS,
    OVERSTAP_MAX_MONTHS,
    WW_MAX_MONTHS,
)
from .rules.posts import norm_summary

NEW_PLAN_FIELDS = (
    "household",
    "ww_months_before",
    "arbeidsverleden_years",
    "ontheffing_status",
    "ontheffing_date",
    "contract_type",
    "contract_end",
    "dienstjaren",
    "iob_received",
)


def _months(label, *, maximum: int, help_text: str = ""):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=maximum,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Vul een aantal maanden in (0 mag)."),
            "invalid": _("Vul een heel aantal maanden in."),
            "min_value": _("Vul 0 of meer maanden in."),
            "max_value": _("Hooguit %(limit_value)s maanden."),
        },
    )


class PlanForm(forms.Form):
    """The plan as a whole: months, incomes and the estimate per post (one version)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    start_month = forms.DateField(
        label=_("Eerste maand (start oriëntatie)"),
        input_formats=["%Y-%m", "%Y-%m-%d", "%m-%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Bijvoorbeeld 2025-03 voor maart 2025."),
        error_messages={
            "required": _("Kies de maand waarin de oriëntatie begint."),
            "invalid": _("Kies een maand, bijvoorbeeld 2025-03."),
        },
    )
    orientatie_months = _months(
        _("Maanden oriëntatie"),
        maximum=ORIENTATIE_MAX_MONTHS,
        help_text=_("Gemiddeld 12 dagen, verspreid over 3 maanden."),
    )
    overstap_months = _months(
        _("Maanden overstaptijd (zonder werk)"),
        maximum=OVERSTAP_MAX_MONTHS,
        help_text=_("0 als de overstapper van contract naar contract gaat; de norm is 0 tot 4."),
    )
    leertijd_months = _months(_("Maanden leertijd"), maximum=LEERTIJD_MAX_MONTHS)
    income_before_source = forms.ChoiceField(
        label=_("Inkomen vóór de overstap komt uit"), choices=IncomeBefore.choices
    )
    income_before = EuroField(
        label=_("Inkomen per maand vóór de overstap (euro)"),
        required=False,
        max_value=MAX_MONTHLY,
        help_text=_("Bruto loon, of de uitkering die de overstapper nu krijgt."),
    )
    new_wage = EuroField(
        label=_("Loon per maand in de nieuwe baan (euro)"), required=False, max_value=MAX_MONTHLY
    )
    minimum_income = EuroField(
        label=_("Minimaal nodig per maand (euro)"),
        required=False,
        max_value=MAX_MONTHLY,
        help_text=_("Wat de overstapper nodig heeft voor de vaste lasten."),
    )

    household = forms.ChoiceField(
        label=_("Huishouden"),
        choices=[("", _("Onbekend"))] + list(Household.choices),
        required=False,
        help_text=_("Voor de bijstandsnorm: de bodem onder het inkomen van wie bijstand heeft."),
    )
    ww_months_before = forms.IntegerField(
        label=_("Maanden WW al ontvangen vóór het plan"),
        min_value=0,
        max_value=WW_MAX_MONTHS,
        required=False,
        error_messages={"min_value": _("Het aantal maanden WW kan niet negatief zijn.")},
    )
    arbeidsverleden_years = forms.IntegerField(
        label=_("Arbeidsverleden (jaren)"),
        min_value=0,
        max_value=60,
        required=False,
        help_text=_("Bepaalt hoe lang de WW duurt."),
        error_messages={"min_value": _("Het arbeidsverleden kan niet negatief zijn.")},
    )
    ontheffing_status = forms.ChoiceField(
        label=_("Ontheffing van de sollicitatieplicht (UWV)"),
        choices=OntheffingStatus.choices,
        required=False,
    )
    ontheffing_date = forms.DateField(
        label=_("Datum aanvraag of besluit ontheffing"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2026-03-01.")},
    )
    contract_type = forms.ChoiceField(
        label=_("Soort contract bij de nieuwe werkgever"),
        choices=[("", _("Nog onbekend"))] + list(ContractType.choices),
        required=False,
    )
    contract_end = forms.DateField(
        label=_("Einddatum contract (bij tijdelijk)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2028-08-31.")},
    )
    dienstjaren = forms.DecimalField(
        label=_("Dienstjaren bij de latende werkgever"),
        min_value=0,
        max_value=60,
        decimal_places=2,
        required=False,
        help_text=_("Voor de transitievergoeding."),
        error_messages={"min_value": _("Het aantal dienstjaren kan niet negatief zijn.")},
    )
    iob_received = EuroField(
        label=_("IOB al ontvangen (euro)"),
        required=False,
        help_text=_("Wordt verrekend met de transitievergoeding."),
    )

    def __init__(self, *args, posts=(), **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in ToeslagKind.choices:
            self.fields[f"toeslag_{kind}"] = EuroField(
                label=_("%(toeslag)s per maand (euro)") % {"toeslag": label},
                required=False,
                max_value=MAX_MONTHLY,
            )
            self.fields[f"toeslag_{kind}_last"] = forms.IntegerField(
                label=_("%(toeslag)s: laatste maand") % {"toeslag": label},
                min_value=0,
                max_value=MAX_MONTHS,
                required=False,
                help_text=_("Leeg: loopt door."),
            )
        by_kind = {p.kind: p for p in posts}
        for kind in POST_ORDER:
            label = PostKind(kind).label
            post = by_kind.get(kind)
            help_parts = []
            if post is not None and norm_summary(post):
                help_parts.append(_("Norm: %(norm)s.") % {"norm": norm_summary(post)})
            if kind in INKOMEN_TIJDENS_TRANSITIE:
                help_parts.append(
                    _("Leeg laten: Loopbrug rekent het uit de norm en de lonen hierboven.")
                )
            self.fields[f"estimate_{kind}"] = EuroField(
                label=_("Raming %(post)s (euro)") % {"post": label.lower()},
                required=False,
                help_text=" ".join(str(p) for p in help_parts),
            )
            self.fields[f"note_{kind}"] = forms.CharField(
                label=_("Toelichting %(post)s") % {"post": label.lower()},
                required=False,
                max_length=500,
                error_messages={"max_length": _("Hooguit %(limit_value)d tekens.")},
            )

    def post_rows(self):
        return [
            (kind, PostKind(kind).label, self[f"estimate_{kind}"], self[f"note_{kind}"])
            for kind in POST_ORDER
        ]

    @staticmethod
    def initial_for(plan, posts) -> dict:
        initial = {"version": plan.version}
        for name in (
            "start_month",
            "orientatie_months",
            "overstap_months",
            "leertijd_months",
            "income_before_source",
            "income_before",
            "new_wage",
            "minimum_income",
        ):
            initial[name] = getattr(plan, name)
        for name in NEW_PLAN_FIELDS:
            initial[name] = getattr(plan, name)
        for item in plan.toeslagen or []:
            initial[f"toeslag_{item['kind']}"] = Decimal(str(item["amount"]))
            initial[f"toeslag_{item['kind']}_last"] = item.get("last_month")
        for post in posts:
            initial[f"estimate_{post.kind}"] = post.estimate
            initial[f"note_{post.kind}"] = post.note
        return initial

    def toeslag_rows(self):
        return [
            (label, self[f"toeslag_{kind}"], self[f"toeslag_{kind}_last"])
            for kind, label in ToeslagKind.choices
        ]

    def _new_fields(self) -> dict:
        """The fields of issue 14, only when the form sent them (older forms leave them be)."""
        data = self.cleaned_data
        fields = {
            name: data[name] for name in NEW_PLAN_FIELDS if name in self.data and name in data
        }
        if fields.get("ww_months_before") is None and "ww_months_before" in fields:
            fields["ww_months_before"] = 0
        if "ontheffing_status" in fields and not fields["ontheffing_status"]:
            fields.pop("ontheffing_status")
        if f"toeslag_{ToeslagKind.KINDEROPVANGTOESLAG}" in self.data:
            fields["toeslagen"] = [
                {
                    "kind": kind,
                    "amount": str(data[f"toeslag_{kind}"]),
                    "last_month": data[f"toeslag_{kind}_last"],
                }
                for kind in ToeslagKind.values
                if data.get(f"toeslag_{kind}") is not None
            ]
        return fields

    def plan_fields(self) -> dict:
        return self._base_fields() | self._new_fields()

    def _base_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "start_month",
                "orientatie_months",
                "overstap_months",
                "leertijd_months",
                "income_before_source",
                "income_before",
                "new_wage",
                "minimum_income",
            )
        }

    def posts_data(self) -> dict:
        data = self.cleaned_data
        return {
            kind: {"estimate": data[f"estimate_{kind}"], "note": data[f"note_{kind}"]}
            for kind in POST_ORDER
        }


class IncomePeriodForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort inkomen"),
        choices=[("", _("Kies…"))] + list(IncomeKind.choices),
        required=False,
    )
    payer = forms.CharField(label=_("Betaald door"), max_length=200, required=False)
    first_month = forms.IntegerField(
        label=_("Vanaf maand"),
        min_value=1,
        max_value=MAX_MONTHS,
        required=False,
        error_messages={"min_value": _("Maand 1 is de eerste maand.")},
    )
    last_month = forms.IntegerField(
        label=_("Tot en met maand"),
        min_value=1,
        max_value=MAX_MONTHS,
        required=False,
        error_messages={"min_value": _("Maand 1 is de eerste maand.")},
    )
    amount = EuroField(
        label=_("Bedrag per maand (euro)"),
        required=False,
        max_value=MAX_MONTHLY,
        help_text=_("Bij WW leeg laten: Loopbrug rekent de WW uit."),
    )
    ww_wage = EuroField(
        label=_("WW: loon waarop de uitkering is gebaseerd"),
        required=False,
        max_value=MAX_MONTHLY,
        help_text=_("Leeg: het inkomen vóór de overstap."),
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any(data.get(name) not in (None, "") for name in self.fields if name != "DELETE")

    def clean(self):
        data = super().clean()
        if self.is_blank() or data.get("DELETE"):
            return data
        if not data.get("kind"):
            self.add_error("kind", _("Kies de soort inkomen."))
        for name in ("first_month", "last_month"):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("Vul een maand in (1 is de eerste maand)."))
        return data

    def period_data(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "payer": (data.get("payer") or "").strip(),
            "first_month": data["first_month"],
            "last_month": data["last_month"],
            "amount": data.get("amount"),
            "ww_wage": data.get("ww_wage"),
        }


IncomePeriodFormSet = forms.formset_factory(
    IncomePeriodForm, extra=2, can_delete=True, max_num=MAX_INCOME_PERIODS
)


def period_initial(periods) -> list[dict]:
    return [
        {
            "kind": p.kind,
            "payer": p.payer,
            "first_month": p.first_month,
            "last_month": p.last_month,
            "amount": p.amount,
            "ww_wage": p.ww_wage,
        }
        for p in periods
    ]


def regeling_label(regeling: Regeling) -> str:
    return _("%(name)s (%(issuer)s, tot %(max)s)") % {
        "name": regeling.name,
        "issuer": regeling.issuer,
        "max": format_euro(regeling.amount_max),
    }


class RegelingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return regeling_label(obj)


class ContributionForm(forms.Form):
    post = forms.ChoiceField(
        label=_("Post"),
        choices=[("", _("Kies een post"))] + list(PostKind.choices),
        error_messages={
            "required": _("Kies de post waaraan deze bijdrage meebetaalt."),
            "invalid_choice": _("Kies een van de acht posten."),
        },
    )
    funder_type = forms.ChoiceField(
        label=_("Wie betaalt"),
        choices=FunderType.choices,
        error_messages={
            "required": _("Kies wie er betaalt."),
            "invalid_choice": _("Kies wie er betaalt uit de lijst."),
        },
    )
    funder_organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("(geen of onbekend)"),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    funder_name = forms.CharField(
        label=_("Naam financier"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: UWV Amsterdam, gemeente Utrecht, Sectorfonds Zorg."),
    )
    amount = EuroField(
        label=_("Bedrag (euro)"),
        error_messages={"required": _("Vul een bedrag in.")},
    )
    regeling = RegelingChoiceField(
        label=_("Via regeling (subsidie)"),
        queryset=Regeling.objects.none(),
        required=False,
        empty_label=_("(geen regeling)"),
        error_messages={"invalid_choice": _("Kies een regeling uit de lijst.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ContributionStatus.choices,
        initial=ContributionStatus.VOORGESTELD,
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Hooguit %(limit_value)d tekens.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, access, traject, contract, regelingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regeling"].queryset = regelingen
        if access.edit_plan:
            org_ids = {o.pk for o in contract.organisations}
            if traject.latende_werkgever_id:
                org_ids.add(traject.latende_werkgever_id)
            self.fields["funder_organisation"].queryset = Organisation.objects.filter(
                pk__in=org_ids
            ) | Organisation.objects.filter(kind=Organisation.Kind.FONDS_OVERHEID)
        else:
            # A werkgever fills in its own organisation's contributions only.
            del self.fields["funder_organisation"]
            del self.fields["funder_name"]
            self.fields["funder_type"].choices = [
                (value, label)
                for value, label in FunderType.choices
                if value in access.funder_types
            ]

    def service_data(self) -> dict:
        data = self.cleaned_data
        result = {
            "post_kind": data["post"],
            "funder_type": data["funder_type"],
            "amount": data["amount"],
            "regeling": data.get("regeling"),
            "status": data["status"],
            "note": data.get("note", ""),
        }
        if "funder_organisation" in self.fields:
            result["funder_organisation"] = data.get("funder_organisation")
            result["funder_name"] = data.get("funder_name", "")
        return result
