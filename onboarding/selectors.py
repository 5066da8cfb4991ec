from __future__ import annotations

import calendar
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from journeys.models import Phase, PhaseChange, Traject
from profiles.models import Profile, ProfileSkill
from taxonomy.models import NIVEAU_NLQF, Niveau

from .access import inschrijving_visible_for as inschrijving_visible_for
from .access import leerwerktrajecten_for_opleider as leerwerktrajecten_for_opleider
from .models import (
    Alert,
    CheckIn,
    HulplijnVraag,
    Inschrijving,
    Leeruitkomst,
    Leerwerktraject,
    Module,
    ModuleProgress,
    OnboardingItem,
    StartMoment,
    Validation,
)


def today() -> date:
    return timezone.localdate()


def leerwerktrajecten_public() -> QuerySet[Leerwerktraject]:
    return (
        Leerwerktraject.objects.filter(published_at__isnull=False)
        .select_related("opleider")
        .prefetch_related(
            Prefetch(
                "start_moments",
                queryset=StartMoment.objects.filter(starts_on__gte=today()).annotate(
                    taken=Count("inschrijvingen")
                ),
            )
        )
    )


def admission_gaps(*, leerwerktraject: Leerwerktraject, traject: Traject) -> list[str]:
    """What the participant's Persoonlijk Profiel still lacks for admission (no diploma asked)."""
    from django.utils.translation import gettext

    gaps = []
    profile = Profile.objects.filter(user_id=traject.overstapper_id).first()
    required = leerwerktraject.required_niveau
    if required:
        have = NIVEAU_NLQF.get(profile.niveau) if profile else None
        if have is None or have < NIVEAU_NLQF[required]:
            gaps.append(
                gettext("werk- en denkniveau %(niveau)s") % {"niveau": Niveau(required).label}
            )
    skills = list(leerwerktraject.required_skills.all())
    if skills:
        owned = (
            set(
                ProfileSkill.objects.filter(profile=profile, skill__in=skills).values_list(
                    "skill_id", flat=True
                )
            )
            if profile
            else set()
        )
        gaps += [s.label_nl for s in skills if s.pk not in owned]
    return gaps


@dataclass
class RouteModule:
    module: Module
    recognised: bool
    percent: int
    planned_start: date | None = None
    planned_end: date | None = None


@dataclass
class Route:
    inschrijving: Inschrijving
    modules: list[RouteModule] = field(default_factory=list)
    hours: int = 0
    hours_saved: int = 0
    planned_end: date | None = None
    paused_days: int = 0

    @property
    def to_follow(self) -> list[RouteModule]:
        return [m for m in self.modules if not m.recognised]

    @property
    def recognised(self) -> list[RouteModule]:
        return [m for m in self.modules if m.recognised]

    @property
    def percent(self) -> int:
        if not self.hours:
            return 100
        done = sum(m.module.hours * m.percent for m in self.to_follow)
        return round(done / self.hours)


def paused_days(inschrijving: Inschrijving, *, on: date | None = None) -> int:
    days = inschrijving.paused_days
    if inschrijving.paused_since:
        days += max(0, ((on or today()) - inschrijving.paused_since).days)
    return days


def route_for(inschrijving: Inschrijving, *, on: date | None = None) -> Route:
    """The individual route: a module whose leeruitkomsten are all validated drops out; the
    rest is planned from the start moment at the weekly study load, shifted by pauses."""
    lwt = inschrijving.start_moment.leerwerktraject
    modules = list(lwt.modules.prefetch_related("leeruitkomsten"))
    validated = set(
        Validation.objects.filter(inschrijving=inschrijving).values_list(
            "leeruitkomst_id", flat=True
        )
    )
    progress = dict(
        ModuleProgress.objects.filter(inschrijving=inschrijving).values_list("module_id", "percent")
    )
    route = Route(inschrijving=inschrijving, paused_days=paused_days(inschrijving, on=on))
    cursor = inschrijving.start_moment.starts_on
    per_day = lwt.weekly_hours / 7
    for module in modules:
        outcomes = {lu.pk for lu in module.leeruitkomsten.all()}
        recognised = bool(outcomes) and outcomes <= validated
        item = RouteModule(module=module, recognised=recognised, percent=progress.get(module.pk, 0))
        if recognised:
            route.hours_saved += module.hours
        else:
            route.hours += module.hours
            item.planned_start = cursor
            cursor = cursor + timedelta(days=math.ceil(module.hours / per_day))
            item.planned_end = cursor
        route.modules.append(item)
    weeks = math.ceil(route.hours / lwt.weekly_hours)
    route.planned_end = (
        inschrijving.start_moment.starts_on
        + timedelta(weeks=weeks)
        + timedelta(days=route.paused_days)
    )
    return route


def modules_teaching(*, skill_labels: list[str]) -> list[dict]:
    """Modules of published leerwerktrajecten that teach these skills, with the hours they add."""
    return modules_teaching_many(label_lists=[skill_labels])[0]


