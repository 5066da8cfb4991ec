"""latende answers the confirmation of an account made with an invitation code."""

from __future__ import annotations

from django.dispatch import receiver

from accounts.signals import email_confirmed

from .services import link_new_traject


@receiver(email_confirmed, dispatch_uid="latende.link_new_traject")
def _email_confirmed(sender, *, user, **kwargs) -> None:
    # journeys (installed before latende) opened the first traject already.
    link_new_traject(user=user)
    return None
