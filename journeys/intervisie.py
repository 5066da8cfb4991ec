"""Intervisiegroepen and buddy's: the coach brings participants together and links a buddy.

Services for writes (each checks who may do it), selectors for reads. A group belongs to one
coach and holds only that coach's own, open trajecten; its meetings are appointments of kind
intervisie (reminders go to every member)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from loopbrug.services import audit_log

from .access import is_assigned_coach
from .models import Appointment, Buddy, Intervisiegroep, Traject
from .notes import PLANNED, appointment_announce

MAX_GROUP_SIZE = 12


def _require_coach(user: User) -> None:
    if user.role != Role.COACH:
        raise PermissionDenied(_("Alleen coaches werken met intervisiegroepen."))


def _require_group_coach(user: User, group: Intervisiegroep) -> None:
    if group.coach_id != user.pk:
        raise PermissionDenied(_("Dit is niet jouw intervisiegroep."))


# --- selectors -----------------------------------------------------------------------------


def groups_for(*, coach: User) -> QuerySet[Intervisiegroep]:
    """The coach's groups with their members and upcoming meetings, in a fixed few queries."""
    now = timezone.now()
    return (
        Intervisiegroep.objects.filter(coach=coach)
        .annotate(n_members=Count("members", distinct=True))
        .prefetch_related(
            Prefetch("members", queryset=Traject.objects.select_related("overstapper")),
            Prefetch(
                "meetings",
                queryset=Appointment.objects.filter(starts_at__gte=now).order_by("starts_at"),
                to_attr="upcoming",
            ),
        )
    )


def group_for(*, coach: User, pk: int) -> Intervisiegroep | None:
    return groups_for(coach=coach).filter(pk=pk).first()


def member_candidates(*, coach: User) -> QuerySet[Traject]:
    """The trajecten a coach may put in a group: their own, still open."""
    return Traject.objects.open().filter(coach=coach).select_related("overstapper")


def meetings_of(*, group: Intervisiegroep) -> QuerySet[Appointment]:
    return group.meetings.order_by("starts_at", "pk")


def buddy_of_coach(*, coach: User, pk: int) -> Buddy | None:
    """A buddy of one of the coach's own trajecten, or None."""
    return Buddy.objects.select_related("traject").filter(pk=pk, traject__coach=coach).first()


def buddies_for(*, traject: Traject, viewer: User) -> QuerySet[Buddy]:
    """The traject's coach and the participant see the buddy; nobody else."""
    if viewer.pk == traject.overstapper_id or is_assigned_coach(viewer, traject):
        return traject.buddies.all()
    return Buddy.objects.none()


# --- services ------------------------------------------------------------------------------


def _members(*, coach: User, traject_ids: Iterable[int]) -> list[Traject]:
    ids = {int(pk) for pk in traject_ids}
    members = list(member_candidates(coach=coach).filter(pk__in=ids))
    if len(members) != len(ids):
        raise ValidationError(
            {"members": _("Kies alleen deelnemers uit je eigen caseload met een lopend traject.")}
        )
    if len(members) > MAX_GROUP_SIZE:
        message = _("Een intervisiegroep heeft hooguit %(n)s deelnemers.")
        raise ValidationError({"members": message % {"n": MAX_GROUP_SIZE}})
    return members


def _require_unique_name(*, coach: User, name: str, exclude: int | None = None) -> None:
    if Intervisiegroep.objects.filter(coach=coach, name__iexact=name).exclude(pk=exclude).exists():
        raise ValidationError({"name": _("Je hebt al een groep met deze naam.")})


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Geef de groep een naam.")})
    if len(name) > 200:
        raise ValidationError({"name": _("Een naam is hooguit 200 tekens.")})
    return name


@transaction.atomic
def group_create(*, coach: User, name: str, member_ids: Iterable[int] = ()) -> Intervisiegroep:
    _require_coach(coach)
    name = _clean_name(name)
    members = _members(coach=coach, traject_ids=member_ids)
    _require_unique_name(coach=coach, name=name)
    group = Intervisiegroep.objects.create(coach=coach, name=name)
    group.members.set(members)
    audit_log(actor=coach, action="intervisie.create", obj=group, members=len(members))
    return group


@transaction.atomic
def group_update(
    *, group: Intervisiegroep, by: User, name: str | None = None, member_ids=None
) -> Intervisiegroep:
    _require_group_coach(by, group)
    if name is not None:
        name = _clean_name(name)
        _require_unique_name(coach=by, name=name, exclude=group.pk)
        group.name = name
        group.save(update_fields=["name"])
    if member_ids is not None:
        group.members.set(_members(coach=by, traject_ids=member_ids))
    audit_log(actor=by, action="intervisie.update", obj=group)
    return group


@transaction.atomic
def group_delete(*, group: Intervisiegroep, by: User) -> None:
    _require_group_coach(by, group)
    audit_log(actor=by, action="intervisie.delete", obj=group)
    group.delete()


@transaction.atomic
def meeting_plan(
    *, group: Intervisiegroep, by: User, starts_at: datetime, location: str = ""
) -> Appointment:
    _require_group_coach(by, group)
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Plan een bijeenkomst in de toekomst.")})
    location = (location or "").strip()
    if len(location) > 200:
        raise ValidationError({"location": _("De plaats is te lang: hooguit 200 tekens.")})
    meeting = Appointment.objects.create(
        group=group,
        coach=by,
        kind=Appointment.Kind.INTERVISIE,
        starts_at=starts_at,
        location=location,
    )
    audit_log(actor=by, action="intervisie.meeting", obj=group)
    appointment_announce(appointment=meeting, change=PLANNED)
    return meeting


def _require_traject_coach(user: User, traject: Traject) -> None:
    if not is_assigned_coach(user, traject):
        raise PermissionDenied(_("Alleen de coach van dit traject koppelt een buddy."))


@transaction.atomic
def buddy_link(*, traject: Traject, by: User, name: str, email: str = "") -> Buddy:
    _require_traject_coach(by, traject)
    name = (name or "").strip()
    email = (email or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Geef de naam van de buddy.")
    elif len(name) > 200:
        errors["name"] = _("Een naam is hooguit 200 tekens.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Vul een geldig e-mailadres in, of laat het leeg.")
    if errors:
        raise ValidationError(errors)
    if traject.buddies.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Deze buddy is al gekoppeld.")})
    buddy = Buddy.objects.create(traject=traject, name=name, email=email)
    audit_log(actor=by, action="buddy.link", obj=traject)
    return buddy


@transaction.atomic
def buddy_unlink(*, buddy: Buddy, by: User) -> None:
    _require_traject_coach(by, buddy.traject)
    audit_log(actor=by, action="buddy.unlink", obj=buddy.traject)
    buddy.delete()
