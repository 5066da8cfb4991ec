"""Reads of the inbox and the preferences, shared by the pages, the API and the header."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.functional import cached_property

from accounts.models import User

from .models import KINDS_BY_ROLE, Kind, Notification, NotificationPreference


def inbox_for(*, user: User) -> QuerySet[Notification]:
    """The user's own notifications, newest first (nobody sees another's)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_for(*, user: User, pk: int) -> Notification | None:
    return inbox_for(user=user).filter(pk=pk).first()


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def kinds_for(*, user: User) -> list[str]:
    """The kinds that reach this user's role, in the order of the preferences page."""
    return list(KINDS_BY_ROLE.get(user.role, []))


def email_preferences(*, user: User) -> list[tuple[str, str, bool]]:
    """(kind, label, e-mail on) for every kind of the user's role; e-mail is on unless switched
    off."""
    off = set(
        NotificationPreference.objects.filter(user=user, email=False).values_list("kind", flat=True)
    )
    return [(kind, str(Kind(kind).label), kind not in off) for kind in kinds_for(user=user)]


def email_off_for(*, user_ids: list[int], kind: str) -> set[int]:
    return set(
        NotificationPreference.objects.filter(
            user_id__in=user_ids, kind=kind, email=False
        ).values_list("user_id", flat=True)
    )


class UnreadCount:
    """The header's unread count: one query, and only when a page shows it."""

    def __init__(self, user: User):
        self.user = user

    @cached_property
    def value(self) -> int:
        return unread_count(user=self.user)
