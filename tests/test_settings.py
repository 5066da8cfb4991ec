"""Settings come from the environment; production refuses to run without a secret."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DATABASE_URL",
            "SECURE_SSL_REDIRECT",
            "SECURE_COOKIES",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_fails_with_a_clear_error():
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_bad_boolean_is_refused_loudly():
    result = _manage("check", DEBUG="misschien", SECRET_KEY="x")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="loopbrug.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_defaults_to_sqlite_under_var_and_inline_tasks():
    code = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE']);"
        "print(str(settings.DATABASES['default']['NAME']).endswith('var/loopbrug.sqlite3'));"
        "print(settings.CELERY_TASK_ALWAYS_EAGER)"
    )
    base = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"}
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django;django.setup();" + code],
        cwd=ROOT,
        env=base | {"DEBUG": "true", "DJANGO_SETTINGS_MODULE": "loopbrug.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True"], result.stderr


def test_every_scheduled_task_is_one_the_worker_knows():
    """A beat entry that names no registered task is dropped by the worker with only a log
    line; the schedule's figures (the loket home, the reminders) would silently stop."""
    from django.conf import settings

    from loopbrug.celery import app

    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "reports.loket_home_refresh" in names
    assert names - set(app.tasks) == set()
