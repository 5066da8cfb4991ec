"""matching answers what the apps below it announce."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils.translation import gettext as _

from loopbrug.queue import enqueue_on_commit
from profiles.signals import profile_changed

from .tasks import rescore_profile


@receiver(profile_changed, dispatch_uid="matching.rescore_changed_profile")
def rescore_changed_profile(sender, *, profile, **kwargs) -> None:
    """A changed profile is matched again (in a worker; inline when there is no Redis)."""
    enqueue_on_commit(rescore_profile, profile.pk, what=_("Het bijwerken van je matches"))
