"""Every change to a financieringsplan. The HTML views and the API call these, so each rule
(who may, what is valid, optimistic locking) exists once."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from journeys.models import Traject
from loopbrug.money import format_euro
from loopbrug.services import audit_log
from profiles.models import Profile

from . import selectors
from .access import plan_access
from .models import (
    INKOMEN_TIJDENS_TRANSITIE,
    POST_ORDER,
    TRANSITIEACTIVITEITEN,
    WERKGEVER_FUNDERS,
    Contribution,
    ContributionStatus,
    FinancingPlan,
    FunderType,
    IncomeKind,
    IncomePeriod,
    Post,
    PostKind,
    Regeling,
)
from .pledges import pledge_apply_for_traject
from .rules.contributions import (
    basic_error,
    post_room_error,
    regeling_maximum_error,
    stacking_error,
)
from .rules.plan_checks import (
    clean_toeslagen,
    ontheffing_problems,
    transitievergoeding_problems,
    tv_used_by_periods,
    ww_before_problems,
)
from .rules.posts import active_amount, income_post_norm_estimate
from .rules.subsidies import regeling_refusal, target_group_for
from .rules.transitie import plan_transitievergoeding

PLAN_FIELDS = (
    "start_month",
    "orientatie_months",
    "overstap_months",
    "leertijd_months",
    "income_before",
    "income_before_source",
    "new_wage",
    "minimum_income",
    "household",
    "toeslagen",
    "ww_months_before",
    "arbeidsverleden_years",
    "ontheffing_status",
    "ontheffing_date",
    "contract_type",
    "contract_end",
    "dienstjaren",
    "iob_received",
)


class StaleVersion(Exception):
    """Someone else saved first; the caller shows the conflict and keeps what was typed."""

    def __init__(self, current_version: int, message: str):
        super().__init__(message)
        self.current_version = current_version
        self.message = message


def plan_conflict_message() -> str:
    return _(
        "Iemand anders heeft het financieringsplan opgeslagen terwijl jij het aanpaste. "
        "Er is niets opgeslagen. Wat jij invulde staat er nog; de nieuwste gegevens zie je "
        "ernaast. Controleer alles en sla opnieuw op."
    )


def contribution_conflict_message() -> str:
    return _(
        "Iemand anders heeft deze bijdrage gewijzigd terwijl jij hem aanpaste. Er is niets "
        "opgeslagen. Wat jij invulde staat er nog; de nieuwste gegevens zie je ernaast. "
        "Controleer alles en sla opnieuw op."
    )


def _access(user: User, traject: Traject, plan: FinancingPlan | None):
    contract = selectors.contract_for_traject(traject)
    return plan_access(user=user, traject=traject, plan=plan, contract=contract), contract


def _require_edit_plan(user: User, traject: Traject, plan: FinancingPlan | None) -> None:
    access, _contract = _access(user, traject, plan)
    if access is None or not access.edit_plan:
        raise PermissionDenied(
            _("Alleen de coach van dit traject kan het financieringsplan wijzigen.")
        )


def _first_of_month(value: date) -> date:
    return value.replace(day=1)


# --- The plan ------------------------------------------------------------------------------


def _prefill_income_posts(
    plan: FinancingPlan, posts: list[Post], norms: dict, only: set[str]
) -> None:
    for post in posts:
        if post.kind in only and post.estimate is None:
            post.estimate = income_post_norm_estimate(
                kind=post.kind, plan=plan, norm=norms.get(post.kind)
            )


@transaction.atomic
def plan_create(*, traject: Traject, by: User) -> FinancingPlan:
    """Start the eight-post plan of a traject, each post filled in from the target sector's norm."""
    _require_edit_plan(by, traject, None)
    if FinancingPlan.objects.filter(traject=traject).exists():
        raise ValidationError(_("Dit traject heeft al een financieringsplan."))
    sector = traject.target_sector
    norms = selectors.norms_for_sector(sector) if sector else {}
    leertijd_norm = norms.get(PostKind.LEERTIJD)
    leertijd_months = 12
    if leertijd_norm is not None and leertijd_norm.duration_months:
        leertijd_months = math.ceil(leertijd_norm.duration_months)
    minimum = None
    if traject.overstapper_id:
        profile = Profile.objects.filter(user_id=traject.overstapper_id).first()
        minimum = profile.min_net_income if profile else None
    plan = FinancingPlan(
        traject=traject,
        norm_sector=sector if norms else "",
        start_month=_first_of_month(timezone.localdate()),
        leertijd_months=leertijd_months,
        minimum_income=minimum,
        created_by=by,
        updated_by=by,
    )
    plan.full_clean()
    plan.save()
    posts = []
    for position, kind in enumerate(POST_ORDER, start=1):
        norm = norms.get(kind)
        post = Post(plan=plan, kind=kind, position=position)
        if norm is not None:
            post.norm_cost_min, post.norm_cost_max = norm.cost_min, norm.cost_max
            post.norm_duration = norm.duration
            post.norm_improductivity_year1_pct = norm.improductivity_year1_pct
            post.norm_improductivity_year2_pct = norm.improductivity_year2_pct
            post.norm_uncertain = not norm.certain
            # Plan with the upper end of the range: a plan that is short is not safe.
            if kind in TRANSITIEACTIVITEITEN:
                post.estimate = norm.cost_max
        posts.append(post)
    _prefill_income_posts(plan, posts, norms, set(INKOMEN_TIJDENS_TRANSITIE))
    for post in posts:
        post.full_clean()
    Post.objects.bulk_create(posts)
    audit_log(actor=by, action="financing.plan_create", obj=plan, sector=sector)
    # The leaving employer's pledge, when the overstapper lets it see the plan's posts.
    pledge_apply_for_traject(traject=traject, by=by)
    return plan


