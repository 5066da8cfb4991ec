"""The checks on one contribution that need no query: its amount, the room left on its post,
a regeling's maximum per person and what does not stack. Each returns a Dutch message (or
None); the service raises it as a ValidationError on the right field."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from loopbrug.money import format_euro

from ..models import ContributionStatus, FunderType
from .limits import MAX_AMOUNT
from .subsidies import stacks

ZERO = Decimal("0")


def basic_error(*, funder_type: str, status: str, amount: Decimal | None) -> dict | None:
    """Who pays, the status and the amount: {field: message}, or None when all is well."""
    if funder_type not in FunderType.values:
        return {"funder_type": _("Kies wie er betaalt.")}
    if status not in ContributionStatus.values:
        return {"status": _("Onbekende status.")}
    if amount is None:
        return {"amount": _("Vul een bedrag in.")}
    if amount <= 0:
        return {"amount": _("Vul een bedrag groter dan € 0 in.")}
    if amount > MAX_AMOUNT:
        return {
            "amount": _("Dit bedrag is onwaarschijnlijk hoog (meer dan %(max)s). Klopt het?")
            % {"max": format_euro(MAX_AMOUNT)}
        }
    if amount != amount.quantize(Decimal("0.01")):
        return {"amount": _("Gebruik hooguit twee cijfers achter de komma.")}
    return None


def post_room_error(
    *, post_label: str, estimate: Decimal | None, others: Iterable[Decimal], amount: Decimal
) -> dict | None:
    """An active contribution must fit in what the post costs, with the others on it."""
    if estimate is None:
        return {
            "post": _("Raam eerst wat %(post)s kost; daarna kun je er bijdragen aan toevoegen.")
            % {"post": post_label}
        }
    before = sum(others, ZERO)
    total = before + amount
    if total <= estimate:
        return None
    return {
        "amount": _(
            "Met deze bijdrage komt %(post)s op %(total)s, meer dan de post kost "
            "(%(estimate)s). Er kan nog %(left)s bij."
        )
        % {
            "post": post_label,
            "total": format_euro(total),
            "estimate": format_euro(estimate),
            "left": format_euro(max(ZERO, estimate - before)),
        }
    }


def regeling_maximum_error(*, regeling, used: Decimal, amount: Decimal) -> dict | None:
    """A regeling's maximum is per person: what the plan already asks of it counts."""
    if used + amount <= regeling.amount_max:
        return None
    return {
        "amount": _(
            "Via %(regeling)s kan per persoon hooguit %(max)s; in dit plan staat al "
            "%(used)s. Er kan nog %(left)s bij."
        )
        % {
            "regeling": regeling.name,
            "max": format_euro(regeling.amount_max),
            "used": format_euro(used),
            "left": format_euro(max(ZERO, regeling.amount_max - used)),
        }
    }


def stacking_error(
    *, regeling, others: Iterable, pairs: set[frozenset[int]], post_label: str
) -> dict | None:
    """Two regelingen on one post must stack (see `subsidies.stacks`)."""
    for other in others:
        if not stacks(regeling, other, pairs):
            return {
                "regeling": _(
                    "%(regeling)s is niet te combineren met %(other)s, die al voor %(post)s "
                    "in het plan staat."
                )
                % {"regeling": regeling.name, "other": other.name, "post": post_label}
            }
    return None
