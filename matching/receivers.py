"""matching answers what the apps below it announce."""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver
from django.utils.translation import gettext as _

from loopbrug.queue import enqueue_on_commit
from profiles.signals import profile_changed

from .tasks import rescore_profile


@receiver(profile_changed, dispatch_uid="matching.rescore_changed_profile")
def rescore_changed_profile(sender, *, profile, **kwargs) -> None:
    """A changed profile is matched again (in a worker; inline when there is no Redis), a moment
    after its last change: the task of an older version does nothing (MATCH_RESCORE_DEBOUNCE_MS)."""
    enqueue_on_commit(
        rescore_profile,
        profile.pk,
        profile.version,
        what=_("Het bijwerken van je matches"),
        countdown=settings.MATCH_RESCORE_DEBOUNCE_MS / 1000,
    )
