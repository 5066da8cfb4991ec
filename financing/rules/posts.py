"""Posts: what is promised, what is pending, what is missing; who pays what; the norms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from loopbrug.money import cents, format_euro, format_pct

from ..models import (
    INKOMEN_TIJDENS_TRANSITIE,
    ContributionStatus,
    FunderType,
    IncomeBefore,
    PostKind,
)

ZERO = Decimal("0")
HUNDRED = Decimal("100")

# 1 leerdag per week during the leertijd (003 L4470): the share of the wage that is not worked.
LEERDAG_SHARE = Decimal("0.2")
# UWV and payroll count 21,75 working days in a month.
WORKING_DAYS_PER_MONTH = Decimal("21.75")


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
    """A post (anything with kind, estimate and note) with its contributions."""

    post: object
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


def income_post_norm_estimate(*, kind: str, plan, norm) -> Decimal | None:
    """A starting estimate for an inkomen-post from the norm and the wages in the plan:
    oriëntatietijd = the norm's days of the old wage; overstaptijd = the planned months without
    work at the old wage; leertijd = one leerdag a week of the new wage; improductiviteit = the
    norm's percentages of a year's new wage, for two years."""
    old = plan.income_before if plan.income_before_source == IncomeBefore.LOON else None
    new = plan.new_wage if plan.new_wage is not None else plan.income_before
    if kind == PostKind.ORIENTATIETIJD:
        if old is None or norm is None:
            return None
        days = getattr(norm, "duration_working_days", None)
        if days is not None:
            # 20 working days of the old wage: 20 / 21,75 of a month, not a rounded 0,92.
            return cents(old * days / WORKING_DAYS_PER_MONTH)
        if norm.duration_months is None:
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


def norm_summary(post) -> str:
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
