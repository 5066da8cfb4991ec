"""Every migration applies to an empty database and to one with demo data; seed_demo runs on
PostgreSQL. On a private PostgreSQL cluster (a fresh database, never the shared server):

1. `migrate` applies every migration to the empty database, and the models need no migration
   that is not there (`makemigrations --check`);
2. `seed_demo` fills it;
3. every app is rolled back to its first migration (ROLLBACK_TO: the one exception, and why)
   with the demo data in place: later migrations, and the apps that depend on them, are
   unapplied, and their reverse must not fail on real rows; then `migrate` applies all of them
   again onto the database that still holds the demo data of the tables that stayed;
4. `seed_demo` runs again and the demo world is whole: the same number of rows as before.
"""

from __future__ import annotations

import psycopg2
import pytest

from .conftest import require_or_skip
from .service_processes import PostgresCluster, app_env, manage

APPS_WITH_HISTORY = ["loopbrug", "accounts", "taxonomy", "profiles", "journeys", "financing"]
# Where a rollback stops instead of the app's first migration, and why.
ROLLBACK_TO = {
    # Before 0003 a traject always had an overstapper; erasing an account (AVG) now keeps the
    # traject as anonymous facts without one, and the demo has such trajecten. Unapplying 0003
    # would need to delete those facts, so its reverse is refused by the database, rightly.
    "journeys": "0003_traject_overstapper_nullable",
    # The first two migrations of accounts are Loopbrug's first (made in profiles, whose users
    # every other app refers to): unapplying them would take nearly every table along.
    "accounts": "0002_regions",
}
# A row count per table that tells whether the demo world is whole.
TABLES = [
    "profiles_region",
    "profiles_user",
    "profiles_profile",
    "profiles_skill",
    "journeys_traject",
    "journeys_phasechange",
    "matching_vacature",
    "matching_application",
    "financing_financingplan",
    "onboarding_leerwerktraject",
]


def _rollback_targets() -> dict[str, str]:
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return {
        app: ROLLBACK_TO.get(app) or min(name for a, name in graph.nodes if a == app)
        for app in APPS_WITH_HISTORY
    }


def _counts(url: str) -> dict[str, int]:
    """Rows per table of TABLES, for the tables that exist."""
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cursor:
            counts = {}
            for table in TABLES:
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
                if cursor.fetchone()[0]:
                    cursor.execute(f"SELECT count(*) FROM {table}")  # names from TABLES
                    counts[table] = cursor.fetchone()[0]
        return counts
    finally:
        conn.close()


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


def test_migrations_apply_to_an_empty_database_and_to_one_with_demo_data(cluster):
    url = cluster.create_database("migrations")
    env = app_env(DATABASE_URL=url, REDIS_URL="")

    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "makemigrations", "--check", "--dry-run", "-v0")
    manage(env, "seed_demo", "--allow-without-debug")
    seeded = _counts(url)
    assert len(seeded) == len(TABLES) and all(seeded.values()), seeded  # all parts have rows

    # One process for the rollbacks (a Django start-up each would double the time).
    rollback = "; ".join(
        f"call_command('migrate', {app!r}, {target!r}, interactive=False, verbosity=0)"
        for app, target in _rollback_targets().items()
    )
    manage(env, "shell", "-c", f"from django.core.management import call_command; {rollback}")
    kept = _counts(url)  # the tables that stayed (created by a first migration)
    assert {"profiles_user", "journeys_traject"} <= kept.keys() and kept.keys() != seeded.keys()
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "migrate", "--check", "-v0")  # nothing left unapplied
    # The rows of the tables that stayed came through the round trip.
    assert {t: n for t, n in _counts(url).items() if t in kept} == kept

    manage(env, "seed_demo", "--allow-without-debug")
    assert _counts(url) == seeded
