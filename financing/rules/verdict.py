"""Financieel veilig: the conditions, each with what is missing and a one-line summary
(003 footnote 40, L4546)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import POST_ORDER
from ..money import format_euro, format_pct
from .contract import ContractInfo
from .income import Timeline
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
