"""docker-compose.yml stays runnable for users (there is no Docker engine here, so the files are
parsed and checked): a trial mode on plain http for localhost with a mail catcher, health checks
on every long-running service, a one-shot migrate that the app services wait for, a volume for
the uploads; the production override turns HTTPS and secure cookies on; the Dockerfile builds
in two stages and installs the locked dependencies."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")


def _compose(name: str = "docker-compose.yml") -> dict:
    return yaml.safe_load((ROOT / name).read_text())


def test_compose_defines_the_stack_and_reuses_one_django_service():
    services = _compose()["services"]
    assert set(services) == {"postgres", "redis", "mailpit", "migrate", *APP_SERVICES}
    django_services = [services[name] for name in ("migrate", *APP_SERVICES)]
    assert all(s["image"] == "loopbrug:latest" for s in django_services)
    assert all(s["environment"] == services["web"]["environment"] for s in django_services)
    assert "celery -A loopbrug worker" in services["worker"]["command"]
    assert "celery -A loopbrug beat" in services["beat"]["command"]
    assert "gunicorn loopbrug.wsgi" in services["web"]["command"]
    env = services["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://")
    assert "?" in env["SECRET_KEY"]  # compose refuses to start without a SECRET_KEY


def test_the_trial_runs_on_plain_http_for_localhost_only_with_a_mail_catcher():
    services = _compose()["services"]
    env = services["web"]["environment"]
    assert env["DEBUG"] == "false"  # production settings, only without HTTPS
    assert env["SECURE_SSL_REDIRECT"] == env["SECURE_COOKIES"] == "false"
    assert env["SECURE_HSTS_SECONDS"] == "0"
    assert env["ALLOWED_HOSTS"] == "${ALLOWED_HOSTS:-localhost,127.0.0.1}"
    assert env["SITE_URL"].endswith("http://localhost:8000}")
    # Published on the loopback address only: a trial is never reachable from the network.
    for name, service in services.items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), (name, port)
    assert services["mailpit"]["image"].startswith("axllent/mailpit")
    assert (env["EMAIL_HOST"], env["EMAIL_PORT"]) == ("mailpit", "1025")
    assert "127.0.0.1:8025:8025" in services["mailpit"]["ports"]


def test_every_long_running_service_has_a_health_check_and_web_asks_ready():
    services = _compose()["services"]
    for name, service in services.items():
        if name != "migrate":  # a one-shot: it exits, the others wait for its exit code
            assert service.get("healthcheck", {}).get("test"), name
    web_check = " ".join(services["web"]["healthcheck"]["test"])
    assert "/health/ready/" in web_check
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])


def test_web_worker_and_beat_wait_for_the_one_shot_migrate():
    services = _compose()["services"]
    migrate = services["migrate"]
    assert migrate["command"] == "python manage.py migrate --no-input"
    assert migrate["restart"] == "no"
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}, name
        assert depends["postgres"] == depends["redis"] == {"condition": "service_healthy"}
        assert "migrate" not in services[name]["command"], name  # migrations run once


def test_the_uploads_live_in_a_volume():
    compose = _compose()
    assert "media" in compose["volumes"]
    for name in ("web", "worker"):
        assert "media:/app/var/media" in compose["services"][name]["volumes"], name


def test_production_mode_turns_https_on_and_requires_its_settings():
    production = _compose("docker-compose.production.yml")["services"]
    assert production["mailpit"]["profiles"] == ["trial-mail"]  # no mail catcher
    for name in ("migrate", *APP_SERVICES):
        env = production[name]["environment"]
        assert env["SECURE_SSL_REDIRECT"] == env["SECURE_COOKIES"] == "true", name
        assert int(env["SECURE_HSTS_SECONDS"]) >= 31536000
        for required in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_HOST"):
            assert ":?" in env[required], (name, required)
        assert "POSTGRES_PASSWORD:?" in env["DATABASE_URL"]
    assert ":?" in production["postgres"]["environment"]["POSTGRES_PASSWORD"]


def test_demo_data_is_for_the_trial_only():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "seed_demo --allow-without-debug" in text
    assert "seed_demo" not in (ROOT / "docker-compose.production.yml").read_text().replace(
        "Never load the demo world (seed_demo) here", ""
    )


def test_the_dockerfile_builds_wheels_in_a_builder_and_ships_no_compiler():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", dockerfile, flags=re.M)[1:]
    assert len(stages) == 2 and stages[0].startswith("python:3.11-slim AS builder")
    builder, final = stages
    assert "build-essential" in builder and "pip wheel" in builder
    assert "requirements.lock" in builder
    for compiler in ("gcc", "build-essential", "libpq-dev"):
        assert compiler not in final, compiler
    for package in (
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fonts-dejavu-core",
    ):
        assert package in final, package
    assert "COPY --from=builder /wheels" in final
    assert "--no-index --find-links /wheels -r /tmp/requirements.lock" in final
    # The app is there once, as its source: not also installed into site-packages.
    assert not re.search(r"pip install[^\n]* \.\s*$", final, flags=re.M)
    assert "mkdir -p /app/var/media" in final and "USER loopbrug" in final