def _validate_periods(plan: FinancingPlan, periods: list[dict]) -> tuple[list[IncomePeriod], dict]:
    built, errors = [], {}
    for index, data in enumerate(periods):
        period = IncomePeriod(plan=plan, **data)
        problems = []
        try:
            period.full_clean(exclude=["plan"])
        except ValidationError as exc:
            problems += [m for msgs in exc.message_dict.values() for m in msgs]
        if not problems:
            if period.first_month > period.last_month:
                problems.append(_("De eerste maand ligt na de laatste maand."))
            elif period.last_month > plan.total_months:
                problems.append(
                    _("Het plan telt %(total)s maanden; deze periode loopt tot maand %(last)s.")
                    % {"total": plan.total_months, "last": period.last_month}
                )
            if period.kind == IncomeKind.WW:
                if period.ww_wage is None and plan.income_before is None:
                    problems.append(
                        _("Voor de WW is het loon nodig: vul het loon vóór de overstap in.")
                    )
            elif period.amount is None:
                problems.append(_("Vul het bedrag per maand in."))
        if problems:
            errors[f"period:{index}"] = problems
        built.append(period)
    return built, errors


def _apply_plan_fields(plan: FinancingPlan, fields: dict) -> dict[str, list[str]]:
    """Set the plan's own fields; the problems per field."""
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValidationError({name: _("Dit veld bestaat niet.")})
        setattr(plan, name, value)
    if plan.start_month:
        plan.start_month = _first_of_month(plan.start_month)
    plan.toeslagen, toeslag_problems = clean_toeslagen(plan.toeslagen)
    errors = {"toeslagen": toeslag_problems} if toeslag_problems else {}
    try:
        plan.full_clean(exclude=["traject", "toeslagen"])
    except ValidationError as exc:
        return exc.message_dict | errors
    ww_params = selectors.ww_parameters()
    return errors | ww_before_problems(plan, ww_params) | ontheffing_problems(plan)


def _transitievergoeding_problems(
    plan: FinancingPlan, *, periods, contributions, field: str
) -> dict[str, list[str]]:
    """The plan may not take more from the transitievergoeding than the statute gives."""
    used = tv_used_by_periods(periods) + sum(
        (
            c.amount
            for c in contributions
            if c.funder_type == FunderType.TRANSITIEVERGOEDING
            and c.status != ContributionStatus.AFGEWEZEN
        ),
        Decimal("0"),
    )
    tv = plan_transitievergoeding(plan, selectors.transitievergoeding_parameters())
    return transitievergoeding_problems(tv, used=used, field=field)


def _post_problems(post: Post) -> list[str]:
    try:
        post.full_clean(exclude=["plan"])
    except ValidationError as exc:
        return [m for msgs in exc.message_dict.values() for m in msgs]
    active = active_amount(post.contributions.all())
    if active and (post.estimate is None or post.estimate < active):
        return [
            _(
                "Voor %(post)s staat al %(active)s aan bijdragen in het plan; de raming kan "
                "niet lager zijn. Pas eerst de bijdragen aan."
            )
            % {"post": post.get_kind_display().lower(), "active": format_euro(active)}
        ]
    return []


