"""Facts from lower layers that move a traject (issue 12: phases follow facts)."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils.translation import gettext as _

from profiles.signals import profile_completed, profile_goal_saved

from .models import Phase
from .services import traject_advance_for, traject_copy_target_sector


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
