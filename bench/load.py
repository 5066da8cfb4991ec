"""Benchmark: 50 simulated users for 60 seconds against gunicorn and a Celery worker.

PostgreSQL only. Ensures a database with demo data scaled to 10,000 trajecten and 2,000
vacatures (bench/load_data.py; loaded once, a rerun reuses it), collects the static files,
starts gunicorn with a worker per core plus one on 127.0.0.1 with production settings
(DEBUG off, WhiteNoise with the hashed manifest; only the SSL redirect and secure cookies
off, since this is plain http on the loopback) and a Celery worker on Redis, then runs the
users of bench/locustfile.py: all log in (coaches and loket with their two-factor code), a
short warm-up, the trivial /health/ view as the ceiling, then the realistic mix. Prints
p50/p95/p99 per page type and ends with one line

    RESULT load rps=... errors=... p95_ms_max=... ratio_vs_ceiling=...

    make bench-load
    .venv/bin/python bench/load.py --seconds 15 --ceiling-seconds 10     # a quick run
    .venv/bin/python bench/load.py --reset                               # reload the data

Traffic goes to 127.0.0.1 only; the servers it starts are stopped when it ends.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # before bench/: bench/reports.py must not shadow the app
sys.path.append(str(BENCH))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/loopbrug_load"
TARGET_P95_MS = 300
TARGET_RATIO = 0.5


def _database(url: str, *, reset: bool) -> None:
    """Create the benchmark's own database when it is missing (dropped first with --reset)."""
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        sys.exit(f"Ongeldige databasenaam: {name!r}")
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        if reset:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _prepare(args, env: dict) -> None:
    """Migrate and load the data in this process (tasks inline: no REDIS_URL here)."""
    os.environ.update({k: v for k, v in env.items() if k != "REDIS_URL"})
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "loopbrug.settings"
    import django

    django.setup()
    import load_data
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    load_data.ensure_data(load_data.Scale(args.trajecten, args.vacatures))
    from django.db import connections

    connections.close_all()


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopte meteen (exit {process.returncode}); zie de log hierboven.")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"{url} antwoordde niet binnen {timeout:.0f} s.")


