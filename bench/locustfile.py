"""The simulated users of the load benchmark (bench/load.py), and a runner that drives them.

Four kinds of people, each logged in as their own bench account (bench/load_data.py), the way
a real one logs in: overstappers look at their matches and edit their profile (autosave),
coaches work through their caseload and participants' timelines (after the two-factor step,
with the code their authenticator app would show), werkgevers look at candidates, loket users
open a report.

The load is open loop: the runner sets an arrival rate (requests per second for all users
together) and every user starts its next page at Poisson-spaced moments of its share of that
rate, whether or not the server has answered the last one quickly (a user more than a second
behind skips ahead, so a slow server is not flooded by a backlog). The rate rises step by step
until the 95th percentile passes the limit, a request fails, or the server no longer keeps up
(fewer than 90% of the asked requests done); once for the trivial /health/ view (the ceiling)
and once for the role mix. Each step records latency, errors, the CPU the servers used, and the
Server-Timing header of every answer (CPU, database time and queries per page type).

    python bench/locustfile.py --host http://127.0.0.1:8765 --users 50
    locust -f bench/locustfile.py --host http://127.0.0.1:8765      # interactive (web UI)

The runner prints one JSON object with the figures per step and page type (bench/load.py
reads it).
"""

from __future__ import annotations

# isort: off
import locust  # noqa: F401  (gevent's monkey patching first, before any other import)

# isort: on
import argparse
import itertools
import json
import os
import random
import re
import sys
import time

import gevent
from load_steps import held
from locust import FastHttpUser, task
from locust.env import Environment

sys.path.insert(1, os.path.dirname(os.path.abspath(__file__)))
import load_data as data  # noqa: E402

SCALE = data.Scale(
    int(os.environ.get("LOAD_TRAJECTEN", "10000")), int(os.environ.get("LOAD_VACATURES", "2000"))
)
WAIT = (float(os.environ.get("LOAD_WAIT_MIN", "1")), float(os.environ.get("LOAD_WAIT_MAX", "3")))
STATE = {"mode": "mix", "logged_in": 0, "login_failed": 0, "rate": 0.0, "users": 1}
# Per page type during a measured step: [answers with a Server-Timing header, cpu ms, db ms,
# queries].
SERVER: dict[str, list[float]] = {}
TIMING = re.compile(r"(cpu|db|queries);dur=([0-9.]+)")
SETUP_NAMES, CEILING_NAME = data.SETUP_NAMES, data.CEILING_NAME

CSRF = re.compile(r'X-CSRFToken": "([^"]+)"')
TRAJECT_LINK = re.compile(r'href="/trajecten/(\d+)/"')
VACATURE_LINK = re.compile(r'href="/vacatures/(\d+)/"')
CANDIDATES_LINK = re.compile(r'href="/vacatures/(\d+)/kandidaten/"')
REPORT_LINK = re.compile(r'href="/rapportages/(\d+)/"')


class _Failed(Exception):
    pass


