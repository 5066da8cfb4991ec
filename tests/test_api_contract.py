"""The API contract: schemathesis sends generated requests to every operation of the OpenAPI
schema at /api/schema/, against the live test server, logged in as each role in turn, and
every response must be documented: no server error (5xx), a documented status code, a
documented content type and a body that fits its schema (errors included).

How the run is kept meaningful and safe:

- The server is pytest-django's live server on localhost, backed by the throw-away test
  database (asserted below); requests go only to its base URL, redirects are not followed and
  the HTTP session ignores proxy settings from the environment. Celery runs eagerly in this
  process, e-mail goes to Django's in-memory outbox.
- One demo world (`seed_demo`: ten trajecten over all phases, profiles, vacatures,
  applications, financieringsplannen, leerwerktrajecten, onboarding) is tested first
  anonymously, then by each role in turn. Each role logs in the way its real users do: e-mail
  and password on the login page and, for coach, loket and beheerder, the current code of
  their authenticator app on the two-factor page. API calls then carry the session cookie and
  the CSRF token, as the portal's own pages would. (One world rather than one per role: a
  flush and a fresh seed per role would cost a minute of the bounded run.)
- Path ids are drawn half of the time from the rows that exist (the role's own and other
  people's), so the checks reach real objects and the permission branches, not only 404s. A
  path parameter without an entry in KNOWN_IDS fails the run, so a new endpoint gets one.
- Destructive calls stay possible but cannot wipe a persona mid-run: erasing an account
  needs the account's password, which the generator does not know (the run checks at the end
  of each role that its session still belongs to the same person); a separate test erases a
  throw-away overstapper with the right password and checks that answer against the schema.
  Phase changes, closing vacatures and the like do change the world while it is tested; that
  is fine, as every later answer must still fit the contract.
- API throttling answers 429 in production, so the schema documents 429 on every operation
  and `test_a_throttled_answer_fits_the_schema` provokes a real one and checks it. The run
  itself keeps the throttle classes but raises their rates (`_no_throttle_limits`): with the
  real limits most generated requests would only meet the throttle and test nothing else.

`make test` runs a bounded number of examples per operation and per kind of input (valid,
invalid): CONTRACT_EXAMPLES, default 5, the same requests every run; the visitor who is not
logged in gets one where the schema says a login is needed (the same 401 for any input).
`make fuzz` runs 50 with fresh random data each time, for every operation.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable
from functools import partial
from urllib.parse import urlsplit

import pytest
import requests
import schemathesis
from django.core.management import call_command
from django.core.servers.basehttp import WSGIRequestHandler
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import Region, Role, User
from financing.catalogue import ensure_catalogue
from financing.models import Contribution, FinancingSettings, Regeling, SectorNorm, WwParameter
from journeys.models import Appointment, Buddy, Intervisiegroep, Traject
from latende.models import Campaign, Verdwijnbaan
from matching.models import Application, MatchRun, Vacature
from notifications.models import Notification
from onboarding.models import CheckIn, Inschrijving, Leerwerktraject, OnboardingItem
from orientatie.models import Event, Orientatiegroep, Registration
from orientatie.tokens import cancel_token
from profiles.models import Experience, Profile, ProfileShare, ProfileSkill
from reports.models import ReportRun
from taxonomy.curated import load_curated_taxonomy
from taxonomy.models import Beroep
from workspace.demo import DEMO_PASSWORD, email_for

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "5"))
# The bounded run is deterministic (same requests every time); `make fuzz` explores freely.
FUZZ = os.environ.get("CONTRACT_FUZZ") == "1"
# To reproduce one finding: CONTRACT_OPERATIONS='POST /api/v1/reports/' (a regular expression).
ONLY = os.environ.get("CONTRACT_OPERATIONS", "")

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Invalid input must be refused with a 4xx, never accepted or answered with a 5xx.
NEGATIVE_CHECKS = [*CHECKS, negative_data_rejection]

# The demo login of each role (workspace/demo.py); coach, loket and beheerder have TOTP.
ROLES = {
    Role.OVERSTAPPER: "jitske",
    Role.COACH: "coach",
    Role.LOKET: "loket",
    Role.WERKGEVER: "werkgever",
    Role.OPLEIDER: "opleider",
    Role.BEHEERDER: "beheerder",
}

# Existing rows per path segment in front of a path parameter, e.g. /trajecten/{id}/.
KNOWN_IDS: dict[str, Callable[[], list[int]]] = {
    "trajecten": lambda: list(Traject.objects.values_list("pk", flat=True)),
    "vacatures": lambda: list(Vacature.objects.values_list("pk", flat=True)),
    "applications": lambda: list(Application.objects.values_list("pk", flat=True)),
    "match-runs": lambda: list(MatchRun.objects.values_list("pk", flat=True)),
    "leerwerktrajecten": lambda: list(Leerwerktraject.objects.values_list("pk", flat=True)),
    "inschrijvingen": lambda: list(Inschrijving.objects.values_list("pk", flat=True)),
    "onboarding-items": lambda: list(OnboardingItem.objects.values_list("pk", flat=True)),
    "checkins": lambda: list(CheckIn.objects.values_list("pk", flat=True)),
    "reports": lambda: list(ReportRun.objects.values_list("pk", flat=True)),
    "profiles": lambda: list(Profile.objects.values_list("pk", flat=True)),
    "skills": lambda: list(ProfileSkill.objects.values_list("skill_id", flat=True)),
    "experiences": lambda: list(Experience.objects.values_list("pk", flat=True)),
    "shares": lambda: list(ProfileShare.objects.values_list("pk", flat=True)),
    "contributions": lambda: list(Contribution.objects.values_list("pk", flat=True)),
    "buddies": lambda: list(Buddy.objects.values_list("pk", flat=True)),
    "appointments": lambda: list(Appointment.objects.values_list("pk", flat=True)),
    "intervisiegroepen": lambda: list(Intervisiegroep.objects.values_list("pk", flat=True)),
    "notifications": lambda: list(Notification.objects.values_list("pk", flat=True)),
    "events": lambda: list(Event.objects.values_list("pk", flat=True)),
    "beroepen": lambda: list(Beroep.objects.values_list("pk", flat=True)),
    "orientatiegroepen": lambda: list(Orientatiegroep.objects.values_list("pk", flat=True)),
    # A cancel link's token stands where an id would.
    "registrations": lambda: [cancel_token(r) for r in Registration.objects.all()],
    "verdwijnbanen": lambda: list(Verdwijnbaan.objects.values_list("pk", flat=True)),
    "campaigns": lambda: list(Campaign.objects.values_list("pk", flat=True)),
}
# Path parameters that are no row id; the schema lists their values (an enum).
NOT_AN_ID = {"fmt"}


@pytest.fixture
def live_base(live_server, settings, regions, monkeypatch):
    """The live test server over plain HTTP on the loopback interface."""
    # The fuzzing must never reach anything but the throw-away test database.
    name = str(connection.settings_dict["NAME"])
    assert name.startswith("test_") or "memorydb" in name or name == ":memory:", name
    assert urlsplit(live_server.url).hostname in ("localhost", "127.0.0.1"), live_server.url
    # wsgiref writes headers and body apart; without TCP_NODELAY each answer waits ~40 ms
    # for a delayed ACK, which would make this run five times slower.
    monkeypatch.setattr(WSGIRequestHandler, "disable_nagle_algorithm", True)
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    yield live_server.url
    # A keep-alive HTTP connection left in an unreferenced pool keeps a live-server thread,
    # and its database connection, alive until the test database is to be dropped.
    gc.collect()


@pytest.fixture
def live_api(live_base):
    """The live test server with the demo world."""
    # The live server's database is flushed between tests: reload what the data migrations did.
    load_curated_taxonomy()
    ensure_catalogue(Regeling, SectorNorm, WwParameter, FinancingSettings)
    call_command("seed_demo", allow_without_debug=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    _a_verdwijnbaan_with_a_campaign()
    return live_base


def _a_verdwijnbaan_with_a_campaign() -> None:
    """The leaving employer's side (issue 16) for the demo werkgever, so its ids exist."""
    from datetime import date

    from latende import services as latende_services

    werkgever = User.objects.get(email=email_for(ROLES[Role.WERKGEVER]))
    baan = latende_services.verdwijnbaan_create(
        by=werkgever,
        function_title="Medewerker linnenkamer",
        headcount=14,
        expected_date=date(2027, 6, 1),
        reason="automatisering",
    )
    latende_services.campaign_create(by=werkgever, verdwijnbaan=baan, name="Linnenkamer")


