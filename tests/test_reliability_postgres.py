"""PostgreSQL restarted under the running app: the next request succeeds.

The test starts a private PostgreSQL cluster on a free port (never the shared server), serves
the app against it with gunicorn (one sync worker, so it keeps and reuses its database
connection: CONN_MAX_AGE), restarts the cluster and asks again. The same app with the
connection health check switched off is the control: its first request after the restart fails,
which shows the restart really cut the connection the app kept."""

from __future__ import annotations

import pytest
import requests

from .conftest import require_or_skip
from .service_processes import PostgresCluster, Served, app_env, manage

SETUP = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from rest_framework.authtoken.models import Token
from accounts.models import User
user = User.objects.create_user(email="pg@example.nl", password=None, full_name="P. G.")
print(Token.objects.create(user=user).key)
"""


@pytest.fixture
def cluster():
    require_or_skip(
        "REQUIRE_SERVICES", PostgresCluster.available(), "needs PostgreSQL (initdb, pg_ctl)"
    )
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()


def test_the_first_request_after_a_postgresql_restart_succeeds(cluster):
    env = app_env(DATABASE_URL=cluster.create_database("app"), REDIS_URL="")
    token = manage(env, "shell", "-c", SETUP).strip().splitlines()[-1]  # migrate, a user
    apps = {
        "checked": Served(env, wait=False),
        "unchecked": Served(env | {"DB_CONN_HEALTH_CHECKS": "false"}, wait=False),
    }
    auth = {"Authorization": f"Token {token}"}
    try:
        for app in apps.values():
            app.wait()

        def ask(name: str) -> requests.Response:
            return requests.get(f"{apps[name].url}/api/v1/me/", headers=auth, timeout=30)

        # Each app opens a connection and keeps it (CONN_MAX_AGE).
        assert ask("checked").status_code == ask("unchecked").status_code == 200
        cluster.restart()

        assert ask("checked").status_code == 200, apps["checked"].output()
        # Control: without the health check the kept connection is dead, so that request fails
        # (in the API's error shape, no traceback) and the one after it reconnects.
        failed = ask("unchecked")
        assert failed.status_code == 500 and set(failed.json()) == {"message", "extra"}
        assert ask("unchecked").status_code == 200
    finally:
        for app in apps.values():
            app.stop()
    assert "Internal Server Error" not in apps["checked"].output(), apps["checked"].output()
