"""financing answers what latende announces (latende.signals): a pledge saved, a consent to
see the plan's posts given or withdrawn."""

from __future__ import annotations

from django.dispatch import receiver

from latende.models import LEVEL_ORDER, ConsentLevel
from latende.signals import consent_changed, pledge_saved

from . import pledges


@receiver(pledge_saved, dispatch_uid="financing.pledge_saved")
def _pledge_saved(sender, *, pledge, by, **kwargs) -> None:
    pledges.pledge_apply(pledge=pledge, by=by)


def _sees_plan(level: str) -> bool:
    return LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(ConsentLevel.PLAN)


@receiver(consent_changed, dispatch_uid="financing.consent_changed")
def _consent_changed(sender, *, user, organisation, before, after, **kwargs) -> None:
    if _sees_plan(after) and not _sees_plan(before):
        pledges.consent_given(user=user, organisation=organisation)
    elif _sees_plan(before) and not _sees_plan(after):
        pledges.consent_withdrawn(user=user, organisation=organisation)