class LoopbrugUser(FastHttpUser):
    """One person with their own account; subclasses define the mix of pages."""

    abstract = True
    kind = ""
    accounts: itertools.count
    two_factor = False

    def on_start(self) -> None:
        self.csrf = ""
        self.email = data.email(self.kind, self.account())
        try:
            self.login()
        except _Failed:
            STATE["login_failed"] += 1
            self.stop()
            return
        STATE["logged_in"] += 1
        self.rng = random.Random(self.email)
        self.ids: list[int] = []
        self.next_at = time.monotonic()

    def wait_time(self) -> float:
        """Open loop: Poisson arrivals at this user's share of the rate; before the measured
        steps (rate 0) a person's pause of WAIT seconds."""
        rng = getattr(self, "rng", random)
        if STATE["rate"] <= 0:
            return rng.uniform(*WAIT)
        now = time.monotonic()
        self.next_at = max(self.next_at, now - 1.0) + rng.expovariate(
            STATE["rate"] / STATE["users"]
        )
        return max(0.0, self.next_at - now)

    def account(self) -> int:
        return next(self.accounts)

    # --- requests ---------------------------------------------------------------------------

    def page(
        self, url: str, name: str, *, expect: int = 200, headers=None, data_=None, follow=False
    ) -> str:
        """GET (or POST with data_) one page; anything but the expected status is an error."""
        method = "POST" if data_ is not None else "GET"
        headers = dict(headers or {})
        if data_ is not None:
            headers["X-CSRFToken"] = self.csrf
            headers.setdefault("Referer", self.host + url)
        with self.client.request(
            method,
            url,
            name=name,
            data=data_,
            headers=headers,
            allow_redirects=follow,
            catch_response=True,
        ) as response:
            if response.status_code != expect:
                where = response.headers.get("Location", "") if response.headers else ""
                response.failure(f"{method} {url}: {response.status_code} {where}".strip())
                raise _Failed(url)
            timing = response.headers.get("Server-Timing") if response.headers else None
            if timing:
                row = SERVER.setdefault(name, [0, 0.0, 0.0, 0])
                figures = dict(TIMING.findall(timing))
                row[0] += 1
                row[1] += float(figures.get("cpu", 0))
                row[2] += float(figures.get("db", 0))
                row[3] += float(figures.get("queries", 0))
            text = response.text or ""
            found = CSRF.search(text)
            if found:
                self.csrf = found.group(1)
            response.success()
            return text

    def login(self) -> None:
        self.page("/account/inloggen/", "login (page)")
        self.page(
            "/account/inloggen/",
            "login",
            expect=302,
            data_={
                "csrfmiddlewaretoken": self.csrf,
                "username": self.email,
                "password": data.PASSWORD,
            },
        )
        if self.two_factor:
            self.page("/account/tweestaps/?next=/", "two-factor (page)")
            self.page(
                "/account/tweestaps/",
                "two-factor",
                expect=302,
                data_={
                    "csrfmiddlewaretoken": self.csrf,
                    "token": data.totp_now(data.totp_key(self.email)),
                    "next": "/",
                },
            )
        # Like a browser: on to the home page (the CSRF token changed at login).
        self.page("/", "login (landing)", follow=True)

    @task
    def step(self) -> None:
        try:
            if STATE["mode"] == "ceiling":
                self.page("/health/", CEILING_NAME)
            else:
                self.mix()
        except _Failed:
            pass  # counted as an error by page(); the user carries on with the next page

    def mix(self) -> None:
        raise NotImplementedError

    def choose(self, weighted: list[tuple[int, object]]):
        return self.rng.choices([f for _w, f in weighted], [w for w, _f in weighted])[0]


class Overstapper(LoopbrugUser):
    kind = "o"
    accounts = itertools.count()
    _active: list[int] = []

    def account(self) -> int:
        if not Overstapper._active:
            Overstapper._active = data.active_overstappers(SCALE)
            random.Random(8).shuffle(Overstapper._active)
        return Overstapper._active[next(self.accounts) % len(Overstapper._active)]

    def mix(self) -> None:
        self.choose(
            [
                (2, self.home),
                (4, self.matches),
                (2, self.vacature),
                (2, self.document),
                (2, self.step_page),
                (1, self.autosave),
            ]
        )()

    def home(self) -> None:
        self.page("/", "/ (overstapper: traject)")

    def matches(self) -> None:
        html = self.page("/mijn-matches/", "/mijn-matches/")
        self.ids = [int(i) for i in VACATURE_LINK.findall(html)] or self.ids

    def vacature(self) -> None:
        if not self.ids:
            return self.matches()
        self.page(f"/vacatures/{self.rng.choice(self.ids)}/", "/vacatures/[id]/ (a match)")

    def document(self) -> None:
        self.page("/profiel/", "/profiel/")

    def step_page(self) -> None:
        step = self.rng.choice(["talenten", "skills", "drijfveren", "wendbaarheid", "doel"])
        self.page(f"/profiel/stap/{step}/", "/profiel/stap/[step]/")

    def autosave(self) -> None:
        """An edit in the wizard, saved as you type (htmx): the worker then rescores."""
        if self.rng.random() < 0.5:
            step, form = "ervaring", {"proud_of": f"Trots op mijn werk ({self.rng.random():.4f})"}
        else:
            step = "wendbaarheid"
            form = {f"q{i}": str(self.rng.randint(2, 5)) for i in range(8)}
        self.page(
            f"/profiel/stap/{step}/",
            "POST /profiel/stap/[step]/ (autosave)",
            data_=form | {"autosave": "1", "csrfmiddlewaretoken": self.csrf},
            headers={"HX-Request": "true"},
        )


