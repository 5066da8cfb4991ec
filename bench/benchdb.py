"""The database name a benchmark creates for itself, apart from a test run's test_* database."""

from __future__ import annotations

from pathlib import Path


def bench_database_name(connection) -> str:
    """bench_<name> on PostgreSQL; on SQLite a file beside the development database."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return str(Path(name).with_name(f"bench_{Path(name).name}"))
    return f"bench_{name}"[:60]