def _apply_posts(db_posts: dict[str, Post], posts: dict[str, dict]) -> dict[str, list[str]]:
    """Set the estimate and note per post; the problems per post."""
    errors: dict[str, list[str]] = {}
    for kind, data in posts.items():
        post = db_posts.get(kind)
        if post is None:
            errors.setdefault("posts", []).append(_("Onbekende post: %(kind)s.") % {"kind": kind})
            continue
        if "estimate" in data:
            post.estimate = data["estimate"]
        if "note" in data:
            post.note = data["note"] or ""
        problems = _post_problems(post)
        if problems:
            errors[f"post:{kind}"] = problems
    return errors


def _periods_fit(plan: FinancingPlan) -> dict[str, list[str]]:
    """Kept periods must still fit when the plan gets shorter."""
    beyond = plan.income_periods.filter(last_month__gt=plan.total_months).first()
    if beyond is None:
        return {}
    return {
        "leertijd_months": [
            _(
                "Er is een inkomstenperiode tot maand %(last)s; het plan kan niet korter "
                "zijn. Pas eerst die periode aan."
            )
            % {"last": beyond.last_month}
        ]
    }


@transaction.atomic
def plan_update(
    *,
    plan: FinancingPlan,
    by: User,
    version: int,
    fields: dict | None = None,
    posts: dict[str, dict] | None = None,
    income_periods: list[dict] | None = None,
) -> FinancingPlan:
    """Save the plan: its months and incomes, the estimate per post and, when given, the income
    periods (replacing the old ones). Refused as a whole when someone else saved in between."""
    locked = (
        FinancingPlan.objects.select_for_update(of=("self",))
        .select_related("traject")
        .get(pk=plan.pk)
    )
    _require_edit_plan(by, locked.traject, locked)
    if locked.version != version:
        raise StaleVersion(locked.version, plan_conflict_message())
    errors = _apply_plan_fields(locked, fields or {})
    db_posts = {
        p.kind: p for p in Post.objects.filter(plan=locked).prefetch_related("contributions")
    }
    was_empty = {kind for kind, p in db_posts.items() if p.estimate is None}
    errors.update(_apply_posts(db_posts, posts or {}))
    new_periods = None
    if not errors:
        if income_periods is not None:
            new_periods, period_errors = _validate_periods(locked, income_periods)
            errors.update(period_errors)
        else:
            errors.update(_periods_fit(locked))
    if not errors:
        errors.update(
            _transitievergoeding_problems(
                locked,
                periods=new_periods if new_periods is not None else locked.income_periods.all(),
                contributions=Contribution.objects.filter(post__plan=locked),
                field="dienstjaren",
            )
        )
    if errors:
        raise ValidationError(errors)

    norms = selectors.norms_for_sector(locked.norm_sector) if locked.norm_sector else {}
    _prefill_income_posts(locked, list(db_posts.values()), norms, was_empty)
    locked.version += 1
    locked.updated_by = by
    locked.save()
    for post in db_posts.values():
        post.save(update_fields=["estimate", "note"])
    if new_periods is not None:
        locked.income_periods.all().delete()
        IncomePeriod.objects.bulk_create(new_periods)
    audit_log(
        actor=by,
        action="financing.plan_update",
        obj=locked,
        version=locked.version,
        fields=sorted((fields or {}).keys()),
        posts=sorted((posts or {}).keys()),
        income_periods=None if income_periods is None else len(income_periods),
    )
    return locked


@transaction.atomic
def plan_share_with_latende_werkgever(
    *, plan: FinancingPlan, by: User, share: bool
) -> FinancingPlan:
    """The overstapper decides whether the latende werkgever sees the plan (confidential
    orientation, DESIGN)."""
    locked = (
        FinancingPlan.objects.select_for_update(of=("self",))
        .select_related("traject")
        .get(pk=plan.pk)
    )
    traject = locked.traject
    if traject.overstapper_id != by.pk:
        raise PermissionDenied(
            _("Alleen de overstapper zelf beslist of de latende werkgever meekijkt.")
        )
    if traject.latende_werkgever_id is None:
        raise ValidationError(_("Er is geen latende werkgever aan dit traject gekoppeld."))
    locked.shared_with_latende_at = timezone.now() if share else None
    locked.save(update_fields=["shared_with_latende_at", "updated_at"])
    audit_log(
        actor=by,
        action="financing.share_latende" if share else "financing.unshare_latende",
        obj=locked,
        organisation=traject.latende_werkgever_id,
    )
    return locked


# --- Contributions -------------------------------------------------------------------------


def _raise_if(error: dict | None) -> None:
    if error:
        raise ValidationError(error)


