"""Facts from lower layers that move a traject (issue 12: phases follow facts)."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils.translation import gettext as _

from profiles.signals import profile_completed

from .models import Phase
from .services import traject_advance_for


@receiver(profile_completed, dispatch_uid="journeys.profile_completed")
def _profile_completed(sender, profile, **kwargs) -> None:
    traject_advance_for(
        overstapper_id=profile.user_id,
        to_phase=Phase.MATCH,
        fact=_("Persoonlijk Profiel compleet"),
    )
