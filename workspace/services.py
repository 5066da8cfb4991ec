"""Writes of the coach's workspace: a signal dealt with, in one place for every view."""

from __future__ import annotations

from accounts.models import User
from journeys.models import Traject
from journeys.notes import require_coach
from loopbrug.services import audit_log
from onboarding import services as onboarding

from . import selectors


def signal_resolve(*, traject: Traject, kind: str, user: User) -> int:
    """The coach has dealt with a signal: it leaves the caseload, /signalen/ and the traject
    page at once; the record stays. A new fact of the same kind raises it again."""
    require_coach(user, traject)
    signal = next((s for s in selectors.signals_of(traject=traject) if s.kind == kind), None)
    if signal is None:
        return 0
    onboarding.alerts_resolve(
        traject=traject, kind=kind, keys=signal.keys, message=signal.message or signal.label
    )
    audit_log(actor=user, action="signal.resolve", obj=traject, kind=kind, count=signal.count)
    return signal.count


def alert_resolve(*, alert, user: User) -> int:
    """Dealing with one alert deals with its signal (every fact of that kind)."""
    return signal_resolve(traject=alert.traject, kind=alert.kind, user=user)
