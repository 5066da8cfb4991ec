"""The coach's workspace: what needs attention first, and one timeline per participant. It
combines the apps (journeys, matching, financing, onboarding), so it sits above them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from financing.models import FinancingPlan
from financing.selectors import plan_bundles
from journeys.access import is_coach_of
from journeys.models import PHASE_NORM_DAYS, Appointment, Phase, Traject
from matching.models import GESCHIKTHEIDSONDERZOEK_MAX, Application, ApplicationEvent, Match
from notifications.ics import appointment_ics
from onboarding.models import Alert, CheckIn, OnboardingItem
from onboarding.services import ACTIVE_PHASES, MISSED_AFTER_DAYS
from orientatie.phase import ACTIVITY_WINDOW as ORIENTATION_ACTIVITY_WINDOW
from orientatie.phase import SHOWN_IN as ORIENTATION_PHASES
from orientatie.phase import last_activity as orientation_activity


class Attention:
    """The kinds of signal; each is the value of an onboarding Alert kind, so a signal the
    coach dealt with is recorded as resolved alerts with the keys of its facts."""

    LOW_WERKGELUK = Alert.Kind.LOW_WERKGELUK.value
    HULPLIJN = Alert.Kind.HULPLIJN.value
    MISSED_CHECKIN = Alert.Kind.MISSED_CHECKIN.value
    ONDERZOEK = Alert.Kind.ONDERZOEK.value
    OVERDUE_ITEM = Alert.Kind.OVERDUE_ITEM.value
    STALLED_ROUTE = Alert.Kind.STALLED_ROUTE.value
    FINANCING = Alert.Kind.FINANCING.value
    STALLED = Alert.Kind.STALLED_PHASE.value

    LABELS = {
        LOW_WERKGELUK: gettext_lazy("Laag werkgeluk"),
        HULPLIJN: gettext_lazy("Vraag via de hulplijn"),
        MISSED_CHECKIN: gettext_lazy("Check-in gemist"),
        ONDERZOEK: gettext_lazy("Geschiktheidsonderzoek langer dan 5 weken"),
        OVERDUE_ITEM: gettext_lazy("Onboarding-actie te laat"),
        STALLED_ROUTE: gettext_lazy("Leerroute staat stil"),
        FINANCING: gettext_lazy("Financiering niet veilig"),
        STALLED: gettext_lazy("Te lang in deze fase"),
    }
    ORDER = [
        LOW_WERKGELUK,
        HULPLIJN,
        MISSED_CHECKIN,
        ONDERZOEK,
        OVERDUE_ITEM,
        STALLED_ROUTE,
        FINANCING,
        STALLED,
    ]
    # Kinds with a fact Loopbrug computes on every read; the others exist only as an alert,
    # raised when their fact happens (a check-in saved, a question asked, the daily run).
    COMPUTED = {MISSED_CHECKIN, ONDERZOEK, OVERDUE_ITEM, FINANCING, STALLED}

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(k, cls.LABELS[k]) for k in cls.ORDER]


@dataclass(frozen=True)
class Signal:
    """One row per participant and kind: how many facts, since when, what about."""

    kind: str
    count: int
    since: datetime
    message: str
    keys: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(Attention.LABELS[self.kind])


def _signal(kind: str, facts: dict[str, tuple[datetime, str]]) -> Signal:
    ordered = sorted(facts.items(), key=lambda item: _aware(item[1][0]))
    texts = list(dict.fromkeys(text for _key, (_at, text) in ordered if text))
    message = " ".join(texts[:3]) + (" …" if len(texts) > 3 else "")
    return Signal(
        kind=kind,
        count=len(ordered),
        since=_aware(ordered[0][1][0]),
        message=message,
        keys=tuple(key for key, _fact in ordered),
    )


def signals_for(*, trajecten: Sequence[Traject]) -> dict[int, list[Signal]]:
    """The one truth for signals (caseload, /signalen/, traject page, API): per traject the
    open signals, one per kind with a count. A fixed number of queries for any number."""
    trajecten = list(trajecten)
    ids = [t.pk for t in trajecten]
    if not ids:
        return {}
    now = timezone.now()
    today = timezone.localdate()
    facts: dict[int, dict[str, dict[str, tuple[datetime, str]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    resolved: set[tuple[int, str, str]] = set()
    for a in (
        Alert.objects.filter(traject_id__in=ids)
        .filter(Q(resolved_at__isnull=True) | Q(kind__in=Attention.COMPUTED))
        .values_list("traject_id", "kind", "key", "created_at", "message", "resolved_at")
    ):
        traject_id, kind, key, created_at, message, resolved_at = a
        if resolved_at is not None:
            resolved.add((traject_id, kind, key))
        elif kind in Attention.LABELS:
            facts[traject_id][kind][key] = (created_at, message)

    def fact(traject_id: int, kind: str, key: str, at, text: str) -> None:
        if (traject_id, kind, key) not in resolved:
            facts[traject_id][kind].setdefault(key, (at, text))

    # The same facts and keys as the daily job (onboarding.services.daily_run), which raises
    # them as alerts; an overdue item counts in any open phase (a plan made before onboarding).
    active = {t.pk for t in trajecten if t.phase in ACTIVE_PHASES}
    open_ids = [t.pk for t in trajecten if t.is_open]
    for pk, traject_id, due_on, title in OnboardingItem.objects.filter(
        plan__traject_id__in=open_ids, done_at__isnull=True, due_on__lt=today
    ).values_list("pk", "plan__traject_id", "due_on", "title"):
        text = _("Onboarding-actie te laat: %(t)s.") % {"t": title}
        fact(traject_id, Attention.OVERDUE_ITEM, f"item-{pk}", due_on, text)
    for pk, traject_id, due_on, emailed_at in CheckIn.objects.filter(
        traject_id__in=active,
        filled_at__isnull=True,
        emailed_at__lt=now - timedelta(days=MISSED_AFTER_DAYS),
    ).values_list("pk", "traject_id", "due_on", "emailed_at"):
        text = _("Check-in van %(m)s niet ingevuld.") % {"m": f"{due_on:%m-%Y}"}
        fact(traject_id, Attention.MISSED_CHECKIN, f"checkin-{pk}", emailed_at, text)
    by_user = {t.overstapper_id: t.pk for t in trajecten if t.overstapper_id}
    for pk, user_id, started, title in Application.objects.filter(
        profile__user_id__in=list(by_user),
        status=Application.Status.ONDERZOEK,
        onderzoek_started_at__lt=now - GESCHIKTHEIDSONDERZOEK_MAX,
    ).values_list("pk", "profile__user_id", "onderzoek_started_at", "vacature__title"):
        text = _("Geschiktheidsonderzoek bij %(t)s duurt langer dan 5 weken.") % {"t": title}
        fact(by_user[user_id], Attention.ONDERZOEK, f"sollicitatie-{pk}", started, text)
    # The financing signal is raised for open trajecten only: a closed one's plan is not read.
    bundles = plan_bundles(trajecten=[t for t in trajecten if t.is_open], for_figures=True)
    oriented = _recent_orientation(trajecten, now=now)
    for traject in trajecten:
        bundle = bundles.get(traject.pk)
        if bundle is not None and not bundle.verdict.veilig:
            plan = bundle.plan
            text = _("Het financieringsplan is niet veilig.")
            key = f"plan-{plan.pk}-v{plan.version}"
            fact(traject.pk, Attention.FINANCING, key, plan.updated_at, text)
        norm = PHASE_NORM_DAYS.get(traject.phase)
        if norm is not None and traject.days_in_phase > norm and traject.pk not in oriented:
            since = traject.phase_since + timedelta(days=norm)
            text = _("Langer dan %(d)s dagen in de fase %(p)s.") % {
                "d": norm,
                "p": traject.get_phase_display(),
            }
            key = f"{traject.phase}-{int(traject.phase_since.timestamp())}"
            fact(traject.pk, Attention.STALLED, key, since, text)
    return {
        traject_id: [_signal(kind, by_kind[kind]) for kind in Attention.ORDER if by_kind.get(kind)]
        for traject_id, by_kind in facts.items()
    }


def _recent_orientation(trajecten: Sequence[Traject], *, now: datetime) -> set[int]:
    """The trajecten past their phase norm in aanmelding or oriëntatie whose person oriented
    lately in this phase (attended an event or a group session, saved a beroep): no stall."""
    candidates = [
        t
        for t in trajecten
        if t.phase in ORIENTATION_PHASES
        and t.overstapper_id
        and (norm := PHASE_NORM_DAYS.get(t.phase)) is not None
        and t.days_in_phase > norm
    ]
    if not candidates:
        return set()
    since = now - ORIENTATION_ACTIVITY_WINDOW
    latest = orientation_activity(user_ids=[t.overstapper_id for t in candidates], since=since)
    return {
        t.pk
        for t in candidates
        if t.overstapper_id in latest and latest[t.overstapper_id] >= t.phase_since
    }


def signals_of(*, traject: Traject) -> list[Signal]:
    return signals_for(trajecten=[traject]).get(traject.pk, [])


@dataclass
class CaseloadRow:
    traject: Traject
    signals: list[Signal] = field(default_factory=list)
    norm_days: int | None = None

    @property
    def attention(self) -> list[str]:
        return [s.kind for s in self.signals]

    @property
    def attention_labels(self) -> list[str]:
        return [s.label for s in self.signals]

    @property
    def stalled(self) -> bool:
        return Attention.STALLED in self.attention


def _by_attention(row: CaseloadRow):
    # Attention first (most signals, then the earliest signal kind), then longest in phase.
    return (
        -len(row.signals),
        min((Attention.ORDER.index(a) for a in row.attention), default=99),
        row.traject.phase_since,
    )


def caseload_rows(
    *, trajecten: QuerySet[Traject], attention: str | None = None
) -> list[CaseloadRow]:
    """The caseload with its signals, attention first; a fixed number of queries."""
    trajecten_list = list(trajecten)
    signals = signals_for(trajecten=trajecten_list)
    rows = [
        CaseloadRow(
            traject=traject,
            signals=signals.get(traject.pk, []),
            norm_days=PHASE_NORM_DAYS.get(traject.phase),
        )
        for traject in trajecten_list
    ]
    if attention:
        rows = [r for r in rows if attention in r.attention]
    rows.sort(key=_by_attention)
    return rows


@dataclass
class SignalRow:
    traject: Traject
    signal: Signal


def signal_rows(*, trajecten: QuerySet[Traject]) -> list[SignalRow]:
    """The /signalen/ list: one row per participant and kind, the oldest signal kind first."""
    trajecten_list = list(trajecten)
    signals = signals_for(trajecten=trajecten_list)
    rows = [SignalRow(traject=t, signal=s) for t in trajecten_list for s in signals.get(t.pk, [])]
    rows.sort(key=lambda r: (Attention.ORDER.index(r.signal.kind), r.signal.since))
    return rows


# --- the timeline ------------------------------------------------------------------------


@dataclass
class Event:
    at: datetime
    kind: str
    label: str
    text: str
    private: bool = False
    # An appointment of the traject itself: its calendar file can be downloaded.
    appointment_id: int | None = None


def first_name(user: User | None) -> str:
    """Group members see each other's first name only."""
    return (user.full_name.split() or [""])[0] if user is not None else _("(account verwijderd)")


