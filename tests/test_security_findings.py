"""Regression tests for the outside security test's findings (issue 17, "Must fix (security)"
items 4 to 7): each test failed before its fix."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.oath import totp
from rest_framework.authtoken.models import Token

from accounts.models import Role, User
from loopbrug.models import AuditEvent
from onboarding.models import Leeruitkomst
from profiles import selectors as profile_selectors
from profiles.models import Profile, ProfileShare
from profiles.services import (
    profile_get_or_create,
    profile_save_doel,
    profile_share,
    profile_skill_upsert,
)
from taxonomy.models import Skill

from . import test_security
from .factories import PASSWORD, VacatureFactory, make_totp

# Fixtures and data of the upload tests.
inschrijving, media, PDF = test_security.inschrijving, test_security.media, test_security.PDF

ROOT = Path(__file__).resolve().parent.parent
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


# --- 5. Harvesting ------------------------------------------------------------------------


@pytest.fixture
def annas_profile(anna):
    profile = profile_get_or_create(user=anna)
    for label in ["Plannen en organiseren", "Samenwerken"]:
        skill = Skill.objects.filter(label_nl=label).first() or Skill.objects.first()
        profile_skill_upsert(profile=profile, skill=skill, level=4)
    return profile


def _share(profile, werkgever):
    return profile_share(
        profile=profile,
        grantee=werkgever,
        purpose=ProfileShare.Purpose.VACATURE,
        vacature="Verzorgende IG",
    )


@pytest.fixture
def low_page_rates(settings, own_cache):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "4/minute"}
    }


def _assert_page_throttled(response) -> None:
    assert response.status_code == 429
    assert "Te veel verzoeken" in response.content.decode()
    assert int(response["Retry-After"]) >= 1


def test_pages_with_shared_profiles_are_throttled_like_the_api(
    low_page_rates, as_user, wim, annas_profile
):
    _share(annas_profile, wim)
    client = as_user(wim)
    pages = ["/profielen/", f"/profielen/{annas_profile.pk}/", "/profielen/999999/"]
    assert [client.get(url).status_code for url in pages] == [200, 200, 404]
    # The pages and the API count against one per-account budget (API_THROTTLE_USER).
    assert client.get("/api/v1/me/").status_code == 200
    _assert_page_throttled(client.get(f"/profielen/{annas_profile.pk}/"))
    _assert_page_throttled(client.get("/profielen/"))
    assert client.get("/api/v1/me/").status_code == 429


def test_the_candidates_page_is_throttled_like_the_api(low_page_rates, as_user, wim):
    from matching.models import Vacature

    vacature = VacatureFactory(
        organisation=wim.organisation, title="Verzorgende", status=Vacature.Status.CONCEPT
    )
    client = as_user(wim)
    url = f"/vacatures/{vacature.pk}/kandidaten/"
    assert [client.get(url).status_code for _ in range(4)] == [200] * 4
    _assert_page_throttled(client.get(url))


def test_failed_profile_lookups_are_audited(as_user, wim, annas_profile):
    client = as_user(wim)
    assert client.get(f"/profielen/{annas_profile.pk}/").status_code == 404
    assert client.get("/api/v1/profiles/987654/").status_code == 404
    refused = AuditEvent.objects.filter(action="profile.view_refused", actor=wim)
    assert sorted(refused.values_list("object_id", flat=True)) == sorted(
        [str(annas_profile.pk), "987654"]
    )
    assert all(e.object_type == "profiles.profile" for e in refused)
    # The owner's "who looked at my profile" shows views, not refused attempts.
    assert not profile_selectors.profile_views_for_owner(profile=annas_profile).exists()


def _lookup(viewer, profile_id: int) -> None:
    with pytest.raises(Profile.DoesNotExist):
        profile_selectors.profile_for_viewer(viewer=viewer, profile_id=profile_id)


def test_a_profile_that_is_not_shared_answers_like_one_that_does_not_exist(
    as_user, wim, annas_profile
):
    missing = Profile.objects.order_by("-pk").first().pk + 1000
    client = as_user(wim)
    hidden = client.get(f"/profielen/{annas_profile.pk}/")
    absent = client.get(f"/profielen/{missing}/")
    assert hidden.status_code == absent.status_code == 404
    assert _page(hidden, f"/profielen/{annas_profile.pk}/") == _page(
        absent, f"/profielen/{missing}/"
    )
    api_hidden = client.get(f"/api/v1/profiles/{annas_profile.pk}/")
    api_absent = client.get(f"/api/v1/profiles/{missing}/")
    assert api_hidden.status_code == api_absent.status_code == 404
    assert api_hidden.json() == api_absent.json()
    # The same queries in both paths, apart from the id asked for.
    with CaptureQueriesContext(connection) as for_hidden:
        _lookup(wim, annas_profile.pk)
    with CaptureQueriesContext(connection) as for_absent:
        _lookup(wim, missing)

    def shapes(captured):
        return [re.sub(r"\d+", "N", q["sql"]) for q in captured.captured_queries]

    assert shapes(for_hidden) == shapes(for_absent)


def test_a_profile_that_is_not_shared_takes_as_long_as_one_that_does_not_exist(wim, annas_profile):
    missing = Profile.objects.order_by("-pk").first().pk + 1000
    timings: dict[int, list[float]] = {annas_profile.pk: [], missing: []}
    for _ in range(3):  # warm up connections and caches
        _lookup(wim, annas_profile.pk)
        _lookup(wim, missing)
    for _ in range(150):  # interleaved, so load on the machine hits both alike
        for profile_id in timings:
            started = time.perf_counter()
            _lookup(wim, profile_id)
            timings[profile_id].append(time.perf_counter() - started)
    hidden = statistics.median(timings[annas_profile.pk])
    absent = statistics.median(timings[missing])
    assert max(hidden, absent) / min(hidden, absent) < 1.5, (hidden, absent)


# --- 6. Financial fields -----------------------------------------------------------------


@pytest.fixture
def annas_needs(annas_profile):
    profile_save_doel(
        profile=annas_profile,
        ambition="Verzorgende worden",
        motivation="Mensen helpen",
        target_sectors=["zorg"],
        target_beroepen=[],
        min_net_income=Decimal("2437.50"),
        hours_per_week=32,
    )
    return annas_profile


def test_a_werkgever_does_not_see_the_minimum_net_income_of_a_shared_profile(
    as_user, wim, annas_needs
):
    _share(annas_needs, wim)
    client = as_user(wim)
    page = client.get(f"/profielen/{annas_needs.pk}/").content.decode()
    assert "Verzorgende worden" in page  # the profile is shown…
    # …without the income
    assert "2437" not in page and "2.437" not in page and "Minimaal netto" not in page
    body = client.get(f"/api/v1/profiles/{annas_needs.pk}/").json()
    assert body["ambition"] == "Verzorgende worden"
    assert "min_net_income" not in body and "2437" not in str(body)


def test_the_owner_and_the_coach_still_see_the_minimum_net_income(
    as_user, anna, carla, annas_traject, annas_needs
):
    assert "€ 2.437,50" in as_user(anna).get("/profiel/").content.decode()
    assert as_user(anna).get("/api/v1/profiles/me/").json()["min_net_income"] == "2437.50"
    profile_share(profile=annas_needs, grantee=carla, purpose=ProfileShare.Purpose.COACH)
    coach = as_user(carla)
    assert "€ 2.437,50" in coach.get(f"/profielen/{annas_needs.pk}/").content.decode()
    body = coach.get(f"/api/v1/profiles/{annas_needs.pk}/").json()
    assert body["min_net_income"] == "2437.50"


# --- 7. Server errors, body size, caching, SECRET_KEY --------------------------------------


def test_a_beroep_that_is_not_a_number_gives_the_plain_vacature_form(as_user, wim):
    client = as_user(wim)
    for value in ["x", "1e5", "99999999999999999999", "-1", "²"]:
        response = client.get(f"/vacatures/nieuw/?beroep={value}")
        assert response.status_code == 200, value
        assert "<form" in response.content.decode()


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_deeply_nested_json_is_refused_in_the_api_error_shape(as_user, anna):
    client = as_user(anna)
    for body in [_nested(100_000), '{"a":' * 50_000 + "1" + "}" * 50_000, _nested(200)]:
        response = client.patch("/api/v1/profiles/me/", body, content_type="application/json")
        assert response.status_code == 400
        assert response.json() == {
            "message": "De gegevens zijn te diep genest.",
            "extra": {},
        }
    # Ordinary nesting still works.
    ok = client.patch(
        "/api/v1/profiles/me/", {"target_sectors": ["zorg"]}, content_type="application/json"
    )
    assert ok.status_code == 200


def test_an_oversized_json_body_gets_the_api_error_shape(as_user, anna, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = as_user(anna)
    body = '{"ambition": "' + "x" * 20_000 + '"}'
    response = client.patch("/api/v1/profiles/me/", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"].startswith("Het verzoek is te groot")
    # A page gets a page, not JSON.
    page = Client().post("/account/aanmelden/", {"full_name": "x" * 20_000})
    assert page.status_code in (400, 413) and page["Content-Type"].startswith("text/html")


def test_request_bodies_are_capped_in_the_app_but_uploads_keep_their_5_mb(
    media, inschrijving, olga, as_user
):
    from django.conf import settings as live

    assert 0 < live.DATA_UPLOAD_MAX_MEMORY_SIZE <= 1024 * 1024
    # Files do not count towards that cap: a 4 MB PDF is still taken, over 5 MB still refused.
    outcome = Leeruitkomst.objects.first()
    url = f"/api/v1/inschrijvingen/{inschrijving.pk}/validations/"
    client = as_user(olga)
    fields = {"leeruitkomst": outcome.pk, "method": "bewijslast"}
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (5 * 1024 * 1024))
    response = client.post(url, fields | {"evidence": big})
    assert response.json()["message"] == "Het bestand is te groot (hooguit 5 MB)."
    fine = SimpleUploadedFile("bewijs.pdf", PDF + b"0" * (4 * 1024 * 1024))
    assert client.post(url, fields | {"evidence": fine}).status_code == 201


def test_gunicorn_limits_request_lines_and_headers_and_the_readme_caps_bodies_at_the_proxy():
    namespace: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace)
    assert 0 < namespace["limit_request_line"] <= 8190
    assert 0 < namespace["limit_request_field_size"] <= 8190
    assert 0 < namespace["limit_request_fields"] <= 100
    readme = (ROOT / "README.md").read_text()
    production = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    assert "client_max_body_size" in production


def test_a_logged_in_non_staff_user_gets_a_403_page_at_the_admin(as_user, wim, anna, bea, client):
    for user in (wim, anna):
        response = as_user(user).get("/beheer/", follow=True)
        assert len(response.redirect_chain) < 5
        assert response.status_code == 403
        assert "geen toegang tot het beheer" in response.content.decode()
    # The beheerder who lands on the admin's login goes on to the admin.
    to_index = as_user(bea).get("/beheer/login/")
    assert to_index.status_code == 302 and to_index["Location"] == "/beheer/"
    # Not logged in: the portal's login, then back to the admin.
    anonymous = client.get("/beheer/")
    assert anonymous.status_code == 302
    login = client.get(anonymous["Location"])
    assert login.status_code == 302 and login["Location"].startswith("/account/inloggen/")


def test_logged_in_pages_api_answers_and_exports_are_not_stored(as_user, anna, client):
    user = as_user(anna)
    for url in ["/", "/profiel/", "/profiel/export.json", "/api/v1/me/"]:
        response = user.get(url, follow=True)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    token = Token.objects.create(user=anna)
    assert "no-store" in _me(token)["Cache-Control"]
    # A public page for someone not logged in is left as it was.
    assert "no-store" not in client.get("/account/aanmelden/").get("Cache-Control", "")


def _start_with(**env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=base | {"DJANGO_SETTINGS_MODULE": "loopbrug.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_short_secret_key_is_refused_when_debug_is_off():
    short = _start_with(DEBUG="false", SECRET_KEY="x" * 49)
    assert short.returncode != 0
    assert "SECRET_KEY is too short" in short.stderr
    assert "SECRET_KEY is te kort" in short.stderr
    assert _start_with(DEBUG="false", SECRET_KEY="x" * 50).returncode == 0
    assert _start_with(DEBUG="true", SECRET_KEY="kort").returncode == 0


def test_the_test_settings_use_a_long_enough_secret_key():
    makefile = (ROOT / "Makefile").read_text()
    key = re.search(r"TEST_ENV := SECRET_KEY=(\S+)", makefile).group(1)
    assert len(key) >= 50
    served = (ROOT / "tests" / "service_processes.py").read_text()
    assert 'test-only-not-secret"' not in served
