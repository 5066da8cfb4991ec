from __future__ import annotations

from .selectors import UnreadCount


def notifications(request) -> dict:
    """The unread count for the page header, for logged-in users only (queried lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notification_count": UnreadCount(user)}
