"""Benchmark: monitoring reports over 1,000,000 trajecten with realistic phase histories.

PostgreSQL only (DATABASE_URL). Builds its own throw-away database, bulk-loads the trajecten,
their phase changes and uitval with COPY in batches, then times a region report and a
national report (reports.selectors.compute_report), counts their queries, and compares with
the same figures computed by iterating over model instances in Python on a 50,000-traject
sample, scaled to the full size. Ends with one `RESULT reports ...` line.

    DATABASE_URL=postgres://... .venv/bin/python bench/reports.py                  # ~5-8 min
    DATABASE_URL=postgres://... .venv/bin/python bench/reports.py --trajecten 100000
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchdb import bench_database_name  # noqa: E402 - bench/, after the path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loopbrug.settings")
os.environ.setdefault("DEBUG", "true")

# Days per phase (mean), around the norms of seed 003; a share of people drop out per phase.
PHASE_DAYS = {
    "aanmelding": 10,
    "orientatie": 80,
    "profiel": 25,
    "match": 45,
    "selectie": 30,
    "leerwerktraject": 180,
    "onboarding": 100,
    "nazorg": 330,
}
DROP_OUT = {
    "aanmelding": 0.05,
    "orientatie": 0.08,
    "profiel": 0.04,
    "match": 0.05,
    "selectie": 0.06,
    "leerwerktraject": 0.05,
    "onboarding": 0.03,
    "nazorg": 0.01,
}
SECTORS = ["zorg", "onderwijs", "techniek", "ict", "bouw", "groen", "financieel", "transport"]
ROUTES = ["zelf", "uwv", "gemeente", "loket", "latende_werkgever"]
REASONS = ["werk", "opleiding", "financieel", "persoonlijk", "gezondheid", "team", "anders"]
OT = ["55plus", "statushouder", "herintreder", "laaggeletterd"]
NOW = datetime(2026, 7, 1, tzinfo=UTC)
START = datetime(2022, 1, 1, tzinfo=UTC)


def _ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S+00")


def load(connection, n: int, region_ids: list[int], batch: int = 100_000) -> tuple[int, int]:
    """COPY n trajecten with their histories, batch by batch; returns (changes, uitval)."""
    from journeys.models import JOURNEY

    rng = random.Random(2026)
    journey = [str(p) for p in JOURNEY]
    span = (NOW - START).total_seconds()
    change_id = uitval_id = 0
    raw = connection.connection
    with raw.cursor() as cursor:
        for first in range(1, n + 1, batch):
            trajecten, changes, uitval = io.StringIO(), io.StringIO(), io.StringIO()
            for tid in range(first, min(first + batch, n + 1)):
                at = START + timedelta(seconds=rng.random() * span)
                created = at
                phase = journey[0]
                change_id += 1
                changes.write(f"{change_id}\t{tid}\t\t{phase}\t{_ts(at)}\t\\N\t\n")
                for index, current in enumerate(journey[:-1]):
                    leave = at + timedelta(days=rng.expovariate(1 / PHASE_DAYS[current]))
                    if leave > NOW:
                        break
                    nxt = "uitgevallen" if rng.random() < DROP_OUT[current] else journey[index + 1]
                    change_id += 1
                    changes.write(f"{change_id}\t{tid}\t{current}\t{nxt}\t{_ts(leave)}\t\\N\t\n")
                    at, phase = leave, nxt
                    if nxt == "uitgevallen":
                        uitval_id += 1
                        reason = rng.choice(REASONS)
                        uitval.write(f"{uitval_id}\t{tid}\t{current}\t{reason}\t\t\\N\t{_ts(at)}\n")
                        break
                consent = rng.random() < 0.2
                ot = f'["{rng.choice(OT)}"]' if consent else "[]"
                trajecten.write(
                    f"{tid}\t\\N\t1\t{phase}\t{_ts(at)}\t\\N\t{rng.choice(region_ids)}\t"
                    f"{rng.choice(SECTORS)}\t{rng.choice(SECTORS)}\t\\N\t{rng.choice(ROUTES)}\t"
                    f"{ot}\t{_ts(created) if consent else chr(92) + 'N'}\t{_ts(created)}\n"
                )
            for table, columns, data in (
                (
                    "journeys_traject",
                    "id, overstapper_id, attempt, phase, phase_since, coach_id, region_id, "
                    "target_sector, herkomst_sector, latende_werkgever_id, entry_route, "
                    "ongekend_talent, ongekend_talent_consent_at, created_at",
                    trajecten,
                ),
                (
                    "journeys_phasechange",
                    "id, traject_id, from_phase, to_phase, at, by_id, reason",
                    changes,
                ),
                ("onboarding_uitval", "id, traject_id, phase, reason, text, by_id, at", uitval),
            ):
                data.seek(0)
                cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", data)
            raw.commit()
        for table in ("journeys_traject", "journeys_phasechange", "onboarding_uitval"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        cursor.execute("ANALYZE")
        raw.commit()
    return change_id, uitval_id


def orm_loop_report(sample_ids: list[int], start: datetime, end: datetime) -> dict:
    """The same figures by iterating over model instances: what the report must not do."""
    from collections import Counter, defaultdict

    from journeys.models import Traject
    from onboarding.models import Uitval

    reached: dict[str, set] = defaultdict(set)
    durations: dict[str, list[float]] = defaultdict(list)
    uitval: Counter = Counter()
    retained = eligible = 0
    qs = Traject.objects.filter(pk__in=sample_ids).prefetch_related("phase_changes")
    for traject in qs.iterator(chunk_size=2000):
        changes = sorted(traject.phase_changes.all(), key=lambda c: (c.at, c.pk))
        for change, nxt in zip(changes, changes[1:] + [None], strict=False):
            if start <= change.at < end:
                reached[change.to_phase].add(traject.pk)
            if nxt is not None and start <= nxt.at < end:
                durations[change.to_phase].append((nxt.at - change.at).total_seconds() / 86400)
        begun = next((c.at for c in changes if c.to_phase == "leerwerktraject"), None)
        dropped = next((c.at for c in changes if c.to_phase == "uitgevallen"), None)
        if begun and begun <= end - timedelta(days=100):
            eligible += 1
            if dropped is None or dropped >= begun + timedelta(days=100):
                retained += 1
    for u in Uitval.objects.filter(traject_id__in=sample_ids, at__gte=start, at__lt=end):
        uitval[(u.phase, u.reason)] += 1
    medians = {p: sorted(v)[len(v) // 2] for p, v in durations.items() if v}
    return {"reached": {p: len(s) for p, s in reached.items()}, "medians": medians}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trajecten", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=50_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql":
        sys.exit("bench/reports.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = bench_database_name(connection)
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from accounts.models import Region
        from reports.selectors import compute_report

        regions = list(Region.objects.order_by("pk").values_list("pk", flat=True))
        began = time.perf_counter()
        changes, uitval = load(connection, args.trajecten, regions)
        load_s = time.perf_counter() - began
        print(
            f"loaded           {args.trajecten} trajecten, {changes} phase changes, "
            f"{uitval} uitval in {load_s:.0f} s"
        )

        period = (date(2025, 7, 1), date(2026, 6, 30))
        region = Region.objects.get(code="groot-amsterdam")

        # Count the queries of every connection: the heavy sections run side by side.
        from django.db.backends import utils as db_utils

        counter = {"n": 0}
        original = db_utils.CursorWrapper._execute

        def counting(self, *a, **kw):
            counter["n"] += 1
            return original(self, *a, **kw)

        db_utils.CursorWrapper._execute = counting

        def timed(target, breakdown="sector"):
            counter["n"] = 0
            t0 = time.perf_counter()
            compute_report(
                region=target,
                period_start=period[0],
                period_end=period[1],
                breakdown=breakdown,
            )
            return time.perf_counter() - t0, counter["n"]

        timed(region)  # warm up caches
        region_s, region_q = min(timed(region) for _ in range(3))
        national_s, national_q = timed(None)
        from journeys.models import Traject

        region_count = Traject.objects.filter(region=region).count()

        sample = list(range(1, min(args.sample, args.trajecten) + 1))
        tz = UTC
        start = datetime(period[0].year, period[0].month, period[0].day, tzinfo=tz)
        end = datetime(2026, 7, 1, tzinfo=tz)
        t0 = time.perf_counter()
        orm_loop_report(sample, start, end)
        loop_s = time.perf_counter() - t0
        loop_national_s = loop_s * args.trajecten / len(sample)
        ratio = national_s / loop_national_s
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"region report    {region_s:.2f} s, {region_q} queries ({region_count} trajecten)")
    print(f"national report  {national_s:.2f} s, {national_q} queries")
    print(
        f"orm loop         {loop_s:.1f} s on {len(sample)} trajecten, "
        f"scaled to {args.trajecten}: {loop_national_s:.0f} s"
    )
    print(
        f"RESULT reports trajecten={args.trajecten} phase_changes={changes} db=postgresql "
        f"region_s={region_s:.2f} national_s={national_s:.2f} "
        f"ratio_vs_orm_loop={ratio:.3f} queries_region={region_q} "
        f"queries_national={national_q} load_s={load_s:.0f}"
    )


if __name__ == "__main__":
    main()
