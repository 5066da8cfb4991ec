"""Reads for the financieringsplan: the queries and who may see what.

The rules themselves (the gap per post, the WW rule, the income timeline, the verdict, the
subsidiewijzer) are pure functions in `financing.rules`; the loaders here fetch everything a
page needs in a fixed number of queries and hand it to them. The rule names are re-exported
here, so callers that read "selectors.plan_bundle" also find "selectors.ww_monthly".
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Role, User
from journeys.access import traject_visible_for
from journeys.models import Traject
from latende.models import ConsentLevel
from latende.selectors import consent_allows
from matching.models import Application

from .models import (
    DEFAULT_MAX_INCOME_DROP_PCT,
    POST_ORDER,
    Bijstandsnorm,
    FinancingPlan,
    FinancingSettings,
    IncomePeriod,
    LoonheffingParameter,
    Post,
    Regeling,
    SectorNorm,
    TransitievergoedingParameter,
    WwParameter,
)
from .rules.contract import ContractInfo, contract_info
from .rules.income import (  # noqa: F401 - re-exported
    PHASES,
    IncomeLine,
    Timeline,
    TimelineMonth,
    TimelineSegment,
    add_months,
    effective_minimum,
    income_timeline,
    phase_of_month,
)
from .rules.net import FORMULA as NET_FORMULA
from .rules.posts import (  # noqa: F401 - re-exported
    FunderTotal,
    PostView,
    active_amount,
    committed_amount,
    funder_summary,
    income_post_norm_estimate,
    norm_summary,
    pending_amount,
    post_gap,
    post_is_covered,
)
from .rules.subsidies import (  # noqa: F401 - re-exported
    PostSuggestions,
    Suggestion,
    regeling_refusal,
    regeling_usage,
    stacks,
    suggest_regelingen,
    target_group_for,
)
from .rules.transitie import Transitievergoeding, plan_transitievergoeding
from .rules.verdict import Condition, Verdict, plan_verdict  # noqa: F401 - re-exported
from .rules.ww import ww_monthly, ww_parameter_on  # noqa: F401 - re-exported

ZERO = Decimal("0")


def post_views(posts: Iterable[Post]) -> list[PostView]:
    """Posts in the fixed order, each with its (prefetched) contributions."""
    views = [PostView(post=p, contributions=list(p.contributions.all())) for p in posts]
    return sorted(views, key=lambda v: POST_ORDER.index(v.kind))


def stackable_pairs(regelingen: Iterable[Regeling]) -> set[frozenset[int]]:
    """The explicit exceptions (stackable_with), from prefetched rows."""
    return {frozenset((r.pk, other.pk)) for r in regelingen for other in r.stackable_with.all()}


# --- Contract certainty --------------------------------------------------------------------


def contract_info_for(applications: Iterable) -> ContractInfo:
    return contract_info(
        applications,
        signed_status=Application.Status.GETEKEND,
        offered_status=Application.Status.CONTRACT,
    )


def _contract_applications(user_ids: Iterable[int]) -> QuerySet:
    return Application.objects.filter(
        profile__user_id__in=list(user_ids),
        status__in=[Application.Status.CONTRACT, Application.Status.GETEKEND],
    ).select_related("vacature__organisation", "profile")


def norms_for_sector(sector: str) -> dict[str, SectorNorm]:
    return {n.item: n for n in SectorNorm.objects.filter(sector=sector)}


# --- Who may see what ----------------------------------------------------------------------


def latende_werkgever_may_see(traject: Traject, plan: FinancingPlan | None) -> bool:
    """Orientation is confidential (DESIGN, issue 16): the latende werkgever sees the plan only
    with the overstapper's consent, read anew on every request: the plan shared, or consent
    to see the plan's posts it pays. Having invited them (the entry route) is no consent."""
    if plan is not None and plan.shared_with_latende_at is not None:
        return True
    return consent_allows(
        user_id=traject.overstapper_id,
        organisation_id=traject.latende_werkgever_id,
        level=ConsentLevel.PLAN,
    )


