"""make backup / make restore round-trip the demo world: on a private PostgreSQL cluster, the
demo world is seeded into one database with an upload beside it, backed up, restored into a
second, empty database, and every table has the same rows; the upload is back."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg2
import pytest

from .conftest import require_or_skip
from .service_processes import ROOT, PostgresCluster, app_env, manage

pytestmark = pytest.mark.services


def _row_counts(url: str) -> dict[str, int]:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
            tables = [name for (name,) in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')  # names from the catalogue
                counts[table] = cursor.fetchone()[0]
        return counts
    finally:
        conn.close()


def _make(target: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"make {target}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


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


def test_backup_and_restore_round_trip_the_demo_world(cluster, tmp_path):
    source = cluster.create_database("source")
    target = cluster.create_database("target")
    env = app_env(DATABASE_URL=source, REDIS_URL="")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed_demo", "--allow-without-debug")
    media = tmp_path / "media"
    (media / "bewijs").mkdir(parents=True)
    (media / "bewijs" / "diploma.pdf").write_bytes(b"%PDF-1.4 demo\n")

    # The client tools of the cluster's own version first on the path.
    path = f"{cluster.bin}{os.pathsep}{os.environ.get('PATH', '')}"
    backups = tmp_path / "backups"
    out = _make(
        "backup",
        env | {"PATH": path, "BACKUP_ROOT": str(backups), "MEDIA_DIR": str(media)},
    )
    [folder] = list(backups.iterdir())
    assert f"Backup gemaakt: {folder}" in out
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz"}

    restored_media = tmp_path / "restored-media"
    _make(
        "restore",
        env
        | {
            "PATH": path,
            "DATABASE_URL": target,
            "BACKUP": str(folder),
            "MEDIA_DIR": str(restored_media),
        },
    )
    seeded = _row_counts(source)
    assert seeded["profiles_user"] > 0 and seeded["journeys_traject"] > 0
    assert _row_counts(target) == seeded
    assert (restored_media / "bewijs" / "diploma.pdf").read_bytes() == b"%PDF-1.4 demo\n"
    # The restored database is one the app can use as it is: nothing left to migrate.
    manage(app_env(DATABASE_URL=target, REDIS_URL=""), "migrate", "--check", "-v0")


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "restore", f"BACKUP={tmp_path}"],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": "postgres://postgres@127.0.0.1:1/none"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "database.dump ontbreekt" in result.stderr
    assert not Path(tmp_path / "media").exists()
