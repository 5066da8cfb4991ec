"""Three years of history for the demo region, so that the loket's reports and the coaches'
caseloads show real figures: about 2,100 trajecten that walk the journey with lead times around
the norms (journeys.models.PHASE_NORM_DAYS), drop out along the way with a reason, are retained
or not after the start of their leerwerktraject, have financing plans (most of them financieel
veilig once a contract is signed), matches and applications with closed vacatures, and signed
up for orientation events before they started.

Everything is drawn from one fixed random seed, so a history built on the same day is the same;
it is written with bulk inserts (a few seconds on PostgreSQL). The people are made up and have
no password: nobody logs in as them. Seeding twice adds nothing: the history is built only when
it is not there whole yet (seed_demo runs in one transaction); a partial one is removed first.
"""

from __future__ import annotations

from accounts.models import User
from financing.models import FinancingPlan
from journeys.models import Traject
from matching.models import Application

from .simulation import (
    DOMAIN,
    HISTORY_COACHES,
    NAMED_COACH_OPEN,
    REGION,
    SEED,
    TRAJECTEN,
    Walk,
    assign_coaches,
    email,
    simulate,
)
from .writer import Builder

__all__ = [
    "DOMAIN",
    "HISTORY_COACHES",
    "NAMED_COACH_OPEN",
    "REGION",
    "SEED",
    "TIMINGS",
    "TRAJECTEN",
    "Walk",
    "assign_coaches",
    "build_history",
    "exists",
    "simulate",
    "summary",
]


def exists() -> bool:
    """The whole history is there: its first coach, and the parts written last (financing
    plans and applications; they live in tables a migration rollback may have emptied)."""
    people = "@" + DOMAIN
    return (
        User.objects.filter(email=email("coach", 1)).exists()
        and FinancingPlan.objects.filter(traject__overstapper__email__endswith=people).exists()
        and Application.objects.filter(profile__user__email__endswith=people).exists()
    )


def _remove_partial() -> None:
    """A history whose later parts are gone (their tables were rolled back and migrated
    again) is removed, so that it is built again whole rather than half twice."""
    people = "@" + DOMAIN
    Traject.objects.filter(overstapper__email__endswith=people).delete()
    User.objects.filter(email__endswith=people).delete()


# The seconds each part took in the last build of this process (the command prints them).
TIMINGS: dict[str, float] = {}


def build_history(*, staff: dict[str, User]) -> bool:
    """Build the history once; False when it exists already."""
    TIMINGS.clear()
    if exists():
        return False
    _remove_partial()
    TIMINGS.update(Builder(staff=staff).run())
    return True


def summary() -> str:
    """The history in one line, for the command's output."""
    trajecten = Traject.objects.filter(overstapper__email__endswith="@" + DOMAIN)
    return (
        f"{trajecten.count()} trajecten uit de geschiedenis, "
        f"{trajecten.open().count()} daarvan lopen nog"
    )
