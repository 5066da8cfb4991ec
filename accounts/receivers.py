"""Receivers of accounts' own model signals (connected in AccountsConfig.ready)."""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import User
from .services import user_api_tokens_revoke

_ROLE_BEFORE = "_role_before_save"


@receiver(pre_save, sender=User)
def _remember_role(sender, instance: User, raw: bool = False, update_fields=None, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and "role" not in update_fields:
        return
    before = User.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
    setattr(instance, _ROLE_BEFORE, before)


@receiver(post_save, sender=User)
def _revoke_tokens_on_role_change(sender, instance: User, created: bool, raw: bool = False, **kw):
    """A token was issued for what the account could do then: a new role needs a new token."""
    before = instance.__dict__.pop(_ROLE_BEFORE, None)
    if created or raw or before is None or before == instance.role:
        return
    user_api_tokens_revoke(user=instance, reason="role_change")
