"""The cancel link of a sign-up: signed, so it cannot be guessed or altered, and single-use
because a cancelled sign-up cannot be cancelled again."""

from __future__ import annotations

from django.core import signing

SALT = "orientatie.registration.cancel"


def cancel_token(registration) -> str:
    return signing.dumps([registration.pk, registration.nonce], salt=SALT)


def read_cancel_token(token: str) -> tuple[int, str] | None:
    """(registration id, nonce), or None for a token that was altered or made up."""
    try:
        value = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return value[0], value[1]
