"""The income timeline: month by month, what comes in, from whom, gross and (estimated) net,
and how far it is below what the person had.

WW months are counted as months of unemployment across all WW periods of the plan, after the
months already received before it (`ww_months_before`): 75% for the first two, then 70%, and
nothing once the entitlement from the arbeidsverleden is used up. Toeslagen are net and may
stop (a kinderopvangtoeslag after three months of WW without work, 003 L7618–7619)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loopbrug.money import format_euro, format_pct

from ..models import IncomeBefore, IncomeKind, ToeslagKind
from .net import MissingParameters, NetEstimate, net_from_gross
from .ww import ww_entitlement_months, ww_monthly, ww_parameter_on, ww_pct

ZERO = Decimal("0")
HUNDRED = Decimal("100")

# Gross income (taxed in the net estimate); of which wage (arbeidskorting). Bijstand and
# "anders" are entered net, as the person receives them.
GROSS_KINDS = {
    IncomeKind.SALARIS_LATENDE,
    IncomeKind.SALARIS_NIEUW,
    IncomeKind.WW,
    IncomeKind.AANVULLING,
    IncomeKind.TRANSITIEVERGOEDING,
}
WORK_KINDS = {IncomeKind.SALARIS_LATENDE, IncomeKind.SALARIS_NIEUW}
# Kinderopvangtoeslag stops after this many months of WW without work (003 L7618–7619).
KOT_WW_MONTHS = 3


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
    ww_month: int | None = None
    ww_ended: bool = False

    @property
    def label(self) -> str:
        return str(IncomeKind(self.kind).label)


@dataclass
class ToeslagLine:
    kind: str
    amount: Decimal

    @property
    def label(self) -> str:
        return str(ToeslagKind(self.kind).label)


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
    toeslagen: list[ToeslagLine] = field(default_factory=list)
    stopped: list[ToeslagLine] = field(default_factory=list)  # toeslagen that stop this month
    net: Decimal | None = None  # net income incl. toeslagen; None: no loonheffing table
    net_estimate: NetEstimate | None = None
    net_note: str = ""
    net_drop: Decimal | None = None

    @property
    def phase_label(self) -> str:
        return str(PHASES[self.phase])

    @property
    def ww_ended(self) -> bool:
        return any(ln.ww_ended for ln in self.lines)

    @property
    def signature(self) -> tuple:
        return (
            self.phase,
            tuple((ln.kind, ln.payer, ln.amount, ln.note) for ln in self.lines),
            tuple((t.kind, t.amount) for t in self.toeslagen),
            self.net,
        )


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
    has_income: bool = True  # False: no income periods yet ("nog geen inkomensplaatje")
    net_before: Decimal | None = None
    ww_entitlement: int | None = None
    ww_end_month: date | None = None  # the last month with WW, when the entitlement ends
    missing_years: list[int] = field(default_factory=list)

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


def bijstandsnorm_on(norms: Sequence, *, household: str, on: date):
    """The norm for a household type valid on a date (latest that started on or before it)."""
    valid = sorted(
        (n for n in norms if n.household == household and n.valid_from <= on),
        key=lambda n: n.valid_from,
    )
    return valid[-1] if valid else None


def effective_minimum(plan, *, norms: Sequence = ()) -> Decimal | None:
    """What the person needs at least each month (net): what they said, and for someone on
    bijstand never less than the bijstand they have now nor the bijstandsnorm of their
    household (the social minimum; Shirin's sum, 003 L3042–3054)."""
    floors = [plan.minimum_income]
    if plan.income_before_source == IncomeBefore.BIJSTAND:
        floors.append(plan.income_before)
        household = getattr(plan, "household", "")
        if household:
            norm = bijstandsnorm_on(norms, household=household, on=plan.start_month)
            floors.append(norm.amount if norm else None)
    floors = [f for f in floors if f is not None]
    return max(floors) if floors else None


def ww_entitlement(plan, ww_params: Sequence) -> int | None:
    years = getattr(plan, "arbeidsverleden_years", None)
    param = ww_parameter_on(ww_params, plan.start_month)
    if years is None or param is None:
        return None
    return ww_entitlement_months(years=years, param=param)


def _ww_line(plan, period, *, ww_month: int, entitlement, month: date, ww_params: Sequence):
    """One month of WW, and the parameters it used (None when the wage or cap is unknown)."""
    wage = period.ww_wage if period.ww_wage is not None else plan.income_before
    param = ww_parameter_on(ww_params, month)
    payer = period.payer or "UWV"
    if entitlement is not None and ww_month > entitlement:
        note = _("geen WW meer: het recht van %(months)s maanden is op") % {"months": entitlement}
        return IncomeLine(period.kind, payer, ZERO, note, ww_month, ww_ended=True), None
    if wage is None or param is None:
        return IncomeLine(period.kind, period.payer, ZERO, _("loon of WW-grens onbekend")), None
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
    figures = {
        "month": ww_month,
        "of": entitlement,
        "pct": format_pct(pct, decimals=0),
        "wage": format_euro(min(wage, param.max_monthly_wage)),
    }
    if entitlement is None:
        note = _("WW maand %(month)s: %(pct)s van %(wage)s") % figures
    else:
        note = _("WW maand %(month)s van %(of)s: %(pct)s van %(wage)s") % figures
    return IncomeLine(period.kind, payer, amount, note, ww_month), param


def _net(gross: Decimal, work: Decimal, on: date, tax_params: Sequence):
    try:
        return net_from_gross(gross=gross, work=work, year=on.year, params=tax_params), ""
    except MissingParameters as missing:
        return None, str(missing)


def _toeslagen(plan, number: int, ww_without_work: int) -> list[ToeslagLine]:
    active = []
    for item in getattr(plan, "toeslagen", None) or []:
        last = item.get("last_month")
        if last is not None and number > int(last):
            continue
        if item["kind"] == ToeslagKind.KINDEROPVANGTOESLAG and ww_without_work > KOT_WW_MONTHS:
            continue
        active.append(ToeslagLine(item["kind"], Decimal(str(item["amount"]))))
    return active


def net_before(plan, tax_params: Sequence) -> tuple[Decimal | None, str]:
    """What the person had each month before the switch, net, with their toeslagen."""
    if plan.income_before is None:
        return None, ""
    toeslagen = sum((t.amount for t in _toeslagen(plan, 0, 0)), ZERO)
    source = plan.income_before_source
    if source not in (IncomeBefore.LOON, IncomeBefore.WW):
        return plan.income_before + toeslagen, ""
    work = plan.income_before if source == IncomeBefore.LOON else ZERO
    estimate, note = _net(plan.income_before, work, plan.start_month, tax_params)
    return (None, note) if estimate is None else (estimate.net + toeslagen, "")


def income_timeline(
    *,
    plan,
    periods: Iterable,
    ww_params: Sequence,
    threshold: Decimal,
    tax_params: Sequence = (),
    norms: Sequence = (),
) -> Timeline:
    """Month by month from the start of oriëntatie to the end of leertijd: what comes in,
    from whom, and how far it is below what the person had."""
    periods = sorted(periods, key=lambda p: (p.first_month, p.last_month))
    has_income = bool(periods)
    length = max([plan_length(plan), *[p.last_month for p in periods]] or [1])
    minimum = effective_minimum(plan, norms=norms)
    entitlement = ww_entitlement(plan, ww_params)
    before_net, _note = net_before(plan, tax_params) if tax_params else (None, "")
    ww_counter = getattr(plan, "ww_months_before", 0) or 0
    ww_without_work = ww_counter
    months, ww_used, ww_end, missing = [], None, None, set()
    previous: list[ToeslagLine] = _toeslagen(plan, 0, 0)
    # Most months repeat the month before (same gross, same year): estimate each once.
    nets: dict[tuple[Decimal, Decimal, int], tuple] = {}
    for number in range(1, length + 1):
        month = add_months(plan.start_month, number - 1)
        current = [p for p in periods if p.first_month <= number <= p.last_month]
        if any(p.kind == IncomeKind.WW for p in current):
            ww_counter += 1
            if not any(p.kind in WORK_KINDS for p in current):
                ww_without_work += 1
            if entitlement is not None and ww_counter == entitlement:
                ww_end = month
        lines = []
        for period in current:
            if period.kind == IncomeKind.WW:
                line, param = _ww_line(
                    plan,
                    period,
                    ww_month=ww_counter,
                    entitlement=entitlement,
                    month=month,
                    ww_params=ww_params,
                )
                ww_used = ww_used or param
                lines.append(line)
            else:
                lines.append(IncomeLine(period.kind, period.payer, period.amount or ZERO))
        total = sum((ln.amount for ln in lines), ZERO)
        toeslagen = _toeslagen(plan, number, ww_without_work)
        stopped = [t for t in previous if t.kind not in {a.kind for a in toeslagen}]
        previous = toeslagen
        net = estimate = None
        net_note = ""
        if tax_params:
            gross = sum((ln.amount for ln in lines if ln.kind in GROSS_KINDS), ZERO)
            work = sum((ln.amount for ln in lines if ln.kind in WORK_KINDS), ZERO)
            key = (gross, work, month.year)
            if key not in nets:
                nets[key] = _net(gross, work, month, tax_params)
            estimate, net_note = nets[key]
            if estimate is None:
                missing.add(month.year)
            else:
                net = (
                    estimate.net
                    + sum((ln.amount for ln in lines if ln.kind not in GROSS_KINDS), ZERO)
                    + sum((t.amount for t in toeslagen), ZERO)
                )
        drop = drop_pct = None
        if has_income and plan.income_before is not None:
            drop = plan.income_before - total
            if plan.income_before > 0:
                drop_pct = (drop * HUNDRED / plan.income_before).quantize(Decimal("0.1"))
        compared = net if net is not None else total
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
                below_minimum=has_income and minimum is not None and compared < minimum,
                toeslagen=toeslagen,
                stopped=stopped if has_income else [],
                net=net if has_income else None,
                net_estimate=estimate,
                net_note=net_note,
                net_drop=(before_net - net)
                if has_income and net is not None and before_net is not None
                else None,
            )
        )
    return Timeline(
        months=months,
        income_before=plan.income_before,
        threshold=threshold,
        minimum=minimum,
        ww_used=ww_used,
        has_income=has_income,
        net_before=before_net,
        ww_entitlement=entitlement,
        ww_end_month=ww_end,
        missing_years=sorted(missing),
    )
