"""Regression tests for the outside security test's findings (issue 17, "Must fix (security)"
items 4 to 7): each test failed before its fix."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from rest_framework.authtoken.models import Token

from accounts.models import Role, User

from .factories import PASSWORD, make_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_cache(settings):
    """A cache of this test's own, so counters of other tests or runs cannot count here."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"findings-{uuid.uuid4()}",
        }
    }


def _page(response, typed: str) -> str:
    """The page without what differs per request (CSRF tokens) and the typed address."""
    return re.sub(r"[A-Za-z0-9]{32,}", "", response.content.decode().replace(typed, ""))


def _me(token: Token, **headers):
    return Client(headers={"Authorization": f"Token {token.key}", **headers}).get("/api/v1/me/")


# --- 4. Sessions, tokens, password reset, sign-up ----------------------------------------


def test_the_session_key_changes_when_the_second_factor_is_passed(carla):
    client = Client()
    client.force_login(carla)
    before = client.cookies["sessionid"].value
    device = make_totp(carla)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = client.post("/account/tweestaps/", {"token": f"{code:06d}"})
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    # The key known before the second factor does not carry the verified login.
    stale = Client()
    stale.cookies["sessionid"] = before
    page = stale.get("/")
    assert page.status_code == 302 and not page["Location"].startswith("/account/tweestaps/")
    assert client.get("/caseload/").status_code == 200


def test_an_api_token_expires_after_its_stated_lifetime(carla, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    token = Token.objects.create(user=carla)
    assert _me(token).status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=30, hours=1))
    response = _me(token)
    assert response.status_code in (401, 403)  # 403: session authentication comes first
    assert response.json()["message"].startswith("Deze API-token is verlopen")
    assert not Token.objects.filter(user=carla).exists()


def test_a_password_reset_revokes_the_api_tokens(client, anna, own_cache):
    token = Token.objects.create(user=anna)
    client.post("/account/wachtwoord-vergeten/", {"email": anna.email})
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    form_page = client.get("/" + link.split("/", 3)[3], follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "een-heel-nieuw-wachtwoord",
            "new_password2": "een-heel-nieuw-wachtwoord",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/klaar/")
    assert not Token.objects.filter(user=anna).exists()
    assert _me(token).status_code in (401, 403)


def test_a_change_of_role_revokes_the_api_tokens(wim, anna):
    token = Token.objects.create(user=wim)
    kept = Token.objects.create(user=anna)
    wim.full_name = "Wim W."
    wim.save()  # not a change of role: the token stays
    assert Token.objects.filter(pk=token.pk).exists()
    wim.role = Role.OPLEIDER
    wim.save()
    assert not Token.objects.filter(pk=token.pk).exists()
    assert _me(token).status_code in (401, 403)
    assert Token.objects.filter(pk=kept.pk).exists()


def test_password_reset_requests_are_limited_per_address(anna, own_cache, settings):
    settings.PASSWORD_RESET_RATE_EMAIL = "3/hour"
    settings.PASSWORD_RESET_RATE_IP = "100/hour"
    statuses = [
        Client(REMOTE_ADDR=f"203.0.113.{i}")
        .post("/account/wachtwoord-vergeten/", {"email": "ANNA@example.nl"})
        .status_code
        for i in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    refused = Client(REMOTE_ADDR="203.0.113.99").post(
        "/account/wachtwoord-vergeten/", {"email": "anna@example.nl"}
    )
    assert "te vaak een nieuw wachtwoord aangevraagd" in refused.content.decode()


def test_password_reset_requests_are_limited_per_client_address(anna, own_cache, settings):
    settings.PASSWORD_RESET_RATE_EMAIL = "100/hour"
    settings.PASSWORD_RESET_RATE_IP = "4/hour"
    client = Client(REMOTE_ADDR="198.51.100.4")
    statuses = [
        client.post("/account/wachtwoord-vergeten/", {"email": f"n{i}@example.nl"}).status_code
        for i in range(5)
    ]
    assert statuses == [302] * 4 + [429]
    # Another address is not held back.
    other = Client(REMOTE_ADDR="198.51.100.5")
    assert other.post("/account/wachtwoord-vergeten/", {"email": anna.email}).status_code == 302


def test_the_password_reset_limit_looks_the_same_for_known_and_unknown_addresses(
    anna, own_cache, settings
):
    settings.PASSWORD_RESET_RATE_EMAIL = "1/hour"

    def answers(email: str, address: str) -> list[tuple[int, str]]:
        client = Client(REMOTE_ADDR=address)
        out = []
        for _ in range(2):
            response = client.post("/account/wachtwoord-vergeten/", {"email": email}, follow=True)
            out.append((response.status_code, _page(response, email)))
        return out

    known = answers("anna@example.nl", "192.0.2.1")
    unknown = answers("niemand@example.nl", "192.0.2.2")
    assert [status for status, _ in known] == [200, 429]
    assert known == unknown


def _signup(client, amsterdam, email: str):
    return client.post(
        "/account/aanmelden/",
        {
            "full_name": "Iemand Anders",
            "email": email,
            "region": amsterdam.pk,
            "password1": "een-lang-wachtwoord",
            "password2": "een-lang-wachtwoord",
        },
    )


def test_sign_up_does_not_reveal_that_an_address_has_an_account(client, amsterdam, anna):
    fresh = _signup(Client(), amsterdam, "nieuw@example.nl")
    taken = _signup(client, amsterdam, "ANNA@example.nl")
    assert taken.status_code == fresh.status_code == 200
    assert _page(taken, "anna@example.nl") == _page(fresh, "nieuw@example.nl")
    assert "Er bestaat al een account" not in taken.content.decode()
    assert User.objects.filter(email__iexact="anna@example.nl").count() == 1
    # The owner of the address hears of it, with a way to log in or reset the password.
    notice = mail.outbox[-1]
    assert notice.to == ["anna@example.nl"]
    assert "aan te melden met dit e-mailadres" in notice.body
    assert "/account/inloggen/" in notice.body and "/account/wachtwoord-vergeten/" in notice.body
    anna.refresh_from_db()
    assert anna.is_active and anna.check_password(PASSWORD)