def trajecten_for_financing(*, user: User) -> QuerySet[Traject]:
    """Trajecten whose plan this user may open (werkgevers: those they are party to)."""
    if user.is_authenticated and user.role == Role.WERKGEVER:
        if not user.organisation_id:
            return Traject.objects.none()
        org = user.organisation_id
        latende = Q(latende_werkgever_id=org) & (
            Q(
                overstapper__employer_consents__organisation_id=org,
                overstapper__employer_consents__level=ConsentLevel.PLAN,
            )
            | Q(financing_plan__shared_with_latende_at__isnull=False)
        )
        ontvangende = Q(
            overstapper__profile__applications__vacature__organisation_id=org,
            overstapper__profile__applications__status__in=[
                Application.Status.CONTRACT,
                Application.Status.GETEKEND,
            ],
        )
        ids = Traject.objects.filter(latende | ontvangende).values("pk")
        return Traject.objects.with_people().filter(pk__in=ids)
    return traject_visible_for(user=user)


# --- Loaders -------------------------------------------------------------------------------


def income_drop_threshold() -> Decimal:
    row = FinancingSettings.objects.order_by("pk").first()
    return row.max_income_drop_pct if row else DEFAULT_MAX_INCOME_DROP_PCT


def ww_parameters() -> list[WwParameter]:
    return list(WwParameter.objects.all())


def transitievergoeding_parameters() -> list[TransitievergoedingParameter]:
    return list(TransitievergoedingParameter.objects.all())


@dataclass(frozen=True)
class Parameters:
    """The dated tables every plan reads, fetched once per page."""

    ww: list
    loonheffing: list
    bijstandsnormen: list
    transitievergoeding: list
    threshold: Decimal


PARAMETER_TABLES = {
    "ww": WwParameter,
    "loonheffing": LoonheffingParameter,
    "bijstandsnormen": Bijstandsnorm,
    "transitievergoeding": TransitievergoedingParameter,
    "settings": FinancingSettings,
}


def _rows(model, items: list[dict]) -> list:
    """Model instances from a JSON row each (no query), with proper Decimals and dates."""
    rows = []
    for item in items:
        values = {}
        for f in model._meta.concrete_fields:
            value = item.get(f.column)
            values[f.attname] = (
                value if f.get_internal_type() == "JSONField" else f.to_python(value)
            )
        rows.append(model(**values))
    return rows


