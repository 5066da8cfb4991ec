"""docker-compose.yml stays runnable for users: one service definition reused by web, worker
and beat, and the real components they need."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_compose_defines_the_stack_and_reuses_one_django_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    django_services = [services[name] for name in ("web", "worker", "beat")]
    assert all(s["image"] == "loopbrug:latest" for s in django_services)
    assert all(s["environment"] == services["web"]["environment"] for s in django_services)
    assert "celery -A loopbrug worker" in services["worker"]["command"]
    assert "celery -A loopbrug beat" in services["beat"]["command"]
    assert "gunicorn loopbrug.wsgi" in services["web"]["command"]
    env = services["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://")
    assert "?" in env["SECRET_KEY"]  # compose refuses to start without a SECRET_KEY