def _aware(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, datetime.min.time(), tzinfo=timezone.get_current_timezone())


def participant_timeline(*, traject: Traject, viewer: User) -> list[Event]:
    """Everything that happened on a traject, newest first. Private notes only for coaches."""
    coach_view = is_coach_of(viewer, traject)
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
        when = timezone.localtime(a.starts_at).strftime("%d-%m-%Y %H:%M")
        where = f", {a.location}" if a.location else ""
        events.append(
            Event(
                a.starts_at,
                "afspraak",
                _("Afspraak"),
                f"{a.get_kind_display()} {when}{where}",
                appointment_id=a.pk,
            )
        )
    meetings = (
        Appointment.objects.filter(group__members=traject)
        .select_related("group")
        .prefetch_related("group__members__overstapper")
    )
    for meeting in meetings:
        names = ", ".join(
            sorted(first_name(t.overstapper) for t in meeting.group.members.all() if t != traject)
        )
        where = f", {meeting.location}" if meeting.location else ""
        with_whom = _(" met %(names)s") % {"names": names} if names else ""
        events.append(
            Event(
                meeting.starts_at,
                "intervisie",
                _("Intervisie"),
                f"{meeting.group.name}{with_whom}{where}",
                appointment_id=meeting.pk,
            )
        )
    for b in traject.buddies.all():
        events.append(
            Event(
                _aware(b.since),
                "buddy",
                _("Buddy"),
                _("%(name)s is gekoppeld als buddy.") % {"name": b.name},
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
        ).select_related("application__vacature__organisation"):
            step = e.get_to_status_display()
            day = e.application.meeloopdag_on
            if e.to_status == Application.Status.MEELOOPDAG and day:
                step = f"{step} ({day:%d-%m-%Y})"
            events.append(
                Event(
                    e.at,
                    "sollicitatie",
                    _("Sollicitatie"),
                    f"{e.application.vacature.title} ({e.application.vacature.organisation}): "
                    f"{step}",
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


def appointment_for_user(*, user: User, pk: int) -> Appointment | None:
    """An appointment its participant (or a member of its intervisie group), its coach or a
    beheerder may see; anyone else gets nothing."""
    appointment = Appointment.objects.select_related("traject", "group").filter(pk=pk).first()
    if appointment is None or user.role == Role.BEHEERDER:
        return appointment
    if appointment.traject_id:
        traject = appointment.traject
        allowed = user.pk in (traject.overstapper_id, traject.coach_id)
    else:
        allowed = (
            appointment.group.coach_id == user.pk
            or appointment.group.members.filter(overstapper=user).exists()
        )
    return appointment if allowed else None


def appointment_calendar_file(*, appointment: Appointment) -> str:
    if appointment.group_id:
        summary = _("Intervisie: %(group)s") % {"group": appointment.group.name}
    else:
        summary = _("%(kind)s met je coach") % {"kind": appointment.get_kind_display()}
    return appointment_ics(appointment=appointment, summary=summary)
