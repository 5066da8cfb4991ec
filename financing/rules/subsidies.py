"""The subsidiewijzer: which regeling may pay for which post, for whom and when; what stacks;
and suggestions that never exceed a regeling's maximum per person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Sector
from accounts.regions import REGIONS

from ..models import IncomeBefore, PostKind, TargetGroup
from .posts import PostView

if TYPE_CHECKING:
    from ..models import Regeling

ZERO = Decimal("0")
REGION_NAMES = {slugify(name): name for name in REGIONS}


def target_group_for(plan) -> str:
    """Werkenden while the person still has a wage, else werkzoekenden."""
    return (
        TargetGroup.WERKENDEN
        if plan.income_before_source == IncomeBefore.LOON
        else TargetGroup.WERKZOEKENDEN
    )


def regeling_refusal(
    regeling: Regeling,
    *,
    post_kind: str,
    sector: str,
    target_group: str,
    on: date,
    region: str | None = None,
) -> str | None:
    """Why a regeling cannot pay for this post here and now; None when it can. A regional
    scheme is refused outside its regions (`region` is the traject's region code)."""
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
    if region is not None and not regeling.applies_to_region(region):
        return _("%(regeling)s geldt alleen in %(regions)s.") % {
            "regeling": regeling.name,
            "regions": ", ".join(region_name(code) for code in regeling.regions),
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


def region_name(code: str) -> str:
    """The arbeidsmarktregio's name for its code (the code itself when unknown)."""
    return REGION_NAMES.get(code, code)


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
    plan_start: date | None = None,
    region: str | None = None,
) -> list[PostSuggestions]:
    """Per post, the regelingen that may fill what is not proposed yet: largest budget first,
    never above a regeling's maximum per person (what the plan already asks counts), never two
    that do not stack on one post (those already in the plan count too), never a loan and never
    a regional scheme outside its regions."""
    # Valid now, and still valid when a plan that starts later begins.
    days = [on] if plan_start is None or plan_start <= on else [on, plan_start]
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
            if not r.is_loan
            and not any(
                regeling_refusal(
                    r,
                    post_kind=view.kind,
                    sector=sector,
                    target_group=target_group,
                    on=day,
                    region=region,
                )
                for day in days
            )
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
