"""The coach's workspace: what needs attention first, and one timeline per participant. It
combines the apps (journeys, matching, financing, onboarding), so it sits above them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from financing.models import FinancingPlan
from financing.selectors import plan_bundles
from journeys.models import PHASE_NORM_DAYS, Appointment, Phase, Traject
from matching.models import GESCHIKTHEIDSONDERZOEK_MAX, Application, ApplicationEvent, Match
from onboarding.models import Alert, CheckIn, OnboardingItem


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
