"""Benchmark: the coach's caseload page with many trajecten, against a baseline page.

Runs in its own throw-away test database (SQLite, or PostgreSQL when DATABASE_URL is set).
Prints its figures and a final line `RESULT caseload ...`; the ratio is caseload time over
the time of the plain login page, measured in the same process.

    make bench            # or: .venv/bin/python bench/caseload.py --trajecten 300
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchdb import bench_database_name  # noqa: E402 - bench/, after the path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loopbrug.settings")
os.environ.setdefault("DEBUG", "true")


def timed(client, url: str, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trajecten", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = bench_database_name(connection)
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.models import Organisation, Region, Role, User
        from journeys.models import JOURNEY
        from journeys.services import traject_change_phase, traject_create

        region = Region.objects.get(code="groot-amsterdam")
        org = Organisation.objects.create(
            name="Bench coaching", kind=Organisation.Kind.COACHBUREAU, region=region
        )
        coach = User.objects.create_user(
            "coach@bench.nl",
            "bench-password",
            full_name="Bench Coach",
            role=Role.COACH,
            organisation=org,
        )
        for n in range(args.trajecten):
            person = User.objects.create_user(
                f"p{n}@bench.nl",
                None,
                full_name=f"Persoon {n}",
                role=Role.OVERSTAPPER,
                home_region=region,
            )
            traject = traject_create(overstapper=person, region=region, coach=coach)
            for phase in JOURNEY[1 : 1 + n % 5]:
                traject_change_phase(traject=traject, to_phase=phase, by=coach, reason="bench")

        client = Client()
        client.force_login(coach)
        device = TOTPDevice.objects.create(user=coach, name="bench", confirmed=True)
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        client.post("/account/tweestaps/", {"token": f"{code:06d}"})
        anonymous = Client()

        timed(client, "/caseload/", 3)  # warm up templates and connections
        timed(anonymous, "/account/inloggen/", 3)
        reset_queries()  # the setup filled the (bounded) query log
        with CaptureQueriesContext(connection) as queries:
            client.get("/caseload/")
        query_count = len(queries)  # captured_queries is read lazily: count it now
        caseload = timed(client, "/caseload/", args.repeat)
        baseline = timed(anonymous, "/account/inloggen/", args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    median, base = statistics.median(caseload), statistics.median(baseline)
    p95 = sorted(caseload)[int(0.95 * (len(caseload) - 1))]
    print(f"database         {connection.vendor}")
    print(f"trajecten        {args.trajecten}")
    print(f"queries/page     {query_count}")
    print(f"caseload median  {median:.1f} ms (p95 {p95:.1f} ms)")
    print(f"baseline median  {base:.1f} ms (login page)")
    print(
        f"RESULT caseload trajecten={args.trajecten} db={connection.vendor} "
        f"queries={query_count} median_ms={median:.1f} p95_ms={p95:.1f} "
        f"baseline_ms={base:.1f} ratio={median / base:.2f}"
    )


if __name__ == "__main__":
    main()
