"""Named personas, so every permission test reads like a sentence.

- anna: overstapper, coached by carla, region Groot Amsterdam
- otto: another overstapper, coached by chris, region Zuid-Limburg
- carla / chris: coaches (two-factor verified in their test clients)
- lars: loket Groot Amsterdam; wim: werkgever; olga: opleider; bea: beheerder
"""

from __future__ import annotations

import os
import uuid

import pytest
from django.test import Client
from django_otp.oath import totp

from accounts.models import Organisation, Region, Role
from accounts.regions import ensure_regions

from .factories import OrganisationFactory, UserFactory, make_totp, make_traject

DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests that use no test database run first.

    pytest-django orders the database tests first and the transactional ones after them (a
    flush empties what the data migrations loaded), and puts the rest last. Among the rest
    are some of the heaviest tests (a private PostgreSQL for the migrations and the backup,
    `make run`): last, they ran alone at the end of a parallel run. They touch no test
    database, so they can start first, beside the others; the database order stays."""

    def without_database(item) -> bool:
        return item.get_closest_marker("django_db") is None and not (
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )

    items.sort(key=lambda item: not without_database(item))


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests run without collectstatic, so without the hashed manifest of production.
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    # API throttling stays on, at rates no test reaches by accident (the counters may live in a
    # shared Redis); tests of throttling set low rates themselves.
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"}
    }
    # The same for the event sign-up limits (orientatie); their test sets low ones.
    settings.ORIENTATIE_SIGNUP_LIMITS = {"email": 100000, "ip": 100000, "window": 60}
    # The loket home's figures would outlive a test's rolled-back data in a shared Redis; the
    # test of that cache turns it on with a private cache.
    settings.LOKET_HOME_CACHE_SECONDS = 0
    # Each test its own cache keys: counters (throttling, lockout, sign-up limits) and cached
    # figures never leak into another test, nor between the processes of a parallel run that
    # share one Redis (so no test needs to clear the cache, which would empty it for all).
    default = settings.CACHES["default"] | {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    settings.CACHES = settings.CACHES | {"default": default}


@pytest.fixture(autouse=True)
def _on_commit_runs_at_once(monkeypatch):
    # Tests run inside one transaction that never commits; run on-commit work (mail, tasks) now.
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture(autouse=True)
def _celery_eager(settings):
    from celery._state import _set_task_join_will_block

    from loopbrug.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    # Eager tasks run by several live-server threads at once race on Celery's process-wide
    # "inside a task" flag (each restores what it saw); put it back for the next test.
    _set_task_join_will_block(False)


@pytest.fixture
def regions(db):
    # Transactional tests (the live server) flush what the data migration loaded.
    ensure_regions(Region)


@pytest.fixture
def amsterdam(regions):
    return Region.objects.get(code="groot-amsterdam")


@pytest.fixture
def limburg(regions):
    return Region.objects.get(code="zuid-limburg")


@pytest.fixture
def coachbureau(amsterdam):
    return OrganisationFactory(
        name="Coachbureau", kind=Organisation.Kind.COACHBUREAU, region=amsterdam
    )


@pytest.fixture
def carla(coachbureau):
    return UserFactory(
        email="carla@example.nl", full_name="Carla Coach", role=Role.COACH, organisation=coachbureau
    )


@pytest.fixture
def chris(coachbureau):
    return UserFactory(
        email="chris@example.nl", full_name="Chris Coach", role=Role.COACH, organisation=coachbureau
    )


@pytest.fixture
def anna(amsterdam):
    return UserFactory(email="anna@example.nl", full_name="Anna Overstapper", home_region=amsterdam)


@pytest.fixture
def otto(limburg):
    return UserFactory(email="otto@example.nl", full_name="Otto Overstapper", home_region=limburg)


@pytest.fixture
def annas_traject(anna, carla, amsterdam):
    return make_traject(overstapper=anna, coach=carla, region=amsterdam)


@pytest.fixture
def ottos_traject(otto, chris, limburg):
    return make_traject(overstapper=otto, coach=chris, region=limburg)


@pytest.fixture
def lars(amsterdam):
    loket = OrganisationFactory(
        name="Loket Groot Amsterdam", kind=Organisation.Kind.LOKET, region=amsterdam
    )
    return UserFactory(
        email="lars@example.nl", full_name="Lars Loket", role=Role.LOKET, organisation=loket
    )


@pytest.fixture
def wim(amsterdam):
    return UserFactory(
        email="wim@example.nl",
        full_name="Wim Werkgever",
        role=Role.WERKGEVER,
        organisation=OrganisationFactory(name="Zorggroep", region=amsterdam),
    )


@pytest.fixture
def olga(amsterdam):
    return UserFactory(
        email="olga@example.nl",
        full_name="Olga Opleider",
        role=Role.OPLEIDER,
        organisation=OrganisationFactory(
            name="Hogeschool", kind=Organisation.Kind.OPLEIDER, region=amsterdam
        ),
    )


@pytest.fixture
def bea(db):
    return UserFactory(
        email="bea@example.nl",
        full_name="Bea Beheer",
        role=Role.BEHEERDER,
        is_staff=True,
        is_superuser=True,
    )


def verified_client(user) -> Client:
    """A client logged in as `user`, past the second factor when the role needs it."""
    client = Client()
    client.force_login(user)
    if user.requires_two_factor:
        device = make_totp(user)
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        response = client.post("/account/tweestaps/", {"token": f"{code:06d}"})
        assert response.status_code == 302, response.content
    return client


@pytest.fixture
def as_user():
    return verified_client


def require_or_skip(env_flag: str, ok: bool, reason: str):
    """Skip only on a developer's machine; in CI (flag set) a missing dependency fails."""
    if ok:
        return
    if os.environ.get(env_flag) == "1":
        pytest.fail(f"{reason} ({env_flag}=1, so this must run)")
    pytest.skip(reason)
