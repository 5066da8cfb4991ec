"""A real Celery worker, started by the test against a real (private) Redis, runs a task end to
end."""

from __future__ import annotations

import time

import pytest
from django.db import connection

from accounts.tasks import health

from .conftest import require_or_skip
from .service_processes import RedisServer, celery_app_on, worker_on_private_redis


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_health_task_against_the_test_database(regions):
    require_or_skip("REQUIRE_SERVICES", RedisServer.available(), "needs the redis-server binary")
    require_or_skip(
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    with worker_on_private_redis() as worker:
        deadline = time.monotonic() + 60
        result = health.delay()
        value = result.get(timeout=max(5, deadline - time.monotonic()))
    output = worker.output
    assert value["status"] == "ok", output
    assert value["regions"] == 35, output


def test_a_private_broker_is_used_only_inside_its_block():
    """celery_app_on points this process's app at another Redis and back, so a worker test
    never shares its queue with another test process, and later tests publish as before."""
    from loopbrug.celery import app

    broker, backend = app.connection_for_write().as_uri(), app.backend
    private = "redis://127.0.0.1:1/0"
    with celery_app_on(private) as inside:
        assert inside.connection_for_write().as_uri().endswith("@127.0.0.1:1/0")
        assert inside.backend is not backend and "127.0.0.1:1/0" in inside.backend.as_uri()
    assert app.connection_for_write().as_uri() == broker
    assert app.backend is backend