def _throttle_rates(settings, rate: str) -> None:
    """The same throttle classes as in production, at another rate for every scope."""
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_RATES"] = dict.fromkeys(rest.get("DEFAULT_THROTTLE_RATES", {}), rate)
    settings.REST_FRAMEWORK = rest


@pytest.fixture
def _no_throttle_limits(settings):
    """Keep API throttling on, with limits the generated traffic does not reach."""
    _throttle_rates(settings, "100000/minute")


def anonymous_session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment: only the live server
    return session


def log_in(base_url: str, key: str, *, password: str = DEMO_PASSWORD) -> requests.Session:
    """Log in on the login page, past the second factor when the role needs it."""
    session = anonymous_session()
    email = key if "@" in key else email_for(key)
    session.get(f"{base_url}/account/inloggen/")
    response = session.post(
        f"{base_url}/account/inloggen/",
        data={
            "username": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text
    device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
    if device is not None:
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        response = session.post(
            f"{base_url}/account/tweestaps/",
            data={"token": f"{code:06d}", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text
    # Django rotates the CSRF token at login; the API's session authentication wants it back.
    session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
    me = session.get(f"{base_url}/api/v1/me/")
    assert me.status_code == 200, me.text
    return session


def load_schema(base_url: str):
    schema = schemathesis.openapi.from_url(f"{base_url}/api/schema/?format=json")
    # The role's own session authenticates; generated tokens or cookies would only replace it.
    schema.config.generation.update(with_security_parameters=False)
    return schema


def _id_segment(path: str, name: str) -> str | None:
    match = re.search(r"/([a-z-]+)/\{" + re.escape(name) + r"\}", path)
    return match.group(1) if match else None


def needs_login(operation) -> bool:
    """Whether the schema says the operation refuses a visitor who is not logged in (its
    security list has no empty entry)."""
    security = operation.definition.raw.get("security")
    return security is not None and {} not in security


def run_contract(
    schema, session: requests.Session, base_url: str, *, anonymous: bool = False
) -> list[str]:
    """Every operation, valid and invalid input; the failures as readable lines. A visitor
    who is not logged in gets one example per kind of input where the schema says a login
    is needed: every answer there is the same refusal, whatever is sent."""
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if ONLY and not re.search(ONLY, operation.label):
            continue
        examples = 1 if anonymous and needs_login(operation) and not FUZZ else EXAMPLES
        known = {}
        for name in _path_parameter_names(operation):
            segment = _id_segment(operation.path, name)
            if segment in KNOWN_IDS:
                known[name] = KNOWN_IDS[segment]()
            elif name not in NOT_AN_ID:
                # A new kind of object in a path: tell KNOWN_IDS where its rows are.
                failures.append(f"{operation.label}: no KNOWN_IDS entry for {{{name}}}")
        for mode, checks in (
            (GenerationMode.POSITIVE, CHECKS),
            (GenerationMode.NEGATIVE, NEGATIVE_CHECKS),
        ):
            test = _contract_test(operation, mode, checks, session, base_url, known, examples)
            try:
                test()
            except Unsatisfiable:
                continue  # nothing to make invalid: no parameters and no body
            except (Exception, BaseExceptionGroup) as exc:  # reported together below
                failures.append(f"{operation.label} [{mode.value}]: {_describe(exc)}")
    return failures


def _describe(exc: BaseException) -> str:
    """The failure with what it wraps (hypothesis reports a flaky one as a group)."""
    inner = [_describe(e) for e in getattr(exc, "exceptions", ())]
    return "\n".join([str(exc), *(f"  caused by: {text}" for text in inner)])


def _body_media_types(operation) -> list[str]:
    return list(operation.get_request_payload_content_types())


def _path_parameter_names(operation) -> list[str]:
    return [p.name for p in operation.path_parameters]


def _contract_test(operation, mode, checks, session, base_url, known, examples):
    # Invalid bodies go as JSON: a form encoding carries only strings and drops structure, so a
    # "wrong" form body is often a valid form (an array sent as a form is no field at all, an
    # empty field counts as not given) and proves nothing about validation.
    json_only = mode is GenerationMode.NEGATIVE and "application/json" in _body_media_types(
        operation
    )

    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=not FUZZ,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    def test(case, data):
        if json_only:
            assume(case.media_type in (None, "application/json"))
        if mode is GenerationMode.POSITIVE:
            for name, ids in known.items():
                if ids and data.draw(st.booleans(), label=f"known {name}"):
                    case.path_parameters[name] = data.draw(st.sampled_from(ids), label=name)
        case.call_and_validate(
            base_url=base_url, session=session, checks=checks, allow_redirects=False
        )

    return test


# One test per role (and the anonymous visitor), so that parallel test processes share them.
@pytest.mark.parametrize("role", [None, *ROLES], ids=lambda r: str(r or "anoniem"))
def test_every_answer_of_the_api_fits_its_schema(role, live_api, _no_throttle_limits):
    schema = load_schema(live_api)
    if role is None:
        with anonymous_session() as session:
            failures = run_contract(schema, session, live_api, anonymous=True)
    else:
        with log_in(live_api, ROLES[role]) as session:
            failures = run_contract(schema, session, live_api)
            # Still logged in as the same person: the run did not erase or lock out its persona.
            me = session.get(f"{live_api}/api/v1/me/")
        assert me.status_code == 200 and me.json()["email"] == email_for(ROLES[role]), me.text
    who = str(role or "anoniem")
    report = [f"as {who}: {failure}" for failure in failures]
    assert not report, f"{len(report)} contract failures:\n\n" + "\n\n".join(report)


@pytest.mark.django_db
def test_only_operations_that_need_a_login_get_fewer_anonymous_examples(client):
    schema = schemathesis.openapi.from_dict(client.get("/api/schema/?format=json").json())
    operations = {op.label: op for op in (r.ok() for r in schema.get_all_operations())}
    public = {label for label, op in operations.items() if not needs_login(op)}
    # The public ones: the catalogue of beroepen and trainings, and events one signs up for.
    assert {
        "GET /api/v1/beroepen/",
        "GET /api/v1/events/",
        "POST /api/v1/events/{id}/registrations/",
        "DELETE /api/v1/events/{id}/registrations/{token}/",
        "GET /api/v1/leerwerktrajecten/",
    } <= public
    assert not {"GET /api/v1/me/", "GET /api/v1/trajecten/", "POST /api/v1/reports/"} & public
    assert len(public) < len(operations) / 4


def test_erasing_an_account_answers_as_documented(live_base, _no_throttle_limits):
    """The one call the run above cannot make (it needs the password), on a throw-away account."""
    user = UserFactory(email="wis-mij@example.nl", home_region=Region.objects.first())
    assert user.role == Role.OVERSTAPPER
    operation = load_schema(live_base)["/api/v1/profiles/me/erase/"]["POST"]
    with log_in(live_base, user.email, password=PASSWORD) as session:
        call = partial(
            operation.Case(
                body={"password": PASSWORD}, media_type="application/json"
            ).call_and_validate,
            base_url=live_base,
            session=session,
            checks=CHECKS,
            allow_redirects=False,
        )
        response = call()
        assert response.status_code == 204, response.text
        # The session ended with the account: the next call is refused in the documented shape.
        again = call()
        assert again.status_code in (401, 403), again.text
    assert not type(user).objects.filter(email="wis-mij@example.nl").exists()


def test_a_throttled_answer_fits_the_schema(live_base, settings):
    """The 429 the throttle gives is the documented one, in the shared error shape."""
    user = UserFactory(email="veel@example.nl")
    operation = load_schema(live_base)["/api/v1/me/"]["GET"]
    statuses = []
    with log_in(live_base, user.email, password=PASSWORD) as session:
        _throttle_rates(settings, "3/minute")
        for _ in range(5):
            response = operation.Case().call_and_validate(
                base_url=live_base, session=session, checks=CHECKS, allow_redirects=False
            )
            statuses.append(response.status_code)
    assert statuses[-1] == 429, statuses
    assert response.json()["message"] == "Te veel verzoeken. Probeer het straks opnieuw."


@pytest.mark.django_db
def test_an_unknown_api_url_answers_in_the_error_shape(client):
    response = client.get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert response.json() == {"message": "Niet gevonden.", "extra": {}}
    # Outside the API a person still gets the page.
    assert client.get("/bestaat-niet/")["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["limit=0", "limit=201", "limit=null", "offset=-1", "offset=x"])
def test_a_bad_paging_value_is_refused_not_ignored(as_user, anna, annas_traject, query):
    response = as_user(anna).get(f"/api/v1/trajecten/?{query}")
    assert response.status_code == 400, response.content
    name = query.split("=")[0]
    assert response.json()["message"].startswith(f"Geef {name} als heel getal")


@pytest.mark.django_db
def test_paging_within_bounds_still_works(as_user, anna, annas_traject):
    response = as_user(anna).get("/api/v1/trajecten/?limit=1&offset=0")
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("starts_at", ["0607-03-06T08:56:15-11:26", "2999-01-01T10:00:00+01:00"])
def test_an_appointment_far_from_now_is_refused(as_user, carla, annas_traject, starts_at):
    # Found by the contract run: a year-607 moment came back with a local mean time offset
    # (+00:19:32) that is no valid date-time at all.
    response = as_user(carla).post(
        f"/api/v1/trajecten/{annas_traject.pk}/appointments/",
        {"kind": "gesprek", "starts_at": starts_at},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert "starts_at" in response.json()["extra"]["fields"]
