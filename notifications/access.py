"""A notification is its recipient's alone: the fetch-with-permission selector that the HTML
views and the API both use (no one else reads it, so nothing to audit)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Notification
from .selectors import notification_for


def notification_get_for_user(*, user: User, pk: int) -> Notification:
    """The user's own notification; Http404 for anyone else's or one that does not exist."""
    notification = notification_for(user=user, pk=pk)
    if notification is None:
        raise Http404(_("Deze melding bestaat niet of is niet voor jou."))
    return notification
