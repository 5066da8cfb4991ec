"""Reads of oriëntatie that pages, API and tasks share: the public agenda (counts, never
names), an organiser's events and attendees, the verkenner and the shortlist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Organisation, Region, Role, User
from financing.models import Regeling
from financing.selectors import norms_for_sector
from onboarding.selectors import leerwerktrajecten_public
from profiles.models import ProfileSkill
from taxonomy.models import Beroep, BeroepSkill

from .models import (
    SHORTAGE_SECTORS,
    BeroepInfo,
    Event,
    Initiative,
    Registration,
    Session,
    ShortlistItem,
)

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return (
        events.annotate(
            n_confirmed=Count("registrations", filter=Q(registrations__status=CONFIRMED)),
            n_waiting=Count("registrations", filter=Q(registrations__status=WAITING)),
        )
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk")),
            "sector_rows",
        )
        .select_related("organisation", "region")
    )


def places_left(event: Event) -> int:
    taken = getattr(event, "n_confirmed", None)
    if taken is None:
        taken = event.registrations.filter(status=CONFIRMED).count()
    return max(0, event.capacity - taken)


def sectors_of(event: Event) -> list[str]:
    return [row.sector for row in event.sector_rows.all()]


def agenda(
    *,
    region: Region | None = None,
    sector: str = "",
    kind: str = "",
    date_from: date | None = None,
) -> QuerySet[Event]:
    """Published events still to come, with counts of places; filters are optional."""
    events = Event.objects.published().filter(starts_at__gt=timezone.now())
    if region is not None:
        events = events.filter(region=region)
    if sector:
        events = events.filter(sector_rows__sector=sector)
    if kind:
        events = events.filter(kind=kind)
    if date_from is not None:
        start = datetime.combine(
            date_from, datetime.min.time(), tzinfo=timezone.get_current_timezone()
        )
        events = events.filter(starts_at__gte=start)
    return _with_counts(events).order_by("starts_at", "pk")


def event_public(*, pk: int) -> Event | None:
    return _with_counts(Event.objects.published().filter(pk=pk)).first()


def event_for_organiser(*, user: User, pk: int) -> Event | None:
    """An event of the user's own organisation (any state), or None."""
    if not (user.is_authenticated and user.organisation_id):
        return None
    return _with_counts(Event.objects.filter(pk=pk, organisation_id=user.organisation_id)).first()


def events_for_organiser(*, user: User) -> QuerySet[Event]:
    if not (user.is_authenticated and user.organisation_id):
        return Event.objects.none()
    return _with_counts(Event.objects.filter(organisation_id=user.organisation_id)).order_by(
        "-starts_at", "-pk"
    )


def attendees_for(*, event: Event, viewer: User) -> QuerySet[Registration]:
    """Who signed up, for the organiser of this event only; a confidential sign-up is never
    shown to the person's current employer."""
    if not (
        viewer.is_authenticated
        and viewer.organisation_id
        and viewer.organisation_id == event.organisation_id
    ):
        return Registration.objects.none()
    return (
        event.registrations.filter(status__in=[CONFIRMED, WAITING])
        .exclude(confidential=True, employer_id=viewer.organisation_id)
        .order_by("status", "created_at", "pk")
    )


def hidden_confidential_count(*, event: Event, viewer: User) -> int:
    if not viewer.organisation_id:
        return 0
    return event.registrations.filter(
        status__in=[CONFIRMED, WAITING], confidential=True, employer_id=viewer.organisation_id
    ).count()


def werkgevers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.WERKGEVER).order_by("name")


def registrations_of(*, user: User) -> QuerySet[Registration]:
    """Sign-ups with the user's own address (linked or not), newest event first."""
    return (
        Registration.objects.filter(email=User.objects.normalize_email(user.email))
        .select_related("event")
        .order_by("-event__starts_at", "-pk")
    )


def attended_by(*, user: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user).select_related("event").order_by("-event__starts_at")
    )


# --- beroepen-verkenner --------------------------------------------------------------------


def beroepen(*, sector: str = "", q: str = "") -> QuerySet[Beroep]:
    """Beroepen of the shortage sectors, with their number of skills."""
    qs = Beroep.objects.filter(sector__in=SHORTAGE_SECTORS)
    if sector:
        qs = qs.filter(sector=sector)
    if q:
        qs = qs.filter(label_nl__icontains=q)
    return qs.annotate(n_skills=Count("beroep_skills")).order_by("sector", "label_nl", "pk")


def beroep(*, pk: int) -> Beroep | None:
    return (
        Beroep.objects.filter(pk=pk, sector__in=SHORTAGE_SECTORS)
        .prefetch_related(
            Prefetch(
                "beroep_skills",
                queryset=BeroepSkill.objects.select_related("skill").order_by(
                    "-essential", "skill__label_nl"
                ),
            )
        )
        .first()
    )


def beroep_info(beroep: Beroep) -> BeroepInfo | None:
    return BeroepInfo.objects.filter(beroep=beroep).first()


@dataclass
class Fit:
    brought: list  # skills the beroep asks that the profile has
    to_learn: list  # skills the beroep asks that the profile lacks (essential first)


def fit_for(*, beroep: Beroep, user: User) -> Fit | None:
    """The overstapper's own skills against the beroep's, or None for anyone else."""
    if not (user.is_authenticated and user.role == Role.OVERSTAPPER):
        return None
    own = set(ProfileSkill.objects.filter(profile__user=user).values_list("skill_id", flat=True))
    asked = list(beroep.beroep_skills.all())
    return Fit(
        brought=[row for row in asked if row.skill_id in own],
        to_learn=[row for row in asked if row.skill_id not in own],
    )


@dataclass
class Route:
    title: str
    opleider: str
    weeks: int | None
    weekly_hours: int
    next_start: date | None


def routes_for_sector(sector: str) -> list[Route]:
    """Superscholing on offer in the sector (onboarding's published leerwerktrajecten)."""
    routes = []
    for lwt in leerwerktrajecten_public().filter(sector=sector).prefetch_related("modules"):
        hours = sum(m.hours for m in lwt.modules.all())
        starts = sorted(s.starts_on for s in lwt.start_moments.all())
        routes.append(
            Route(
                title=lwt.title,
                opleider=lwt.opleider.name,
                weeks=-(-hours // lwt.weekly_hours) if hours and lwt.weekly_hours else None,
                weekly_hours=lwt.weekly_hours,
                next_start=starts[0] if starts else None,
            )
        )
    return routes


@dataclass
class Norm:
    label: str
    cost_min: Decimal | None
    cost_max: Decimal | None
    duration: str
    certain: bool


def norm_for_sector(sector: str) -> list[Norm]:
    """The sector's financing norm for a switch (financing's SectorNorm, read only)."""
    return [
        Norm(
            label=n.get_item_display(),
            cost_min=n.cost_min,
            cost_max=n.cost_max,
            duration=n.duration,
            certain=n.certain,
        )
        for n in norms_for_sector(sector).values()
    ]


def shortlist_of(*, user: User) -> QuerySet[ShortlistItem]:
    return ShortlistItem.objects.filter(user=user).select_related("beroep")


# --- regional catalogue --------------------------------------------------------------------


def regeling_names() -> list[str]:
    return list(Regeling.objects.order_by("name").values_list("name", flat=True))


def initiatives(*, region: Region | None = None, kind: str = "") -> QuerySet[Initiative]:
    qs = Initiative.objects.select_related("region")
    if region is not None:
        qs = qs.filter(region=region)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("region__name", "name", "pk")
