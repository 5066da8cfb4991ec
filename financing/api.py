"""API for the financieringsplan: the plan, its contributions, the verdict, the subsidiewijzer
and the regelingen catalogue. Same services and selectors as the HTML pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Organisation, Region, Role, Sector
from loopbrug.api import ERROR_RESPONSES, ErrorSerializer
from loopbrug.pagination import PaginatedListMixin

from . import selectors, services
from .access import PlanAccess, plan_get_for_user
from .models import (
    MAX_AMOUNT,
    MAX_MONTHLY,
    MAX_MONTHS,
    Bijstandsnorm,
    ContractType,
    Contribution,
    ContributionStatus,
    FunderType,
    Household,
    IncomeBefore,
    IncomeKind,
    LoonheffingParameter,
    OntheffingStatus,
    PostKind,
    Regeling,
    TargetGroup,
    ToeslagKind,
    TransitievergoedingParameter,
    WwParameter,
)
from .rules.limits import (
    LEERTIJD_MAX_MONTHS,
    MAX_INCOME_PERIODS,
    ORIENTATIE_MAX_MONTHS,
    OVERSTAP_MAX_MONTHS,
    WW_MAX_MONTHS,
)
from .rules.net import FORMULA as NET_FORMULA

ERRORS = ERROR_RESPONSES
STAFF_ROLES = {Role.COACH, Role.LOKET, Role.BEHEERDER}
WITH_CONFLICT = {**ERRORS, 409: ErrorSerializer}


def _choice(choices, what: str, **kwargs):
    return serializers.ChoiceField(
        choices=choices,
        error_messages={"invalid_choice": f"Onbekende {what}: {{input}}."},
        **kwargs,
    )


def _money(*, max_value=MAX_AMOUNT, **kwargs):
    return serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=0,
        max_value=max_value,
        error_messages={
            "invalid": "Geef een bedrag in euro, bijvoorbeeld 2500.00.",
            "min_value": "Een bedrag kan niet negatief zijn.",
            "max_value": f"Dit bedrag is onwaarschijnlijk hoog (meer dan {max_value} euro).",
            "max_digits": "Dit bedrag is te lang.",
            "max_decimal_places": "Gebruik hooguit twee cijfers achter de komma.",
            "max_whole_digits": "Dit bedrag is te lang.",
        },
        **kwargs,
    )


def _months(maximum: int):
    return serializers.IntegerField(
        min_value=0,
        max_value=maximum,
        required=False,
        error_messages={
            "invalid": "Geef een heel aantal maanden.",
            "min_value": "Een aantal maanden kan niet negatief zijn.",
            "max_value": f"Hooguit {maximum} maanden.",
        },
    )


# --- Output --------------------------------------------------------------------------------


class RegelingOutputSerializer(serializers.ModelSerializer):
    sectors = serializers.ListField(child=serializers.ChoiceField(Sector.choices))
    posts = serializers.ListField(child=serializers.ChoiceField(PostKind.choices))
    stackable_with = serializers.SerializerMethodField()

    class Meta:
        model = Regeling
        fields = [
            "id",
            "name",
            "issuer",
            "funder_type",
            "sectors",
            "regions",
            "posts",
            "target_group",
            "amount_min",
            "amount_max",
            "valid_from",
            "valid_to",
            "stackable",
            "stackable_with",
            "is_loan",
            "conditions",
            "source_note",
        ]

    def get_stackable_with(self, regeling) -> list[int]:
        return sorted(r.pk for r in regeling.stackable_with.all())


class ContributionOutputSerializer(serializers.ModelSerializer):
    post = serializers.CharField(source="post.kind")
    funder_label = serializers.CharField()
    regeling_name = serializers.CharField(source="regeling.name", default=None, allow_null=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "post",
            "funder_type",
            "funder_organisation",
            "funder_name",
            "funder_label",
            "amount",
            "regeling",
            "regeling_name",
            "status",
            "note",
            "version",
            "created_at",
            "updated_at",
        ]


class NormOutputSerializer(serializers.Serializer):
    cost_min = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    cost_max = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    duration = serializers.CharField()
    improductivity_year1_pct = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True
    )
    improductivity_year2_pct = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True
    )
    uncertain = serializers.BooleanField()


class PostOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(PostKind.choices)
    label = serializers.CharField()
    group = serializers.ChoiceField(["activiteiten", "inkomen"])
    estimate = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    note = serializers.CharField()
    norm = NormOutputSerializer()
    committed = serializers.DecimalField(max_digits=10, decimal_places=2)
    pending = serializers.DecimalField(max_digits=10, decimal_places=2)
    gap = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    covered = serializers.BooleanField()
    contributions = ContributionOutputSerializer(many=True)


class IncomePeriodSerializer(serializers.Serializer):
    kind = _choice(IncomeKind.choices, "soort inkomen")
    payer = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    first_month = serializers.IntegerField(min_value=1, max_value=MAX_MONTHS)
    last_month = serializers.IntegerField(min_value=1, max_value=MAX_MONTHS)
    amount = _money(max_value=MAX_MONTHLY, allow_null=True, required=False, default=None)
    ww_wage = _money(max_value=MAX_MONTHLY, allow_null=True, required=False, default=None)


class ToeslagSerializer(serializers.Serializer):
    kind = _choice(ToeslagKind.choices, "toeslag")
    amount = _money(max_value=MAX_MONTHLY)
    last_month = serializers.IntegerField(
        min_value=0,
        max_value=MAX_MONTHS,
        allow_null=True,
        required=False,
        default=None,
        help_text="De laatste maand van de toeslag (leeg: loopt door).",
    )


class TransitievergoedingOutputSerializer(serializers.Serializer):
    statutory = serializers.DecimalField(max_digits=10, decimal_places=2)
    cap = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    iob = serializers.DecimalField(max_digits=10, decimal_places=2)
    available = serializers.DecimalField(max_digits=10, decimal_places=2)


class IncomeLineOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(IncomeKind.choices)
    label = serializers.CharField()
    payer = serializers.CharField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    note = serializers.CharField()


class TimelineMonthOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    month = serializers.DateField()
    phase = serializers.ChoiceField(["orientatie", "overstap", "leertijd", "daarna"])
    lines = IncomeLineOutputSerializer(many=True)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    drop = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    drop_pct = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True)
    over_threshold = serializers.BooleanField()
    below_minimum = serializers.BooleanField()
    net = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        allow_null=True,
        help_text="Geschat netto inkomen met toeslagen; leeg als de loonheffing onbekend is.",
    )
    net_drop = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    toeslagen = ToeslagSerializer(many=True)
    ww_ended = serializers.BooleanField()


class TotalsOutputSerializer(serializers.Serializer):
    estimate = serializers.DecimalField(max_digits=10, decimal_places=2)
    committed = serializers.DecimalField(max_digits=10, decimal_places=2)
    gap = serializers.DecimalField(max_digits=10, decimal_places=2)


class PlanOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    traject = serializers.IntegerField()
    version = serializers.IntegerField()
    norm_sector = serializers.CharField()
    start_month = serializers.DateField()
    orientatie_months = serializers.IntegerField()
    overstap_months = serializers.IntegerField()
    leertijd_months = serializers.IntegerField()
    income_before_source = serializers.ChoiceField(IncomeBefore.choices, allow_null=True)
    income_before = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    new_wage = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    minimum_income = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    household = serializers.ChoiceField(Household.choices, allow_blank=True, allow_null=True)
    toeslagen = ToeslagSerializer(many=True, allow_null=True)
    ww_months_before = serializers.IntegerField(allow_null=True)
    arbeidsverleden_years = serializers.IntegerField(allow_null=True)
    ww_entitlement_months = serializers.IntegerField(allow_null=True)
    ontheffing_status = serializers.ChoiceField(OntheffingStatus.choices, allow_null=True)
    ontheffing_date = serializers.DateField(allow_null=True)
    contract_type = serializers.ChoiceField(ContractType.choices, allow_blank=True)
    contract_end = serializers.DateField(allow_null=True)
    dienstjaren = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    iob_received = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    transitievergoeding = TransitievergoedingOutputSerializer(allow_null=True)
    has_income = serializers.BooleanField(help_text="Onwaar: nog geen inkomensplaatje.")
    net_formula = serializers.CharField()
    max_income_drop_pct = serializers.DecimalField(max_digits=5, decimal_places=2)
    shared_with_latende_werkgever = serializers.BooleanField()
    totals = TotalsOutputSerializer()
    posts = PostOutputSerializer(many=True)
    income_periods = IncomePeriodSerializer(many=True)
    income_timeline = TimelineMonthOutputSerializer(many=True)


class ConditionOutputSerializer(serializers.Serializer):
    key = serializers.ChoiceField(["posten", "inkomen", "contract", "ontheffing"])
    label = serializers.CharField()
    holds = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField()


class VerdictOutputSerializer(serializers.Serializer):
    veilig = serializers.BooleanField()
    conditions = ConditionOutputSerializer(many=True)


class SuggestionOutputSerializer(serializers.Serializer):
    regeling = RegelingOutputSerializer()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)


class NotCombinableOutputSerializer(serializers.Serializer):
    regeling = serializers.CharField()
    reason = serializers.CharField()


class PostSuggestionsOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(PostKind.choices)
    label = serializers.CharField()
    gap = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    open_amount = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    suggestions = SuggestionOutputSerializer(many=True)
    remaining_gap = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    not_combinable = NotCombinableOutputSerializer(many=True)


class SuggestionsOutputSerializer(serializers.Serializer):
    on = serializers.DateField()
    sector = serializers.CharField()
    target_group = serializers.ChoiceField(TargetGroup.choices)
    posts = PostSuggestionsOutputSerializer(many=True)


# --- Input ---------------------------------------------------------------------------------


class PostInputSerializer(serializers.Serializer):
    kind = _choice(PostKind.choices, "post")
    estimate = _money(allow_null=True, required=False)
    note = serializers.CharField(max_length=500, allow_blank=True, required=False)


class PlanPutInputSerializer(serializers.Serializer):
    """Fields you leave out keep their value; `income_periods`, when given, replaces them all."""

    version = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text="De versie die je het laatst ophaalde (nodig zodra het plan bestaat).",
    )
    start_month = serializers.DateField(
        required=False,
        help_text="De eerste maand (de dag telt niet).",
        error_messages={"invalid": "Geef de eerste maand als JJJJ-MM-DD, bijvoorbeeld 2025-03-01."},
    )
    orientatie_months = _months(ORIENTATIE_MAX_MONTHS)
    overstap_months = _months(OVERSTAP_MAX_MONTHS)
    leertijd_months = _months(LEERTIJD_MAX_MONTHS)
    income_before_source = _choice(IncomeBefore.choices, "soort inkomen", required=False)
    income_before = _money(max_value=MAX_MONTHLY, allow_null=True, required=False)
    new_wage = _money(max_value=MAX_MONTHLY, allow_null=True, required=False)
    minimum_income = _money(max_value=MAX_MONTHLY, allow_null=True, required=False)
    household = _choice(Household.choices, "huishouden", required=False, allow_blank=True)
    toeslagen = ToeslagSerializer(many=True, required=False, max_length=10)
    ww_months_before = serializers.IntegerField(
        min_value=0,
        max_value=WW_MAX_MONTHS,
        required=False,
        error_messages={"min_value": "Het aantal maanden WW kan niet negatief zijn."},
    )
    arbeidsverleden_years = serializers.IntegerField(
        min_value=0,
        max_value=60,
        allow_null=True,
        required=False,
        error_messages={"min_value": "Het arbeidsverleden kan niet negatief zijn."},
    )
    ontheffing_status = _choice(OntheffingStatus.choices, "status", required=False)
    ontheffing_date = serializers.DateField(required=False, allow_null=True)
    contract_type = _choice(
        ContractType.choices, "soort contract", required=False, allow_blank=True
    )
    contract_end = serializers.DateField(required=False, allow_null=True)
    dienstjaren = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=60,
        allow_null=True,
        required=False,
        error_messages={"min_value": "Het aantal dienstjaren kan niet negatief zijn."},
    )
    iob_received = _money(allow_null=True, required=False)
    posts = PostInputSerializer(many=True, required=False, max_length=8)
    income_periods = IncomePeriodSerializer(
        many=True, required=False, max_length=MAX_INCOME_PERIODS
    )

    def validate_posts(self, posts):
        kinds = [p["kind"] for p in posts]
        if len(set(kinds)) != len(kinds):
            raise serializers.ValidationError("Elke post mag maar één keer voorkomen.")
        return posts


class ContributionInputSerializer(serializers.Serializer):
    post = _choice(PostKind.choices, "post")
    funder_type = _choice(FunderType.choices, "financier")
    funder_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        error_messages={"does_not_exist": "Onbekende organisatie: {pk_value}."},
    )
    funder_name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    amount = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        error_messages={
            "invalid": "Geef een bedrag in euro, bijvoorbeeld 2500.00.",
            "max_digits": "Dit bedrag is onwaarschijnlijk hoog.",
            "max_whole_digits": "Dit bedrag is onwaarschijnlijk hoog.",
            "max_decimal_places": "Gebruik hooguit twee cijfers achter de komma.",
        },
    )
    regeling = serializers.PrimaryKeyRelatedField(
        queryset=Regeling.objects.all(),
        allow_null=True,
        required=False,
        error_messages={"does_not_exist": "Onbekende regeling: {pk_value}."},
    )
    status = _choice(
        ContributionStatus.choices, "status", required=False, default=ContributionStatus.VOORGESTELD
    )
    note = serializers.CharField(max_length=500, allow_blank=True, required=False)

    def service_data(self) -> dict:
        data = dict(self.validated_data)
        data.pop("version", None)
        if "post" in data:
            data["post_kind"] = data.pop("post")
        return data


class ContributionUpdateInputSerializer(ContributionInputSerializer):
    version = serializers.IntegerField(
        min_value=0, help_text="De versie van de bijdrage die je het laatst ophaalde."
    )


# --- Helpers -------------------------------------------------------------------------------


def _require_plan(plan):
    if plan is None:
        raise Http404
    return plan


def _conflict(stale: services.StaleVersion) -> Response:
    return Response(
        {"message": stale.message, "extra": {"current_version": stale.current_version}},
        status=status.HTTP_409_CONFLICT,
    )


def _norm(post) -> dict:
    return {
        "cost_min": post.norm_cost_min,
        "cost_max": post.norm_cost_max,
        "duration": post.norm_duration,
        "improductivity_year1_pct": post.norm_improductivity_year1_pct,
        "improductivity_year2_pct": post.norm_improductivity_year2_pct,
        "uncertain": post.norm_uncertain,
    }


def plan_data(bundle: selectors.PlanBundle, access: PlanAccess) -> dict:
    plan, income = bundle.plan, access.sees_income
    return {
        "id": plan.pk,
        "traject": bundle.traject.pk,
        "version": plan.version,
        "norm_sector": plan.norm_sector,
        "start_month": plan.start_month,
        "orientatie_months": plan.orientatie_months,
        "overstap_months": plan.overstap_months,
        "leertijd_months": plan.leertijd_months,
        "income_before_source": plan.income_before_source if income else None,
        "income_before": plan.income_before if income else None,
        "new_wage": plan.new_wage if income else None,
        "minimum_income": plan.minimum_income if income else None,
        "household": plan.household if income else None,
        "toeslagen": plan.toeslagen if income else None,
        "ww_months_before": plan.ww_months_before if income else None,
        "arbeidsverleden_years": plan.arbeidsverleden_years if income else None,
        "ww_entitlement_months": bundle.timeline.ww_entitlement if income else None,
        "ontheffing_status": plan.ontheffing_status if income else None,
        "ontheffing_date": plan.ontheffing_date if income else None,
        "contract_type": plan.contract_type,
        "contract_end": plan.contract_end,
        "dienstjaren": plan.dienstjaren if income else None,
        "iob_received": plan.iob_received if income else None,
        "transitievergoeding": bundle.transitievergoeding if income else None,
        "has_income": bundle.timeline.has_income,
        "net_formula": bundle.net_formula,
        "max_income_drop_pct": bundle.threshold,
        "shared_with_latende_werkgever": plan.shared_with_latende_at is not None,
        "totals": {
            "estimate": bundle.total_estimate,
            "committed": bundle.total_committed,
            "gap": bundle.total_gap,
        },
        "posts": [
            {
                "kind": v.kind,
                "label": v.label,
                "group": v.group,
                "estimate": v.estimate,
                "note": v.post.note,
                "norm": _norm(v.post),
                "committed": v.committed,
                "pending": v.pending,
                "gap": v.gap,
                "covered": v.covered,
                "contributions": v.contributions,
            }
            for v in bundle.views
        ],
        "income_periods": bundle.periods if income else [],
        "income_timeline": bundle.timeline.months if income else [],
    }


def verdict_data(bundle: selectors.PlanBundle, access: PlanAccess) -> dict:
    conditions = []
    for c in bundle.verdict.conditions:
        hidden = c.key in ("inkomen", "ontheffing") and not access.sees_income
        note = "De inkomensgegevens ziet alleen de overstapper en de coach."
        conditions.append(
            {
                "key": c.key,
                "label": c.label,
                "holds": c.holds,
                "missing": [] if hidden else c.missing,
                "summary": note if hidden else c.summary,
            }
        )
    return {"veilig": bundle.verdict.veilig, "conditions": conditions}


# --- Views ---------------------------------------------------------------------------------


class FinancingPlanApi(APIView):
    @extend_schema(
        summary="Het financieringsplan van een traject",
        responses={200: PlanOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        traject, plan, access, contract = plan_get_for_user(user=request.user, pk=pk)
        bundle = selectors.plan_bundle(traject=traject, plan=_require_plan(plan), contract=contract)
        return Response(PlanOutputSerializer(plan_data(bundle, access)).data)

    @extend_schema(
        summary="Financieringsplan opslaan (of starten als het er nog niet is)",
        description=(
            "Velden die je weglaat houden hun waarde. Bestaat het plan al, geef dan de `version` "
            "mee die je ophaalde; heeft iemand anders intussen opgeslagen, dan volgt 409 en "
            "verandert er niets."
        ),
        request=PlanPutInputSerializer,
        responses={200: PlanOutputSerializer, 201: PlanOutputSerializer, **WITH_CONFLICT},
    )
    def put(self, request, pk: int):
        traject, plan, access, contract = plan_get_for_user(user=request.user, pk=pk, action=None)
        serializer = PlanPutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        posts = {p["kind"]: p for p in data.pop("posts", [])}
        periods = data.pop("income_periods", None)
        if "toeslagen" in data:
            data["toeslagen"] = [{**t, "amount": str(t["amount"])} for t in data["toeslagen"]]
        created = plan is None
        if not created and version is None:
            raise DjangoValidationError(
                {"version": "Geef de versie mee die je het laatst hebt opgehaald."}
            )
        try:
            with transaction.atomic():
                if created:
                    plan = services.plan_create(traject=traject, by=request.user)
                    version = plan.version
                plan = services.plan_update(
                    plan=plan,
                    by=request.user,
                    version=version,
                    fields=data,
                    posts={
                        k: {f: v for f, v in p.items() if f != "kind"} for k, p in posts.items()
                    },
                    income_periods=[dict(p) for p in periods] if periods is not None else None,
                )
        except services.StaleVersion as stale:
            return _conflict(stale)
        bundle = selectors.plan_bundle(traject=traject)
        return Response(
            PlanOutputSerializer(plan_data(bundle, access)).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class FinancingVerdictApi(APIView):
    @extend_schema(
        summary="Financieel veilig? De drie voorwaarden en wat er ontbreekt",
        responses={200: VerdictOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        traject, plan, access, contract = plan_get_for_user(user=request.user, pk=pk)
        bundle = selectors.plan_bundle(traject=traject, plan=_require_plan(plan), contract=contract)
        return Response(VerdictOutputSerializer(verdict_data(bundle, access)).data)


class FinancingSuggestionsApi(APIView):
    @extend_schema(
        summary="Subsidiewijzer: regelingen per post en het tekort dat overblijft",
        responses={200: SuggestionsOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        traject, plan, _access, contract = plan_get_for_user(user=request.user, pk=pk)
        bundle = selectors.plan_bundle(traject=traject, plan=_require_plan(plan), contract=contract)
        on = timezone.localdate()
        items = selectors.suggestions_for(bundle, on=on)
        data = {
            "on": on,
            "sector": bundle.plan.norm_sector or traject.target_sector,
            "target_group": selectors.target_group_for(bundle.plan),
            "posts": [
                {
                    "kind": item.view.kind,
                    "label": item.view.label,
                    "gap": item.view.gap,
                    "open_amount": item.open_amount,
                    "suggestions": item.suggestions,
                    "remaining_gap": item.remaining_gap,
                    "not_combinable": [
                        {"regeling": r.name, "reason": reason} for r, reason in item.not_combinable
                    ],
                }
                for item in items
            ],
        }
        return Response(SuggestionsOutputSerializer(data).data)


class ContributionsApi(PaginatedListMixin, APIView):
    @extend_schema(
        summary="Bijdragen aan het plan",
        responses={200: ContributionOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request, pk: int):
        traject, plan, _access, contract = plan_get_for_user(user=request.user, pk=pk)
        bundle = selectors.plan_bundle(traject=traject, plan=_require_plan(plan), contract=contract)
        contributions = [c for v in bundle.views for c in v.contributions]
        return self.paginated_response(contributions, ContributionOutputSerializer)

    @extend_schema(
        summary="Bijdrage toevoegen (een werkgever: alleen namens de eigen organisatie)",
        request=ContributionInputSerializer,
        responses={201: ContributionOutputSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        _traject, plan, _access, contract = plan_get_for_user(user=request.user, pk=pk, action=None)
        serializer = ContributionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contribution = services.contribution_create(
            plan=_require_plan(plan), by=request.user, **serializer.service_data()
        )
        return Response(
            ContributionOutputSerializer(contribution).data, status=status.HTTP_201_CREATED
        )


class ContributionDetailApi(APIView):
    def _get(self, request, pk: int, contribution_id: int, *, action: str | None = None):
        _traject, plan, access, contract = plan_get_for_user(
            user=request.user, pk=pk, action=action
        )
        contribution = (
            Contribution.objects.select_related("post__plan", "regeling", "funder_organisation")
            .filter(pk=contribution_id, post__plan=_require_plan(plan))
            .first()
        )
        if contribution is None:
            raise Http404
        return contribution, access

    @extend_schema(summary="Eén bijdrage", responses={200: ContributionOutputSerializer, **ERRORS})
    def get(self, request, pk: int, contribution_id: int):
        contribution, _access = self._get(request, pk, contribution_id, action="financing.view")
        return Response(ContributionOutputSerializer(contribution).data)

    @extend_schema(
        summary="Bijdrage vervangen",
        request=ContributionUpdateInputSerializer,
        responses={200: ContributionOutputSerializer, **WITH_CONFLICT},
    )
    def put(self, request, pk: int, contribution_id: int):
        return self._update(request, pk, contribution_id, partial=False)

    @extend_schema(
        summary="Bijdrage deels wijzigen (bijvoorbeeld alleen de status)",
        request=ContributionUpdateInputSerializer(partial=True),
        responses={200: ContributionOutputSerializer, **WITH_CONFLICT},
    )
    def patch(self, request, pk: int, contribution_id: int):
        return self._update(request, pk, contribution_id, partial=True)

    def _update(self, request, pk: int, contribution_id: int, *, partial: bool):
        contribution, _access = self._get(request, pk, contribution_id)
        serializer = ContributionUpdateInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        version = serializer.validated_data.get("version")
        if version is None:
            raise DjangoValidationError(
                {"version": "Geef de versie mee van de bijdrage die je ophaalde."}
            )
        try:
            contribution = services.contribution_update(
                contribution=contribution,
                by=request.user,
                version=version,
                **serializer.service_data(),
            )
        except services.StaleVersion as stale:
            return _conflict(stale)
        return Response(ContributionOutputSerializer(contribution).data)

    @extend_schema(
        summary="Bijdrage verwijderen",
        parameters=[
            OpenApiParameter(
                "version",
                OpenApiTypes.INT,
                required=False,
                description="Verwijder alleen als de bijdrage nog deze versie heeft.",
            )
        ],
        responses={204: None, **WITH_CONFLICT},
    )
    def delete(self, request, pk: int, contribution_id: int):
        contribution, _access = self._get(request, pk, contribution_id)
        raw = request.query_params.get("version")
        version = None
        if raw not in (None, ""):
            field = serializers.IntegerField(min_value=0)
            try:
                version = field.run_validation(raw)
            except serializers.ValidationError as exc:
                raise DjangoValidationError({"version": "Geef de versie als heel getal."}) from exc
        try:
            services.contribution_delete(
                contribution=contribution, by=request.user, version=version
            )
        except services.StaleVersion as stale:
            return _conflict(stale)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RegelingQuerySerializer(serializers.Serializer):
    sector = _choice(Sector.choices, "sector", required=False, allow_blank=True)
    post = _choice(PostKind.choices, "post", required=False, allow_blank=True)
    on = serializers.DateField(
        required=False, error_messages={"invalid": "Geef een datum als JJJJ-MM-DD."}
    )
    region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        required=False,
        error_messages={"does_not_exist": "Onbekende arbeidsmarktregio: {value}."},
    )


class RegelingListApi(generics.ListAPIView):
    serializer_class = RegelingOutputSerializer

    def get_queryset(self):
        query = RegelingQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.regelingen_list(
            sector=query.validated_data.get("sector", ""),
            post=query.validated_data.get("post", ""),
            on=query.validated_data.get("on"),
            region=getattr(query.validated_data.get("region"), "code", ""),
        )

    @extend_schema(
        summary="Regelingen (subsidies): per sector, per post en geldig op een datum",
        parameters=[
            OpenApiParameter("sector", OpenApiTypes.STR, enum=Sector.values, required=False),
            OpenApiParameter("post", OpenApiTypes.STR, enum=PostKind.values, required=False),
            OpenApiParameter("on", OpenApiTypes.DATE, required=False),
            OpenApiParameter("region", OpenApiTypes.STR, required=False),
        ],
        responses={200: RegelingOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# --- Dated parameters ----------------------------------------------------------------------


class WwParameterOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = WwParameter
        exclude = ["id"]


class LoonheffingParameterOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoonheffingParameter
        exclude = ["id"]


class BijstandsnormOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bijstandsnorm
        exclude = ["id"]


class TransitievergoedingParameterOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = TransitievergoedingParameter
        exclude = ["id"]


class ParametersOutputSerializer(serializers.Serializer):
    ww = WwParameterOutputSerializer(many=True)
    transitievergoeding = TransitievergoedingParameterOutputSerializer(many=True)
    loonheffing = LoonheffingParameterOutputSerializer(many=True)
    bijstandsnormen = BijstandsnormOutputSerializer(many=True)
    net_formula = serializers.CharField()


class ParametersApi(APIView):
    @extend_schema(
        summary="De gedateerde rekentabellen (WW, transitievergoeding, loonheffing, bijstand)",
        description="Voor coaches, loketmedewerkers en beheerders; een beheerder past ze aan "
        "in het beheer.",
        responses={200: ParametersOutputSerializer, **ERRORS},
    )
    def get(self, request):
        if request.user.role not in STAFF_ROLES:
            raise PermissionDenied("Alleen coaches, loketmedewerkers en beheerders zien dit.")
        params = selectors.parameters()
        data = {
            "ww": params.ww,
            "transitievergoeding": params.transitievergoeding,
            "loonheffing": params.loonheffing,
            "bijstandsnormen": params.bijstandsnormen,
            "net_formula": str(NET_FORMULA),
        }
        return Response(ParametersOutputSerializer(data).data)
