"""The key django-axes counts failed logins under: the address as login understands it."""

from __future__ import annotations

from django.conf import settings

from .models import User


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """Normalise the typed address, so every spelling of it shares one failure counter.

    Login finds the account case-insensitively (UserManager.get_by_natural_key); if the
    counter kept the address as typed, "O7@Bench…" would get five fresh attempts.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field) is not None:
        typed = credentials.get(field)
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        typed = data.get(field)
    if typed is None:
        return None
    return User.objects.normalize_email(str(typed))
