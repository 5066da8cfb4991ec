"""Listening to the layers above: when an overstapper's address is confirmed, their earlier
sign-ups (those made with consent to link) are linked to the account, for the region's
conversion figures. An erased account leaves its oriëntatiegroepen."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import User
from profiles.signals import account_erasing

from .groepen import memberships_erase
from .services import registrations_link_consented


@receiver(post_save, sender=User, dispatch_uid="orientatie.link_registrations")
def link_registrations(sender, instance: User, created: bool, update_fields=None, **kwargs):
    # Only when the address is (newly) confirmed: an unconfirmed address proves nothing.
    if update_fields is not None and "email_confirmed_at" not in update_fields:
        return
    if instance.email_confirmed_at and instance.is_active:
        registrations_link_consented(user=instance)


@receiver(account_erasing, dispatch_uid="orientatie.leave_groups")
def leave_groups(sender, *, user: User, **kwargs) -> None:
    memberships_erase(user=user)
