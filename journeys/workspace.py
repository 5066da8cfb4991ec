"""The coach's workspace: what needs attention first, and one timeline per participant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from loopbrug.services import audit_log
from notifications.ics import appointment_ics
from notifications.models import Kind as NotificationKind
from notifications.services import notify

from .models import Appointment, Note, Phase, Traject

# Norms per phase in days (seed 003): oriëntatie ~12 days over 3 months; the overstaptijd
# (profiel, match, selectie) 0–4 months; geschiktheidsonderzoek at most 5 weeks; onboarding
# ~100 days; begeleiding (nazorg) a year; a switch took 4–7 months in the Proeftuinen.
# Aanmelding (two weeks to a first talk) is our own working norm.
PHASE_NORM_DAYS: dict[str, int] = {
    Phase.AANMELDING: 14,
    Phase.ORIENTATIE: 90,
    Phase.PROFIEL: 30,
    Phase.MATCH: 60,
    Phase.SELECTIE: 35,
    Phase.LEERWERKTRAJECT: 210,
    Phase.ONBOARDING: 100,
    Phase.NAZORG: 365,
}
PHASE_NORM_TEXT = {
    Phase.AANMELDING: gettext_lazy("eerste gesprek binnen 2 weken"),
    Phase.ORIENTATIE: gettext_lazy("ongeveer 12 dagen over 3 maanden"),
    Phase.PROFIEL: gettext_lazy("overstaptijd 0–4 maanden"),
    Phase.MATCH: gettext_lazy("overstaptijd 0–4 maanden"),
    Phase.SELECTIE: gettext_lazy("geschiktheidsonderzoek hooguit 5 weken"),
    Phase.LEERWERKTRAJECT: gettext_lazy("overstap 4–7 maanden (Proeftuinen)"),
    Phase.ONBOARDING: gettext_lazy("ongeveer 100 dagen"),
    Phase.NAZORG: gettext_lazy("begeleiding een jaar"),
}


class Attention:
    STALLED = "stilstand"
    LOW_WERKGELUK = "laag_werkgeluk"
    MISSED_CHECKIN = "checkin_gemist"
    FINANCING = "financiering"
    ONDERZOEK = "onderzoek"
    OVERDUE_ITEM = "actie_te_laat"

    LABELS = {
        STALLED: gettext_lazy("Te lang in deze fase"),
        LOW_WERKGELUK: gettext_lazy("Laag werkgeluk"),
        MISSED_CHECKIN: gettext_lazy("Check-in gemist"),
        FINANCING: gettext_lazy("Financiering niet veilig"),
        ONDERZOEK: gettext_lazy("Geschiktheidsonderzoek langer dan 5 weken"),
        OVERDUE_ITEM: gettext_lazy("Onboarding-actie te laat"),
    }
    ORDER = [LOW_WERKGELUK, MISSED_CHECKIN, ONDERZOEK, OVERDUE_ITEM, FINANCING, STALLED]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(k, cls.LABELS[k]) for k in cls.ORDER]


@dataclass
class CaseloadRow:
    traject: Traject
    attention: list[str] = field(default_factory=list)
    norm_days: int | None = None
    alerts: list = field(default_factory=list)

    @property
    def attention_labels(self) -> list[str]:
        return [str(Attention.LABELS[a]) for a in self.attention]

    @property
    def stalled(self) -> bool:
        return Attention.STALLED in self.attention


def caseload_rows(
    *, trajecten: QuerySet[Traject], attention: str | None = None
) -> list[CaseloadRow]:
    """The caseload with its signals, attention first; a fixed number of queries."""
    from financing.selectors import plan_bundles
    from matching.models import GESCHIKTHEIDSONDERZOEK_MAX, Application
    from onboarding.models import Alert, OnboardingItem

    now = timezone.now()
    today = timezone.localdate()
    qs = trajecten.annotate(
        onderzoek_late=Exists(
            Application.objects.filter(
                profile__user_id=OuterRef("overstapper_id"),
                status=Application.Status.ONDERZOEK,
                onderzoek_started_at__lt=now - GESCHIKTHEIDSONDERZOEK_MAX,
            )
        ),
        item_late=Exists(
            OnboardingItem.objects.filter(
                plan__traject_id=OuterRef("pk"), done_at__isnull=True, due_on__lt=today
            )
        ),
    ).prefetch_related(
        Prefetch(
            "alerts",
            queryset=Alert.objects.filter(resolved_at__isnull=True).order_by("-created_at"),
            to_attr="open_alerts",
        )
    )
    trajecten_list = list(qs)
    bundles = plan_bundles(trajecten=trajecten_list)
    rows = []
    for traject in trajecten_list:
        row = CaseloadRow(traject=traject, norm_days=PHASE_NORM_DAYS.get(traject.phase))
        kinds = {a.kind for a in traject.open_alerts}
        row.alerts = traject.open_alerts
        if Alert.Kind.LOW_WERKGELUK in kinds:
            row.attention.append(Attention.LOW_WERKGELUK)
        if Alert.Kind.MISSED_CHECKIN in kinds:
            row.attention.append(Attention.MISSED_CHECKIN)
        if traject.onderzoek_late:
            row.attention.append(Attention.ONDERZOEK)
        if traject.item_late or Alert.Kind.OVERDUE_ITEM in kinds:
            row.attention.append(Attention.OVERDUE_ITEM)
        bundle = bundles.get(traject.pk)
        if bundle is not None and traject.is_open and not bundle.verdict.veilig:
            row.attention.append(Attention.FINANCING)
        if row.norm_days is not None and traject.days_in_phase > row.norm_days:
            row.attention.append(Attention.STALLED)
        rows.append(row)
    if attention:
        rows = [r for r in rows if attention in r.attention]
    # Attention first (most signals, then the earliest signal kind), then longest in phase.
    rows.sort(
        key=lambda r: (
            -len(r.attention),
            min((Attention.ORDER.index(a) for a in r.attention), default=99),
            r.traject.phase_since,
        )
    )
    return rows


# --- the timeline ------------------------------------------------------------------------


@dataclass
class Event:
    at: datetime
    kind: str
    label: str
    text: str
    private: bool = False


def _aware(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, datetime.min.time(), tzinfo=timezone.get_current_timezone())


def participant_timeline(*, traject: Traject, viewer: User) -> list[Event]:
    """Everything that happened on a traject, newest first. Private notes only for coaches."""
    from financing.models import FinancingPlan
    from matching.models import Application, ApplicationEvent, Match
    from onboarding.models import Alert, CheckIn

    coach_view = viewer.role in (Role.COACH, Role.BEHEERDER)
    events: list[Event] = []
    for c in traject.phase_changes.all():
        reason = c.reason if coach_view else c.participant_reason
        events.append(
            Event(
                c.at,
                "fase",
                _("Fase"),
                f"{Phase(c.from_phase).label + ' → ' if c.from_phase else ''}"
                f"{Phase(c.to_phase).label}{': ' + reason if reason else ''}",
            )
        )
    notes = traject.notes.select_related("author")
    if not coach_view:
        notes = notes.filter(shared=True)
    for n in notes:
        events.append(
            Event(
                n.created_at,
                "notitie",
                _("Gedeelde notitie") if n.shared else _("Notitie (alleen coaches)"),
                n.text,
                private=not n.shared,
            )
        )
    for a in traject.appointments.all():
        events.append(
            Event(a.starts_at, "afspraak", _("Afspraak"), f"{a.get_kind_display()} {a.location}")
        )
    for meeting in Appointment.objects.filter(group__members=traject).select_related("group"):
        events.append(
            Event(
                meeting.starts_at,
                "intervisie",
                _("Intervisie"),
                f"{meeting.group.name} {meeting.location}".strip(),
            )
        )
    if traject.overstapper_id:
        for m in Match.objects.filter(profile__user_id=traject.overstapper_id).select_related(
            "vacature"
        )[:20]:
            events.append(
                Event(m.computed_at, "match", _("Match"), f"{m.vacature.title} ({m.score}%)")
            )
        for e in ApplicationEvent.objects.filter(
            application__in=Application.objects.filter(profile__user_id=traject.overstapper_id)
        ).select_related("application__vacature"):
            events.append(
                Event(
                    e.at,
                    "sollicitatie",
                    _("Sollicitatie"),
                    f"{e.application.vacature.title}: {e.get_to_status_display()}",
                )
            )
    plan = FinancingPlan.objects.filter(traject=traject).first()
    if plan is not None:
        events.append(
            Event(
                plan.updated_at,
                "financiering",
                _("Financiering"),
                _("Financieringsplan versie %(v)s") % {"v": plan.version},
            )
        )
    for c in CheckIn.objects.filter(traject=traject, filled_at__isnull=False):
        events.append(Event(c.filled_at, "checkin", _("Check-in"), _("Check-in ingevuld")))
    if coach_view:
        for a in Alert.objects.filter(traject=traject):
            state = _("opgelost") if a.resolved_at else _("open")
            events.append(Event(a.created_at, "signaal", _("Signaal"), f"{a.message} ({state})"))
    events.sort(key=lambda e: _aware(e.at), reverse=True)
    return events


# --- services ----------------------------------------------------------------------------


def _require_coach(user: User, traject: Traject) -> None:
    if not (
        user.role == Role.BEHEERDER or (user.role == Role.COACH and traject.coach_id == user.pk)
    ):
        raise PermissionDenied(_("Alleen de coach van dit traject kan dit doen."))


def note_add(*, traject: Traject, author: User, text: str, shared: bool = False) -> Note:
    _require_coach(author, traject)
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
    _require_coach(coach, traject)
    if kind not in Appointment.Kind.values:
        raise ValidationError({"kind": _("Onbekende soort afspraak.")})
    now = timezone.now()
    if not now - APPOINTMENT_PAST <= starts_at <= now + APPOINTMENT_AHEAD:
        raise ValidationError(
            {"starts_at": _("Kies een moment vanaf een jaar geleden tot twee jaar vooruit.")}
        )
    appointment = Appointment.objects.create(
        traject=traject, coach=coach, kind=kind, starts_at=starts_at, location=location
    )
    if starts_at > now:  # a talk recorded afterwards announces nothing
        appointment_announce(appointment=appointment, change=PLANNED)
    return appointment


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


def alert_resolve(*, alert, user: User):
    """The coach has dealt with a signal: it leaves the dashboard, the record stays."""
    _require_coach(user, alert.traject)
    if alert.resolved_at is None:
        alert.resolved_at = timezone.now()
        alert.save(update_fields=["resolved_at"])
        audit_log(actor=user, action="alert.resolve", obj=alert)
    return alert
