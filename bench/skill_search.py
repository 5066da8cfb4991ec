"""Benchmark: skill search (type-ahead) over 15,000 skills with alternative labels.

Runs in a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL is set): loads
the curated taxonomy (with its synonyms), adds generated skills up to --skills, each with two
alternative labels, then times searches through the same selector the page and the API use:
prefixes of 2-6 letters, pieces from inside words, and whole words with a typo (which take
the fuzzy path: pg_trgm on PostgreSQL, stems on SQLite). The baseline is a primary-key lookup in
the same process. Ends with `RESULT skill_search search_p95_ms=...` (the target is < 50 ms).

    make bench-skills     # or: .venv/bin/python bench/skill_search.py --skills 15000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchdb import bench_database_name  # noqa: E402 - bench/, after the path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loopbrug.settings")
os.environ.setdefault("DEBUG", "true")

WORDS = (
    "plannen organiseren zorg verlenen patiënten begeleiden lesgeven onderwijs ontwerpen "
    "installeren onderhouden programmeren analyseren communiceren adviseren rapporteren "
    "controleren meten repareren monteren coördineren coachen beoordelen documenteren "
    "elektrische mechanische digitale systemen netwerken gegevens leerlingen cliënten "
    "veiligheid kwaliteit hygiëne medicatie software hardware leiding financiële klanten"
).split()


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p * (len(ordered) - 1) + 0.5))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skills", type=int, default=15_000)
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = bench_database_name(connection)
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from taxonomy.models import Skill, skill_search_text, skill_words_add
        from taxonomy.selectors import skill_search

        rng = random.Random(42)
        existing = Skill.objects.count()
        generated = []
        for n in range(args.skills - existing):
            label = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {n}"
            alt_labels = "\n".join(" ".join(rng.sample(WORDS, 2)) for _ in range(2))
            generated.append(
                Skill(
                    code=f"bench:{n}",
                    label_nl=label,
                    kind="hard",
                    alt_labels=alt_labels,
                    search_text=skill_search_text(label, "", alt_labels),
                )
            )
        Skill.objects.bulk_create(generated, batch_size=2000)
        skill_words_add(s.search_text for s in generated)
        if connection.vendor == "postgresql":  # what autovacuum does after a bulk load
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE profiles_skill")
                cursor.execute("ANALYZE taxonomy_skillword")
        total = Skill.objects.count()
        prefixes = []
        for i, w in enumerate(rng.choices(WORDS, k=args.queries)):
            if i % 3 == 0:  # a prefix
                prefixes.append(w[: rng.randint(2, 6)])
            elif i % 3 == 1:  # a piece from inside the word
                start = rng.randint(1, max(1, len(w) - 4))
                prefixes.append(w[start : start + rng.randint(3, 5)])
            else:  # the whole word with one letter left out
                cut = rng.randint(1, len(w) - 2)
                prefixes.append(w[:cut] + w[cut + 1 :])
        ids = list(Skill.objects.values_list("pk", flat=True))

        for q in prefixes[:20]:  # warm up
            list(skill_search(q=q))
        search, hits = [], []
        for q in prefixes:
            start = time.perf_counter()
            results = list(skill_search(q=q))
            search.append((time.perf_counter() - start) * 1000)
            hits.append(len(results))
        if os.environ.get("BENCH_SLOWEST"):
            for ms, q in sorted(zip(search, prefixes, strict=True))[-10:]:
                print(f"slow {ms:8.2f} ms  {q!r}")
        baseline = []
        for pk in rng.sample(ids, args.queries):
            start = time.perf_counter()
            Skill.objects.get(pk=pk)
            baseline.append((time.perf_counter() - start) * 1000)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    p50, p95 = statistics.median(search), percentile(search, 0.95)
    base95 = percentile(baseline, 0.95)
    print(f"database          {connection.vendor}")
    print(f"skills            {total}")
    print(
        f"queries           {len(prefixes)} (prefixes, pieces inside words, typos; "
        f"mean {statistics.mean(hits):.1f} results)"
    )
    print(f"search            p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {max(search):.2f} ms")
    print(f"baseline pk get   p50 {statistics.median(baseline):.2f} ms, p95 {base95:.2f} ms")
    print(
        f"RESULT skill_search skills={total} db={connection.vendor} search_p50_ms={p50:.2f} "
        f"search_p95_ms={p95:.2f} baseline_p95_ms={base95:.2f} ratio={p95 / base95:.1f} "
        f"target_ms=50 ok={'yes' if p95 < 50 else 'no'}"
    )


if __name__ == "__main__":
    main()
