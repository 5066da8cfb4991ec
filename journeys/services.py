from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Region, Role, User
from loopbrug.services import audit_log
from notifications.models import Kind as NotificationKind
from notifications.services import notify

from .access import can_assign_coach, can_change_phase, can_claim_intake
from .models import END_PHASES, JOURNEY, TRANSITIONS, EntryRoute, Phase, PhaseChange, Traject


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


AUTOMATIC = _("Automatisch")


@transaction.atomic
def traject_advance(*, traject: Traject, to_phase: str, fact: str) -> list[PhaseChange]:
    """Move a traject forward to `to_phase` because a fact happened, from any earlier phase.

    Each step on the way is its own PhaseChange by Loopbrug itself (by=None), with
    "Automatisch: <fact>" as its reason, so the funnel and lead times see every phase reached.
    A traject already at or past `to_phase`, or closed, is left alone: a fact never moves a
    traject back, and the coach's own moves stand.
    """
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if traject.phase not in JOURNEY or to_phase not in JOURNEY:
        return []
    current, target = JOURNEY.index(traject.phase), JOURNEY.index(to_phase)
    if current >= target:
        return []
    reason = f"{AUTOMATIC}: {fact}"
    changes = []
    for phase in JOURNEY[current + 1 : target + 1]:
        change = traject_change_phase(traject=traject, to_phase=phase, by=None, reason=reason)
        changes.append(change)
        traject.refresh_from_db(fields=["phase", "phase_since"])
    return changes


def traject_advance_for(*, overstapper_id: int, to_phase: str, fact: str) -> list[PhaseChange]:
    """traject_advance on the overstapper's open traject, if they have one."""
    traject = Traject.objects.filter(overstapper_id=overstapper_id).open().order_by("-attempt")
    traject = traject.first()
    if traject is None:
        return []
    return traject_advance(traject=traject, to_phase=to_phase, fact=fact)


@transaction.atomic
def traject_assign_coach(*, traject: Traject, coach: User, by: User) -> Traject:
    """Link a coach to someone who signed up alone: a coach claims, a loket user assigns.

    The first claim stands: a traject that got a coach a moment ago is refused with a message.
    The coach works in the traject's region; the overstapper is told who their coach is.
    """
    traject = (
        Traject.objects.select_for_update(of=("self",)).select_related("coach").get(pk=traject.pk)
    )
    if traject.coach_id is not None:
        raise ValidationError(
            _("%(coach)s heeft deze aanmelding net opgepakt.") % {"coach": traject.coach}
        )
    if not traject.is_open:
        raise ValidationError(_("Dit traject is afgesloten."))
    claiming = by.pk == coach.pk
    if claiming and not can_claim_intake(by):
        raise PermissionDenied(_("Alleen een coach pakt een aanmelding op."))
    if not claiming and not can_assign_coach(by):
        raise PermissionDenied(_("Alleen het loket wijst een coach toe."))
    if coach.role != Role.COACH or not coach.is_active:
        raise ValidationError({"coach": _("Kies een coach.")})
    coach_region = coach.organisation.region_id if coach.organisation_id else None
    if coach_region != traject.region_id:
        raise ValidationError({"coach": _("Deze coach werkt in een andere regio.")})
    if by.role == Role.LOKET and (
        not by.organisation_id or by.organisation.region_id != traject.region_id
    ):
        raise PermissionDenied(_("Je wijst alleen coaches toe in je eigen regio."))
    traject.coach = coach
    traject.save(update_fields=["coach"])
    audit_log(actor=by, action="traject.assign_coach", obj=traject, coach=coach.pk)
    notify(
        recipients=[traject.overstapper],
        kind=NotificationKind.COACH_GEKOPPELD,
        title=_("%(coach)s is je coach") % {"coach": coach.full_name},
        body=_("Je coach neemt contact met je op voor een eerste gesprek."),
        link=reverse("home"),
    )
    if not claiming:  # the loket chose the coach: the coach hears of the new participant
        notify(
            recipients=[coach],
            kind=NotificationKind.COACH_GEKOPPELD,
            title=_("Nieuwe deelnemer in je caseload"),
            body=_("Het loket heeft je gekoppeld aan een nieuwe aanmelding in je regio."),
            link=reverse("traject_detail", kwargs={"pk": traject.pk}),
        )
    return traject


def traject_copy_target_sector(*, overstapper_id: int, sector: str) -> Traject | None:
    """The doelsector chosen in the profile goes to the open traject, unless one is set there
    already (by the coach, or an earlier choice): the coach's choice stands."""
    traject = (
        Traject.objects.filter(overstapper_id=overstapper_id, target_sector="")
        .open()
        .order_by("-attempt")
        .first()
    )
    if traject is None:
        return None
    traject.target_sector = sector
    traject.full_clean()
    traject.save(update_fields=["target_sector"])
    return traject


@transaction.atomic
def traject_set_target_sector(*, traject: Traject, sector: str, by: User) -> Traject:
    """The coach sets or changes the doelsector (the financing plan's norms follow it)."""
    if not can_change_phase(user=by, traject=traject):
        raise PermissionDenied(_("Alleen de coach van dit traject kan de doelsector wijzigen."))
    traject.target_sector = sector
    traject.full_clean()
    traject.save(update_fields=["target_sector"])
    audit_log(actor=by, action="traject.target_sector", obj=traject, sector=sector)
    return traject