def parameters() -> Parameters:
    """The dated tables and the settings in one query: a page with a plan, or a list of many,
    stays within its query budget however many tables the rules read."""
    if connection.vendor == "postgresql":
        parts = ", ".join(
            f"'{key}', (SELECT coalesce(json_agg(t), '[]'::json) FROM {model._meta.db_table} t)"
            for key, model in PARAMETER_TABLES.items()
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT json_build_object({parts})::text")
            data = json.loads(cursor.fetchone()[0], parse_float=Decimal)
        tables = {key: _rows(model, data[key]) for key, model in PARAMETER_TABLES.items()}
    else:  # SQLite (`make run`, `make test` without DATABASE_URL): a query per table
        tables = {key: list(model.objects.all()) for key, model in PARAMETER_TABLES.items()}
    settings_rows = sorted(tables["settings"], key=lambda r: r.pk)
    return Parameters(
        ww=sorted(tables["ww"], key=lambda p: p.valid_from, reverse=True),
        loonheffing=tables["loonheffing"],
        bijstandsnormen=tables["bijstandsnormen"],
        transitievergoeding=tables["transitievergoeding"],
        threshold=(
            settings_rows[0].max_income_drop_pct if settings_rows else DEFAULT_MAX_INCOME_DROP_PCT
        ),
    )


def _plan_queryset(*, for_figures: bool = False) -> QuerySet[FinancingPlan]:
    """Plans with their posts, contributions and income periods. The plan's page shows who
    funds and who proposed each contribution; a figure over many plans (the verdict, the
    income timeline) needs none of that, so for_figures leaves those rows out (on the demo
    world's 1,257 plans a third of the objects built)."""
    from .models import Contribution

    contributions = Contribution.objects.all()
    if not for_figures:
        contributions = contributions.select_related(
            "funder_organisation", "regeling", "created_by"
        )
    return FinancingPlan.objects.prefetch_related(
        Prefetch(
            "posts",
            queryset=Post.objects.prefetch_related(
                Prefetch("contributions", queryset=contributions)
            ),
        ),
        "income_periods",
    )


@dataclass
class PlanBundle:
    traject: Traject
    plan: FinancingPlan
    views: list[PostView]
    periods: list[IncomePeriod]
    timeline: Timeline
    contract: ContractInfo
    verdict: Verdict
    threshold: Decimal
    params: Parameters | None = None

    @property
    def transitievergoeding(self) -> Transitievergoeding | None:
        return plan_transitievergoeding(self.plan, self.params.transitievergoeding)

    @property
    def net_formula(self) -> str:
        return str(NET_FORMULA)

    @property
    def total_estimate(self) -> Decimal:
        return sum((v.estimate or ZERO for v in self.views), ZERO)

    @property
    def total_committed(self) -> Decimal:
        return sum((v.committed for v in self.views), ZERO)

    @property
    def total_gap(self) -> Decimal:
        return sum((v.gap or ZERO for v in self.views), ZERO)

    @property
    def unestimated(self) -> int:
        return sum(1 for v in self.views if v.estimate is None)


def _bundle(
    traject: Traject, plan: FinancingPlan, *, contract: ContractInfo, params: Parameters
) -> PlanBundle:
    views = post_views(plan.posts.all())
    periods = list(plan.income_periods.all())
    timeline = income_timeline(
        plan=plan,
        periods=periods,
        ww_params=params.ww,
        threshold=params.threshold,
        tax_params=params.loonheffing,
        norms=params.bijstandsnormen,
    )
    return PlanBundle(
        traject=traject,
        plan=plan,
        views=views,
        periods=periods,
        timeline=timeline,
        contract=contract,
        verdict=plan_verdict(views=views, timeline=timeline, contract=contract, plan=plan),
        threshold=params.threshold,
        params=params,
    )


def contract_for_traject(traject: Traject) -> ContractInfo:
    if traject.overstapper_id is None:
        return ContractInfo()
    return contract_info_for(_contract_applications([traject.overstapper_id]))


def plan_for_traject(traject: Traject) -> FinancingPlan | None:
    return _plan_queryset().filter(traject=traject).first()


def plan_bundle(
    *,
    traject: Traject,
    plan: FinancingPlan | None = None,
    contract: ContractInfo | None = None,
) -> PlanBundle | None:
    """Everything about one plan, computed once (a fixed number of queries)."""
    plan = plan if plan is not None else plan_for_traject(traject)
    if plan is None:
        return None
    return _bundle(
        traject,
        plan,
        contract=contract if contract is not None else contract_for_traject(traject),
        params=parameters(),
    )


def plan_bundles(
    *, trajecten: Sequence[Traject], for_figures: bool = False
) -> dict[int, PlanBundle]:
    """Bundles for many trajecten at once (the list page), without a query per row; with
    for_figures only what the verdict and the income timeline read (see _plan_queryset)."""
    plans = {
        p.traject_id: p
        for p in _plan_queryset(for_figures=for_figures).filter(traject__in=list(trajecten))
    }
    if not plans:
        return {}
    users = [t.overstapper_id for t in trajecten if t.overstapper_id]
    applications: dict[int, list] = defaultdict(list)
    for application in _contract_applications(users):
        applications[application.profile.user_id].append(application)
    params = parameters()
    return {
        t.pk: _bundle(
            t,
            plans[t.pk],
            contract=contract_info_for(applications.get(t.overstapper_id, [])),
            params=params,
        )
        for t in trajecten
        if t.pk in plans
    }


def suggestions_for(bundle: PlanBundle, *, on: date | None = None) -> list[PostSuggestions]:
    regelingen = list(Regeling.objects.prefetch_related("stackable_with"))
    return suggest_regelingen(
        views=bundle.views,
        regelingen=regelingen,
        pairs=stackable_pairs(regelingen),
        sector=bundle.plan.norm_sector or bundle.traject.target_sector,
        target_group=target_group_for(bundle.plan),
        on=on or timezone.localdate(),
        plan_start=bundle.plan.start_month,
        region=region_code_of(bundle.traject),
    )


def region_code_of(traject) -> str | None:
    """The code of the traject's region (None without one: regional schemes then apply)."""
    return traject.region.code if traject.region_id else None


def regelingen_list(
    *, sector: str = "", post: str = "", on: date | None = None, region: str = ""
) -> list[Regeling]:
    qs = Regeling.objects.prefetch_related("stackable_with").order_by("name")
    if on is not None:
        qs = qs.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    rows = list(qs)
    if sector:
        rows = [r for r in rows if r.applies_to_sector(sector)]
    if region:
        rows = [r for r in rows if r.applies_to_region(region)]
    if post:
        rows = [r for r in rows if post in r.posts]
    return rows