def _stop(processes: list[subprocess.Popen]) -> None:
    """Stop what this script started (each in its own process group): TERM, then KILL."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _queue_length(redis_url: str) -> int | None:
    try:
        import redis

        return redis.Redis.from_url(redis_url, socket_timeout=2).llen("celery")
    except Exception:  # only informative
        return None


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.0f}"


def report(result: dict, *, seconds: float) -> tuple[str, bool]:
    """The per-page table and the RESULT line; True when every target is met."""
    from load_data import CEILING_NAME, SETUP_NAMES

    mix, ceiling, login = result["mix"], result["ceiling"], result["login"]
    print(
        f"users            {sum(result['users'].values())} "
        f"({', '.join(f'{n} {k.lower()}' for k, n in result['users'].items())}), "
        f"wait {result['wait_s'][0]:g}-{result['wait_s'][1]:g} s between pages"
    )
    print(f"{'page type':<42} {'requests':>8} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}")
    for name, page in sorted(login["pages"].items()):
        if name not in SETUP_NAMES:
            continue  # pages of users that finished logging in early
        print(
            f"{'(login) ' + name:<42} {page['requests']:>8} {_fmt(page['p50_ms']):>6} "
            f"{_fmt(page['p95_ms']):>6} {_fmt(page['p99_ms']):>6} {page['failures']:>6}"
        )
    pages = {n: p for n, p in mix["pages"].items() if n not in SETUP_NAMES}
    for name, page in pages.items():
        print(
            f"{name:<42} {page['requests']:>8} {_fmt(page['p50_ms']):>6} "
            f"{_fmt(page['p95_ms']):>6} {_fmt(page['p99_ms']):>6} {page['failures']:>6}"
        )
    trivial = ceiling["pages"].get(CEILING_NAME, {})
    print(
        f"{CEILING_NAME:<42} {trivial.get('requests', 0):>8} {_fmt(trivial.get('p50_ms')):>6} "
        f"{_fmt(trivial.get('p95_ms')):>6} {_fmt(trivial.get('p99_ms')):>6} "
        f"{trivial.get('failures', 0):>6}"
    )
    for phase in (login, ceiling, mix):
        for error in phase["errors"]:
            print(f"error            {error['count']}x {error['name']}: {error['error']}")
    requests = sum(p["requests"] for p in pages.values())
    errors = (
        sum(p["failures"] for p in mix["pages"].values())
        + sum(p["failures"] for p in ceiling["pages"].values())
        + sum(p["failures"] for p in login["pages"].values())
        + result["login_failed"]
    )
    rps = requests / mix["seconds"]
    ceiling_rps = trivial.get("requests", 0) / ceiling["seconds"]
    worst = max(pages.items(), key=lambda item: item[1]["p95_ms"] or 0)
    p95_max = worst[1]["p95_ms"] or 0
    ratio = rps / ceiling_rps if ceiling_rps else 0.0
    print(f"mix              {requests} requests in {mix['seconds']:.1f} s: {rps:.1f} rps")
    print(f"ceiling          {ceiling_rps:.1f} rps on /health/ (same users, same waits)")
    print(f"worst p95        {p95_max:.0f} ms ({worst[0]})")
    for label, phase, count in (
        ("mix", mix, requests),
        ("ceiling", ceiling, trivial.get("requests")),
    ):
        cpu = phase.get("cpu_s", {})
        if count:
            parts = ", ".join(f"{k} {1000 * v / count:.1f}" for k, v in cpu.items())
            print(f"cpu per request  {label}: {parts} ms ({count} requests)")
    ok = errors == 0 and p95_max <= TARGET_P95_MS and ratio >= TARGET_RATIO
    line = (
        f"RESULT load rps={rps:.1f} errors={errors} p95_ms_max={p95_max:.0f} "
        f"ratio_vs_ceiling={ratio:.2f} ceiling_rps={ceiling_rps:.1f} users={result['logged_in']} "
        f"seconds={seconds:g} trajecten={result.get('trajecten')} "
        f"vacatures={result.get('vacatures')}"
    )
    return line, ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trajecten", type=int, default=10_000)
    parser.add_argument("--vacatures", type=int, default=2_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ceiling-seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--reset", action="store_true", help="drop and reload the database")
    args = parser.parse_args()
    if args.seconds > 600 or args.users > 500:
        sys.exit("Hooguit 600 seconden en 500 gebruikers.")

    database = os.environ.get("LOAD_DATABASE_URL", DEFAULT_DB)
    if not database.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/load.py draait op PostgreSQL: zet LOAD_DATABASE_URL=postgres://...")
    redis_url = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/15")
    env = {
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",  # plain http on the loopback; everything else production
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "LOAD_TRAJECTEN": str(args.trajecten),
        "LOAD_VACATURES": str(args.vacatures),
    }
    _database(database, reset=args.reset)
    _prepare(args, env)
    # No access log (gunicorn.conf.py): a line per request would be measured along.
    child_env = os.environ | env | {"ACCESS_LOG": "off"}
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=child_env,
        check=True,
    )
    host = f"http://127.0.0.1:{args.port}"
    bin_dir = Path(python).parent
    processes: list[subprocess.Popen] = []
    try:
        processes.append(
            subprocess.Popen(
                [bin_dir / "celery", "--quiet", "-A", "loopbrug", "worker", "--concurrency", "1"]
                + ["--loglevel", "WARNING", "--hostname", f"load-{os.getpid()}@%h"],
                cwd=ROOT,
                env=child_env,
                start_new_session=True,
            )
        )
        processes.append(
            subprocess.Popen(
                [bin_dir / "gunicorn", "loopbrug.wsgi", "--bind", f"127.0.0.1:{args.port}"]
                + ["--workers", str(args.workers), "--timeout", "60", "--log-level", "warning"],
                cwd=ROOT,
                env=child_env,
                start_new_session=True,
            )
        )
        _wait_for(f"{host}/health/", processes[-1])
        child_env["LOAD_CPU_GROUPS"] = f"celery:{processes[0].pid},gunicorn:{processes[1].pid}"
        child_env["LOAD_DATABASE_URL"] = database
        print(f"server           gunicorn, {args.workers} workers on {host}; celery worker 1")
        runner = subprocess.run(
            [python, str(BENCH / "locustfile.py"), "--host", host, "--users", str(args.users)]
            + ["--seconds", str(args.seconds), "--ceiling-seconds", str(args.ceiling_seconds)]
            + ["--warmup", str(args.warmup)],
            cwd=ROOT,
            env=child_env,
            capture_output=True,
            text=True,
            timeout=args.seconds + args.ceiling_seconds + args.warmup + 300,
        )
        if runner.returncode != 0:
            sys.stderr.write(runner.stderr[-5000:])
            sys.exit(f"De locust-run mislukte (exit {runner.returncode}).")
        result = json.loads(runner.stdout.strip().splitlines()[-1])
        queued = _queue_length(redis_url)
    finally:
        _stop(processes)
    result |= {"trajecten": args.trajecten, "vacatures": args.vacatures}
    line, ok = report(result, seconds=args.seconds)
    if queued is not None:
        print(f"celery queue     {queued} tasks still waiting at the end of the mix")
    print(
        "targets          " + ("met" if ok else "NOT met") + f" (0 errors, p95 <= "
        f"{TARGET_P95_MS} ms per page type, ratio >= {TARGET_RATIO})"
    )
    print(line)


if __name__ == "__main__":
    main()
