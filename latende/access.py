"""Who may work with verdwijnbanen and campaigns: a werkgever of a leaving employer, for its
own organisation only. The check and the fetch-with-permission selectors that the HTML views
and the API both use. A leaving employer sees no person (campaign totals only), so there is
no personal read to audit here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Campaign, Verdwijnbaan
from .selectors import campaign_for, is_leaving_employer, verdwijnbaan_for


def require_leaving_employer(user: User) -> None:
    if not is_leaving_employer(user):
        raise PermissionDenied(_("Dit is alleen voor werkgevers met verdwijnbanen."))


def verdwijnbaan_get_for_user(*, user: User, pk: int) -> Verdwijnbaan:
    """A verdwijnbaan of the user's own organisation; PermissionDenied for someone who is no
    leaving employer, Http404 for one that is not theirs or does not exist."""
    require_leaving_employer(user)
    baan = verdwijnbaan_for(user=user, pk=pk)
    if baan is None:
        raise Http404(_("Deze verdwijnbaan bestaat niet of is niet van jouw organisatie."))
    return baan


def campaign_get_for_user(*, user: User, pk: int) -> Campaign:
    """A campaign of the user's own organisation (same rules as a verdwijnbaan)."""
    require_leaving_employer(user)
    campaign = campaign_for(user=user, pk=pk)
    if campaign is None:
        raise Http404(_("Deze campagne bestaat niet of is niet van jouw organisatie."))
    return campaign
