"""Notes and appointments of a traject: written by its coach, reminders to the participant."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from loopbrug.services import audit_log
from notifications.ics import appointment_ics
from notifications.models import Kind as NotificationKind
from notifications.services import notify

from .access import is_coach_of
from .models import Appointment, Note, Traject


def require_coach(user: User, traject: Traject) -> None:
    if not is_coach_of(user, traject):
        raise PermissionDenied(_("Alleen de coach van dit traject kan dit doen."))


def note_add(*, traject: Traject, author: User, text: str, shared: bool = False) -> Note:
    require_coach(author, traject)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf een notitie.")})
    limit = Note._meta.get_field("text").max_length
    if len(text) > limit:
        # Refused whole, never cut: a shortened note would say less than the coach wrote.
        raise ValidationError(
            {
                "text": _("Een notitie is hooguit %(limit)s tekens; deze is %(n)s tekens.")
                % {"limit": limit, "n": len(text)}
            }
        )
    note = Note.objects.create(traject=traject, author=author, text=text, shared=shared)
    audit_log(actor=author, action="note.add", obj=note, shared=shared)
    return note


def notes_for(*, traject: Traject, viewer: User) -> QuerySet[Note]:
    qs = traject.notes.select_related("author")
    if is_coach_of(viewer, traject):
        return qs
    if viewer.pk == traject.overstapper_id:
        return qs.filter(shared=True)
    return qs.none()


# An appointment is planned (or recorded afterwards) within this window; a date far outside it
# is a typing error.
APPOINTMENT_PAST = timedelta(days=366)
APPOINTMENT_AHEAD = timedelta(days=2 * 366)


def _require_in_window(starts_at: datetime, now: datetime) -> None:
    if not now - APPOINTMENT_PAST <= starts_at <= now + APPOINTMENT_AHEAD:
        raise ValidationError(
            {"starts_at": _("Kies een moment vanaf een jaar geleden tot twee jaar vooruit.")}
        )


def appointment_add(*, traject: Traject, coach: User, kind: str, starts_at, location: str = ""):
    require_coach(coach, traject)
    if kind not in Appointment.Kind.values:
        raise ValidationError({"kind": _("Onbekende soort afspraak.")})
    now = timezone.now()
    _require_in_window(starts_at, now)
    appointment = Appointment.objects.create(
        traject=traject, coach=coach, kind=kind, starts_at=starts_at, location=location
    )
    if starts_at > now:  # a talk recorded afterwards announces nothing
        appointment_announce(appointment=appointment, change=PLANNED)
    return appointment


def appointment_of(*, traject: Traject, pk: int) -> Appointment | None:
    """An appointment of this traject (never another's: the id alone gives nothing)."""
    return traject.appointments.filter(pk=pk).first()


@transaction.atomic
def appointment_move(
    *, appointment: Appointment, by: User, starts_at: datetime, location: str | None = None
) -> Appointment:
    """Move an appointment (same window as planning one); the participant is told, with a
    calendar file that moves the entry, and gets a new reminder."""
    require_coach(by, appointment.traject)
    now = timezone.now()
    _require_in_window(starts_at, now)
    location = appointment.location if location is None else location.strip()
    if len(location) > 200:
        raise ValidationError({"location": _("De plaats is te lang: hooguit 200 tekens.")})
    before = appointment.starts_at
    appointment.starts_at, appointment.location, appointment.reminded_at = starts_at, location, None
    appointment.save(update_fields=["starts_at", "location", "reminded_at"])
    audit_log(
        actor=by,
        action="appointment.move",
        obj=appointment,
        before=before.isoformat(),
        after=starts_at.isoformat(),
    )
    if starts_at > now:
        appointment_announce(appointment=appointment, change=MOVED)
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, by: User) -> None:
    """Cancel an appointment: it is gone from both timelines; a participant of an appointment
    still to come is told, with a calendar file that removes it."""
    require_coach(by, appointment.traject)
    if appointment.starts_at > timezone.now():
        appointment_announce(appointment=appointment, change=CANCELLED)
    audit_log(actor=by, action="appointment.cancel", obj=appointment)
    appointment.delete()


def _appointment_words(appointment: Appointment) -> dict[str, str]:
    """What, when and where of an appointment, for the notifications about it."""
    return {
        "what": appointment.get_kind_display(),
        "when": timezone.localtime(appointment.starts_at).strftime("%d-%m-%Y %H:%M"),
        "where": f" ({appointment.location})" if appointment.location else "",
    }


def _participants(appointment: Appointment) -> tuple[list, str]:
    """Who takes part (the overstapper, or every member of the group) and their page."""
    if appointment.traject_id:
        link = reverse("traject_detail", kwargs={"pk": appointment.traject_id})
        return [appointment.traject.overstapper], link
    members = appointment.group.members.select_related("overstapper")
    return [t.overstapper for t in members], reverse("home")


PLANNED, MOVED, CANCELLED = "gepland", "verzet", "afgezegd"
_CHANGE_WORDS = {
    PLANNED: gettext_lazy("gepland"),
    MOVED: gettext_lazy("verzet"),
    CANCELLED: gettext_lazy("afgezegd"),
}


def appointment_announce(*, appointment: Appointment, change: str) -> None:
    """Tell every participant that an appointment or intervisie meeting was planned, moved or
    cancelled, with a calendar file that adds, moves or removes it (issue 12)."""
    people, link = _participants(appointment)
    words = _appointment_words(appointment) | {"change": _CHANGE_WORDS[change]}
    if appointment.group_id:
        kind = NotificationKind.INTERVISIE
        title = _("Intervisiebijeenkomst %(change)s: %(when)s") % words
        body = _("Met je intervisiegroep %(group)s%(where)s.") % {
            **words,
            "group": appointment.group.name,
        }
    else:
        kind = NotificationKind.AFSPRAAK
        title = _("Afspraak %(change)s: %(what)s op %(when)s") % words
        body = _("Met je coach%(where)s.") % words
    notify(
        recipients=people,
        kind=kind,
        title=title,
        body=body,
        link=link,
        ics=appointment_ics(appointment=appointment, summary=title, cancelled=change == CANCELLED),
    )


def appointments_due_for_reminder(*, now: datetime | None = None) -> QuerySet[Appointment]:
    now = now or timezone.now()
    return Appointment.objects.filter(
        reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + timedelta(hours=48)
    )


def send_appointment_reminders(*, now: datetime | None = None) -> int:
    """Remind every participant once, within the reminder window (inbox, e-mail, .ics)."""
    now = now or timezone.now()
    sent = 0
    for appointment in (
        appointments_due_for_reminder(now=now)
        .select_related("traject__overstapper", "group")
        .prefetch_related("group__members__overstapper")
    ):
        if appointment.starts_at - timedelta(hours=appointment.remind_before_hours) > now:
            continue
        with transaction.atomic():
            if not Appointment.objects.filter(pk=appointment.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            people, link = _participants(appointment)  # an intervisie meeting: every member
            words = _appointment_words(appointment)
            title = _("Herinnering: %(what)s op %(when)s") % words
            sent += len(
                notify(
                    recipients=people,
                    kind=NotificationKind.HERINNERING,
                    title=title,
                    body=_("Je hebt een afspraak op %(when)s%(where)s.") % words,
                    link=link,
                    ics=appointment_ics(appointment=appointment, summary=title),
                )
            )
    return sent
