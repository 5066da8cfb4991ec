from __future__ import annotations

from rest_framework.permissions import BasePermission


class IsVerifiedUser(BasePermission):
    """Logged in, and for roles that need it, past the second factor (session logins)."""

    message = "Log in om deze gegevens te zien."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            # DRF checks throttles after permissions; count refused anonymous requests too, so
            # the per-address limit also holds for someone knocking on closed doors.
            view.check_throttles(request)
            return False
        # Token clients were issued a token by a verified user; sessions must be verified.
        if getattr(request, "auth", None) is None and user.requires_two_factor:
            if not (hasattr(user, "is_verified") and user.is_verified()):
                self.message = "Bevestig eerst je inlog met de tweestapscode."
                return False
        return True
