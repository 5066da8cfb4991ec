"""Sign-up limits per e-mail address and per client address, counted by the project's one
rate counter (loopbrug.throttling.rate_allows: the cache, Redis in production, shared by all
workers; an unreachable cache lets the sign-up through, as the API throttling does)."""

from __future__ import annotations

from django.conf import settings

from loopbrug.throttling import client_address, rate_allows, rate_reset

__all__ = ["client_address", "signup_allowed", "signup_reset"]


def _idents(*, email: str, ip: str) -> dict[str, str]:
    return {"email": (email or "").strip().lower(), "ip": ip or "onbekend"}


def signup_allowed(*, email: str, ip: str) -> bool:
    """Count this attempt; False when the address or the e-mail went over its limit."""
    limits = settings.ORIENTATIE_SIGNUP_LIMITS
    results = [
        rate_allows(
            scope=f"orientatie-signup-{kind}",
            ident=ident,
            rate=f"{limits[kind]}/{limits['window']}s",
        )
        for kind, ident in _idents(email=email, ip=ip).items()
    ]
    return all(results)


def signup_reset(*, email: str, ip: str) -> None:
    for kind, ident in _idents(email=email, ip=ip).items():
        rate_reset(scope=f"orientatie-signup-{kind}", ident=ident)
