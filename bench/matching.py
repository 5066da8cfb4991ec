"""Benchmark: the match engine on synthetic but realistic data.

14,000 skills with Zipf-like popularity, 100,000 profiles (15-40 skills each) and 20,000
vacatures (8-25 skills each), 35 regions. Measures, in one process:

- full_s: `match_all` over all profiles x vacatures, top 50 per profile and per vacature,
  with explanations (from the engine's inputs to its results, index building included);
- sklearn_s: the baseline, scikit-learn NearestNeighbors(50, cosine, brute) fitted on the
  vacature skill matrix and queried with every profile vector (the same skill vectors);
- single_p95_ms: `match_profile` for 200 random profiles against a prebuilt VacatureIndex;
- peak_mb: the process's peak resident memory (ru_maxrss) right after the full run, before
  the baseline runs; it includes the generated input objects.

Ends with a line `RESULT matching profiles=... vacatures=... full_s=... ...`.

    .venv/bin/python bench/matching.py                              # the full run (~2 min)
    .venv/bin/python bench/matching.py --profiles 5000 --vacatures 2000   # a quick one

No Django: the engine is plain Python/NumPy/SciPy.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.engine import (  # noqa: E402
    EVIDENCE_WEIGHTS,
    ProfileInput,
    VacatureIndex,
    VacatureInput,
    match_all,
    match_profile,
)

N_SKILLS = 14_000
N_REGIONS = 35
N_DRIJFVEREN = 16
N_TALENTS = 40
ZIPF_EXPONENT = 1.0  # skill k is asked ~1/k as often as the most popular one
SEED = 2026
EVIDENCE = list(EVIDENCE_WEIGHTS)
EVIDENCE_P = [0.40, 0.15, 0.10, 0.10, 0.05, 0.10, 0.10]


def _sample_sets(rng: np.random.Generator, p: np.ndarray, counts: np.ndarray) -> list[list[int]]:
    """Distinct items per row, drawn by popularity (draw with replacement, keep the first)."""
    draws = rng.choice(len(p), size=(len(counts), 3 * int(counts.max())), p=p)
    return [
        list(dict.fromkeys(row))[:k] for row, k in zip(draws.tolist(), counts.tolist(), strict=True)
    ]


def _levels(rng, n: int, p: list[float]) -> np.ndarray:
    return rng.choice(len(p), size=n, p=p) + 1


def generate(n_profiles: int, n_vacatures: int, seed: int = SEED):
    """Profiles and vacatures, plus their plain skill matrices for the baseline."""
    rng = np.random.default_rng(seed)
    skill_ids = rng.permutation(N_SKILLS) + 1  # popularity unrelated to id
    popularity = 1.0 / np.arange(1, N_SKILLS + 1) ** ZIPF_EXPONENT
    popularity /= popularity.sum()
    drive_pop = np.linspace(2.0, 1.0, N_DRIJFVEREN)
    drive_pop /= drive_pop.sum()
    talent_pop = 1.0 / np.arange(1, N_TALENTS + 1) ** 0.5
    talent_pop /= talent_pop.sum()

    profiles: list[ProfileInput] = []
    sets = _sample_sets(rng, popularity, rng.integers(15, 41, n_profiles))
    n_entries = sum(len(s) for s in sets)
    levels = _levels(rng, n_entries, [0.10, 0.25, 0.30, 0.25, 0.10]).tolist()
    evidence = rng.choice(len(EVIDENCE), size=n_entries, p=EVIDENCE_P).tolist()
    validated = (rng.random(n_entries) < 0.10).tolist()
    drives = _sample_sets(rng, drive_pop, rng.integers(0, 6, n_profiles))
    talents = _sample_sets(rng, talent_pop, rng.integers(0, 9, n_profiles))
    home = rng.integers(0, N_REGIONS, n_profiles)
    extra = rng.choice(3, size=n_profiles, p=[0.35, 0.40, 0.25])  # 1-3 regions in reach
    no_region = rng.random(n_profiles) < 0.01
    nlqf = rng.choice(8, size=n_profiles, p=[0.04, 0.14, 0.22, 0.24, 0.10, 0.16, 0.08, 0.02]) + 1
    hours = rng.choice(np.arange(16, 41, 4), size=n_profiles)
    income = rng.integers(16, 33, n_profiles) * 100
    unknown = rng.random((n_profiles, 3))
    rows, cols, vals = [], [], []
    at = 0
    for i, skill_set in enumerate(sets):
        skills = {}
        for s in skill_set:
            sid = int(skill_ids[s])
            skills[sid] = (levels[at], EVIDENCE[evidence[at]], validated[at])
            rows.append(i)
            cols.append(s)
            vals.append(
                levels[at] * (1.0 if validated[at] else EVIDENCE_WEIGHTS[EVIDENCE[evidence[at]]])
            )
            at += 1
        region = int(home[i]) + 1
        # Neighbouring regions: people accept a commute to the next region or two.
        reach = {region} | {(region - 1 + d) % N_REGIONS + 1 for d in (1, -1)[: extra[i]]}
        profiles.append(
            ProfileInput(
                id=i + 1,
                skills=skills,
                drijfveren=[d + 1 for d in drives[i]],
                talents=[t + 1 for t in talents[i]],
                nlqf=None if unknown[i, 0] < 0.10 else int(nlqf[i]),
                region_id=None if no_region[i] else region,
                reach=set() if no_region[i] else reach,
                hours=None if unknown[i, 1] < 0.10 else int(hours[i]),
                min_net_income=None if unknown[i, 2] < 0.30 else float(income[i]),
            )
        )
    profile_matrix = sp.csr_matrix((vals, (rows, cols)), shape=(n_profiles, N_SKILLS))

    vacatures: list[VacatureInput] = []
    sets = _sample_sets(rng, popularity, rng.integers(8, 26, n_vacatures))
    n_entries = sum(len(s) for s in sets)
    levels = _levels(rng, n_entries, [0.15, 0.35, 0.30, 0.15, 0.05]).tolist()
    essential = (rng.random(n_entries) < 0.5).tolist()
    drives = _sample_sets(rng, drive_pop, rng.integers(0, 5, n_vacatures))
    talents = _sample_sets(rng, talent_pop, rng.integers(0, 7, n_vacatures))
    region = rng.integers(0, N_REGIONS, n_vacatures) + 1
    landelijk = rng.random(n_vacatures) < 0.10
    nlqf = rng.choice(8, size=n_vacatures, p=[0.03, 0.15, 0.25, 0.25, 0.08, 0.16, 0.06, 0.02]) + 1
    hours = rng.choice(np.arange(16, 41, 4), size=n_vacatures)
    salary_min = rng.integers(24, 51, n_vacatures) * 100
    spread = rng.uniform(1.1, 1.4, n_vacatures)
    unknown = rng.random((n_vacatures, 3))
    rows, cols, vals = [], [], []
    at = 0
    for i, skill_set in enumerate(sets):
        skills = {}
        for s in skill_set:
            skills[int(skill_ids[s])] = (levels[at], essential[at])
            rows.append(i)
            cols.append(s)
            vals.append(levels[at] * (2.0 if essential[at] else 1.0))
            at += 1
        no_salary = unknown[i, 2] < 0.20
        vacatures.append(
            VacatureInput(
                id=i + 1,
                skills=skills,
                drijfveren=[d + 1 for d in drives[i]],
                talents=[t + 1 for t in talents[i]],
                nlqf=None if unknown[i, 0] < 0.10 else int(nlqf[i]),
                region_id=int(region[i]),
                landelijk=bool(landelijk[i]),
                hours=None if unknown[i, 1] < 0.05 else int(hours[i]),
                salary_min=None if no_salary else float(salary_min[i]),
                salary_max=None if no_salary else float(round(salary_min[i] * spread[i], -1)),
            )
        )
    vacature_matrix = sp.csr_matrix((vals, (rows, cols)), shape=(n_vacatures, N_SKILLS))
    return profiles, vacatures, profile_matrix, vacature_matrix


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p * (len(ordered) - 1) + 0.5))]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--vacatures", type=int, default=20_000)
    parser.add_argument("--top-k", type=int, default=50)
    parser.add_argument("--single", type=int, default=200, help="profiles for match_profile")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()

    start = time.perf_counter()
    profiles, vacatures, profile_matrix, vacature_matrix = generate(
        args.profiles, args.vacatures, args.seed
    )
    print(
        f"generated {len(profiles)} profiles ({profile_matrix.nnz} skills), "
        f"{len(vacatures)} vacatures ({vacature_matrix.nnz} skills) "
        f"in {time.perf_counter() - start:.1f} s; rss {peak_mb():.0f} MB"
    )

    rss_before = peak_mb()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 10 or done == total:
            last[0] = now
            print(f"  match_all {done}/{total} chunks, {now - start:.1f} s", flush=True)

    start = time.perf_counter()
    results = match_all(profiles, vacatures, top_k=args.top_k, progress=progress)
    full_s = time.perf_counter() - start
    full_peak = peak_mb()
    per_profile = np.bincount(np.searchsorted(np.unique(results.profile_ids), results.profile_ids))
    print(
        f"full: {full_s:.1f} s, {len(results)} kept pairs "
        f"(median {statistics.median(per_profile.tolist()) if len(per_profile) else 0} per "
        f"profile), peak rss {full_peak:.0f} MB (inputs alone {rss_before:.0f} MB)"
    )
    # Building the MatchResult objects happens when they are read; time a sample of that.
    sample = min(len(results), 100_000)
    start = time.perf_counter()
    for i in range(sample):
        results[i]
    build_us = (time.perf_counter() - start) / max(sample, 1) * 1e6
    print(f"reading results as MatchResult objects: {build_us:.1f} us each")

    index = VacatureIndex(vacatures)
    rng = np.random.default_rng(args.seed + 1)
    chosen = rng.choice(len(profiles), size=min(args.single, len(profiles)), replace=False)
    for i in chosen[:10]:  # warm up
        match_profile(profiles[i], index, top_k=args.top_k)
    single = []
    for i in chosen:
        start = time.perf_counter()
        match_profile(profiles[i], index, top_k=args.top_k)
        single.append((time.perf_counter() - start) * 1000)
    single_p50, single_p95 = percentile(single, 0.50), percentile(single, 0.95)
    print(
        f"match_profile vs {len(vacatures)} prebuilt: "
        f"p50 {single_p50:.1f} ms, p95 {single_p95:.1f} ms"
    )

    from sklearn.neighbors import NearestNeighbors

    start = time.perf_counter()
    nn = NearestNeighbors(n_neighbors=args.top_k, metric="cosine", algorithm="brute")
    nn.fit(vacature_matrix)
    nn.kneighbors(profile_matrix)
    sklearn_s = time.perf_counter() - start
    ratio = full_s / sklearn_s
    print(f"baseline sklearn NearestNeighbors: {sklearn_s:.1f} s; ratio {ratio:.2f}")
    print(
        f"RESULT matching profiles={len(profiles)} vacatures={len(vacatures)} "
        f"full_s={full_s:.1f} sklearn_s={sklearn_s:.1f} ratio_vs_sklearn={ratio:.2f} "
        f"single_p95_ms={single_p95:.1f} peak_mb={full_peak:.0f}"
    )


if __name__ == "__main__":
    main()
