"""Benchmark: the nightly rescore end to end, from the API call to the Match rows.

PostgreSQL and Redis only. Ensures a database with the matching benchmark's synthetic world
(bench/matching.py: 14,000 skills with Zipf-like popularity, 100,000 profiles with 15-40
skills, 20,000 open vacatures with 8-25 skills, 35 regions) as real rows (loaded once with
COPY; a rerun reuses them), starts one real Celery worker with two processes on Redis, and
measures:

- engine_s: the scoring itself, in this process: the same chunks as the run
  (MATCH_RUN_CHUNK_SIZE profiles each) through engine.match_all and direction.widen_bulk, on
  inputs already read from the database (reading them is not counted);
- full_s: `POST /api/v1/match-runs/` (an API token of a beheerder) until the run is done,
  every chunk read from PostgreSQL, scored in the worker and written (only new or changed
  Match rows: INSERT ... ON CONFLICT ... WHERE IS DISTINCT FROM), on a table with no matches;
- rerun_s: the same full run again with nothing changed (rows_rerun: rows written, 0 expected);
- changed_1pct_s: 1% of the profiles changed (a skill level each, saved without a rescore of
  their own), then `POST /api/v1/match-runs/ {"scope": "gewijzigd"}` until done;
- fresh_p95_s: a profile saved through the service (a skill added) until the worker has
  written its new matches, 50 times one after another (the debounce of
  MATCH_RESCORE_DEBOUNCE_MS included).

ratio_vs_engine = full_s / engine_s: what the database, the queue and the workers add to the
scoring (the worker has two processes, the engine run here one). Ends with

    RESULT rescore_e2e profiles=... vacatures=... full_s=... engine_s=... ratio_vs_engine=...
        changed_1pct_s=... rows=... fresh_p95_s=...   (on one line)

    .venv/bin/python bench/rescore_e2e.py                                  # the full run
    .venv/bin/python bench/rescore_e2e.py --profiles 10000 --vacatures 2000 # a quick one
    .venv/bin/python bench/rescore_e2e.py --reset                          # reload the data

The database is RESCORE_DATABASE_URL (default loopbrug_rescore on 127.0.0.1), the broker
RESCORE_REDIS_URL (default Redis database 14); the worker it starts is stopped when it ends.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(BENCH))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/loopbrug_rescore"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
TARGET_RATIO = 2.0
TARGET_CHANGED = 0.1
TARGET_FRESH_S = 2.0
MARKER = "Benchmark rescore_e2e {profiles}x{vacatures}"
SECTORS = ["zorg", "onderwijs", "techniek", "ict", "bouw", "groen", "financieel", "transport"]
NIVEAU_OF_NLQF = {1: "mbo1", 2: "mbo2", 3: "mbo3", 4: "mbo4", 5: "ad", 6: "hbo", 7: "wo", 8: "dr"}


def _synthetic():
    """bench/matching.py's generator (a file named like the app, so loaded by path)."""
    spec = importlib.util.spec_from_file_location("bench_matching", BENCH / "matching.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples; None is NULL) into a table; returns how many."""
    buffer, n = io.StringIO(), 0
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
        n += 1
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return n


def _copy_links(cursor, relation, columns: list[str], owners, pk_of: dict, ids, pool) -> int:
    """A many-to-many relation's table: each owner's generated ids (1-based, attribute `ids`)
    mapped onto the rows that exist (`pool`), duplicates dropped."""
    return _copy(
        cursor,
        relation.through._meta.db_table,
        columns,
        (
            (pk_of[o.id], pk)
            for o in owners
            for pk in {pool[(i - 1) % len(pool)] for i in getattr(o, ids)}
        ),
    )


def _load(n_profiles: int, n_vacatures: int, seed: int) -> None:
    """The synthetic world as rows, in one transaction; the marker organisation last."""
    from decimal import Decimal

    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import Organisation, Region, Role, User
    from matching.models import Vacature, VacatureSkill
    from profiles.models import Profile, ProfileDrijfveer, ProfileSkill
    from taxonomy.models import Drijfveer, Skill, SkillKind, Talent

    synthetic = _synthetic()
    started = time.perf_counter()
    profiles, vacatures, _pm, _vm = synthetic.generate(n_profiles, n_vacatures, seed)
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor
        regions = list(Region.objects.order_by("pk").values_list("pk", flat=True))
        drives = list(Drijfveer.objects.order_by("pk").values_list("pk", flat=True))
        talents = list(Talent.objects.order_by("pk").values_list("pk", flat=True))
        skills = Skill.objects.bulk_create(
            [
                Skill(code=f"bench:{i}", label_nl=f"Vaardigheid {i}", kind=SkillKind.HARD)
                for i in range(1, synthetic.N_SKILLS + 1)
            ],
            batch_size=5000,
        )
        skill_pk = {i: s.pk for i, s in enumerate(skills, start=1)}

        def region(r):
            return None if r is None else regions[(r - 1) % len(regions)]

        users = User.objects.bulk_create(
            [
                User(
                    email=f"rescore{p.id}@bench.invalid",
                    full_name=f"Persoon {p.id}",
                    role=Role.OVERSTAPPER,
                    home_region_id=region(p.region_id),
                    password="!",
                    email_confirmed_at=now,
                )
                for p in profiles
            ],
            batch_size=5000,
        )
        rows = Profile.objects.bulk_create(
            [
                Profile(
                    user=u,
                    niveau=NIVEAU_OF_NLQF.get(p.nlqf, ""),
                    hours_per_week=p.hours,
                    min_net_income=None if p.min_net_income is None else Decimal(p.min_net_income),
                )
                for u, p in zip(users, profiles, strict=True)
            ],
            batch_size=5000,
        )
        profile_pk = {p.id: row.pk for p, row in zip(profiles, rows, strict=True)}
        _copy(
            raw,
            ProfileSkill._meta.db_table,
            ["profile_id", "skill_id", "level", "evidence_type", "evidence_note", "validated_at"],
            (
                (profile_pk[p.id], skill_pk[s], level, evidence, "", now if valid else None)
                for p in profiles
                for s, (level, evidence, valid) in p.skills.items()
            ),
        )
        _copy(
            raw,
            ProfileDrijfveer._meta.db_table,
            ["profile_id", "drijfveer_id", "rank"],
            (
                (profile_pk[p.id], drives[(d - 1) % len(drives)], rank)
                for p in profiles
                for rank, d in enumerate(dict.fromkeys(p.drijfveren), start=1)
            ),
        )
        _copy_links(
            raw,
            Profile.talents,
            ["profile_id", "talent_id"],
            profiles,
            profile_pk,
            "talents",
            talents,
        )
        werkgever = Organisation.objects.create(
            name="Werkgever van de benchmark",
            kind=Organisation.Kind.WERKGEVER,
            region_id=regions[0],
        )
        by = User.objects.create(
            email="werkgever@bench.invalid", role=Role.WERKGEVER, organisation=werkgever
        )
        rows = Vacature.objects.bulk_create(
            [
                Vacature(
                    organisation=werkgever,
                    created_by=by,
                    title=f"Vacature {v.id}",
                    sector=SECTORS[v.id % len(SECTORS)],
                    region_id=region(v.region_id),
                    landelijk=v.landelijk,
                    hours_per_week=v.hours or 32,
                    # Required on a vacature: the generator's unknown salaries get a common one.
                    salary_min=Decimal(v.salary_min or 2800),
                    salary_max=Decimal(v.salary_max or 3400),
                    niveau=NIVEAU_OF_NLQF.get(v.nlqf, ""),
                    status=Vacature.Status.OPEN,
                    published_at=now,
                )
                for v in vacatures
            ],
            batch_size=5000,
        )
        vacature_pk = {v.id: row.pk for v, row in zip(vacatures, rows, strict=True)}
        _copy(
            raw,
            VacatureSkill._meta.db_table,
            ["vacature_id", "skill_id", "min_level", "essential"],
            (
                (vacature_pk[v.id], skill_pk[s], level, "t" if essential else "f")
                for v in vacatures
                for s, (level, essential) in v.skills.items()
            ),
        )
        _copy_links(
            raw,
            Vacature.drijfveren,
            ["vacature_id", "drijfveer_id"],
            vacatures,
            vacature_pk,
            "drijfveren",
            drives,
        )
        _copy_links(
            raw,
            Vacature.talents,
            ["vacature_id", "talent_id"],
            vacatures,
            vacature_pk,
            "talents",
            talents,
        )
        # The beheerder whose API token starts the runs (_api).
        User.objects.create(email="beheer@bench.invalid", role=Role.BEHEERDER, full_name="Beheer")
        Organisation.objects.create(
            name=MARKER.format(profiles=n_profiles, vacatures=n_vacatures),
            kind=Organisation.Kind.WERKGEVER,
            region_id=regions[0],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"loaded           {n_profiles} profiles, {n_vacatures} vacatures in "
        f"{time.perf_counter() - started:.0f} s"
    )


def _prepare(args, env: dict) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "loopbrug.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from accounts.models import Organisation

    call_command("migrate", verbosity=0, interactive=False)
    marker = MARKER.format(profiles=args.profiles, vacatures=args.vacatures)
    if not Organisation.objects.filter(name=marker).exists():
        if Organisation.objects.filter(name__startswith="Benchmark rescore_e2e").exists():
            sys.exit("Deze database heeft een andere omvang: draai opnieuw met --reset.")
        _load(args.profiles, args.vacatures, args.seed)


def _engine_seconds() -> float:
    """The run's engine work in this process, inputs read beforehand: each chunk through
    engine.match_all (with the vacature floors of the candidates before it) and
    direction.widen_bulk, then each vacature's best over all chunks and engine.score_pairs for
    those no chunk stored (as matching.services does)."""
    import numpy as np
    from django.conf import settings

    from matching import direction, engine
    from matching.adapters import profile_inputs, vacature_inputs
    from matching.models import Vacature
    from matching.services import TOP_K
    from profiles.models import Profile

    ids = list(Profile.objects.order_by("pk").values_list("pk", flat=True))
    size = settings.MATCH_RUN_CHUNK_SIZE
    chunks = [ids[i : i + size] for i in range(0, len(ids), size)]
    vacatures = vacature_inputs(Vacature.objects.open().values_list("pk", flat=True))
    facts = direction.work_facts_for([v.id for v in vacatures])
    people_of = {}
    total, stored, candidates, floors = 0.0, set(), [], {}
    for chunk in chunks:
        people = profile_inputs(chunk)
        people_of.update((p.id, p) for p in people)
        directions = direction.directions_for(chunk)
        started = time.perf_counter()
        found = engine.match_all(people, vacatures, top_k=TOP_K, vacature_floor=floors)
        own = direction.widen_bulk(
            people,
            vacatures,
            found.select(found.profile_side),
            directions=directions,
            facts=facts,
            top_k=TOP_K,
        )
        stored.update((r.profile_id, r.vacature_id) for r in own)
        side = found.select(found.vacature_side)
        candidates.append(np.stack([side.vacature_ids, -side.scores, side.profile_ids]))
        total += time.perf_counter() - started
        # The run reads these from its candidates in the database (not counted here either).
        kept = np.concatenate(candidates, axis=1)
        floors = engine.vacature_floors(kept[0], -kept[1], TOP_K)
    started = time.perf_counter()
    v, minus_score, p = np.concatenate(candidates, axis=1)
    order = np.lexsort((p, minus_score, v))  # per vacature: best score, then lowest id
    v, p = v[order], p[order]
    first = np.searchsorted(v, v)  # where each vacature's run of candidates starts
    best = np.arange(len(v)) - first < TOP_K
    pairs = list(zip(p[best].tolist(), v[best].tolist(), strict=True))
    pairs = [pair for pair in pairs if pair not in stored]
    engine.score_pairs([people_of[i] for i in {i for i, _ in pairs}], vacatures, pairs)
    return total + time.perf_counter() - started


def _api():
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from accounts.models import User

    admin = User.objects.get(email="beheer@bench.invalid")
    token, _created = Token.objects.get_or_create(user=admin)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def _run(client, scope: str, timeout: float) -> tuple[float, dict]:
    from matching.models import MatchRun

    started = time.perf_counter()
    response = client.post("/api/v1/match-runs/", {"scope": scope}, content_type="application/json")
    if response.status_code != 201:
        sys.exit(f"POST /api/v1/match-runs/ gaf {response.status_code}: {response.content[:300]}")
    pk = response.json()["id"]
    last = 0.0
    while True:
        run = MatchRun.objects.get(pk=pk)
        if not run.is_active:
            break
        if time.perf_counter() - started > timeout:
            sys.exit(f"De herberekening {pk} is na {timeout:.0f} s niet klaar.")
        if time.perf_counter() - last > 15:
            print(f"  {scope}: {run.chunks_done}/{run.chunks_total} delen")
            last = time.perf_counter()
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if run.status != MatchRun.Status.DONE:
        sys.exit(f"De herberekening {pk} eindigde als {run.status}: {run.error}")
    return seconds, {
        "profiles": run.profiles,
        "written": run.matches_written,
        "client": client.get(f"/api/v1/match-runs/{pk}/").json()["status"],
    }


def _change_one_percent(seed: int) -> int:
    """1% of the profiles get a skill level changed, saved without a rescore of their own (as
    a change the per-profile rescore missed, for the changed-profiles run to catch)."""
    import random

    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from profiles.models import Profile, ProfileSkill

    ids = list(Profile.objects.values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, max(1, len(ids) // 100))
    with transaction.atomic():
        first = {}
        for pid, pk in ProfileSkill.objects.filter(profile_id__in=chosen).values_list(
            "profile_id", "pk"
        ):
            first.setdefault(pid, pk)
        ProfileSkill.objects.filter(pk__in=first.values()).update(level=6 - F("level"))
        Profile.objects.filter(pk__in=chosen).update(
            updated_at=timezone.now(), version=F("version") + 1
        )
    return len(chosen)


def _fresh(saves: int, seed: int, timeout: float = 30) -> list[float]:
    """A skill added through the service; the time until the worker wrote the new matches."""
    import random

    from django.db.models import Count, Max

    from matching.models import Match, VacatureSkill
    from profiles.models import Profile
    from profiles.services import profile_skill_upsert
    from taxonomy.models import Skill

    # The skills most asked as essential: adding one changes the person's best matches.
    popular = [
        row["skill_id"]
        for row in VacatureSkill.objects.filter(essential=True)
        .values("skill_id")
        .annotate(n=Count("vacature_id"))
        .order_by("-n")[:200]
    ]
    rng = random.Random(seed)
    ids = list(Profile.objects.values_list("pk", flat=True))
    out = []
    for pid in rng.sample(ids, saves):
        profile = Profile.objects.get(pk=pid)
        have = set(profile.profile_skills.values_list("skill_id", flat=True))
        skill = Skill.objects.get(pk=next(s for s in popular if s not in have))
        before = Match.objects.filter(profile_id=pid).aggregate(m=Max("computed_at"))["m"]
        started = time.perf_counter()
        profile_skill_upsert(profile=profile, skill=skill, level=5, evidence_type="diploma")
        while True:
            latest = Match.objects.filter(profile_id=pid).aggregate(m=Max("computed_at"))["m"]
            if latest is not None and (before is None or latest > before):
                break
            if time.perf_counter() - started > timeout:
                sys.exit(f"Profiel {pid}: na {timeout} s geen nieuwe matches van de worker.")
            time.sleep(0.02)
        out.append(time.perf_counter() - started)
    return out


def _wait_for_worker(app, process, timeout: float = 120) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            sys.exit("De Celery-worker is gestopt.")
        if app.control.ping(timeout=1):
            return
    sys.exit("De Celery-worker meldt zich niet.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--vacatures", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run at most")
    parser.add_argument("--reset", action="store_true", help="drop and reload the database")
    args = parser.parse_args()

    database = os.environ.get("RESCORE_DATABASE_URL", DEFAULT_DB)
    if not database.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "bench/rescore_e2e.py draait op PostgreSQL: zet RESCORE_DATABASE_URL=postgres://..."
        )
    env = {
        "DATABASE_URL": database,
        "REDIS_URL": os.environ.get("RESCORE_REDIS_URL", DEFAULT_REDIS),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # The run's lease outlasts the longest chunk of this size.
        "MATCH_RUN_LEASE_SECONDS": os.environ.get("MATCH_RUN_LEASE_SECONDS", "900"),
    }
    from load import _database  # bench/load.py: create (or with reset, recreate) the database

    _database(database, reset=args.reset)
    _prepare(args, env)

    from django.conf import settings

    from loopbrug.celery import app
    from matching.models import Match, MatchRun

    engine_s = _engine_seconds()
    print(f"engine           {engine_s:.1f} s (one process, inputs read beforehand)")
    Match.objects.all().delete()
    MatchRun.objects.filter(status__in=MatchRun.ACTIVE).update(status=MatchRun.Status.CANCELLED)
    app.control.purge()
    worker = subprocess.Popen(
        [Path(sys.executable).parent / "celery", "--quiet", "-A", "loopbrug", "worker"]
        + [
            "--concurrency",
            "2",
            "--loglevel",
            "WARNING",
            "--hostname",
            f"rescore-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=os.environ | env,
        start_new_session=True,
    )
    try:
        _wait_for_worker(app, worker)
        client = _api()
        full_s, full = _run(client, "alle", args.timeout)
        rows = Match.objects.count()
        print(f"full run         {full_s:.1f} s, {full['profiles']} profiles, {rows} rows")
        rerun_s, rerun = _run(client, "alle", args.timeout)
        print(f"rerun, no change {rerun_s:.1f} s, {rerun['written']} rows written")
        changed = _change_one_percent(args.seed)
        changed_s, part = _run(client, "gewijzigd", args.timeout)
        print(
            f"1% changed       {changed_s:.1f} s, {part['profiles']} profiles "
            f"({changed} changed), {part['written']} rows written"
        )
        fresh = _fresh(args.saves, args.seed)
        fresh_p95 = statistics.quantiles(fresh, n=20)[-1] if len(fresh) > 1 else fresh[0]
        print(
            f"fresh            p50 {statistics.median(fresh):.2f} s, p95 {fresh_p95:.2f} s over "
            f"{len(fresh)} saves (debounce {settings.MATCH_RESCORE_DEBOUNCE_MS} ms included)"
        )
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=60)

    ratio = full_s / engine_s
    ok = (
        ratio <= TARGET_RATIO
        and changed_s <= TARGET_CHANGED * full_s
        and fresh_p95 <= TARGET_FRESH_S
    )
    print(
        f"RESULT rescore_e2e profiles={args.profiles} vacatures={args.vacatures} "
        f"full_s={full_s:.1f} engine_s={engine_s:.1f} ratio_vs_engine={ratio:.2f} "
        f"changed_1pct_s={changed_s:.1f} rows={rows} rows_rerun={rerun['written']} "
        f"rerun_s={rerun_s:.1f} fresh_p95_s={fresh_p95:.2f} ok={'yes' if ok else 'no'}"
    )


if __name__ == "__main__":
    main()
