from __future__ import annotations

from django.db.models import Count, QuerySet

from accounts.models import Region, Role, User
from loopbrug.services import audit_log

from .access import intake_waiting_for, traject_visible_for
from .models import JOURNEY, Phase, PhaseChange, Traject


def traject_list_for_user(*, user: User) -> QuerySet[Traject]:
    """The trajecten this user may list; a list of other people's trajecten is audited once."""
    qs = traject_visible_for(user=user)
    if user.is_authenticated and user.role != Role.OVERSTAPPER:
        audit_log(actor=user, action="traject.list", obj=user)
    return qs


def traject_list_for_coach(*, coach: User, phase: str | None = None) -> QuerySet[Traject]:
    qs = Traject.objects.with_people().filter(coach=coach).order_by("phase_since")
    if phase:
        qs = qs.filter(phase=phase)
    return qs


def traject_current_for(*, overstapper: User) -> Traject | None:
    return (
        Traject.objects.with_people().filter(overstapper=overstapper).order_by("-attempt").first()
    )


def traject_phase_history(*, traject: Traject) -> QuerySet[PhaseChange]:
    return traject.phase_changes.select_related("by").order_by("at", "pk")


def traject_timeline(*, traject: Traject, history: list[PhaseChange]) -> list[dict]:
    """The journey as steps, each marked done, current or to come."""
    reached = {c.to_phase for c in history}
    current = JOURNEY.index(traject.phase) if traject.phase in JOURNEY else None
    steps = []
    for index, phase in enumerate(JOURNEY):
        if current is None:  # uitgevallen: show how far they came
            state = "done" if phase in reached else "todo"
        elif index < current:
            state = "done"
        else:
            state = "current" if index == current else "todo"
        steps.append({"phase": phase, "label": Phase(phase).label, "state": state})
    if traject.phase == Phase.UITGEVALLEN:
        steps.append(
            {"phase": Phase.UITGEVALLEN, "label": Phase.UITGEVALLEN.label, "state": "current"}
        )
    return steps


def phase_counts_for_region(*, region: Region) -> list[dict]:
    """How many trajecten of a region are in each phase (all phases listed, zeros too)."""
    counts = dict(
        Traject.objects.filter(region=region)
        .values_list("phase")
        .annotate(n=Count("pk"))
        .values_list("phase", "n")
    )
    return [{"phase": p, "label": Phase(p).label, "count": counts.get(p, 0)} for p in Phase.values]


# --- Intake: people who signed up alone and wait for a coach (issue 12) ---------------------


def intake_region_for(*, user: User) -> Region | None:
    """The region whose intake list this user works on; None: all regions (beheerder)."""
    return user.organisation.region if user.organisation_id else None


def intake_list_for(*, user: User) -> list[Traject]:
    """The region's "Nieuwe aanmeldingen": those who consented, oldest first, with the days
    waiting. Staff see name, e-mail and region, nothing more; every view is audited."""
    rows = list(
        intake_waiting_for(user=user)
        .filter(overstapper__intake_consent_at__isnull=False)
        .select_related("overstapper", "region")
        .only(
            "pk",
            "created_at",
            "region__name",
            "overstapper__full_name",
            "overstapper__email",
        )
        .order_by("created_at", "pk")
    )
    if rows:
        audit_log(actor=user, action="intake.list", obj=user, trajecten=[t.pk for t in rows])
    return rows


def intake_without_consent_count(*, user: User) -> int:
    """How many wait without having allowed staff to see who they are (a count, no names)."""
    return intake_waiting_for(user=user).filter(overstapper__intake_consent_at__isnull=True).count()


def coaches_for_region(*, region: Region | None) -> QuerySet[User]:
    """The coaches a loket can assign, by name."""
    qs = User.objects.filter(role=Role.COACH, is_active=True).select_related("organisation")
    if region is not None:
        qs = qs.filter(organisation__region=region)
    return qs.order_by("full_name")


def coach_of_current_traject(user: User) -> User | None:
    """The coach of the overstapper's current traject (profiles asks, to share with them)."""
    traject = traject_current_for(overstapper=user)
    return traject.coach if traject and traject.coach else None


def trajecten_export(user: User) -> list[dict]:
    """The person's trajecten for their own AVG export (profiles' export lists them)."""
    trajecten = Traject.objects.filter(overstapper=user).prefetch_related("phase_changes")
    return [
        {
            "poging": t.attempt,
            "fase": t.get_phase_display(),
            "regio": str(t.region),
            "doelsector": t.get_target_sector_display(),
            "instroomroute": t.get_entry_route_display(),
            "ongekend_talent": t.ongekend_talent,
            "faseovergangen": [
                {"van": c.from_phase, "naar": c.to_phase, "op": c.at, "reden": c.reason}
                for c in t.phase_changes.all()
            ],
        }
        for t in trajecten
    ]
