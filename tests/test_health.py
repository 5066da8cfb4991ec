"""/health/ is a cheap liveness check (no query); /health/ready/ says whether the app can serve:
PostgreSQL, Redis and the migrations, with a 503 and a JSON body naming what failed."""

from __future__ import annotations

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from loopbrug import views


@pytest.fixture(autouse=True)
def _fresh_migration_check(monkeypatch):
    monkeypatch.setattr(views, "_migrations_applied", False)


def test_liveness_asks_nothing_of_the_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/health/")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_ready_when_database_redis_and_migrations_are(db, settings):
    response = Client().get("/health/ready/")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok" and body["failed"] == []
    assert set(body["checks"]) == {"database", "redis", "migrations"}
    assert response["Cache-Control"] == "no-store"


def test_an_unreachable_redis_is_named(db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = Client().get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["failed"] == ["redis"]
    assert response.json()["checks"]["redis"].startswith("fout: ")
    assert "127.0.0.1" not in response.content.decode()  # no host names for anyone


def test_a_database_that_does_not_answer_is_named(db, monkeypatch):
    def broken():
        from django.db import OperationalError

        raise OperationalError("connection to server at 10.0.0.5 failed")

    monkeypatch.setattr(views, "_check_database", broken)
    response = Client().get("/health/ready/")
    body = response.json()
    assert response.status_code == 503 and body["failed"] == ["database", "migrations"]
    assert body["checks"]["database"] == "fout: OperationalError"
    assert "10.0.0.5" not in response.content.decode()


def test_an_unapplied_migration_is_named(db):
    MigrationRecorder.Migration.objects.filter(app="matching").order_by("-name").first().delete()
    response = Client().get("/health/ready/")
    body = response.json()
    assert response.status_code == 503 and body["failed"] == ["migrations"]
    assert "1 niet toegepast" in body["checks"]["migrations"]


def test_health_checks_are_not_redirected_to_https(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/health/ready/").status_code == 200
    assert Client().get("/health/").status_code == 200
    assert Client().get("/account/inloggen/").status_code == 301


def test_a_browser_asking_for_favicon_ico_gets_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
