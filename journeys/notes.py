"""Notes and appointments of a traject: written by its coach, reminders to the participant."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from loopbrug.services import audit_log

from .models import Appointment, Note, Traject


def require_coach(user: User, traject: Traject) -> None:
    if not (
        user.role == Role.BEHEERDER or (user.role == Role.COACH and traject.coach_id == user.pk)
    ):
        raise PermissionDenied(_("Alleen de coach van dit traject kan dit doen."))


def note_add(*, traject: Traject, author: User, text: str, shared: bool = False) -> Note:
    require_coach(author, traject)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf een notitie.")})
    note = Note.objects.create(traject=traject, author=author, text=text[:4000], shared=shared)
    audit_log(actor=author, action="note.add", obj=note, shared=shared)
    return note


def notes_for(*, traject: Traject, viewer: User) -> QuerySet[Note]:
    qs = traject.notes.select_related("author")
    if viewer.role in (Role.COACH, Role.BEHEERDER):
        return qs
    if viewer.pk == traject.overstapper_id:
        return qs.filter(shared=True)
    return qs.none()


# An appointment is planned (or recorded afterwards) within this window; a date far outside it
# is a typing error.
APPOINTMENT_PAST = timedelta(days=366)
APPOINTMENT_AHEAD = timedelta(days=2 * 366)


def appointment_add(*, traject: Traject, coach: User, kind: str, starts_at, location: str = ""):
    require_coach(coach, traject)
    if kind not in Appointment.Kind.values:
        raise ValidationError({"kind": _("Onbekende soort afspraak.")})
    now = timezone.now()
    if not now - APPOINTMENT_PAST <= starts_at <= now + APPOINTMENT_AHEAD:
        raise ValidationError(
            {"starts_at": _("Kies een moment vanaf een jaar geleden tot twee jaar vooruit.")}
        )
    return Appointment.objects.create(
        traject=traject, coach=coach, kind=kind, starts_at=starts_at, location=location
    )


def appointments_due_for_reminder(*, now: datetime | None = None) -> QuerySet[Appointment]:
    now = now or timezone.now()
    return Appointment.objects.filter(
        reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + timedelta(hours=48)
    )


def send_appointment_reminders(*, now: datetime | None = None) -> int:
    """E-mail the participant a reminder once, within the reminder window."""
    now = now or timezone.now()
    sent = 0
    for appointment in (
        appointments_due_for_reminder(now=now)
        .select_related("traject__overstapper", "group")
        .prefetch_related("group__members__overstapper")
    ):
        if appointment.starts_at - timedelta(hours=appointment.remind_before_hours) > now:
            continue
        if not Appointment.objects.filter(pk=appointment.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            continue
        if appointment.traject:
            people = [appointment.traject.overstapper]
        else:  # an intervisie meeting: every member of the group
            people = [t.overstapper for t in appointment.group.members.all()]
        when = timezone.localtime(appointment.starts_at).strftime("%d-%m-%Y %H:%M")
        where = f" ({appointment.location})" if appointment.location else ""
        for person in people:
            if person is None or not person.email:
                continue
            send_mail(
                _("Herinnering: %(kind)s") % {"kind": appointment.get_kind_display()},
                _("Je hebt een afspraak op %(when)s%(where)s.") % {"when": when, "where": where},
                None,
                [person.email],
            )
            sent += 1
    return sent