def modules_teaching_many(*, label_lists: list[list[str]]) -> list[list[dict]]:
    """modules_teaching for many lists of skills (a page of matches) with one query: per list
    the first five modules, by hours, that teach one of its skills."""
    wanted = {label for labels in label_lists for label in labels}
    if not wanted:
        return [[] for _labels in label_lists]
    modules: dict[int, Module] = {}
    teaches: dict[int, set[str]] = {}
    for outcome in Leeruitkomst.objects.filter(
        module__leerwerktraject__published_at__isnull=False, skill__label_nl__in=wanted
    ).select_related("module__leerwerktraject__opleider", "skill"):
        modules.setdefault(outcome.module_id, outcome.module)
        teaches.setdefault(outcome.module_id, set()).add(outcome.skill.label_nl)
    ordered = sorted(modules.values(), key=lambda m: (m.hours, m.pk))
    rows = {
        m.pk: {
            "module": m,
            "opleider": m.leerwerktraject.opleider.name,
            "weeks": math.ceil(m.hours / m.leerwerktraject.weekly_hours),
        }
        for m in ordered
    }
    out = []
    for labels in label_lists:
        mine = set(labels)
        out.append([rows[m.pk] for m in ordered if teaches[m.pk] & mine][:5])
    return out


def next_start_moment(*, inschrijving: Inschrijving | None) -> StartMoment | None:
    if inschrijving is None:
        return None
    return (
        inschrijving.start_moment.leerwerktraject.start_moments.filter(starts_on__gte=today())
        .order_by("starts_on")
        .first()
    )


def plan_items(*, traject: Traject) -> list[OnboardingItem]:
    plan = getattr(traject, "onboarding_plan", None)
    if plan is None:
        return []
    return list(plan.items.select_related("done_by"))


def open_checkin(*, traject: Traject) -> CheckIn | None:
    return traject.checkins.filter(filled_at__isnull=True).order_by("-due_on").first()


def alerts_for_coach(*, coach: User) -> QuerySet[Alert]:
    return (
        Alert.objects.filter(coach=coach, resolved_at__isnull=True)
        .select_related("traject__overstapper")
        .order_by("-created_at")
    )


def hulplijn_for(*, user: User, traject: Traject) -> QuerySet[HulplijnVraag]:
    """A werkgever never sees a question the overstapper asked to keep from them."""
    qs = traject.hulplijn.all()
    if user.role == Role.WERKGEVER:
        return qs.filter(hide_from_werkgever=False)
    if user.role in (Role.OVERSTAPPER, Role.COACH, Role.BEHEERDER):
        return qs
    if user.role == Role.LOKET:
        return qs.filter(to=HulplijnVraag.To.LOKET)
    return qs.none()


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


RETENTION_LABELS = {
    "geen_start": _("nog niet aan het werk"),
    "uitgevallen": _("uitgevallen"),
    "nog_niet": _("nog niet bereikt"),
    "behouden": _("behouden"),
}
RETENTION_MILESTONES = [
    (_("Na 100 dagen"), lambda d: d + timedelta(days=100)),
    (_("Na 6 maanden"), lambda d: add_months(d, 6)),
    (_("Na 12 maanden"), lambda d: add_months(d, 12)),
]


def retention_for(*, traject: Traject, on: date | None = None) -> list[dict]:
    """Retained at 100 days, 6 and 12 months after the contract (the move to leerwerktraject),
    computed from the phase records."""
    on = on or today()
    changes = list(PhaseChange.objects.filter(traject=traject).order_by("at", "pk"))
    start = next(
        (timezone.localdate(c.at) for c in changes if c.to_phase == Phase.LEERWERKTRAJECT), None
    )
    dropped = next(
        (timezone.localdate(c.at) for c in changes if c.to_phase == Phase.UITGEVALLEN), None
    )
    rows = []
    for label, delta in RETENTION_MILESTONES:
        if start is None:
            status = "geen_start"
        else:
            moment = delta(start)
            if dropped is not None and dropped < moment:
                status = "uitgevallen"
            elif moment > on:
                status = "nog_niet"
            else:
                status = "behouden"
        rows.append({"label": label, "status": status, "status_label": RETENTION_LABELS[status]})
    return rows


def werkgever_trajecten(*, user: User) -> QuerySet[Traject]:
    if user.role != Role.WERKGEVER or not user.organisation_id:
        return Traject.objects.none()
    return (
        Traject.objects.with_people()
        .filter(
            Q(inschrijvingen__werkgever_id=user.organisation_id)
            | Q(onboarding_plan__werkgever_id=user.organisation_id)
        )
        .distinct()
    )


WEEKS_PER_MONTH = 52 / 12


def superscholing_by_sector(sectors: set[str]) -> dict[str, list[dict]]:
    """Published leerwerktrajecten per sector with their route length in months (all
    modules at the traject's hours per week), shortest first. Read only."""
    out: dict[str, list[dict]] = defaultdict(list)
    trajecten = (
        Leerwerktraject.objects.filter(published_at__isnull=False, sector__in=sectors)
        .select_related("opleider")
        .prefetch_related("modules")
    )
    for lwt in trajecten:
        hours = sum(m.hours for m in lwt.modules.all())
        if not hours:
            continue
        months = max(1, math.ceil(hours / lwt.weekly_hours / WEEKS_PER_MONTH))
        out[lwt.sector].append(
            {"title": lwt.title, "opleider": lwt.opleider.name, "months": months, "hours": hours}
        )
    for items in out.values():
        items.sort(key=lambda item: (item["months"], item["title"]))
    return out
