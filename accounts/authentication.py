"""API tokens that expire: DRF's TokenAuthentication plus a lifetime (API_TOKEN_LIFETIME_DAYS)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = (
        "Deze API-token is verlopen. Vraag de beheerder om een nieuwe (tokens werken "
        "een beperkte tijd)."
    )
    default_code = "token_expired"


def token_is_expired(token) -> bool:
    lifetime = timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)
    return token.created <= timezone.now() - lifetime


class ExpiringTokenAuthentication(TokenAuthentication):
    """A token older than its lifetime is refused (401) and deleted."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            token.delete()
            raise TokenExpired()
        return user, token
