"""API throttling: per address when anonymous, per account when logged in.

The counters live in the default cache (Redis when REDIS_URL is set, shared by all workers).
Rates are read from the settings at each request, so a test or an override applies at once.
When the cache cannot be reached the request goes through: a Redis outage must not take the
API down with it (it is logged).
"""

from __future__ import annotations

import logging

from redis.exceptions import RedisError
from rest_framework import throttling
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)


class _SettingsRate:
    scope: str

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except (RedisError, OSError):
            logger.warning("API-throttling overgeslagen: cache niet bereikbaar", exc_info=True)
            return True


class AnonRateThrottle(_SettingsRate, throttling.AnonRateThrottle):
    """Anonymous requests, counted per client address (API_THROTTLE_ANON)."""


class UserRateThrottle(_SettingsRate, throttling.UserRateThrottle):
    """Logged-in requests, counted per account whatever the address (API_THROTTLE_USER)."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # anonymous requests are the anon throttle's
        return super().get_cache_key(request, view)