def _resolve_werkgever(contribution: Contribution, *, traject: Traject, contract) -> None:
    """The werkgever roles point at the employers of this traject: fill in the organisation when
    it is clear, refuse one that is not party to the traject."""
    org = contribution.funder_organisation
    if contribution.funder_type == FunderType.LATENDE_WERKGEVER:
        if org is None and traject.latende_werkgever_id:
            contribution.funder_organisation = org = traject.latende_werkgever
        elif org is not None and traject.latende_werkgever_id not in (None, org.pk):
            message = _("%(org)s is niet de latende werkgever van dit traject.")
            raise ValidationError({"funder_organisation": message % {"org": org}})
    if contribution.funder_type == FunderType.ONTVANGENDE_WERKGEVER:
        known = contract.organisations
        if org is None and known:
            contribution.funder_organisation = org = known[0]
        elif org is not None and known and org.pk not in {o.pk for o in known}:
            message = _("%(org)s heeft geen (voorwaardelijk) contract met deze overstapper.")
            raise ValidationError({"funder_organisation": message % {"org": org}})
    if contribution.funder_type in WERKGEVER_FUNDERS:
        if org is None and not contribution.funder_name.strip():
            raise ValidationError({"funder_name": _("Schrijf op welke werkgever dit betaalt.")})


def _other_active(contribution: Contribution) -> list[Contribution]:
    return [
        c
        for c in contribution.post.contributions.all()
        if c.pk != contribution.pk and c.status != ContributionStatus.AFGEWEZEN
    ]


def _check_regeling(contribution: Contribution, *, plan: FinancingPlan, check_dates: bool) -> None:
    """The regeling may pay for this post, here and now, within its maximum, and stacks with
    the regelingen already on the post."""
    regeling, post = contribution.regeling, contribution.post
    refusal = regeling_refusal(
        regeling,
        post_kind=post.kind,
        sector=plan.norm_sector or plan.traject.target_sector,
        target_group=target_group_for(plan),
        on=timezone.localdate() if check_dates else regeling.valid_from,
        region=selectors.region_code_of(plan.traject),
    )
    _raise_if({"regeling": refusal} if refusal else None)
    if contribution.status == ContributionStatus.AFGEWEZEN:
        return
    used = sum(
        (
            c.amount
            for c in Contribution.objects.filter(post__plan=plan, regeling=regeling)
            .exclude(status=ContributionStatus.AFGEWEZEN)
            .exclude(pk=contribution.pk)
        ),
        Decimal("0"),
    )
    _raise_if(regeling_maximum_error(regeling=regeling, used=used, amount=contribution.amount))
    others = list(
        Regeling.objects.filter(
            pk__in={c.regeling_id for c in _other_active(contribution) if c.regeling_id}
        )
        .exclude(pk=regeling.pk)
        .prefetch_related("stackable_with")
    )
    _raise_if(
        stacking_error(
            regeling=regeling,
            others=others,
            pairs=selectors.stackable_pairs([regeling, *others]),
            post_label=post.get_kind_display().lower(),
        )
    )


def _check_contribution(
    contribution: Contribution,
    *,
    plan: FinancingPlan,
    contract: selectors.ContractInfo,
    check_dates: bool,
) -> None:
    """Every rule for a contribution; raises one ValidationError with a message per field."""
    _raise_if(
        basic_error(
            funder_type=contribution.funder_type,
            status=contribution.status,
            amount=contribution.amount,
        )
    )
    _resolve_werkgever(contribution, traject=plan.traject, contract=contract)
    post = contribution.post
    if contribution.status != ContributionStatus.AFGEWEZEN:
        _raise_if(
            post_room_error(
                post_label=post.get_kind_display().lower(),
                estimate=post.estimate,
                others=[c.amount for c in _other_active(contribution)],
                amount=contribution.amount,
            )
        )
    if contribution.regeling is not None:
        _check_regeling(contribution, plan=plan, check_dates=check_dates)
    if contribution.funder_type == FunderType.TRANSITIEVERGOEDING:
        others = Contribution.objects.filter(post__plan=plan).exclude(pk=contribution.pk)
        _raise_if(
            _transitievergoeding_problems(
                plan,
                periods=plan.income_periods.all(),
                contributions=[*others, contribution],
                field="amount",
            )
        )


def _locked_plan(plan: FinancingPlan) -> FinancingPlan:
    # Lock the plan row: two funders adding at once cannot both push a post over its cost.
    return (
        FinancingPlan.objects.select_for_update(of=("self",))
        .select_related("traject__latende_werkgever")
        .get(pk=plan.pk)
    )