class Coach(LoopbrugUser):
    kind = "coach"
    accounts = itertools.count()
    two_factor = True

    def mix(self) -> None:
        self.choose([(3, self.caseload), (1, self.filtered), (5, self.timeline), (1, self.note)])()

    def caseload(self) -> None:
        html = self.page("/caseload/", "/caseload/")
        self.ids = [int(i) for i in TRAJECT_LINK.findall(html)] or self.ids

    def filtered(self) -> None:
        phase = self.rng.choice(["match", "selectie", "leerwerktraject", "onboarding"])
        self.page(
            f"/caseload/?phase={phase}",
            "/caseload/?phase= (htmx)",
            headers={"HX-Request": "true", "HX-Target": "caseload-table"},
        )

    def timeline(self) -> None:
        if not self.ids:
            return self.caseload()
        self.page(f"/trajecten/{self.rng.choice(self.ids)}/", "/trajecten/[id]/ (timeline)")

    def note(self) -> None:
        if not self.ids:
            return self.caseload()
        pk = self.rng.choice(self.ids)
        self.page(
            f"/trajecten/{pk}/notities/",
            "POST /trajecten/[id]/notities/",
            expect=302,
            data_={"csrfmiddlewaretoken": self.csrf, "text": "Kort telefonisch contact gehad."},
        )


class Werkgever(LoopbrugUser):
    kind = "werkgever"
    accounts = itertools.count()

    def mix(self) -> None:
        self.choose([(1, self.vacatures), (3, self.candidates)])()

    def vacatures(self) -> None:
        html = self.page("/vacatures/", "/vacatures/ (werkgever)")
        found = CANDIDATES_LINK.findall(html) or VACATURE_LINK.findall(html)
        self.ids = [int(i) for i in found] or self.ids

    def candidates(self) -> None:
        if not self.ids:
            return self.vacatures()
        self.page(
            f"/vacatures/{self.rng.choice(self.ids)}/kandidaten/", "/vacatures/[id]/kandidaten/"
        )


class Loket(LoopbrugUser):
    kind = "loket"
    accounts = itertools.count()
    two_factor = True

    def account(self) -> int:
        return next(self.accounts) % 35  # one loket per arbeidsmarktregio

    def mix(self) -> None:
        self.choose([(1, self.home), (1, self.index), (3, self.report)])()

    def home(self) -> None:
        self.page("/", "/ (loket: regio)")

    def index(self) -> None:
        html = self.page("/rapportages/", "/rapportages/")
        self.ids = [int(i) for i in REPORT_LINK.findall(html)] or self.ids

    def report(self) -> None:
        if not self.ids:
            return self.index()
        self.page(f"/rapportages/{self.rng.choice(self.ids)}/", "/rapportages/[id]/")


USERS = [Overstapper, Coach, Werkgever, Loket]
SHARES = {Overstapper: 24, Coach: 12, Werkgever: 8, Loket: 6}  # of every 50


def counts(users: int) -> dict[type, int]:
    """Split the users over the four kinds in the proportions of SHARES (every kind >= 1)."""
    out = {cls: max(1, round(users * share / 50)) for cls, share in SHARES.items()}
    out[Overstapper] += users - sum(out.values())
    return out


def _cpu() -> dict[str, float]:
    """CPU seconds used so far by the servers of this run: gunicorn and celery (their process
    groups, LOAD_CPU_GROUPS="gunicorn:pgid,celery:pgid"), the PostgreSQL backends serving the
    benchmark database, and this load generator. A figure a busy machine does not distort."""
    groups = {}
    for item in filter(None, os.environ.get("LOAD_CPU_GROUPS", "").split(",")):
        label, pgid = item.split(":")
        groups[int(pgid)] = label
    backends = set()
    database = os.environ.get("LOAD_DATABASE_URL")
    if database:
        try:
            import psycopg2

            with psycopg2.connect(database) as connection, connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
                backends = {row[0] for row in cursor.fetchall()}
        except Exception:  # only informative
            backends = set()
    tick = os.sysconf("SC_CLK_TCK")
    out = {label: 0.0 for label in groups.values()} | {"postgres": 0.0}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        label = groups.get(int(fields[2])) or ("postgres" if int(entry) in backends else None)
        if label:
            # utime + stime, and cutime + cstime: the CPU of its children that ended
            # (a recycled gunicorn worker) moves to its parent and is not lost.
            out[label] += sum(int(f) for f in fields[11:15]) / tick
    out["locust"] = time.process_time()
    return out


def _snapshot(env: Environment, seconds: float) -> dict:
    pages = {}
    for (name, method), entry in env.stats.entries.items():
        if not entry.num_requests:
            continue
        pages[name] = {
            "method": method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.50),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "avg_ms": round(entry.avg_response_time, 1),
            "rps": round(entry.num_requests / seconds, 2),
        }
    for name, (answers, cpu, db, queries) in SERVER.items():
        if name in pages and answers:
            pages[name] |= {
                "server_cpu_ms": round(cpu / answers, 1),
                "server_db_ms": round(db / answers, 1),
                "queries": round(queries / answers, 1),
            }
    errors = [
        {"name": e.name, "error": str(e.error)[:300], "count": e.occurrences}
        for e in env.stats.errors.values()
    ]
    total = env.stats.total
    return {
        "seconds": seconds,
        "pages": pages,
        "errors": errors,
        "requests": total.num_requests,
        "failures": total.num_failures,
        "rps": round(total.num_requests / seconds, 2),
        "p95_ms": total.get_response_time_percentile(0.95) if total.num_requests else None,
    }


def _step(env: Environment, mode: str, rate: float, seconds: float) -> dict:
    """One measured step: `rate` requests per second for `seconds`."""
    STATE["mode"], STATE["rate"] = mode, rate
    gevent.sleep(1.5)  # let the pages of the previous step finish and the new rate settle
    env.stats.reset_all()
    SERVER.clear()
    start, cpu = time.monotonic(), _cpu()
    gevent.sleep(seconds)
    step = _snapshot(env, time.monotonic() - start)
    step["cpu_s"] = {k: round(v - cpu.get(k, 0.0), 2) for k, v in _cpu().items()}
    step["target_rps"] = round(rate, 2)
    return step


def run(
    host: str,
    users: int,
    *,
    step_seconds: float,
    start_rps: float,
    factor: float,
    max_rps: float,
    warmup: float,
    p95_limit: float,
) -> dict:
    split = counts(users)
    for cls, n in split.items():
        cls.fixed_count = n
    env = Environment(user_classes=USERS, host=host)
    runner = env.create_local_runner()
    began = time.monotonic()
    runner.start(users, spawn_rate=max(5.0, users / 10))
    # Everyone logs in first (password hashing, two-factor); then the measured steps.
    deadline = began + 60 + users * 2
    while STATE["logged_in"] + STATE["login_failed"] < users and time.monotonic() < deadline:
        gevent.sleep(0.2)
    login = _snapshot(env, max(0.001, time.monotonic() - began))
    STATE["users"] = max(1, STATE["logged_in"])
    _step(env, "mix", start_rps, warmup)  # warm-up: caches, connections, compiled templates
    steps: dict[str, list[dict]] = {}
    for mode in ("ceiling", "mix"):
        steps[mode], rate = [], start_rps
        while rate <= max_rps:
            step = _step(env, mode, rate, step_seconds)
            steps[mode].append(step)
            if not held(step, p95_limit):
                break
            rate *= factor
    STATE["rate"] = 0.0
    runner.quit()
    return {
        "users": {cls.__name__: n for cls, n in split.items()},
        "logged_in": STATE["logged_in"],
        "login_failed": STATE["login_failed"],
        "login": login,
        "p95_limit_ms": p95_limit,
        "steps": steps,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--step-seconds", type=float, default=10)
    parser.add_argument("--start-rps", type=float, default=4)
    parser.add_argument("--factor", type=float, default=1.25)
    parser.add_argument("--max-rps", type=float, default=2000)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--p95-ms", type=float, default=300)
    args = parser.parse_args()
    if not re.match(r"^http://(127\.0\.0\.1|localhost)(:\d+)?$", args.host):
        sys.exit("De load-benchmark stuurt alleen verkeer naar 127.0.0.1.")
    if args.factor <= 1 or args.start_rps <= 0:
        sys.exit("--factor moet groter zijn dan 1 en --start-rps groter dan 0.")
    result = run(
        args.host,
        args.users,
        step_seconds=args.step_seconds,
        start_rps=args.start_rps,
        factor=args.factor,
        max_rps=args.max_rps,
        warmup=args.warmup,
        p95_limit=args.p95_ms,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
