"""Benchmark: the capacity of one server (gunicorn and a Celery worker on this machine).

PostgreSQL only. Ensures a database with demo data scaled to 10,000 trajecten and 2,000
vacatures (bench/load_data.py; loaded once, a rerun reuses it), collects the static files,
starts gunicorn with a worker per core plus one on 127.0.0.1 with production settings
(DEBUG off, WhiteNoise with the hashed manifest; only the SSL redirect and secure cookies
off, since this is plain http on the loopback; SERVER_TIMING on, so every answer says the CPU
and queries it cost) and a Celery worker on Redis. The users of bench/locustfile.py log in
(coaches and loket with their two-factor code), then the load is open loop: the arrival rate
rises step by step (x1.25 every 10 s) until p95 passes 300 ms, a request fails, or the server
falls behind; first for the trivial /health/ view, then for the role mix. The highest rate
that held is the capacity. Prints every step, the cost per page type at the mix's capacity
(server CPU ms, database ms and queries per request, most expensive first) and ends with

    RESULT load mix_rps=... trivial_rps=... ratio=... p95_ms_at_mix_rps=... errors=0
        cpu_ms_per_request_mix=...   (on one line)

    make bench-load
    .venv/bin/python bench/load.py --step-seconds 5     # a quicker run
    .venv/bin/python bench/load.py --reset              # reload the data

Traffic goes to 127.0.0.1 only; the servers it starts are stopped when it ends. The load
generator runs on the same two cores as the server, so the capacity is a lower bound.
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
TARGET_RATIO = 0.25


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


def capacity(steps: list[dict], p95_limit: float) -> dict | None:
    """The last step of a rising series that held (None when not even the first did)."""
    from load_steps import held

    best = None
    for step in steps:
        if not held(step, p95_limit):
            break
        best = step
    return best


def _server_cpu_ms(step: dict) -> float | None:
    cpu = step.get("cpu_s", {})
    server = sum(v for k, v in cpu.items() if k != "locust")
    return 1000 * server / step["requests"] if step["requests"] else None


def report(result: dict) -> tuple[str, bool]:
    """The steps, the cost per page type and the RESULT line; True when every target is met."""
    from load_data import SETUP_NAMES

    limit = result["p95_limit_ms"]
    print(
        f"users            {sum(result['users'].values())} "
        f"({', '.join(f'{n} {k.lower()}' for k, n in result['users'].items())}), "
        f"{result['logged_in']} logged in"
    )
    for name, page in sorted(result["login"]["pages"].items()):
        if name in SETUP_NAMES:
            print(
                f"(login) {name:<33} {page['requests']:>6} requests, p95 "
                f"{_fmt(page['p95_ms'])} ms, {page['failures']} errors"
            )
    best = {}
    for mode in ("ceiling", "mix"):
        print(
            f"\n{mode:<8} {'asked rps':>9} {'done rps':>9} {'p95 ms':>7} {'errors':>6} "
            f"{'server cpu ms/req':>18}  held"
        )
        for step in result["steps"][mode]:
            from load_steps import held

            cpu = _server_cpu_ms(step)
            print(
                f"{'':<8} {step['target_rps']:>9.1f} {step['rps']:>9.1f} "
                f"{_fmt(step['p95_ms']):>7} {step['failures']:>6} "
                f"{'-' if cpu is None else f'{cpu:.1f}':>18}  "
                f"{'yes' if held(step, limit) else 'no'}"
            )
            for error in step["errors"]:
                print(f"{'':<8} error {error['count']}x {error['name']}: {error['error']}")
        best[mode] = capacity(result["steps"][mode], limit)
    mix, trivial = best["mix"], best["ceiling"]
    if mix:
        print("\ncost per page type at the mix's capacity (server side, per request):")
        print(
            f"{'page type':<42} {'requests':>8} {'p95 ms':>7} {'cpu ms':>7} {'db ms':>6} "
            f"{'queries':>7}"
        )
        pages = {n: p for n, p in mix["pages"].items() if n not in SETUP_NAMES}
        for name, page in sorted(
            pages.items(), key=lambda item: -(item[1].get("server_cpu_ms") or 0)
        ):
            print(
                f"{name:<42} {page['requests']:>8} {_fmt(page['p95_ms']):>7} "
                f"{page.get('server_cpu_ms', '-'):>7} {page.get('server_db_ms', '-'):>6} "
                f"{page.get('queries', '-'):>7}"
            )
    mix_rps = mix["rps"] if mix else 0.0
    trivial_rps = trivial["rps"] if trivial else 0.0
    ratio = mix_rps / trivial_rps if trivial_rps else 0.0
    errors = (mix["failures"] if mix else 0) + result["login_failed"]
    errors += sum(p["failures"] for p in result["login"]["pages"].values())
    cpu = _server_cpu_ms(mix) if mix else None
    ok = bool(mix) and errors == 0 and ratio >= TARGET_RATIO
    line = (
        f"RESULT load mix_rps={mix_rps:.1f} trivial_rps={trivial_rps:.1f} ratio={ratio:.2f} "
        f"p95_ms_at_mix_rps={_fmt(mix['p95_ms'] if mix else None)} errors={errors} "
        f"cpu_ms_per_request_mix={'-' if cpu is None else f'{cpu:.1f}'} "
        f"users={result['logged_in']} trajecten={result.get('trajecten')} "
        f"vacatures={result.get('vacatures')}"
    )
    return line, ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trajecten", type=int, default=10_000)
    parser.add_argument("--vacatures", type=int, default=2_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--step-seconds", type=float, default=10)
    parser.add_argument("--start-rps", type=float, default=4)
    parser.add_argument("--factor", type=float, default=1.25)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--reset", action="store_true", help="drop and reload the database")
    args = parser.parse_args()
    if args.step_seconds > 120 or args.users > 500:
        sys.exit("Hooguit 120 seconden per stap en 500 gebruikers.")

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
        "SERVER_TIMING": "true",
        # No mail server here: mails are built and kept in memory instead of failing and retrying.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
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
            + ["--step-seconds", str(args.step_seconds), "--start-rps", str(args.start_rps)]
            + ["--factor", str(args.factor), "--warmup", str(args.warmup)]
            + ["--p95-ms", str(TARGET_P95_MS)],
            cwd=ROOT,
            env=child_env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if runner.returncode != 0:
            sys.stderr.write(runner.stderr[-5000:])
            sys.exit(f"De locust-run mislukte (exit {runner.returncode}).")
        result = json.loads(runner.stdout.strip().splitlines()[-1])
        queued = _queue_length(redis_url)
    finally:
        _stop(processes)
    result |= {"trajecten": args.trajecten, "vacatures": args.vacatures}
    line, ok = report(result)
    if queued is not None:
        print(f"celery queue     {queued} tasks still waiting at the end of the mix")
    print(
        "targets          " + ("met" if ok else "NOT met") + f" (0 errors at the mix's capacity "
        f"with p95 <= {TARGET_P95_MS} ms, ratio mix/trivial >= {TARGET_RATIO})"
    )
    print(line)


if __name__ == "__main__":
    main()
