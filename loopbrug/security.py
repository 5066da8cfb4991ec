"""Session expiry: absolute (SESSION_COOKIE_AGE after login) and idle (SESSION_IDLE_TIMEOUT)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

AUTH_AT = "lb_auth_at"
SEEN_AT = "lb_seen_at"
# Write "last seen" at most this often, so a busy page does not save its session every request.
SEEN_RESOLUTION = 60


@receiver(user_logged_in)
def _stamp_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[AUTH_AT] = now
        request.session[SEEN_AT] = now


class SessionExpiryMiddleware:
    """Log out a session that is too old or was idle too long, then go on as anonymous.

    Django's own expiry moves with every write to the session, so it cannot promise an end
    time; this keeps the login moment and the last request in the session and checks both.
    A page then sends the person to the login page with a message; the API answers 403.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session = request.session
        now = int(time.time())
        auth_at = session.get(AUTH_AT)
        seen_at = session.get(SEEN_AT)
        if auth_at is None or seen_at is None:
            # A session from before this check: start counting now.
            session[AUTH_AT] = auth_at or now
            session[SEEN_AT] = now
            return
        too_old = now - auth_at > settings.SESSION_COOKIE_AGE
        idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT
        if too_old or idle:
            logout(request)
            messages.info(request, _("Je sessie is verlopen. Log opnieuw in."))
            return
        if now - seen_at >= SEEN_RESOLUTION:
            session[SEEN_AT] = now
