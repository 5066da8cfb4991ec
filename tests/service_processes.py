"""Real server processes for the reliability tests: a private redis-server, the app under
gunicorn and a Celery worker, each started (and stopped) by the test that needs it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def current_database_url() -> str:
    """The URL of the database this test runs against, for a process started by the test."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


# Production settings refuse a SECRET_KEY under 50 characters; this one is for tests only.
TEST_SECRET_KEY = "test-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    return key if len(key) >= 50 else TEST_SECRET_KEY


def app_env(**overrides: str) -> dict[str, str]:
    """The environment of a served app: production settings on plain http at 127.0.0.1."""
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.served_settings",
        "DEBUG": "false",
        "SECRET_KEY": _secret_key(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        **overrides,
    }


class RedisServer:
    """A private redis-server on a free port, never the shared one."""

    binary = shutil.which("redis-server")

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    @classmethod
    def available(cls) -> bool:
        return cls.binary is not None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                tempfile.gettempdir(),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, 10, "redis-server to answer")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def celery_app_on(url: str):
    """This process's Celery app publishes to and reads results from the Redis at `url` (a
    private one) for the duration, not the shared REDIS_URL: on the shared one, another test
    process may leave a task between its tests (when tasks are not run inline), and a worker
    started for a test would run it against that test's database."""
    from loopbrug.celery import app

    conf, local = app.conf, app._local
    saved = (conf.broker_url, conf.result_backend, app._backend_cache, app.amqp._producer_pool)
    saved_local = local.__dict__.pop("backend", None)
    # The producers and the result backend are made anew from the new URLs when next used.
    conf.broker_url = conf.result_backend = url
    app._backend_cache, app.amqp._producer_pool = None, None
    try:
        yield app
    finally:
        local.__dict__.pop("backend", None)
        if saved_local is not None:
            local.backend = saved_local
        conf.broker_url, conf.result_backend = saved[0], saved[1]
        app._backend_cache, app.amqp._producer_pool = saved[2], saved[3]


@contextmanager
def worker_on_private_redis():
    """A real Celery worker (one process) on a private Redis against this test's database,
    with this process's app publishing there meanwhile (celery_app_on). Yields the worker's
    process; its output is in `.output` once the block has ended."""
    redis = RedisServer()
    redis.start()
    env = os.environ | {"DATABASE_URL": current_database_url(), "REDIS_URL": redis.url}
    process = celery_worker(env, "--pool", "solo")
    try:
        with celery_app_on(redis.url) as app:
            app.conf.task_always_eager = False  # (the fixture _celery_eager restores it)
            yield process
    finally:
        process.output = stop_process(process)
        redis.stop()


class Served:
    """The app under gunicorn (one sync worker, so its kept database connection is reused)."""

    def __init__(self, env: dict[str, str], wait: bool = True):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "loopbrug.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        if wait:
            self.wait()

    def wait(self) -> None:
        wait_until(self._up, 60, "gunicorn to serve")

    def _up(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn stopped:\n{self.output()}")
        try:
            requests.get(f"{self.url}/account/inloggen/", timeout=2)
            return True
        except requests.RequestException:
            return False

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()[-6000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def celery_worker(env: dict[str, str], *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "loopbrug",
            "worker",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop_process(process: subprocess.Popen) -> str:
    """Stop a process the test started; its output (for a failure message)."""
    if process.poll() is None:
        process.terminate()
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output or ""


class PostgresCluster:
    """A private PostgreSQL cluster (initdb + pg_ctl) on a free port, in a temporary directory.
    PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user (or
    nobody when there is none)."""

    def __init__(self):
        self.bin = _postgres_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="pg-cluster-"))
        self.data = self.dir / "data"
        self.user = self.group = None
        if os.geteuid() == 0:
            import pwd

            names = {p.pw_name for p in pwd.getpwall()}
            self.user = "postgres" if "postgres" in names else "nobody"
            self.group = pwd.getpwnam(self.user).pw_gid
            shutil.chown(self.dir, user=self.user, group=self.group)

    @staticmethod
    def available() -> bool:
        return _postgres_bin() is not None

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            user=self.user,
            group=self.group,
            extra_groups=[] if self.user else None,
            cwd=self.dir,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise AssertionError(f"{args[0]} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> None:
        if not self.data.exists():
            self._run(
                "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync",
            )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w",
            "start",
        )  # fmt: skip

    def restart(self) -> None:
        """A fast shutdown (every connection is cut) and a start: what a restart does to the app."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        self.start()

    def create_database(self, name: str) -> str:
        import psycopg2

        conn = psycopg2.connect(self.url("postgres"))
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        conn.close()
        return self.url(name)

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def _postgres_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run manage.py with `env`; its output (an assertion error with the output on failure)."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout
