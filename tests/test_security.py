"""Security settings, each proven by a request: the Content-Security-Policy and other headers,
cookie flags under production settings, API throttling, two-factor for the roles that see many
people's data, session expiry, and uploads that are checked by content and never public."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from loopbrug.security import AUTH_AT, SEEN_AT
from onboarding import services as onboarding_services
from onboarding.models import Leeruitkomst, Validation

from .conftest import require_or_skip
from .factories import PASSWORD
from .onboarding_helpers import enrol, make_offer, working_traject

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


# --- Content-Security-Policy -------------------------------------------------------------


def _csp(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _assert_strict(response) -> None:
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    for values in csp.values():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(values), csp


class _InlineCode(HTMLParser):
    """Collects everything a strict CSP would block in a page: inline <script> and <style>,
    event-handler and style attributes, javascript: URLs and htmx's hx-on."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src"):
            # JSON data blocks (json_script) are not run, so CSP lets them be.
            if attributes.get("type") != "application/json":
                self._in_inline_script = True
                self.found.append(f"inline <script> {attrs}")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on") or name == "style":
                self.found.append(f"<{tag} {name}={value!r}>")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def _inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    return parser.found


INLINE_IN_TEMPLATE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\son[a-z]+\s*=|\bhx-on|javascript:|\sstyle\s*=",
    re.IGNORECASE,
)


def test_no_template_holds_inline_script_handlers_or_styles():
    comment = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.DOTALL)
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        # Template comments are not sent; keep their line breaks so line numbers stay right.
        source = comment.sub(lambda m: "\n" * m.group().count("\n"), template.read_text())
        for number, line in enumerate(source.splitlines(), 1):
            if INLINE_IN_TEMPLATE.search(line):
                offenders.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_no_python_code_renders_inline_script_or_handlers():
    html_in_python = re.compile(
        r"<script(?![^>]*\bsrc=)|<[a-z][^>]*\s(on[a-z]+|style)\s*=|javascript:", re.IGNORECASE
    )
    offenders = []
    apps = ("loopbrug", "accounts", "taxonomy", "profiles", "journeys", "matching", "financing")
    for app in (*apps, "onboarding"):
        for source in (ROOT / app).rglob("*.py"):
            if "migrations" in source.parts:
                continue
            for number, line in enumerate(source.read_text().splitlines(), 1):
                if html_in_python.search(line):
                    offenders.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
    for source in (ROOT / "reports").rglob("*.py"):
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if html_in_python.search(line):
                offenders.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_login_page_has_a_strict_policy_and_no_inline_code(client):
    response = client.get("/account/inloggen/")
    assert response.status_code == 200
    _assert_strict(response)
    assert _inline_code(response.content.decode()) == []


@pytest.mark.parametrize(
    "persona, paths",
    [
        ("anna", ["/", "/profiel/", "/mijn-matches/", "/mijn-leerroute/"]),
        ("carla", ["/caseload/", "/signalen/"]),
        ("lars", ["/", "/rapportages/", "/herberekeningen/"]),
        ("wim", ["/", "/vacatures/", "/onboarding/"]),
        ("olga", ["/", "/superscholing/"]),
        ("bea", ["/", "/beheer/", "/beheer/accounts/user/"]),
    ],
)
def test_pages_of_every_role_have_the_policy_and_no_inline_code(
    request, as_user, annas_traject, persona, paths
):
    client = as_user(request.getfixturevalue(persona))
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_strict(response)
        assert _inline_code(response.content.decode()) == [], path


def test_htmx_partials_and_api_answers_carry_the_policy_too(as_user, carla, annas_traject):
    client = as_user(carla)
    partial = client.get(
        "/caseload/?phase=profiel", headers={"HX-Request": "true", "HX-Target": "caseload-table"}
    )
    assert partial.status_code == 200
    assert b"<html" not in partial.content  # really the partial
    _assert_strict(partial)
    assert _inline_code(partial.content.decode()) == []
    api = client.get("/api/v1/trajecten/")
    assert api.status_code == 200
    _assert_strict(api)


def test_htmx_is_configured_for_the_policy(client):
    html = client.get("/account/inloggen/").content.decode()
    match = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', html)
    assert match, "htmx-config meta tag missing"
    config = json.loads(match.group(1))
    # Without these htmx inserts a <style> element and evaluates attribute code.
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    css = (ROOT / "static" / "css" / "loopbrug.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


def test_api_docs_work_without_inline_script(as_user, anna):
    client = as_user(anna)
    page = client.get("/api/docs/")
    assert page.status_code == 200
    _assert_strict(page)
    html = page.content.decode()
    assert _inline_code(html) == []
    script = re.search(r'<script src="([^"]*\?[^"]*script[^"]*)"', html)
    assert script, html
    js = client.get(script.group(1).replace("&amp;", "&"))
    assert js.status_code == 200
    assert js["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in js.content
    assert b"/api/schema/" in js.content
    for sheet in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        assert sheet.startswith("/static/"), sheet


# --- Other headers -----------------------------------------------------------------------


def test_security_headers_on_pages(client):
    response = client.get("/account/inloggen/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def _production(code: str, **extra_env: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "SESSION_", "API_THROTTLE", "DJANGO_ALLOW"))
        and k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": "production-like-" + "x" * 50,
        "ALLOWED_HOSTS": "loopbrug.example",
        "DJANGO_SETTINGS_MODULE": "loopbrug.settings",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_redirect_to_https_send_hsts_and_mark_cookies_secure():
    code = """
from django.test import Client, override_settings
# Without collectstatic there is no manifest of hashed file names; the rest is production's.
override_settings(
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
client = Client(HTTP_HOST="loopbrug.example")
plain = client.get("/account/inloggen/")
print(plain.status_code, plain["Location"])
secure = client.get("/account/inloggen/", secure=True)
print(secure.status_code)
print(secure["Strict-Transport-Security"])
cookie = secure.cookies["csrftoken"]
print(bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"])
from django.conf import settings as s
print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SECURE)
"""
    result = _production(code)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "301 https://loopbrug.example/account/inloggen/"
    assert lines[1] == "200"
    hsts = lines[2]
    assert "includeSubDomains" in hsts and "preload" in hsts
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    assert lines[3] == "True True Lax"
    assert lines[4] == "True True True"


def test_session_and_language_cookies_are_secure_httponly_and_samesite(client, anna, settings):
    # The values production runs with (proved above); the test settings switch them off.
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post("/account/inloggen/", {"username": anna.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    language = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert language["secure"] and language["httponly"] and language["samesite"] == "Lax"


def test_a_bad_throttle_rate_is_refused_at_start_up():
    result = _production("", API_THROTTLE_USER="veel")
    assert result.returncode != 0
    assert "API_THROTTLE_USER must look like 60/minute" in result.stderr


def test_throttle_counters_live_in_redis_when_redis_url_is_set():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    with_redis = _production(code, REDIS_URL="redis://127.0.0.1:6379/0")
    assert with_redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
    # Without Redis, files every process shares (the worker's figures reach the web process).
    without = _production(code, REDIS_URL="")
    assert without.stdout.strip() == "django.core.cache.backends.filebased.FileBasedCache"
    key = f"shared-{uuid.uuid4().hex}"
    write = f"from django.core.cache import cache; cache.set('{key}', 42, 60)"
    assert _production(write, REDIS_URL="").returncode == 0
    read = f"from django.core.cache import cache; print(cache.get('{key}'))"
    assert _production(read, REDIS_URL="").stdout.strip() == "42"


# --- API throttling ----------------------------------------------------------------------


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "4/minute"}
    }
    # A cache of its own, so counters of earlier runs cannot count here.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"throttle-{uuid.uuid4()}",
        }
    }


def _assert_throttled(response) -> None:
    assert response.status_code == 429
    body = response.json()
    assert body["message"] == "Te veel verzoeken. Probeer het straks opnieuw."
    assert 1 <= body["extra"]["retry_after"] <= 60
    assert int(response["Retry-After"]) >= 1


def test_anonymous_api_requests_are_throttled_per_address(low_rates):
    knocking = Client(REMOTE_ADDR="203.0.113.7")
    assert [knocking.get("/api/v1/trajecten/").status_code for _ in range(3)] == [403] * 3
    _assert_throttled(knocking.get("/api/v1/trajecten/"))
    # Another address still gets the plain refusal; a forged X-Forwarded-For changes nothing.
    assert Client(REMOTE_ADDR="203.0.113.8").get("/api/v1/trajecten/").status_code == 403
    forged = knocking.get("/api/v1/trajecten/", headers={"X-Forwarded-For": "198.51.100.1"})
    assert forged.status_code == 429


def test_logged_in_api_requests_are_throttled_per_account_session_or_token(
    low_rates, anna, otto, as_user
):
    session = as_user(anna)
    token = Token.objects.create(user=anna)
    by_token = Client(REMOTE_ADDR="198.51.100.20", headers={"Authorization": f"Token {token.key}"})
    statuses = [session.get("/api/v1/me/").status_code for _ in range(2)]
    statuses += [by_token.get("/api/v1/me/").status_code for _ in range(2)]
    assert statuses == [200] * 4
    _assert_throttled(session.get("/api/v1/me/"))
    _assert_throttled(by_token.get("/api/v1/me/"))
    # Someone else from the same address is not held back by anna's requests.
    assert as_user(otto).get("/api/v1/me/").status_code == 200


def test_throttling_uses_redis_shared_by_all_workers(settings, anna, as_user):
    redis_url = os.environ.get("REDIS_URL", "")
    require_or_skip("REQUIRE_SERVICES", bool(redis_url), "REDIS_URL is not set")
    prefix = f"throttle-test-{uuid.uuid4()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "2/minute"}
    }
    client = as_user(anna)
    assert [client.get("/api/v1/me/").status_code for _ in range(3)] == [200, 200, 429]
    # Another process (a second gunicorn worker) reads the same counters from Redis.
    code = (
        "from django.core.cache.backends.redis import RedisCache;"
        f"c = RedisCache({redis_url!r}, {{'KEY_PREFIX': {prefix!r}}});"
        f"print(len(c.get('throttle_user_{anna.pk}') or []))"
    )
    other = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "loopbrug.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert other.stdout.strip() == "2", other.stderr


def test_throttling_steps_aside_when_the_cache_is_down(settings, anna, as_user, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
        }
    }
    assert as_user(anna).get("/api/v1/me/").status_code == 200
    assert "API-throttling overgeslagen" in caplog.text


# --- Two-factor --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["carla", "lars", "bea"])
def test_two_factor_is_required_on_pages_and_api_sessions(request, persona, as_user):
    user = request.getfixturevalue(persona)
    half = Client()
    half.force_login(user)  # password accepted, second factor not yet
    page = half.get("/")
    assert page.status_code == 302
    assert page["Location"].startswith("/account/tweestaps/")
    admin = half.get("/beheer/")
    assert admin.status_code == 302 and admin["Location"].startswith("/account/tweestaps/")
    api = half.get("/api/v1/me/")
    assert api.status_code == 403
    assert api.json() == {
        "message": "Bevestig eerst je inlog met de tweestapscode.",
        "extra": {},
    }
    full = as_user(user)
    home = full.get("/", follow=True)
    assert home.status_code == 200
    assert all("tweestaps" not in url for url, _status in home.redirect_chain)
    assert full.get("/api/v1/me/").status_code == 200


def test_overstapper_needs_no_second_factor(anna):
    client = Client()
    client.force_login(anna)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_api_tokens_are_only_issued_in_the_two_factor_admin(carla, bea, as_user):
    # No route hands out a token for a password alone (such as DRF's obtain_auth_token).
    from rest_framework.authtoken.views import ObtainAuthToken

    def views(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from views(entry)
            elif isinstance(entry, URLPattern):
                yield getattr(entry.callback, "cls", None) or entry.callback

    assert not [v for v in views(get_resolver()) if v is ObtainAuthToken]
    assert not [
        v for v in views(get_resolver()) if isinstance(v, type) and issubclass(v, ObtainAuthToken)
    ]
    # The admin where a beheerder issues one sits behind the second factor (proved above), and
    # a token issued there is the API credential of a coach.
    token = Token.objects.create(user=carla)
    response = Client().get("/api/v1/me/", headers={"Authorization": f"Token {token.key}"})
    assert response.status_code == 200
    wrong = Client().get("/api/v1/me/", headers={"Authorization": "Token " + "0" * 40})
    assert wrong.status_code in (401, 403)
    assert wrong.json()["message"] == "Inloggen is mislukt."


# --- Session expiry ----------------------------------------------------------------------


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"auth": AUTH_AT, "seen": SEEN_AT}[key]] = now - ago
    session.save()


def test_login_stamps_the_session(client, anna):
    client.force_login(anna)
    session = client.session
    assert abs(session[AUTH_AT] - time.time()) < 5
    assert abs(session[SEEN_AT] - time.time()) < 5


def test_an_idle_session_expires(client, anna, settings):
    client.force_login(anna)
    _age_session(client, seen=settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.get("/profiel/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")
    assert "_auth_user_id" not in client.session
    login = client.get(response["Location"])
    assert "Je sessie is verlopen. Log opnieuw in." in login.content.decode()


def test_a_busy_session_still_ends_after_its_absolute_age(client, anna, settings):
    client.force_login(anna)
    _age_session(client, auth=settings.SESSION_COOKIE_AGE + 5, seen=10)
    assert client.get("/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive(client, anna, settings):
    client.force_login(anna)
    _age_session(client, seen=settings.SESSION_IDLE_TIMEOUT - 120)
    assert client.get("/").status_code == 200
    assert time.time() - client.session[SEEN_AT] < 5


def test_an_expired_session_gets_the_api_error_shape(client, anna, settings):
    client.force_login(anna)
    _age_session(client, seen=settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.get("/api/v1/me/")
    assert response.status_code in (401, 403)
    assert response.json()["message"] == "Log in om deze gegevens te zien."


def test_idle_timeout_is_shorter_than_the_absolute_age():
    assert 0 < django_settings.SESSION_IDLE_TIMEOUT <= 30 * 60
    assert django_settings.SESSION_IDLE_TIMEOUT < django_settings.SESSION_COOKIE_AGE <= 12 * 3600


# --- Uploads -----------------------------------------------------------------------------


@pytest.fixture
def inschrijving(anna, carla, amsterdam, olga, wim):
    from datetime import date, timedelta

    offer = make_offer(olga, first=date.today() + timedelta(days=20))
    traject = working_traject(anna, carla, amsterdam)
    return enrol(traject=traject, lwt=offer, by=anna, werkgever=wim.organisation)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_an_upload_is_judged_by_its_content_not_its_name(media, inschrijving, olga, as_user):
    outcome = Leeruitkomst.objects.first()
    client = as_user(olga)
    url = f"/leerroutes/{inschrijving.pk}/bijwerken/"
    form = {"action": "validation", "leeruitkomst": outcome.pk, "method": "bewijslast"}
    disguised = SimpleUploadedFile(
        "diploma.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"
    )
    response = client.post(url, form | {"evidence": disguised})
    assert response.status_code == 400
    assert "Alleen een PDF, PNG of JPG is toegestaan." in response.content.decode()
    assert _files(media) == [] and not Validation.objects.exists()

    api = client.post(
        f"/api/v1/inschrijvingen/{inschrijving.pk}/validations/",
        form
        | {
            "evidence": SimpleUploadedFile(
                "foto.png", b"GIF89a not allowed", content_type="image/png"
            )
        },
    )
    assert api.status_code == 400
    assert api.json()["message"] == "Alleen een PDF, PNG of JPG is toegestaan."
    assert _files(media) == []

    # A real PNG with a misleading name is stored under a random name with the right type.
    response = client.post(
        url, form | {"evidence": SimpleUploadedFile("script.exe", PNG, content_type="text/html")}
    )
    assert response.status_code == 302
    [stored] = _files(media)
    assert stored.suffix == ".png" and "script" not in stored.name
    assert stored.stat().st_mode & 0o077 == 0  # readable by the app only


def test_an_upload_over_5_mb_is_refused(media, inschrijving, olga, as_user):
    outcome = Leeruitkomst.objects.first()
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (5 * 1024 * 1024))
    response = as_user(olga).post(
        f"/api/v1/inschrijvingen/{inschrijving.pk}/validations/",
        {"leeruitkomst": outcome.pk, "method": "bewijslast", "evidence": big},
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Het bestand is te groot (hooguit 5 MB)."
    assert _files(media) == []


def test_uploads_are_never_served_from_the_web_root(media, inschrijving, olga, anna, as_user):
    validation = onboarding_services.validation_record(
        by=olga,
        inschrijving=inschrijving,
        leeruitkomst=Leeruitkomst.objects.first(),
        method="bewijslast",
        evidence=SimpleUploadedFile("bewijs.pdf", PDF),
    )
    name = validation.evidence.name  # e.g. bewijslast/2027/03/<random>.pdf
    client = as_user(olga)
    for url in (f"/{name}", f"/media/{name}", f"/static/{name}", f"/static/media/{name}"):
        assert client.get(url).status_code == 404, url
    # The one way out is the permission-checked download, as an attachment, not sniffable.
    response = as_user(anna).get(f"/bewijslast/{validation.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_media_is_outside_everything_that_is_served():
    media = Path(django_settings.MEDIA_ROOT).resolve()
    served = [Path(django_settings.STATIC_ROOT), *map(Path, django_settings.STATICFILES_DIRS)]
    for root in served:
        root = root.resolve()
        assert not media.is_relative_to(root) and not root.is_relative_to(media)

    from django.views.static import serve

    def callbacks(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from callbacks(entry)
            else:
                yield entry.callback

    assert serve not in list(callbacks(get_resolver()))


# --- Dependency audit (make audit) -------------------------------------------------------


def _audit_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("audit_script", ROOT / "scripts" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _dep(name, vulns=(), skip=None):
    if skip:
        return {"name": name, "skip_reason": skip}
    return {"name": name, "version": "1.0", "vulns": list(vulns)}


def test_audit_fails_on_a_known_vulnerability():
    audit = _audit_module()
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["1.1"], "aliases": ["CVE-2099-1"]}
    verdict = audit.judge({"dependencies": [_dep("django"), _dep("oldlib", [vuln])]})
    assert verdict.exit_code == 1
    assert "  oldlib 1.0: PYSEC-2099-1 (fix: 1.1)" in verdict.lines
    # An accepted exception (listed with its reason) does not fail, and is still shown.
    accepted = audit.judge(
        {"dependencies": [_dep("oldlib", [vuln])]}, exceptions={"CVE-2099-1": "reden"}
    )
    assert accepted.exit_code == 0
    assert any("accepted exception" in line for line in accepted.lines)


def test_audit_that_reached_nothing_warns_loudly_and_claims_no_success():
    audit = _audit_module()
    reason = "Dependency not found on PyPI and could not be audited: django (5.2)"
    report = {"dependencies": [_dep("django", skip=reason), _dep("redis", skip=reason)]}
    verdict = audit.judge(report)
    text = "\n".join(verdict.lines)
    assert verdict.exit_code == 0  # no failing CI for a network it cannot have
    assert "de audit is NIET uitgevoerd" in text
    assert "the audit could NOT be performed" in text
    assert "no known vulnerabilities" not in text
    assert audit.judge(report, strict=True).exit_code == 2


def test_audit_that_checked_everything_passes_and_says_so():
    audit = _audit_module()
    verdict = audit.judge({"dependencies": [_dep("django"), _dep("redis")]})
    assert verdict.exit_code == 0
    assert verdict.lines[0].startswith("pip-audit: 2 van/of 2")
    assert "no known vulnerabilities in the audited packages" in verdict.lines[-1]


@pytest.mark.parametrize(
    "stub, exit_code, expected",
    [
        (
            'print(\'{"dependencies": [{"name": "oldlib", "version": "1.0", "vulns": '
            '[{"id": "GHSA-xxxx", "fix_versions": ["2.0"]}]}]}\'); raise SystemExit(1)',
            1,
            "oldlib 1.0: GHSA-xxxx",
        ),
        (
            "import sys; sys.stderr.write('ConnectionError: Failed to resolve pypi.org');"
            "raise SystemExit(1)",
            0,
            "could NOT be performed",
        ),
        ("import sys; sys.stderr.write('error: unrecognized arguments'); sys.exit(2)", 2, "failed"),
    ],
)
def test_make_audit_script_end_to_end(tmp_path, stub, exit_code, expected):
    fake = tmp_path / "fake_pip_audit.py"
    fake.write_text(stub)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "audit.py")],
        env=os.environ | {"PIP_AUDIT": f"{sys.executable} {fake}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == exit_code, result.stdout + result.stderr
    assert expected in result.stdout


def test_make_audit_runs_in_ci():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^audit:.*\n\t.*scripts/audit\.py", makefile, re.MULTILINE)
    assert "make audit" in (ROOT / ".ci" / "run").read_text()
