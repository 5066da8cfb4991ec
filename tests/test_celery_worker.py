"""A real Celery worker, started by the test against the real Redis, runs a task end to end."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from accounts.tasks import health
from loopbrug.celery import app

from .conftest import require_or_skip

# The worker started here takes its tasks from the shared Redis in REDIS_URL: the tests that
# start one run in the same process of a parallel run (make test), one after the other.
pytestmark = pytest.mark.xdist_group("redis-broker")

ROOT = Path(__file__).resolve().parent.parent


def _redis_ok() -> bool:
    if not settings.REDIS_URL:
        return False
    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_health_task_against_the_test_database(regions):
    require_or_skip("REQUIRE_SERVICES", _redis_ok(), "needs a reachable Redis in REDIS_URL")
    require_or_skip(
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    db = connection.settings_dict
    test_db_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = os.environ | {"DATABASE_URL": test_db_url, "REDIS_URL": settings.REDIS_URL}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "loopbrug",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    app.conf.task_always_eager = False
    try:
        deadline = time.monotonic() + 60
        result = health.delay()
        value = result.get(timeout=max(5, deadline - time.monotonic()))
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    assert value["status"] == "ok", output
    assert value["regions"] == 35, output
