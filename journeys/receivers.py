"""journeys answers what the apps below it announce (accounts, profiles): facts that
move a traject (issue 12: phases follow facts) and the lifecycle of an account."""

from __future__ import annotations

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.signals import email_confirmed
from notifications.models import Kind as NotificationKind
from notifications.services import notify
from profiles.signals import account_erasing, profile_completed, profile_goal_saved

from .models import (
    END_PHASES,
    Appointment,
    Buddy,
    Intervisiegroep,
    Note,
    Phase,
    PhaseChange,
    Traject,
)
from .services import (
    traject_advance_for,
    traject_change_phase,
    traject_copy_target_sector,
    traject_create,
)


@receiver(profile_completed, dispatch_uid="journeys.profile_completed")
def _profile_completed(sender, profile, **kwargs) -> None:
    traject_advance_for(
        overstapper_id=profile.user_id,
        to_phase=Phase.MATCH,
        fact=_("Persoonlijk Profiel compleet"),
    )


@receiver(profile_goal_saved, dispatch_uid="journeys.profile_goal_saved")
def _profile_goal_saved(sender, profile, **kwargs) -> None:
    if profile.target_sectors:
        traject_copy_target_sector(overstapper_id=profile.user_id, sector=profile.target_sectors[0])


@receiver(email_confirmed, dispatch_uid="journeys.open_first_traject")
def open_first_traject(sender, *, user: User, **kwargs) -> Traject:
    """A confirmed overstapper gets their first traject; the region's intake staff hear that
    someone waits for a coach (no name in the message: the intake list shows who, with
    consent)."""
    traject = traject_create(overstapper=user, region=user.home_region)
    notify(
        recipients=User.objects.filter(
            is_active=True,
            role__in=[Role.LOKET, Role.COACH],
            organisation__region=traject.region,
        ),
        kind=NotificationKind.AANMELDING,
        title=_("Nieuwe aanmelding in %(region)s") % {"region": traject.region},
        body=_("Iemand heeft zich aangemeld en wacht op een coach."),
        link=reverse("intake_list"),
    )
    return traject


@receiver(account_erasing, dispatch_uid="journeys.keep_trajecten_anonymous")
def keep_trajecten_anonymous(sender, *, user: User, **kwargs) -> None:
    """The traject stays as anonymous facts for the region; what is about the person goes."""
    for traject in Traject.objects.filter(overstapper=user).exclude(phase__in=END_PHASES):
        # Closed as "account verwijderd", not uitgevallen: an erasure is no drop-out.
        traject_change_phase(
            traject=traject, to_phase=Phase.VERWIJDERD, by=None, reason="Account verwijderd."
        )
    trajecten = Traject.objects.filter(overstapper=user)
    # Free text about the person (reasons typed by a coach) goes; phases and dates stay.
    PhaseChange.objects.filter(traject__in=trajecten).exclude(reason="Account verwijderd.").update(
        reason=""
    )
    trajecten.update(ongekend_talent=[], ongekend_talent_consent_at=None, latende_werkgever=None)
    # Coaches' notes, appointments, the buddy and group memberships are about the person too.
    Note.objects.filter(traject__in=trajecten).delete()
    Appointment.objects.filter(traject__in=trajecten).delete()
    Buddy.objects.filter(traject__in=trajecten).delete()
    Intervisiegroep.members.through.objects.filter(traject__in=trajecten).delete()
