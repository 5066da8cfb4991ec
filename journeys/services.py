from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loopbrug.services import audit_log
from profiles.models import Region, Role, User

from .models import END_PHASES, TRANSITIONS, EntryRoute, Phase, PhaseChange, Traject


@transaction.atomic
def traject_create(
    *,
    overstapper: User,
    region: Region,
    entry_route: str = EntryRoute.ZELF,
    coach: User | None = None,
    target_sector: str = "",
    by: User | None = None,
    at: datetime | None = None,
) -> Traject:
    """Start a new attempt for an overstapper, in phase aanmelding."""
    if overstapper.role != Role.OVERSTAPPER:
        raise ValidationError(_("Alleen een overstapper kan een traject hebben."))
    if overstapper.trajecten.open().exists():
        raise ValidationError(_("Deze overstapper heeft al een lopend traject."))
    at = at or timezone.now()
    last = overstapper.trajecten.order_by("-attempt").first()
    traject = Traject(
        overstapper=overstapper,
        attempt=(last.attempt + 1) if last else 1,
        region=region,
        entry_route=entry_route,
        coach=coach,
        target_sector=target_sector,
        phase=Phase.AANMELDING,
        phase_since=at,
    )
    traject.full_clean()
    traject.save()
    PhaseChange.objects.create(
        traject=traject, from_phase="", to_phase=Phase.AANMELDING, at=at, by=by or overstapper
    )
    return traject


def can_change_phase(*, user: User, traject: Traject) -> bool:
    if user.role == Role.BEHEERDER:
        return True
    return user.role == Role.COACH and traject.coach_id == user.pk


@transaction.atomic
def traject_change_phase(
    *,
    traject: Traject,
    to_phase: str,
    by: User | None,
    reason: str,
    at: datetime | None = None,
) -> PhaseChange:
    """Move a traject to another phase, if the journey allows it, and record why.

    `by=None` is Loopbrug itself (e.g. closing the traject of an erased account)."""
    # Lock the row so two coaches clicking at once cannot both move it.
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if by is not None and not can_change_phase(user=by, traject=traject):
        raise PermissionDenied(_("Alleen de coach van dit traject kan de fase wijzigen."))
    if to_phase not in Phase.values:
        raise ValidationError({"to_phase": _("Onbekende fase: %(phase)s.") % {"phase": to_phase}})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor deze faseovergang.")})
    erased = by is None and to_phase == Phase.VERWIJDERD and traject.phase not in END_PHASES
    if to_phase not in TRANSITIONS[traject.phase] and not erased:
        raise ValidationError(
            {
                "to_phase": _("Van %(from)s naar %(to)s is geen toegestane stap.")
                % {
                    "from": Phase(traject.phase).label,
                    "to": Phase(to_phase).label,
                }
            }
        )
    at = at or timezone.now()
    change = PhaseChange(
        traject=traject, from_phase=traject.phase, to_phase=to_phase, at=at, by=by, reason=reason
    )
    change.full_clean()
    change.save()
    traject.phase = to_phase
    traject.phase_since = at
    traject.save(update_fields=["phase", "phase_since"])
    audit_log(
        actor=by,
        action="traject.phase_change",
        obj=traject,
        from_phase=change.from_phase,
        to_phase=to_phase,
    )
    return change
