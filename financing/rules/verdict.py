"""Financieel veilig: the conditions, each with what is missing and a one-line summary
(003 footnote 40, L4546)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from loopbrug.money import format_euro, format_pct

from ..models import POST_ORDER, ContractType, IncomeKind, OntheffingStatus
from .contract import ContractInfo
from .income import Timeline, add_months, plan_length
from .posts import PostView


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


def _below_minimum_text(timeline: Timeline, below: list) -> str:
    """The lowest month, net against the (net) minimum; gross beside it when estimated."""
    lowest = min(below, key=lambda m: (m.net if m.net is not None else m.total, m.number))
    if lowest.net is not None:
        amount = _("%(net)s netto (%(gross)s bruto)") % {
            "net": format_euro(lowest.net),
            "gross": format_euro(lowest.total),
        }
    else:
        amount = format_euro(lowest.total)
    return _(
        "In %(count)s maanden is het inkomen lager dan het minimum dat de overstapper "
        "nodig heeft (%(minimum)s netto): het laagst is %(lowest)s in maand %(month)s."
    ) % {
        "count": len(below),
        "minimum": format_euro(timeline.minimum),
        "lowest": amount,
        "month": lowest.number,
    }


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
    if not timeline.has_income:
        text = _("Nog geen inkomensplaatje: vul in waar het inkomen per maand vandaan komt.")
        return Condition(key="inkomen", label=label, holds=False, missing=[text], summary=text)
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
        missing.append(_below_minimum_text(timeline, below))
    ended = [m for m in timeline.months if m.ww_ended]
    if ended:
        missing.append(
            _(
                "De WW-periode loopt langer dan het recht: %(months)s maanden WW, de laatste "
                "in %(end)s. Vanaf maand %(month)s is er geen WW meer."
            )
            % {
                "months": timeline.ww_entitlement,
                "end": date_format(timeline.ww_end_month, "F Y") if timeline.ww_end_month else "",
                "month": ended[0].number,
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


def _contract_end_problem(plan, leertijd_end: date) -> str | None:
    """A contract must continue after the leerwerktraject (Jenny, 003 L8049–8056)."""
    if plan is None or plan.contract_type != ContractType.TIJDELIJK:
        return None
    if plan.contract_end is None:
        return _("Het contract is tijdelijk: vul de einddatum in.")
    if plan.contract_end <= leertijd_end:
        return _(
            "Het tijdelijke contract eindigt op %(end)s, niet na het leerwerktraject "
            "(dat loopt tot en met %(leertijd)s)."
        ) % {"end": f"{plan.contract_end:%d-%m-%Y}", "leertijd": f"{leertijd_end:%d-%m-%Y}"}
    return None


def contract_condition(contract: ContractInfo, plan=None) -> Condition:
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
        if plan is not None:
            summary += " " + _contract_kind_text(plan)
            leertijd_end = add_months(plan.start_month, plan_length(plan)) - timedelta(days=1)
            problem = _contract_end_problem(plan, leertijd_end)
            if problem:
                return Condition(
                    key="contract", label=label, holds=False, missing=[problem], summary=summary
                )
        return Condition(key="contract", label=label, holds=True, missing=[], summary=summary)
    if contract.offered:
        org = contract.offered[0].vacature.organisation
        text = _("%(org)s biedt een voorwaardelijk contract aan; het is nog niet getekend.") % {
            "org": org
        }
    else:
        text = _("Er is nog geen getekend (voorwaardelijk) contract met een nieuwe werkgever.")
    return Condition(key="contract", label=label, holds=False, missing=[text], summary=text)


def _contract_kind_text(plan) -> str:
    if plan.contract_type == ContractType.VAST:
        return _("Een vast contract.")
    if plan.contract_type == ContractType.TIJDELIJK and plan.contract_end:
        return _("Tijdelijk, tot en met %(end)s.") % {"end": f"{plan.contract_end:%d-%m-%Y}"}
    return _("Het soort contract (vast of tijdelijk) is nog niet ingevuld.")


def ww_during_switch(timeline: Timeline, plan) -> bool:
    """Does WW pay during oriëntatie, overstaptijd or leertijd?"""
    return any(
        ln.kind == IncomeKind.WW and ln.amount > 0
        for m in timeline.months
        if m.number <= plan_length(plan)
        for ln in m.lines
    )


def ontheffing_condition(plan) -> Condition:
    """WW has a sollicitatieplicht from day 1; orienting or learning on WW needs UWV's
    ontheffing (003 L4499, L4601–4602, L8075–8076)."""
    label = _("UWV geeft ontheffing van de sollicitatieplicht")
    status = OntheffingStatus(plan.ontheffing_status)
    when = f" ({plan.ontheffing_date:%d-%m-%Y})" if plan.ontheffing_date else ""
    summary = _("Ontheffing van de sollicitatieplicht: %(status)s%(when)s.") % {
        "status": status.label.lower(),
        "when": when,
    }
    if status == OntheffingStatus.VERLEEND:
        return Condition(key="ontheffing", label=label, holds=True, missing=[], summary=summary)
    text = {
        OntheffingStatus.NOG_AANVRAGEN: _(
            "De WW betaalt tijdens de overstap: vraag bij UWV ontheffing van de "
            "sollicitatieplicht aan."
        ),
        OntheffingStatus.AANGEVRAAGD: _(
            "De ontheffing is aangevraagd; UWV heeft nog niet beslist."
        ),
        OntheffingStatus.GEWEIGERD: _(
            "UWV heeft de ontheffing geweigerd: met WW geldt de sollicitatieplicht."
        ),
    }[status]
    return Condition(key="ontheffing", label=label, holds=False, missing=[text], summary=summary)


def plan_verdict(
    *, views: Sequence[PostView], timeline: Timeline, contract: ContractInfo, plan=None
) -> Verdict:
    """Financieel veilig: all eight posts paid, income within bounds, a signed contract that
    lasts beyond the leerwerktraject (003 footnote 40, L4546) and, when WW pays during the
    switch, UWV's ontheffing of the sollicitatieplicht."""
    conditions = [
        posts_condition(views),
        income_condition(timeline),
        contract_condition(contract, plan),
    ]
    if plan is not None and ww_during_switch(timeline, plan):
        conditions.append(ontheffing_condition(plan))
    return Verdict(conditions=conditions)
