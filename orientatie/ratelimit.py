"""Sign-up limits per e-mail address and per client address, counted in the project's cache
(Redis in production, shared by all workers). A cache that cannot be reached lets the sign-up
through, as the API throttling does: an outage of Redis must not close the sign-up."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The client address as DRF's throttling sees it (NUM_PROXIES decides on X-Forwarded-For)."""
    return BaseThrottle().get_ident(request) or "onbekend"


def _keys(*, email: str, ip: str) -> dict[str, str]:
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:32]
    return {"email": f"orientatie:signup:email:{digest}", "ip": f"orientatie:signup:ip:{ip}"}


def signup_allowed(*, email: str, ip: str) -> bool:
    """Count this attempt; False when the address or the e-mail went over its limit."""
    limits = settings.ORIENTATIE_SIGNUP_LIMITS
    allowed = True
    try:
        for kind, key in _keys(email=email, ip=ip).items():
            cache.add(key, 0, timeout=limits["window"])
            count = cache.incr(key)
            if count > limits[kind]:
                allowed = False
    except (RedisError, OSError, ValueError):
        logger.warning("Aanmeldlimiet overgeslagen: cache niet bereikbaar", exc_info=True)
        return True
    return allowed


def signup_reset(*, email: str, ip: str) -> None:
    cache.delete_many(list(_keys(email=email, ip=ip).values()))
