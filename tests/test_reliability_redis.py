"""Redis stopped under the running app (gunicorn, a private redis-server on a free port):
pages that do not need Redis keep working; an action that enqueues work says it will run later,
and it does run once Redis is back and a worker starts. Plus the outbox flush, in-process."""

from __future__ import annotations

import re
import threading
import time
from decimal import Decimal

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.db import connection
from django.utils import timezone

from loopbrug import queue
from loopbrug.models import OutboxMessage
from matching import services as matching_services
from matching.models import Match, MatchRun
from matching.tasks import rescore_profile
from profiles.models import Profile
from profiles.services import profile_get_or_create, profile_skill_upsert
from taxonomy.curated import load_curated_taxonomy
from taxonomy.models import Skill

from .conftest import require_or_skip, verified_client
from .service_processes import (
    RedisServer,
    Served,
    app_env,
    celery_worker,
    current_database_url,
    stop_process,
    wait_until,
)

DEFERRED = "wordt later uitgevoerd"


def _browser(served: Served, user) -> requests.Session:
    """A requests session carrying the cookie of a test client logged in as `user`."""
    http = requests.Session()
    http.cookies.set("sessionid", verified_client(user).cookies["sessionid"].value)
    http.get(f"{served.url}/account/inloggen/", timeout=10)  # the CSRF cookie
    return http


def _post_form(http: requests.Session, url: str, data: dict) -> requests.Response:
    page = http.get(url, timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return http.post(url, data | {"csrfmiddlewaretoken": token}, timeout=30)


@pytest.fixture
def open_vacature(wim, amsterdam, anna):
    load_curated_taxonomy()
    skills = list(Skill.objects.filter(code__startswith="lb:")[:4])
    vacature = matching_services.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title="Monteur",
        sector="techniek",
        region=amsterdam,
        hours_per_week=36,
        salary_min=Decimal("2600"),
        salary_max=Decimal("3300"),
        skills=[(s, 3, True) for s in skills],
    )
    vacature.status, vacature.published_at = "open", vacature.created_at
    vacature.save()
    profile = profile_get_or_create(user=anna)
    for skill in skills:
        profile_skill_upsert(profile=profile, skill=skill, level=4)
    Match.objects.all().delete()
    return vacature


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_with_redis_down_pages_work_and_queued_work_runs_when_it_is_back(
    anna, otto, bea, open_vacature
):
    require_or_skip("REQUIRE_SERVICES", RedisServer.available(), "needs the redis-server binary")
    require_or_skip(
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    # The served app checks with the production hashers, not the tests' fast one.
    otto.password = make_password("een-lang-wachtwoord", hasher=PBKDF2PasswordHasher())
    otto.save(update_fields=["password"])
    redis = RedisServer()
    redis.start()
    env = app_env(DATABASE_URL=current_database_url(), REDIS_URL=redis.url)
    served = Served(env)
    worker = None
    try:
        annas, beas = _browser(served, anna), _browser(served, bea)
        redis.stop()

        # Pages (and the API) that do not need Redis: quick, and no error.
        for http, path in [
            (annas, "/"),
            (annas, "/profiel/"),
            (annas, "/profiel/stap/doel/"),
            (annas, "/mijn-matches/"),
            (annas, "/api/v1/profiles/me/"),
            (beas, "/herberekeningen/"),
        ]:
            started = time.monotonic()
            response = http.get(f"{served.url}{path}", timeout=30)
            assert response.status_code == 200, (path, response.status_code, served.output())
            assert time.monotonic() - started < 5, path
        login = _post_form(
            requests.Session(),
            f"{served.url}/account/inloggen/",
            {"username": otto.email, "password": "een-lang-wachtwoord"},
        )
        assert login.status_code == 200 and login.url.rstrip("/").endswith(str(served.port))

        # Work that needs the queue: saved, the user is told, nothing is lost.
        saved = _post_form(
            annas,
            f"{served.url}/profiel/stap/doel/",
            {"ambition": "Monteur worden", "motivation": "", "stay": "1"},
        )
        assert saved.status_code == 200, served.output()
        assert f"Het bijwerken van je matches {DEFERRED}" in saved.text
        patched = annas.patch(
            f"{served.url}/api/v1/profiles/me/",
            json={"proud_of": "Mijn vakdiploma"},
            headers={"X-CSRFToken": annas.cookies["csrftoken"]},
            timeout=30,
        )
        assert patched.status_code == 200, served.output()
        assert "later uitgevoerd" in patched.headers[queue.DEFERRED_HEADER]
        rescore = _post_form(beas, f"{served.url}/herberekeningen/", {})
        assert rescore.status_code == 200 and f"De herberekening {DEFERRED}" in rescore.text

        profile = Profile.objects.get(user=anna)
        assert (profile.ambition, profile.proud_of) == ("Monteur worden", "Mijn vakdiploma")
        assert sorted(OutboxMessage.objects.values_list("task_name", flat=True)) == [
            "matching.match_run_execute",
            "matching.rescore_profile",
            "matching.rescore_profile",
        ]
        assert not Match.objects.exists()

        # Redis is back and a worker starts: it flushes the outbox, and the work is done.
        redis.start()
        worker = celery_worker(env, "--pool", "solo")
        wait_until(
            lambda: (
                not OutboxMessage.objects.exists()
                and MatchRun.objects.filter(status=MatchRun.Status.DONE).exists()
            ),
            90,
            "the outbox to be flushed and the rescore to finish",
            interval=0.5,
        )
        assert Match.objects.filter(profile=profile, vacature=open_vacature).exists()
    finally:
        output = stop_process(worker) if worker else ""
        served.stop()
        redis.stop()
    # (The API throttle logs that it stepped aside, with a traceback: a warning, not an error.)
    assert "Internal Server Error" not in served.output(), served.output()
    assert "raised unexpected" not in output, output


@pytest.mark.django_db
def test_enqueue_keeps_the_task_in_the_outbox_when_the_broker_is_down(monkeypatch, anna):
    profile = profile_get_or_create(user=anna)
    monkeypatch.setattr(queue, "_publish", _broker_down)
    assert queue.enqueue(rescore_profile, profile.pk, what="Het bijwerken") is False
    row = OutboxMessage.objects.get()
    assert (row.task_name, row.args) == ("matching.rescore_profile", [profile.pk])
    assert "Connection refused" in row.last_error

    # Still down: the flush keeps the row and counts the attempt.
    assert queue.outbox_flush() == 0
    assert OutboxMessage.objects.get().attempts == 1


@pytest.mark.django_db
def test_an_autosave_with_the_broker_down_says_so_beside_the_saved_status(
    monkeypatch, as_user, anna
):
    profile_get_or_create(user=anna)
    monkeypatch.setattr(queue, "_publish", _broker_down)
    response = as_user(anna).post(
        "/profiel/stap/doel/",
        {"ambition": "Monteur", "motivation": "", "version": 1, "autosave": "1"},
        headers={"HX-Request": "true", "HX-Target": "save-status"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Automatisch opgeslagen" in body
    assert f"Het bijwerken van je matches {DEFERRED}" in body  # out-of-band, with the status
    assert OutboxMessage.objects.get().task_name == "matching.rescore_profile"


@pytest.mark.django_db(transaction=True)
def test_two_flushes_at_once_publish_each_row_exactly_once(monkeypatch, regions):
    require_or_skip(  # SQLite has no row locks to skip
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    for n in range(40):
        OutboxMessage.objects.create(task_name="loopbrug.tasks.health", args=[n])
    # Left unsent for longer than the grace a writing process has to publish its own rows.
    OutboxMessage.objects.update(created_at=timezone.now() - 2 * queue.OUTBOX_GRACE)
    published: list = []
    lock = threading.Lock()

    def slow_publish(task_name, args, **options):
        time.sleep(0.01)  # both flushes are busy at the same time
        with lock:
            published.append(args[0])

    monkeypatch.setattr(queue, "_publish", slow_publish)
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def flush():
        try:
            barrier.wait(timeout=10)
            counts.append(queue.outbox_flush(limit=25))
        finally:
            connection.close()

    threads = [threading.Thread(target=flush) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    rest = queue.outbox_flush()
    assert sorted(published) == list(range(40))  # every row once, none twice
    assert sum(counts) + rest == 40 and all(counts)  # both flushes took a share
    assert not OutboxMessage.objects.exists()


def _broker_down(task_name, args, **options):
    from kombu.exceptions import OperationalError

    raise OperationalError("Error 111 connecting to 127.0.0.1:6999. Connection refused.")
