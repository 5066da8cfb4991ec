"""The income timeline: month by month, what comes in, from whom, and how far it is below what
the person had."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import IncomeBefore, IncomeKind
from ..money import format_euro, format_pct
from .ww import ww_monthly, ww_parameter_on, ww_pct

ZERO = Decimal("0")
HUNDRED = Decimal("100")


def add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


PHASES = {
    "orientatie": gettext_lazy("oriëntatie"),
    "overstap": gettext_lazy("overstaptijd"),
    "leertijd": gettext_lazy("leertijd"),
    "daarna": gettext_lazy("na de leertijd"),
}


def plan_length(plan) -> int:
    """The months of oriëntatie, overstaptijd and leertijd together."""
    return plan.orientatie_months + plan.overstap_months + plan.leertijd_months


def phase_of_month(plan, number: int) -> str:
    """The phase of month `number` (1 = start oriëntatie) of a plan with these months."""
    if number <= plan.orientatie_months:
        return "orientatie"
    if number <= plan.orientatie_months + plan.overstap_months:
        return "overstap"
    if number <= plan_length(plan):
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
    ww_used: object | None = None

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


def effective_minimum(plan) -> Decimal | None:
    """What the person needs at least each month: what they said, and never less than the
    bijstand they have now (the social minimum; Shirin's sum, 003 L3042–3054)."""
    floors = [plan.minimum_income]
    if plan.income_before_source == IncomeBefore.BIJSTAND:
        floors.append(plan.income_before)
    floors = [f for f in floors if f is not None]
    return max(floors) if floors else None


def _ww_line(plan, period, *, number: int, month: date, ww_params: Sequence):
    """One month of WW, and the parameters it used (None when the wage or cap is unknown)."""
    wage = period.ww_wage if period.ww_wage is not None else plan.income_before
    param = ww_parameter_on(ww_params, month)
    if wage is None or param is None:
        return IncomeLine(period.kind, period.payer, ZERO, _("loon of WW-grens onbekend")), None
    ww_month = number - period.first_month + 1
    pct = ww_pct(
        ww_month=ww_month,
        first_months=param.first_months,
        pct_first_months=param.pct_first_months,
        pct_after=param.pct_after,
    )
    amount = ww_monthly(
        wage=wage,
        max_monthly_wage=param.max_monthly_wage,
        ww_month=ww_month,
        first_months=param.first_months,
        pct_first_months=param.pct_first_months,
        pct_after=param.pct_after,
    )
    note = _("%(pct)s van %(wage)s") % {
        "pct": format_pct(pct, decimals=0),
        "wage": format_euro(min(wage, param.max_monthly_wage)),
    }
    return IncomeLine(period.kind, period.payer or "UWV", amount, note), param


def income_timeline(
    *,
    plan,
    periods: Iterable,
    ww_params: Sequence,
    threshold: Decimal,
) -> Timeline:
    """Month by month from the start of oriëntatie to the end of leertijd: what comes in,
    from whom, and how far it is below what the person had."""
    periods = list(periods)
    length = max([plan_length(plan), *[p.last_month for p in periods]] or [1])
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
                line, param = _ww_line(
                    plan, period, number=number, month=month, ww_params=ww_params
                )
                ww_used = ww_used or param
                lines.append(line)
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
