"""Writes of the coach's workspace: signals (onboarding alerts) dealt with."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from journeys.notes import require_coach
from loopbrug.services import audit_log


def alert_resolve(*, alert, user: User):
    """The coach has dealt with a signal: it leaves the dashboard, the record stays."""
    require_coach(user, alert.traject)
    if alert.resolved_at is None:
        alert.resolved_at = timezone.now()
        alert.save(update_fields=["resolved_at"])
        audit_log(actor=user, action="alert.resolve", obj=alert)
    return alert
