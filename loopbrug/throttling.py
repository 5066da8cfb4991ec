"""API throttling: per address when anonymous, per account when logged in.

The counters live in the default cache (Redis when REDIS_URL is set, shared by all workers).
Rates are read from the settings at each request, so a test or an override applies at once.
When the cache cannot be reached the request goes through: a Redis outage must not take the
API down with it (it is logged).
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
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


# --- Counting attempts outside the API (password reset requests, profile pages) -----------

_PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 60 * 60 * 24}


def parse_rate(rate: str) -> tuple[int, int]:
    """A rate such as 3/hour as (3, 3600), or 10/15m as (10, 900): how many attempts per how
    many seconds."""
    number, _, period = rate.partition("/")
    digits = period[: len(period) - len(period.lstrip("0123456789"))]
    unit = period[len(digits)]
    return int(number), int(digits or 1) * _PERIODS[unit]


def client_address(request) -> str:
    """The client address as the API throttles see it (REMOTE_ADDR unless NUM_PROXIES is set)."""
    return throttling.BaseThrottle().get_ident(request)


def _rate_key(scope: str, ident: str) -> str:
    return f"ratelimit:{scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"


def rate_reset(*, scope: str, ident: str) -> None:
    """Forget the attempts of `ident` under `scope` (after a success, or in a test)."""
    cache.delete(_rate_key(scope, ident))


def rate_allows(*, scope: str, ident: str, rate: str) -> bool:
    """Count one attempt of `ident` under `scope`; False once `rate` is used up in this window.

    A fixed window in the default cache (Redis in production, shared by every worker). The
    identity is hashed, so no e-mail address is stored in the cache. When the cache cannot be
    reached the attempt goes through, as the API throttles do.
    """
    limit, period = parse_rate(rate)
    key = _rate_key(scope, ident)
    try:
        cache.add(key, 0, timeout=period)
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add and incr
            cache.set(key, 1, timeout=period)
            count = 1
    except (RedisError, OSError):
        logger.warning("Begrenzing overgeslagen: cache niet bereikbaar", exc_info=True)
        return True
    return count <= limit
