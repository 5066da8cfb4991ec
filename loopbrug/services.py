from __future__ import annotations

from django.db import models

from .models import AuditEvent


def audit_log(*, actor, action: str, obj: models.Model, **detail) -> AuditEvent:
    """Record a sensitive action (a phase change, a view of someone else's data)."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        detail=detail,
    )