@transaction.atomic
def contribution_create(
    *,
    plan: FinancingPlan,
    by: User,
    post_kind: str,
    funder_type: str,
    amount: Decimal | None,
    status: str = ContributionStatus.VOORGESTELD,
    regeling: Regeling | None = None,
    funder_organisation: Organisation | None = None,
    funder_name: str = "",
    note: str = "",
) -> Contribution:
    """Add what a funder pays toward a post. A werkgever adds only its own organisation's."""
    locked = _locked_plan(plan)
    access, contract = _access(by, locked.traject, locked)
    if access is None or not access.can_add_contribution:
        raise PermissionDenied(_("Je kunt aan dit financieringsplan geen bijdragen toevoegen."))
    if post_kind not in POST_ORDER:
        raise ValidationError({"post": _("Kies een van de acht posten.")})
    if not access.edit_plan:
        if funder_type not in access.funder_types:
            raise PermissionDenied(_("Je kunt alleen bijdragen van je eigen organisatie invullen."))
        funder_organisation, funder_name = access.organisation, ""
    post = Post.objects.prefetch_related("contributions").get(plan=locked, kind=post_kind)
    contribution = Contribution(
        post=post,
        funder_type=funder_type,
        funder_organisation=funder_organisation,
        funder_name=(funder_name or "").strip(),
        amount=amount,
        regeling=regeling,
        status=status,
        note=(note or "").strip(),
        created_by=by,
    )
    _check_contribution(contribution, plan=locked, contract=contract, check_dates=True)
    contribution.full_clean()
    contribution.save()
    audit_log(
        actor=by,
        action="financing.contribution_create",
        obj=contribution,
        plan=locked.pk,
        post=post_kind,
        amount=str(amount),
        status=status,
    )
    return contribution


CONTRIBUTION_FIELDS = (
    "post_kind",
    "funder_type",
    "funder_organisation",
    "funder_name",
    "amount",
    "regeling",
    "status",
    "note",
)


@transaction.atomic
def contribution_update(
    *, contribution: Contribution, by: User, version: int, **changes
) -> Contribution:
    """Change a contribution (amount, status, regeling…); refused when someone else changed it."""
    locked_plan = _locked_plan(contribution.post.plan)
    access, contract = _access(by, locked_plan.traject, locked_plan)
    current = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("post", "regeling", "funder_organisation")
        .get(pk=contribution.pk)
    )
    if access is None or not access.may_edit_contribution(current):
        raise PermissionDenied(_("Je kunt alleen de bijdragen van je eigen organisatie wijzigen."))
    if current.version != version:
        raise StaleVersion(current.version, contribution_conflict_message())
    unknown = set(changes) - set(CONTRIBUTION_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("Dit veld bestaat niet.")})
    if not access.edit_plan:
        if changes.get("funder_type", current.funder_type) not in access.funder_types:
            raise PermissionDenied(_("Je kunt alleen bijdragen van je eigen organisatie invullen."))
        changes["funder_organisation"] = access.organisation
        changes["funder_name"] = ""
    if "post_kind" in changes:
        kind = changes.pop("post_kind")
        if kind not in POST_ORDER:
            raise ValidationError({"post": _("Kies een van de acht posten.")})
        current.post = Post.objects.get(plan=locked_plan, kind=kind)
    regeling_before = current.regeling_id
    for name, value in changes.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    post = Post.objects.prefetch_related("contributions").get(pk=current.post_id)
    current.post = post
    _check_contribution(
        current,
        plan=locked_plan,
        contract=contract,
        check_dates=current.regeling_id != regeling_before,
    )
    current.version += 1
    current.full_clean()
    current.save()
    audit_log(
        actor=by,
        action="financing.contribution_update",
        obj=current,
        plan=locked_plan.pk,
        amount=str(current.amount),
        status=current.status,
    )
    return current


@transaction.atomic
def contribution_delete(
    *, contribution: Contribution, by: User, version: int | None = None
) -> None:
    """Remove a contribution (a werkgever: only its own)."""
    locked_plan = _locked_plan(contribution.post.plan)
    access, _contract = _access(by, locked_plan.traject, locked_plan)
    current = (
        Contribution.objects.select_for_update(of=("self",)).filter(pk=contribution.pk).first()
    )
    if current is None:
        raise ValidationError(_("Deze bijdrage bestaat niet meer."))
    if access is None or not access.may_edit_contribution(current):
        raise PermissionDenied(_("Je kunt alleen de bijdragen van je eigen organisatie wijzigen."))
    if version is not None and current.version != version:
        raise StaleVersion(current.version, contribution_conflict_message())
    audit_log(
        actor=by,
        action="financing.contribution_delete",
        obj=current,
        plan=locked_plan.pk,
        amount=str(current.amount),
    )
    current.delete()
