"""Who may see and do what with a traject: the predicates and the fetch-with-permission
selectors that the HTML views, the API and the templates all use.

The rule "the coach of this traject (or a beheerder)" lives here and nowhere else. A read of
someone else's traject is audited here, so no caller can forget it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User
from loopbrug.services import audit_log

from .models import Traject

# Who works on the intake list ("Nieuwe aanmeldingen").
INTAKE_ROLES = (Role.LOKET, Role.COACH, Role.BEHEERDER)


# --- Predicates ----------------------------------------------------------------------------


def is_assigned_coach(user: User, traject: Traject) -> bool:
    """The user is the coach assigned to this traject (a beheerder is not).

    Only where the person's trust is with their own coach: the buddy and the orientation.
    """
    return (
        user.is_authenticated
        and user.role == Role.COACH
        and traject.coach_id is not None
        and traject.coach_id == user.pk
    )


def is_coach_of(user: User, traject: Traject) -> bool:
    """The coach-of-traject rule: the traject's own coach, or a beheerder."""
    if not user.is_authenticated:
        return False
    return user.role == Role.BEHEERDER or is_assigned_coach(user, traject)


def is_participant_of(user: User, traject: Traject) -> bool:
    """The user is the overstapper of this traject."""
    return (
        user.is_authenticated
        and traject.overstapper_id is not None
        and traject.overstapper_id == user.pk
    )


def can_view_traject(user: User, traject: Traject) -> bool:
    """The traject is the user's own, on their caseload, or they are a beheerder.

    The loket sees no traject: it works with the region's aggregates (reports), never with
    a named or identifiable person (README, "Privacy per role"). Werkgevers see no traject.
    """
    return is_participant_of(user, traject) or is_coach_of(user, traject)


def can_change_phase(*, user: User, traject: Traject) -> bool:
    return is_coach_of(user, traject)


def can_claim_intake(user: User) -> bool:
    """A coach picks up a waiting sign-up and becomes its coach."""
    return user.is_authenticated and user.role == Role.COACH


def can_assign_coach(user: User) -> bool:
    """The loket (its region) and the beheerder assign a coach to a waiting sign-up."""
    return user.is_authenticated and user.role in (Role.LOKET, Role.BEHEERDER)


# --- Selectors with the check --------------------------------------------------------------


def traject_visible_for(*, user: User) -> QuerySet[Traject]:
    """Every traject this user may open: own, caseload, or all for a beheerder (the queryset
    form of can_view_traject)."""
    qs = Traject.objects.with_people()
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.BEHEERDER:
        return qs
    if user.role == Role.OVERSTAPPER:
        return qs.filter(overstapper=user)
    if user.role == Role.COACH:
        return qs.filter(coach=user)
    return qs.none()


def traject_get_for_user(
    *,
    user: User,
    pk: int,
    queryset: QuerySet[Traject] | None = None,
    action: str | None = "traject.view",
) -> Traject:
    """One traject this user may open; a read by someone else than the overstapper is audited.

    Raises Http404 for a traject that does not exist or is not theirs to see, so the two
    cannot be told apart. A write passes action=None: its service audits the write.
    """
    qs = queryset if queryset is not None else traject_visible_for(user=user)
    traject = qs.filter(pk=pk).first()
    if traject is None:
        raise Http404(_("Dit traject bestaat niet of je hebt er geen toegang toe."))
    if action and traject.overstapper_id != user.pk:
        audit_log(actor=user, action=action, obj=traject)
    return traject


def intake_waiting_for(*, user: User) -> QuerySet[Traject]:
    """The open trajecten without a coach that this user's intake list covers (their region;
    every region for a beheerder)."""
    if not user.is_authenticated or user.role not in INTAKE_ROLES:
        return Traject.objects.none()
    qs = Traject.objects.open().filter(
        coach__isnull=True, overstapper__isnull=False, overstapper__is_active=True
    )
    if user.role == Role.BEHEERDER:
        return qs
    if not user.organisation_id:
        return Traject.objects.none()
    return qs.filter(region_id=user.organisation.region_id)


def intake_get_for_user(*, user: User, pk: int) -> Traject:
    """One traject of the user's intake list (for claiming or assigning), with the check.

    Writes only (claim, assign): the service audits them.
    """
    traject = (
        intake_waiting_for(user=user)
        .filter(overstapper__intake_consent_at__isnull=False)
        .select_related("overstapper", "region")
        .filter(pk=pk)
        .first()
    )
    if traject is None:
        raise Http404(_("Deze aanmelding staat niet (meer) in je lijst."))
    return traject
