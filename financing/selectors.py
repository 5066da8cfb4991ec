"""Reads for the financieringsplan.

The rules are pure functions over plain values (posts, contributions, periods, parameters), so
they are easy to test and the same in the HTML, the API and the PDF: the gap per post, the WW
rule, the income timeline, the verdict, the subsidy suggestions and the per-funder summary.
The loaders at the end fetch everything a page needs in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, Role, Sector, User
from journeys.models import EntryRoute, Traject
from journeys.selectors import traject_visible_for
from matching.models import Application

from .models import (
    DEFAULT_MAX_INCOME_DROP_PCT,
    INKOMEN_TIJDENS_TRANSITIE,
    POST_ORDER,
    ContributionStatus,
    FinancingPlan,
    FinancingSettings,
    FunderType,
    IncomeBefore,
    IncomeKind,
    IncomePeriod,
    Post,
    PostKind,
    Regeling,
    SectorNorm,
    TargetGroup,
    WwParameter,
)
from .money import cents, format_euro, format_pct

ZERO = Decimal("0")
HUNDRED = Decimal("100")

# 1 leerdag per week during the leertijd (003 L4470): the share of the wage that is not worked.
LEERDAG_SHARE = Decimal("0.2")


# --- Posts: what is paid, what is missing --------------------------------------------------


def _amount(contributions: Iterable, statuses: set[str]) -> Decimal:
    return sum((c.amount for c in contributions if c.status in statuses), ZERO)


def committed_amount(contributions: Iterable) -> Decimal:
    """What funders have promised (toegezegd)."""
    return _amount(contributions, {ContributionStatus.TOEGEZEGD})


def pending_amount(contributions: Iterable) -> Decimal:
    """Proposed or applied for, not promised yet."""
    return _amount(contributions, {ContributionStatus.VOORGESTELD, ContributionStatus.AANGEVRAAGD})


def active_amount(contributions: Iterable) -> Decimal:
    """Everything except what was refused."""
    contributions = list(contributions)
    return committed_amount(contributions) + pending_amount(contributions)


def post_gap(estimate: Decimal | None, contributions: Iterable) -> Decimal | None:
    """What is not promised yet: never negative; None while the post has no estimate."""
    if estimate is None:
        return None
    return max(ZERO, estimate - committed_amount(contributions))


def post_is_covered(estimate: Decimal | None, contributions: Iterable) -> bool:
    return estimate is not None and committed_amount(contributions) >= estimate


@dataclass
class PostView:
    post: Post
    contributions: list

    @property
    def kind(self) -> str:
        return self.post.kind

    @property
    def label(self) -> str:
        return str(PostKind(self.post.kind).label)

    @property
    def estimate(self) -> Decimal | None:
        return self.post.estimate

    @property
    def active_contributions(self) -> list:
        return [c for c in self.contributions if c.status != ContributionStatus.AFGEWEZEN]

    @property
    def committed(self) -> Decimal:
        return committed_amount(self.contributions)

    @property
    def pending(self) -> Decimal:
        return pending_amount(self.contributions)

    @property
    def gap(self) -> Decimal | None:
        return post_gap(self.post.estimate, self.contributions)

    @property
    def open_amount(self) -> Decimal | None:
        """Not even proposed yet: what a suggestion may still fill."""
        if self.post.estimate is None:
            return None
        return max(ZERO, self.post.estimate - active_amount(self.contributions))

    @property
    def covered(self) -> bool:
        return post_is_covered(self.post.estimate, self.contributions)

    @property
    def group(self) -> str:
        return "inkomen" if self.post.kind in INKOMEN_TIJDENS_TRANSITIE else "activiteiten"


def post_views(posts: Iterable[Post]) -> list[PostView]:
    """Posts in the fixed order, each with its (prefetched) contributions."""
    views = [PostView(post=p, contributions=list(p.contributions.all())) for p in posts]
    return sorted(views, key=lambda v: POST_ORDER.index(v.kind))


# --- The WW rule ---------------------------------------------------------------------------


def ww_parameter_on(params: Sequence[WwParameter], on: date) -> WwParameter | None:
    """The parameters valid on a date: the latest that started on or before it (else the
    earliest known, so a plan that starts before the first row still gets a figure)."""
    ordered = sorted(params, key=lambda p: p.valid_from)
    valid = [p for p in ordered if p.valid_from <= on]
    if valid:
        return valid[-1]
    return ordered[0] if ordered else None


def ww_monthly(
    *,
    wage: Decimal,
    max_monthly_wage: Decimal,
    ww_month: int,
    first_months: int = 2,
    pct_first_months: Decimal = Decimal("75"),
    pct_after: Decimal = Decimal("70"),
) -> Decimal:
    """WW for the n-th month of unemployment: 75% of the capped wage for the first two
    months, then 70% (003 L8069–8073)."""
    capped = min(wage, max_monthly_wage)
    pct = pct_first_months if ww_month <= first_months else pct_after
    return cents(capped * pct / HUNDRED)


# --- The income timeline -------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


PHASES = {
    "orientatie": gettext_lazy("oriëntatie"),
    "overstap": gettext_lazy("overstaptijd"),
    "leertijd": gettext_lazy("leertijd"),
    "daarna": gettext_lazy("na de leertijd"),
}


def phase_of_month(plan: FinancingPlan, number: int) -> str:
    if number <= plan.orientatie_months:
        return "orientatie"
    if number <= plan.orientatie_months + plan.overstap_months:
        return "overstap"
    if number <= plan.total_months:
        return "leertijd"
    return "daarna"


@dataclass
class IncomeLine:
    kind: str
    payer: str
    amount: Decimal
    note: str = ""

    @property
    def label(self) -> str:
        return str(IncomeKind(self.kind).label)


@dataclass
class TimelineMonth:
    number: int
    month: date
    phase: str
    lines: list[IncomeLine]
    total: Decimal
    drop: Decimal | None
    drop_pct: Decimal | None
    over_threshold: bool
    below_minimum: bool

    @property
    def phase_label(self) -> str:
        return str(PHASES[self.phase])

    @property
    def signature(self) -> tuple:
        return (self.phase, tuple((ln.kind, ln.payer, ln.amount) for ln in self.lines))


@dataclass
class TimelineSegment:
    first: TimelineMonth
    last: TimelineMonth

    def __getattr__(self, name):
        # Every figure is the same in each month of a segment.
        return getattr(self.__dict__["first"], name)

    @property
    def months(self) -> int:
        return self.last.number - self.first.number + 1


@dataclass
class Timeline:
    months: list[TimelineMonth]
    income_before: Decimal | None
    threshold: Decimal
    minimum: Decimal | None
    ww_used: WwParameter | None = None

    @property
    def largest_drop(self) -> TimelineMonth | None:
        dropping = [m for m in self.months if m.drop is not None]
        return max(dropping, key=lambda m: (m.drop, -m.number)) if dropping else None

    @property
    def segments(self) -> list[TimelineSegment]:
        segments: list[TimelineSegment] = []
        for month in self.months:
            if segments and segments[-1].last.signature == month.signature:
                segments[-1].last = month
            else:
                segments.append(TimelineSegment(first=month, last=month))
        return segments


def income_timeline(
    *,
    plan: FinancingPlan,
    periods: Iterable[IncomePeriod],
    ww_params: Sequence[WwParameter],
    threshold: Decimal,
) -> Timeline:
    """Month by month from the start of oriëntatie to the end of leertijd: what comes in,
    from whom, and how far it is below what the person had."""
    periods = list(periods)
    length = max([plan.total_months, *[p.last_month for p in periods]] or [1])
    minimum = effective_minimum(plan)
    months = []
    ww_used = None
    for number in range(1, length + 1):
        month = add_months(plan.start_month, number - 1)
        lines = []
        for period in periods:
            if not period.first_month <= number <= period.last_month:
                continue
            if period.kind == IncomeKind.WW:
                wage = period.ww_wage if period.ww_wage is not None else plan.income_before
                param = ww_parameter_on(ww_params, month)
                if wage is None or param is None:
                    lines.append(
                        IncomeLine(period.kind, period.payer, ZERO, _("loon of WW-grens onbekend"))
                    )
                    continue
                ww_month = number - period.first_month + 1
                pct = param.pct_first_months if ww_month <= param.first_months else param.pct_after
                amount = ww_monthly(
                    wage=wage,
                    max_monthly_wage=param.max_monthly_wage,
                    ww_month=ww_month,
                    first_months=param.first_months,
                    pct_first_months=param.pct_first_months,
                    pct_after=param.pct_after,
                )
                ww_used = ww_used or param
                note = _("%(pct)s van %(wage)s") % {
                    "pct": format_pct(pct, decimals=0),
                    "wage": format_euro(min(wage, param.max_monthly_wage)),
                }
                lines.append(IncomeLine(period.kind, period.payer or "UWV", amount, note))
            else:
                lines.append(IncomeLine(period.kind, period.payer, period.amount or ZERO))
        total = sum((ln.amount for ln in lines), ZERO)
        drop = drop_pct = None
        if plan.income_before is not None:
            drop = plan.income_before - total
            if plan.income_before > 0:
                drop_pct = (drop * HUNDRED / plan.income_before).quantize(Decimal("0.1"))
        months.append(
            TimelineMonth(
                number=number,
                month=month,
                phase=phase_of_month(plan, number),
                lines=lines,
                total=total,
                drop=drop,
                drop_pct=drop_pct,
                over_threshold=drop_pct is not None and drop_pct > threshold,
                below_minimum=minimum is not None and total < minimum,
            )
        )
    return Timeline(
        months=months,
        income_before=plan.income_before,
        threshold=threshold,
        minimum=minimum,
        ww_used=ww_used,
    )


def effective_minimum(plan: FinancingPlan) -> Decimal | None:
    """What the person needs at least each month: what they said, and never less than the
    bijstand they have now (the social minimum; Shirin's sum, 003 L3042–3054)."""
    floors = [plan.minimum_income]
    if plan.income_before_source == IncomeBefore.BIJSTAND:
        floors.append(plan.income_before)
    floors = [f for f in floors if f is not None]
    return max(floors) if floors else None


# --- Contract certainty --------------------------------------------------------------------


@dataclass
class ContractInfo:
    signed: list = field(default_factory=list)  # Applications with a signed contract
    offered: list = field(default_factory=list)  # offered, not signed yet

    @property
    def organisations(self) -> list[Organisation]:
        seen, result = set(), []
        for application in [*self.signed, *self.offered]:
            org = application.vacature.organisation
            if org.pk not in seen:
                seen.add(org.pk)
                result.append(org)
        return result

    @property
    def ontvangende_werkgever(self) -> Organisation | None:
        return self.organisations[0] if self.organisations else None


def contract_info_for(applications: Iterable) -> ContractInfo:
    info = ContractInfo()
    for application in sorted(applications, key=lambda a: a.pk):
        if application.status == Application.Status.GETEKEND:
            info.signed.append(application)
        elif application.status == Application.Status.CONTRACT:
            info.offered.append(application)
    return info


def _contract_applications(user_ids: Iterable[int]) -> QuerySet:
    return Application.objects.filter(
        profile__user_id__in=list(user_ids),
        status__in=[Application.Status.CONTRACT, Application.Status.GETEKEND],
    ).select_related("vacature__organisation", "profile")


# --- The verdict ---------------------------------------------------------------------------


@dataclass
class Condition:
    key: str
    label: str
    holds: bool
    missing: list[str]
    summary: str


@dataclass
class Verdict:
    conditions: list[Condition]

    @property
    def veilig(self) -> bool:
        return all(c.holds for c in self.conditions)

    def condition(self, key: str) -> Condition:
        return next(c for c in self.conditions if c.key == key)


def posts_condition(views: Sequence[PostView]) -> Condition:
    missing = []
    for view in views:
        if view.covered:
            continue
        if view.estimate is None:
            missing.append(_("%(post)s: de kosten zijn nog niet geraamd.") % {"post": view.label})
            continue
        text = _("%(post)s: nog %(gap)s niet toegezegd") % {
            "post": view.label,
            "gap": format_euro(view.gap),
        }
        if view.pending:
            text += _(" (%(pending)s voorgesteld of aangevraagd)") % {
                "pending": format_euro(view.pending)
            }
        missing.append(text + ".")
    covered = sum(1 for v in views if v.covered)
    return Condition(
        key="posten",
        label=_("Alle acht posten zijn betaald"),
        holds=not missing and len(views) == len(POST_ORDER),
        missing=missing,
        summary=_("%(covered)s van de %(total)s posten zijn gedekt door toegezegde bijdragen.")
        % {"covered": covered, "total": len(POST_ORDER)},
    )


def income_condition(timeline: Timeline) -> Condition:
    label = _("Het inkomen daalt niet te veel")
    if timeline.income_before is None:
        return Condition(
            key="inkomen",
            label=label,
            holds=False,
            missing=[_("Vul in wat de overstapper vóór de overstap per maand had.")],
            summary=_("Het inkomen vóór de overstap is nog niet bekend."),
        )
    missing = []
    over = [m for m in timeline.months if m.over_threshold]
    if over:
        worst = max(over, key=lambda m: (m.drop_pct, -m.number))
        missing.append(
            _(
                "In %(count)s van de %(total)s maanden daalt het inkomen meer dan %(limit)s. "
                "De grootste daling is %(drop)s (%(pct)s) in maand %(month)s."
            )
            % {
                "count": len(over),
                "total": len(timeline.months),
                "limit": format_pct(timeline.threshold),
                "drop": format_euro(worst.drop),
                "pct": format_pct(worst.drop_pct),
                "month": worst.number,
            }
        )
    below = [m for m in timeline.months if m.below_minimum]
    if below:
        lowest = min(below, key=lambda m: (m.total, m.number))
        missing.append(
            _(
                "In %(count)s maanden is het inkomen lager dan het minimum dat de overstapper "
                "nodig heeft (%(minimum)s): het laagst is %(lowest)s in maand %(month)s."
            )
            % {
                "count": len(below),
                "minimum": format_euro(timeline.minimum),
                "lowest": format_euro(lowest.total),
                "month": lowest.number,
            }
        )
    largest = timeline.largest_drop
    if largest is not None and largest.drop > 0:
        summary = _(
            "Grootste daling: %(drop)s (%(pct)s) in maand %(month)s; de grens is %(limit)s."
        )
        summary %= {
            "drop": format_euro(largest.drop),
            "pct": format_pct(largest.drop_pct),
            "month": largest.number,
            "limit": format_pct(timeline.threshold),
        }
    else:
        summary = _("Het inkomen daalt in geen enkele maand.")
    return Condition(
        key="inkomen", label=label, holds=not missing, missing=missing, summary=summary
    )


def contract_condition(contract: ContractInfo) -> Condition:
    label = _("Er is contractzekerheid")
    if contract.signed:
        application = contract.signed[0]
        when = application.contract_signed_at
        summary = _("Contract getekend bij %(org)s%(when)s.") % {
            "org": application.vacature.organisation,
            "when": (" " + _("op %(date)s") % {"date": f"{timezone.localtime(when):%d-%m-%Y}"})
            if when
            else "",
        }
        return Condition(key="contract", label=label, holds=True, missing=[], summary=summary)
    if contract.offered:
        org = contract.offered[0].vacature.organisation
        text = _("%(org)s biedt een voorwaardelijk contract aan; het is nog niet getekend.") % {
            "org": org
        }
    else:
        text = _("Er is nog geen getekend (voorwaardelijk) contract met een nieuwe werkgever.")
    return Condition(key="contract", label=label, holds=False, missing=[text], summary=text)


def plan_verdict(
    *, views: Sequence[PostView], timeline: Timeline, contract: ContractInfo
) -> Verdict:
    """Financieel veilig: all eight posts paid, income within bounds, a signed contract
    (003 footnote 40, L4546)."""
    return Verdict(
        conditions=[
            posts_condition(views),
            income_condition(timeline),
            contract_condition(contract),
        ]
    )


# --- Subsidiewijzer ------------------------------------------------------------------------


def target_group_for(plan: FinancingPlan) -> str:
    return (
        TargetGroup.WERKENDEN
        if plan.income_before_source == IncomeBefore.LOON
        else (TargetGroup.WERKZOEKENDEN)
    )


def regeling_refusal(
    regeling: Regeling, *, post_kind: str, sector: str, target_group: str, on: date
) -> str | None:
    """Why a regeling cannot pay for this post here and now; None when it can."""
    if post_kind not in regeling.posts:
        return _("%(regeling)s betaalt niet mee aan %(post)s; wel aan: %(posts)s.") % {
            "regeling": regeling.name,
            "post": PostKind(post_kind).label.lower(),
            "posts": ", ".join(label.lower() for label in regeling.post_labels),
        }
    if not regeling.applies_to_sector(sector):
        return _("%(regeling)s geldt niet voor de sector %(sector)s.") % {
            "regeling": regeling.name,
            "sector": Sector(sector).label if sector in Sector.values else _("(onbekend)"),
        }
    if on < regeling.valid_from:
        return _("%(regeling)s geldt pas vanaf %(date)s.") % {
            "regeling": regeling.name,
            "date": f"{regeling.valid_from:%d-%m-%Y}",
        }
    if regeling.valid_to is not None and on > regeling.valid_to:
        return _("%(regeling)s gold tot en met %(date)s en is verlopen.") % {
            "regeling": regeling.name,
            "date": f"{regeling.valid_to:%d-%m-%Y}",
        }
    if regeling.target_group not in (TargetGroup.IEDEREEN, target_group):
        return _("%(regeling)s is alleen voor: %(group)s.") % {
            "regeling": regeling.name,
            "group": TargetGroup(regeling.target_group).label.lower(),
        }
    return None


def stackable_pairs(regelingen: Iterable[Regeling]) -> set[frozenset[int]]:
    """The explicit exceptions (stackable_with), from prefetched rows."""
    return {frozenset((r.pk, other.pk)) for r in regelingen for other in r.stackable_with.all()}


def stacks(a: Regeling, b: Regeling, pairs: set[frozenset[int]]) -> bool:
    """May a and b both pay toward the same post?"""
    return a.pk == b.pk or (a.stackable and b.stackable) or frozenset((a.pk, b.pk)) in pairs


def regeling_usage(views: Iterable[PostView]) -> dict[int, Decimal]:
    """Per regeling, what the plan already asks from it (maxima are per person)."""
    used: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for view in views:
        for c in view.active_contributions:
            if c.regeling_id:
                used[c.regeling_id] += c.amount
    return used


@dataclass
class Suggestion:
    regeling: Regeling
    amount: Decimal


@dataclass
class PostSuggestions:
    view: PostView
    open_amount: Decimal | None
    suggestions: list[Suggestion]
    not_combinable: list[tuple[Regeling, str]]

    @property
    def suggested(self) -> Decimal:
        return sum((s.amount for s in self.suggestions), ZERO)

    @property
    def remaining_gap(self) -> Decimal | None:
        if self.open_amount is None:
            return None
        return max(ZERO, self.open_amount - self.suggested)


def suggest_regelingen(
    *,
    views: Sequence[PostView],
    regelingen: Sequence[Regeling],
    pairs: set[frozenset[int]],
    sector: str,
    target_group: str,
    on: date,
) -> list[PostSuggestions]:
    """Per post, the regelingen that may fill what is not proposed yet: largest budget first,
    never above a regeling's maximum per person (what the plan already asks counts), never two
    that do not stack on one post (those already in the plan count too)."""
    used = regeling_usage(views)
    by_pk = {r.pk: r for r in regelingen}
    result = []
    for view in views:
        open_left = view.open_amount
        existing = [
            c.regeling or by_pk.get(c.regeling_id)
            for c in view.active_contributions
            if c.regeling_id
        ]
        existing = [r for r in existing if r is not None]
        chosen: list[Suggestion] = []
        not_combinable: list[tuple[Regeling, str]] = []
        applicable = [
            r
            for r in regelingen
            if regeling_refusal(
                r, post_kind=view.kind, sector=sector, target_group=target_group, on=on
            )
            is None
        ]
        applicable.sort(key=lambda r: (-(r.amount_max - used[r.pk]), r.name))
        for regeling in applicable:
            budget = regeling.amount_max - used[regeling.pk]
            clash = next(
                (
                    o
                    for o in [*existing, *(s.regeling for s in chosen)]
                    if not stacks(regeling, o, pairs)
                ),
                None,
            )
            if clash is not None:
                not_combinable.append(
                    (regeling, _("niet te combineren met %(other)s") % {"other": clash.name})
                )
                continue
            if budget <= 0:
                not_combinable.append((regeling, _("het maximum per persoon is al bereikt")))
                continue
            if open_left is None or open_left <= 0:
                continue
            amount = min(budget, open_left)
            chosen.append(Suggestion(regeling=regeling, amount=amount))
            used[regeling.pk] += amount
            open_left -= amount
        result.append(
            PostSuggestions(
                view=view,
                open_amount=view.open_amount,
                suggestions=chosen,
                not_combinable=not_combinable,
            )
        )
    return result


# --- Who pays what -------------------------------------------------------------------------


@dataclass
class FunderTotal:
    label: str
    funder_type: str
    organisation_id: int | None
    committed: Decimal = ZERO
    pending: Decimal = ZERO
    refused: Decimal = ZERO
    lines: list = field(default_factory=list)  # (post label, contribution)

    @property
    def type_label(self) -> str:
        return str(FunderType(self.funder_type).label)


def funder_summary(views: Iterable[PostView]) -> list[FunderTotal]:
    """The business case per party (seed 004): what each funder pays, per post and status."""
    totals: dict[tuple, FunderTotal] = {}
    for view in views:
        for c in view.contributions:
            key = (c.funder_type, c.funder_organisation_id, c.funder_name.strip().lower())
            total = totals.get(key)
            if total is None:
                total = totals[key] = FunderTotal(
                    label=c.funder_label,
                    funder_type=c.funder_type,
                    organisation_id=c.funder_organisation_id,
                )
            if c.status == ContributionStatus.TOEGEZEGD:
                total.committed += c.amount
            elif c.status == ContributionStatus.AFGEWEZEN:
                total.refused += c.amount
            else:
                total.pending += c.amount
            total.lines.append((view.label, c))
    return sorted(totals.values(), key=lambda t: (-t.committed, -t.pending, t.label))


# --- Norms ---------------------------------------------------------------------------------


def norms_for_sector(sector: str) -> dict[str, SectorNorm]:
    return {n.item: n for n in SectorNorm.objects.filter(sector=sector)}


def income_post_norm_estimate(
    *, kind: str, plan: FinancingPlan, norm: SectorNorm | None
) -> Decimal | None:
    """A starting estimate for an inkomen-post from the norm and the wages in the plan:
    oriëntatietijd = the norm's days of the old wage; overstaptijd = the planned months without
    work at the old wage; leertijd = one leerdag a week of the new wage; improductiviteit = the
    norm's percentages of a year's new wage, for two years."""
    old = plan.income_before if plan.income_before_source == IncomeBefore.LOON else None
    new = plan.new_wage if plan.new_wage is not None else plan.income_before
    if kind == PostKind.ORIENTATIETIJD:
        if old is None or norm is None or norm.duration_months is None:
            return None
        return cents(old * norm.duration_months)
    if kind == PostKind.OVERSTAPTIJD:
        return None if old is None else cents(old * plan.overstap_months)
    if kind == PostKind.LEERTIJD:
        return None if new is None else cents(new * plan.leertijd_months * LEERDAG_SHARE)
    if kind == PostKind.IMPRODUCTIVITEIT:
        if new is None or norm is None or norm.improductivity_year1_pct is None:
            return None
        pct = norm.improductivity_year1_pct + (norm.improductivity_year2_pct or ZERO)
        return cents(new * 12 * pct / HUNDRED)
    return None


# --- Who may see what ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanAccess:
    role: str
    edit_plan: bool = False
    organisation: Organisation | None = None
    funder_types: frozenset = frozenset()
    sees_income: bool = False

    @property
    def can_add_contribution(self) -> bool:
        return self.edit_plan or bool(self.funder_types)

    def may_edit_contribution(self, contribution) -> bool:
        if self.edit_plan:
            return True
        return (
            self.organisation is not None
            and contribution.funder_organisation_id == self.organisation.pk
            and contribution.funder_type in self.funder_types
        )


def latende_werkgever_may_see(traject: Traject, plan: FinancingPlan | None) -> bool:
    """Orientation can be confidential (DESIGN): the latende werkgever sees the plan once the
    overstapper shared it, or when the employer itself signed them up."""
    if traject.entry_route == EntryRoute.LATENDE_WERKGEVER:
        return True
    return plan is not None and plan.shared_with_latende_at is not None


def plan_access(
    *, user: User, traject: Traject, plan: FinancingPlan | None, contract: ContractInfo
) -> PlanAccess | None:
    """What this user may do with this traject's plan; None: nothing at all."""
    if not user.is_authenticated:
        return None
    if user.role == Role.BEHEERDER:
        return PlanAccess(role=user.role, edit_plan=True, sees_income=True)
    if user.role == Role.COACH and traject.coach_id == user.pk:
        return PlanAccess(role=user.role, edit_plan=True, sees_income=True)
    if user.role == Role.OVERSTAPPER and traject.overstapper_id == user.pk:
        return PlanAccess(role=user.role, sees_income=True)
    # The loket sees financing only as the region's aggregates (reports), never one plan.
    if user.role == Role.WERKGEVER and user.organisation_id:
        types = set()
        if traject.latende_werkgever_id == user.organisation_id and latende_werkgever_may_see(
            traject, plan
        ):
            types.add(FunderType.LATENDE_WERKGEVER)
        if any(o.pk == user.organisation_id for o in contract.organisations):
            types.add(FunderType.ONTVANGENDE_WERKGEVER)
        if types:
            return PlanAccess(
                role=user.role, organisation=user.organisation, funder_types=frozenset(types)
            )
    return None


def trajecten_for_financing(*, user: User) -> QuerySet[Traject]:
    """Trajecten whose plan this user may open (werkgevers: those they are party to)."""
    if user.is_authenticated and user.role == Role.WERKGEVER:
        if not user.organisation_id:
            return Traject.objects.none()
        org = user.organisation_id
        latende = Q(latende_werkgever_id=org) & (
            Q(entry_route=EntryRoute.LATENDE_WERKGEVER)
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


def _plan_queryset() -> QuerySet[FinancingPlan]:
    from .models import Contribution

    return FinancingPlan.objects.prefetch_related(
        Prefetch(
            "posts",
            queryset=Post.objects.prefetch_related(
                Prefetch(
                    "contributions",
                    queryset=Contribution.objects.select_related(
                        "funder_organisation", "regeling", "created_by"
                    ),
                )
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
    traject: Traject,
    plan: FinancingPlan,
    *,
    contract: ContractInfo,
    ww_params: Sequence[WwParameter],
    threshold: Decimal,
) -> PlanBundle:
    views = post_views(plan.posts.all())
    periods = list(plan.income_periods.all())
    timeline = income_timeline(plan=plan, periods=periods, ww_params=ww_params, threshold=threshold)
    return PlanBundle(
        traject=traject,
        plan=plan,
        views=views,
        periods=periods,
        timeline=timeline,
        contract=contract,
        verdict=plan_verdict(views=views, timeline=timeline, contract=contract),
        threshold=threshold,
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
        ww_params=ww_parameters(),
        threshold=income_drop_threshold(),
    )


def plan_bundles(*, trajecten: Sequence[Traject]) -> dict[int, PlanBundle]:
    """Bundles for many trajecten at once (the list page), without a query per row."""
    plans = {p.traject_id: p for p in _plan_queryset().filter(traject__in=list(trajecten))}
    if not plans:
        return {}
    users = [t.overstapper_id for t in trajecten if t.overstapper_id]
    applications: dict[int, list] = defaultdict(list)
    for application in _contract_applications(users):
        applications[application.profile.user_id].append(application)
    ww_params, threshold = ww_parameters(), income_drop_threshold()
    return {
        t.pk: _bundle(
            t,
            plans[t.pk],
            contract=contract_info_for(applications.get(t.overstapper_id, [])),
            ww_params=ww_params,
            threshold=threshold,
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
    )


def regelingen_list(*, sector: str = "", post: str = "", on: date | None = None) -> list[Regeling]:
    qs = Regeling.objects.prefetch_related("stackable_with").order_by("name")
    if on is not None:
        qs = qs.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    rows = list(qs)
    if sector:
        rows = [r for r in rows if r.applies_to_sector(sector)]
    if post:
        rows = [r for r in rows if post in r.posts]
    return rows


def norm_summary(post: Post) -> str:
    """The norm a post started from, in words (for help texts and the PDF)."""
    if post.norm_cost_min is not None or post.norm_cost_max is not None:
        if post.norm_cost_min == post.norm_cost_max:
            text = format_euro(post.norm_cost_max)
        else:
            text = f"{format_euro(post.norm_cost_min)} – {format_euro(post.norm_cost_max)}"
        if post.norm_duration:
            text += f", {post.norm_duration}"
    elif post.norm_improductivity_year1_pct is not None:
        text = _("jaar 1: %(y1)s minder productief, jaar 2: %(y2)s") % {
            "y1": format_pct(post.norm_improductivity_year1_pct),
            "y2": format_pct(post.norm_improductivity_year2_pct),
        }
    elif post.norm_duration:
        text = post.norm_duration
    else:
        return ""
    if post.norm_uncertain:
        text += " " + _("(onzeker: de bron is hier onleesbaar)")
    return text
