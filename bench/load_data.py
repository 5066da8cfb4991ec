"""Demo data at scale for the load benchmark (bench/load.py): the demo world of seed_demo, plus
N trajecten with their histories, profiles, matches, applications, notes, check-ins,
onboarding, financing plans, and V vacatures of a few hundred werkgevers.

Bulk-loaded (rows made by the tests' factories, tests/factories.py, with `.build()`, then
bulk_create in one transaction; matches by the real engine, financing plans and reports by
their services), and idempotent: a marker organisation names the scale, so a rerun
with the same scale changes nothing. Deterministic (random.Random(seed)), so the load users in
bench/locustfile.py know the accounts without asking the database.

Module level imports only the standard library: the locust process imports the account
helpers from here without Django.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import struct
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

DOMAIN = "bench.loopbrug.nl"
PASSWORD = "loadtest-wachtwoord"
MARKER_KIND = "coachbureau"

# A steady-state funnel: the share of trajecten per phase, by position in a block of 100.
PHASE_SHARES = [
    ("aanmelding", 5),
    ("orientatie", 14),
    ("profiel", 12),
    ("match", 16),
    ("selectie", 8),
    ("leerwerktraject", 15),
    ("onboarding", 8),
    ("nazorg", 10),
    ("afgerond", 7),
    ("uitgevallen", 5),
]
# Page types of bench/locustfile.py that are not part of the measured mix.
SETUP_NAMES = {"login", "login (page)", "login (landing)", "two-factor", "two-factor (page)"}
CEILING_NAME = "/health/ (ceiling)"
# Overstappers the load users log in as: they have a profile and matches, and edit the profile.
ACTIVE_PHASES = {"profiel", "match", "selectie"}


@dataclass(frozen=True)
class Scale:
    trajecten: int
    vacatures: int

    @property
    def coaches(self) -> int:
        return max(2, self.trajecten // 80)  # a caseload of about 80

    @property
    def werkgevers(self) -> int:
        return max(2, self.vacatures // 10)

    @property
    def marker(self) -> str:
        return f"Loadtest {self.trajecten} trajecten, {self.vacatures} vacatures"


def email(kind: str, n: int) -> str:
    return f"{kind}{n}@{DOMAIN}"


def phase_of(n: int) -> str:
    """The phase of overstapper n (fixed by n, so the load users can pick without a query)."""
    slot = (n * 37) % 100
    for phase, share in PHASE_SHARES:
        if slot < share:
            return phase
        slot -= share
    raise AssertionError("shares add up to 100")


def active_overstappers(scale: Scale) -> list[int]:
    return [n for n in range(scale.trajecten) if phase_of(n) in ACTIVE_PHASES]


def totp_key(address: str) -> str:
    """The 20-byte TOTP secret (hex) of a bench account: what the authenticator app holds."""
    return hashlib.sha1(f"loopbrug-load:{address}".encode()).hexdigest()


def totp_now(key_hex: str, at: float | None = None) -> str:
    """RFC 6238 (30 s, 6 digits, SHA-1), as django-otp's TOTPDevice checks it."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


FIRST = (
    "Anna Bram Chantal Daan Esra Fleur Gijs Hanna Ilse Jeroen Karin Lars Mohamed Nadia Olaf "
    "Priya Ruben Sanne Thijs Umay Vera Wouter Yara Zeynep Bas Demi Emre Femke Hamza Iris"
).split()
LAST = (
    "de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,de Boer,"
    "Mulder,de Groot,Bos,Vos,Peters,Hendriks,van Leeuwen,Dekker,Brouwer,de Wit,Dijkstra,Smits,"
    "Yilmaz,El Amrani,Kaya,Gerritsen,Koster,Prins,Huisman"
).split(",")
TARGET_SECTORS = ["zorg"] * 4 + ["onderwijs"] * 3 + ["techniek"] * 3 + ["ict"] * 2
HERKOMST = ["financieel", "transport", "overheid", "overig", "ict", ""]
NOTE_TEXTS = [
    "Goed gesprek gehad over de overstap; volgende stap afgesproken.",
    "Twijfelt over de reistijd, bespreken we bij de meeloopdag.",
    "Assessment gepland; uitslag volgt binnen twee weken.",
    "Werkgever positief na de meeloopdag.",
    "Financiering met de latende werkgever besproken.",
    "Wil graag meer uren leren per week; opleider gevraagd naar mogelijkheden.",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def loaded_scale() -> str | None:
    from accounts.models import Organisation

    marker = Organisation.objects.filter(name__startswith="Loadtest ").first()
    return marker.name if marker else None


def ensure_data(scale: Scale, *, seed: int = 2026, log=print) -> bool:
    """Load the data once; returns False when this scale was loaded already."""
    from django.db import transaction

    found = loaded_scale()
    if found == scale.marker:
        log(f"data             already loaded ({found})")
        ensure_reports(log=log)
        return False
    if found is not None:
        raise SystemExit(
            f"Deze database bevat al '{found}'. Gebruik --reset voor een andere schaal."
        )
    began = time.perf_counter()
    with transaction.atomic():
        _Loader(scale, random.Random(seed), log).run()
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would keep them
    log(f"data             loaded in {time.perf_counter() - began:.0f} s")
    ensure_reports(log=log)
    return True


class _Loader:
    def __init__(self, scale: Scale, rng: random.Random, log):
        from django.contrib.auth.hashers import make_password
        from django.utils import timezone

        self.scale, self.rng, self.log = scale, rng, log
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.password = make_password(PASSWORD)  # one hash for all: a real login still hashes
        self.step_began = time.perf_counter()

    def step(self, what: str) -> None:
        took = time.perf_counter() - self.step_began
        self.log(f"  {what:<28} {took:6.1f} s")
        self.step_began = time.perf_counter()

    def run(self) -> None:
        from workspace.demo import seed_demo

        seed_demo()
        self.step("seed_demo")
        self.organisations()
        self.step("organisations and staff")
        self.trajecten()
        self.step("trajecten and history")
        self.profiles()
        self.step("profiles")
        self.vacatures()
        self.step("vacatures")
        self.matches()
        self.step("matches (engine)")
        self.applications()
        self.step("applications and shares")
        self.workspace()
        self.step("notes and appointments")
        self.onboarding()
        self.step("onboarding and check-ins")
        self.financing()
        self.step("financing plans")
        from accounts.models import Organisation, Region

        # The marker last: it exists only when everything above committed.
        Organisation.objects.create(
            name=self.scale.marker, kind=MARKER_KIND, region=Region.objects.first()
        )

    # --- people ---------------------------------------------------------------------------

    def _users(self, rows: list[dict]) -> list:
        from accounts.models import User
        from tests.factories import UserFactory

        return User.objects.bulk_create(
            [
                UserFactory.build(
                    password=self.password,
                    email_confirmed_at=self.now - timedelta(days=400),
                    date_joined=self.now - timedelta(days=400),
                    **row,
                )
                for row in rows
            ],
            batch_size=2000,
        )

    def _totp(self, users) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.bulk_create(
            [
                TOTPDevice(user=u, name="Authenticator", key=totp_key(u.email), confirmed=True)
                for u in users
            ]
        )

    def organisations(self) -> None:
        from accounts.models import Organisation, Region, Role
        from tests.factories import OrganisationFactory

        rng, k = self.rng, Organisation.Kind
        self.regions = list(Region.objects.order_by("pk"))
        # Bigger regions get more people: the first few regions weigh three times as much.
        self.region_weights = [3 if i < 6 else 1 for i in range(len(self.regions))]
        bureaus = Organisation.objects.bulk_create(
            [
                OrganisationFactory.build(
                    name=f"Loopbaanbureau {i + 1}",
                    kind=k.COACHBUREAU,
                    sector="",
                    region=rng.choice(self.regions),
                )
                for i in range(max(1, self.scale.coaches // 12))
            ]
        )
        self.coaches = self._users(
            [
                {
                    "email": email("coach", i),
                    "full_name": _name(rng),
                    "role": Role.COACH,
                    "organisation": bureaus[i % len(bureaus)],
                }
                for i in range(self.scale.coaches)
            ]
        )
        lokets = Organisation.objects.bulk_create(
            [
                OrganisationFactory.build(
                    name=f"Regionaal loket {r.name}", kind=k.LOKET, sector="", region=r
                )
                for r in self.regions
            ]
        )
        self.lokets = self._users(
            [
                {
                    "email": email("loket", i),
                    "full_name": _name(rng),
                    "role": Role.LOKET,
                    "organisation": org,
                }
                for i, org in enumerate(lokets)
            ]
        )
        self._totp(self.coaches + self.lokets)
        sectors = ["zorg", "onderwijs", "techniek", "ict", "bouw", "transport"]
        self.werkgever_orgs = Organisation.objects.bulk_create(
            [
                OrganisationFactory.build(
                    name=f"Werkgever {i + 1} ({sectors[i % len(sectors)]})",
                    kind=k.WERKGEVER,
                    sector=sectors[i % len(sectors)],
                    region=rng.choices(self.regions, self.region_weights)[0],
                )
                for i in range(self.scale.werkgevers)
            ]
        )
        self.werkgevers = self._users(
            [
                {
                    "email": email("werkgever", i),
                    "full_name": _name(rng),
                    "role": Role.WERKGEVER,
                    "organisation": org,
                }
                for i, org in enumerate(self.werkgever_orgs)
            ]
        )
        self.opleider_orgs = Organisation.objects.bulk_create(
            [
                OrganisationFactory.build(
                    name=f"Opleider {i + 1}",
                    kind=k.OPLEIDER,
                    sector="onderwijs",
                    region=rng.choice(self.regions),
                )
                for i in range(8)
            ]
        )
        self.opleiders = self._users(
            [
                {
                    "email": email("opleider", i),
                    "full_name": _name(rng),
                    "role": Role.OPLEIDER,
                    "organisation": org,
                }
                for i, org in enumerate(self.opleider_orgs)
            ]
        )

    def trajecten(self) -> None:
        from accounts.models import Role
        from journeys.models import JOURNEY, EntryRoute, PhaseChange, Traject
        from onboarding.models import Uitval
        from tests.factories import PhaseChangeFactory, TrajectFactory
        from workspace.demo import DAYS_IN

        rng, n = self.rng, self.scale.trajecten
        homes = [rng.choices(self.regions, self.region_weights)[0] for _ in range(n)]
        self.overstappers = self._users(
            [
                {
                    "email": email("o", i),
                    "full_name": _name(rng),
                    "role": Role.OVERSTAPPER,
                    "home_region": homes[i],
                }
                for i in range(n)
            ]
        )
        journey = [str(p) for p in JOURNEY]
        trajecten, histories, drops = [], [], {}
        for i, user in enumerate(self.overstappers):
            phase = phase_of(i)
            dropped_after = None
            if phase == "uitgevallen":
                dropped_after = rng.choice(journey[:7])
            target = dropped_after or phase
            steps = journey[: journey.index(target) + 1]
            spent = [max(1.0, rng.expovariate(1 / DAYS_IN[p])) for p in steps[:-1]]
            current = max(0.5, rng.expovariate(1 / DAYS_IN.get(target, 200)))
            if dropped_after:
                current = rng.uniform(1, 300)
            at = self.now - timedelta(days=sum(spent) + current)
            history = [("", steps[0], at)]
            for previous, step_to, days in zip(steps, steps[1:], spent, strict=False):
                at += timedelta(days=days)
                history.append((previous, step_to, at))
            if dropped_after:
                at += timedelta(days=rng.uniform(1, 20))
                history.append((dropped_after, "uitgevallen", at))
                drops[i] = (dropped_after, at)
            consent = rng.random() < 0.15
            trajecten.append(
                TrajectFactory.build(
                    overstapper=user,
                    phase=phase,
                    phase_since=history[-1][2],
                    coach=self.coaches[i % len(self.coaches)],
                    region=homes[i],
                    target_sector=rng.choice(TARGET_SECTORS),
                    herkomst_sector=rng.choice(HERKOMST),
                    entry_route=rng.choice(EntryRoute.values),
                    ongekend_talent=[rng.choice(["55plus", "herintreder", "statushouder"])]
                    if consent
                    else [],
                    ongekend_talent_consent_at=history[0][2] if consent else None,
                )
            )
            histories.append(history)
        self.traject_list = Traject.objects.bulk_create(trajecten, batch_size=2000)
        PhaseChange.objects.bulk_create(
            [
                PhaseChangeFactory.build(
                    traject=t,
                    from_phase=from_phase,
                    to_phase=to_phase,
                    at=at,
                    by=t.coach,
                    reason="Stap afgerond." if from_phase else "Aangemeld.",
                )
                for t, history in zip(self.traject_list, histories, strict=True)
                for from_phase, to_phase, at in history
            ],
            batch_size=5000,
        )
        Uitval.objects.bulk_create(
            [
                Uitval(
                    traject=self.traject_list[i],
                    phase=phase,
                    reason=rng.choice(Uitval.Reason.values),
                    by=self.traject_list[i].coach,
                    at=at,
                )
                for i, (phase, at) in drops.items()
            ]
        )
        # created_at is auto_now_add: set it to the sign-up moment, as if it had happened then.
        from django.db.models import OuterRef, Subquery

        first = PhaseChange.objects.filter(traject=OuterRef("pk")).order_by("at").values("at")[:1]
        Traject.objects.filter(pk__gte=self.traject_list[0].pk).update(created_at=Subquery(first))

    # --- profiles and vacatures -----------------------------------------------------------

    def profiles(self) -> None:
        from profiles import wendbaarheid
        from profiles.models import (
            BOUWSTENEN,
            EvidenceType,
            Experience,
            Profile,
            ProfileDrijfveer,
            ProfileShare,
            ProfileSkill,
        )
        from taxonomy.models import Drijfveer, Skill, Talent
        from tests.factories import ProfileFactory

        rng = self.rng
        skills = list(Skill.objects.values_list("pk", "sectors"))
        self.skills_by_sector: dict[str, list[int]] = {}
        for pk, sectors in skills:
            for s in sectors or ["algemeen"]:
                self.skills_by_sector.setdefault(s, []).append(pk)
        self.all_skills = [pk for pk, _s in skills]
        drives = list(Drijfveer.objects.values_list("pk", flat=True))
        talents = list(Talent.objects.values_list("pk", flat=True))
        niveaus = ["mbo2", "mbo3", "mbo4", "mbo4", "hbo", "hbo", "wo"]
        with_profile = [
            (i, t)
            for i, t in enumerate(self.traject_list)
            if t.phase not in ("aanmelding", "orientatie") or rng.random() < 0.4
        ]
        profiles = []
        for _i, t in with_profile:
            answers = [rng.randint(2, 5) for _ in wendbaarheid.STATEMENTS]
            complete = t.phase != "profiel" or rng.random() < 0.5
            steps = BOUWSTENEN if complete else rng.sample(BOUWSTENEN, rng.randint(1, 5))
            profiles.append(
                ProfileFactory.build(
                    user=t.overstapper,
                    talents_own_words="Ik werk graag met mensen en pak dingen praktisch aan.",
                    wendbaarheid_answers=answers,
                    wendbaarheid_score=wendbaarheid.score(answers),
                    niveau=rng.choice(niveaus),
                    niveau_basis=rng.choice(["diploma", "informeel"]),
                    ambition=f"Aan de slag in de {t.target_sector}.",
                    motivation="Ik wil werk doen dat ertoe doet en blijven leren.",
                    target_sectors=[t.target_sector],
                    min_net_income=Decimal(rng.randrange(1700, 3200, 50))
                    if rng.random() < 0.7
                    else None,
                    hours_per_week=rng.choice([24, 28, 32, 32, 36, 36, 40]),
                    proud_of="Ik heb een team door een reorganisatie geloodst.",
                    completed_steps=[s for s in BOUWSTENEN if s in steps],
                )
            )
        self.profile_list = Profile.objects.bulk_create(profiles, batch_size=2000)
        self.profile_by_user = {p.user_id: p for p in self.profile_list}
        self.traject_by_user = {t.overstapper_id: t for t in self.traject_list}
        evidence = EvidenceType.values
        rows, drive_rows, talent_rows, experiences, shares = [], [], [], [], []
        through = Profile.talents.through
        for p in self.profile_list:
            t = self.traject_by_user[p.user_id]
            own = self.skills_by_sector.get(t.target_sector, self.all_skills)
            chosen = set(rng.sample(own, min(len(own), rng.randint(5, 12))))
            chosen |= set(rng.sample(self.all_skills, rng.randint(3, 8)))
            for sid in chosen:
                validated = rng.random() < 0.1
                rows.append(
                    ProfileSkill(
                        profile=p,
                        skill_id=sid,
                        level=min(5, max(1, round(rng.gauss(3, 1)))),
                        evidence_type=rng.choice(evidence),
                        validated_at=self.now if validated else None,
                        validated_by=t.coach if validated else None,
                    )
                )
            for rank, did in enumerate(rng.sample(drives, 5), start=1):
                drive_rows.append(ProfileDrijfveer(profile=p, drijfveer_id=did, rank=rank))
            for tid in rng.sample(talents, rng.randint(3, 6)):
                talent_rows.append(through(profile_id=p.pk, talent_id=tid))
            for k in range(rng.randint(1, 4)):
                start = rng.randint(1995, 2022)
                experiences.append(
                    Experience(
                        profile=p,
                        kind=rng.choice(Experience.Kind.values),
                        title=f"Functie {k + 1}",
                        organisation=f"Organisatie {rng.randint(1, 500)}",
                        start_year=start,
                        end_year=start + rng.randint(1, 8) if k else None,
                    )
                )
            if rng.random() < 0.8:
                shares.append(
                    ProfileShare(
                        profile=p,
                        grantee=t.coach,
                        purpose=ProfileShare.Purpose.COACH,
                        created_at=t.phase_since,
                    )
                )
        ProfileSkill.objects.bulk_create(rows, batch_size=5000)
        ProfileDrijfveer.objects.bulk_create(drive_rows, batch_size=5000)
        through.objects.bulk_create(talent_rows, batch_size=5000)
        Experience.objects.bulk_create(experiences, batch_size=5000)
        ProfileShare.objects.bulk_create(shares, batch_size=5000)

    def vacatures(self) -> None:
        from matching.models import Vacature, VacatureSkill, VacatureTask
        from taxonomy.models import Beroep, Drijfveer, Talent
        from tests.factories import VacatureFactory

        rng = self.rng
        beroepen: dict[str, list] = {}
        for b in Beroep.objects.prefetch_related("beroep_skills"):
            beroepen.setdefault(b.sector, []).append(b)
        drives = list(Drijfveer.objects.values_list("pk", flat=True))
        talents = list(Talent.objects.values_list("pk", flat=True))
        specs, rows = [], []
        for i in range(self.scale.vacatures):
            index = i % len(self.werkgever_orgs)
            org, by = self.werkgever_orgs[index], self.werkgevers[index]
            beroep = rng.choice(beroepen.get(org.sector) or beroepen["zorg"])
            roll = rng.random()
            status = "open" if roll < 0.85 else "gesloten" if roll < 0.95 else "concept"
            published = self.now - timedelta(days=rng.uniform(1, 120))
            low = rng.randrange(2300, 4200, 100)
            opleider = rng.choice(self.opleider_orgs) if rng.random() < 0.3 else None
            rows.append(
                VacatureFactory.build(
                    organisation=org,
                    created_by=by,
                    title=f"{beroep.label_nl} ({i + 1})",
                    description="Een baan met ruimte om het vak te leren.",
                    sector=beroep.sector or org.sector,
                    region=org.region if rng.random() < 0.9 else rng.choice(self.regions),
                    landelijk=rng.random() < 0.1,
                    hours_per_week=rng.choice([24, 28, 32, 36, 38]),
                    salary_min=Decimal(low),
                    salary_max=Decimal(low + rng.randrange(300, 1500, 100)),
                    niveau=beroep.niveau,
                    is_leerwerkplek=opleider is not None,
                    opleider=opleider,
                    beroep=beroep,
                    status=status,
                    published_at=published if status != "concept" else None,
                    closed_at=published + timedelta(days=30) if status == "gesloten" else None,
                )
            )
            specs.append(beroep)
        self.vacature_list = Vacature.objects.bulk_create(rows, batch_size=2000)
        skill_rows, tasks, drive_rows, talent_rows = [], [], [], []
        for v, beroep in zip(self.vacature_list, specs, strict=True):
            chosen = {bs.skill_id: bs.essential for bs in beroep.beroep_skills.all()}
            pool = self.skills_by_sector.get(v.sector, self.all_skills)
            for sid in rng.sample(pool, min(len(pool), rng.randint(2, 6))):
                chosen.setdefault(sid, False)
            for sid, essential in chosen.items():
                skill_rows.append(
                    VacatureSkill(
                        vacature=v, skill_id=sid, min_level=rng.randint(2, 4), essential=essential
                    )
                )
            for k in range(rng.randint(0, 3)):
                tasks.append(VacatureTask(vacature=v, description=f"Taak {k + 1}", niveau=v.niveau))
            for did in rng.sample(drives, rng.randint(0, 3)):
                drive_rows.append(Vacature.drijfveren.through(vacature_id=v.pk, drijfveer_id=did))
            for tid in rng.sample(talents, rng.randint(0, 4)):
                talent_rows.append(Vacature.talents.through(vacature_id=v.pk, talent_id=tid))
        VacatureSkill.objects.bulk_create(skill_rows, batch_size=5000)
        VacatureTask.objects.bulk_create(tasks, batch_size=5000)
        Vacature.drijfveren.through.objects.bulk_create(drive_rows, batch_size=5000)
        Vacature.talents.through.objects.bulk_create(talent_rows, batch_size=5000)

    def matches(self) -> None:
        """The nightly full rescore, chunk by chunk as the workers run it (in this process)."""
        from matching import services
        from matching.models import Match, MatchRun

        run = MatchRun.objects.create(status=MatchRun.Status.QUEUED)
        for index, chunk in enumerate(services.match_run_plan(run_id=run.pk)):
            services.match_run_chunk(run_id=run.pk, index=index, profile_ids=chunk)
        run = services.match_run_finish(run_id=run.pk)
        self.log(f"  {run.matches_written} matches written ({Match.objects.count()} rows)")

    def applications(self) -> None:
        from matching.models import Application, ApplicationEvent, Match
        from profiles.models import ProfileShare
        from tests.factories import ApplicationFactory

        rng, s = self.rng, Application.Status
        wants = {
            "match": lambda: [s.INTERESSE] * rng.choice([0, 1, 1, 2]),
            "selectie": lambda: [rng.choice([s.MEELOOPDAG, s.ONDERZOEK, s.SELECTIE, s.CONTRACT])],
            "leerwerktraject": lambda: [s.GETEKEND],
            "onboarding": lambda: [s.GETEKEND],
            "nazorg": lambda: [s.GETEKEND],
            "afgerond": lambda: [s.GETEKEND],
        }
        order = [s.INTERESSE, s.MEELOOPDAG, s.ONDERZOEK, s.SELECTIE, s.CONTRACT, s.GETEKEND]
        top: dict[int, list[int]] = {}
        for profile_id, vacature_id in (
            Match.objects.filter(vacature__status="open")
            .order_by("profile_id", "-score")
            .values_list("profile_id", "vacature_id")
        ):
            top.setdefault(profile_id, []).append(vacature_id)
        by_id = {v.pk: v for v in self.vacature_list}
        apps, events, shares = [], [], []
        self.employer_of: dict[int, int] = {}  # traject id -> werkgever organisation id
        for p in self.profile_list:
            t = self.traject_by_user[p.user_id]
            statuses = wants.get(t.phase, lambda: [])()
            choices = [v for v in top.get(p.pk, [])[:10] if v in by_id]
            for status, vid in zip(
                statuses, rng.sample(choices, min(len(choices), 2)), strict=False
            ):
                v = by_id[vid]
                app = ApplicationFactory.build(
                    profile=p,
                    vacature=v,
                    status=status,
                    onderzoek_started_at=self.now - timedelta(days=rng.randint(5, 50))
                    if status == s.ONDERZOEK
                    else None,
                    contract_conditions="Diploma behaald binnen een jaar."
                    if status in (s.CONTRACT, s.GETEKEND)
                    else "",
                    contract_signed_at=t.phase_since if status == s.GETEKEND else None,
                )
                apps.append((app, order[: order.index(status) + 1]))
                shares.append(
                    ProfileShare(
                        profile=p,
                        grantee_id=v.created_by_id,
                        purpose=ProfileShare.Purpose.VACATURE,
                        vacature=v.title,
                        for_vacature=v,
                        created_at=t.phase_since - timedelta(days=10),
                    )
                )
                if status == s.GETEKEND:
                    self.employer_of[t.pk] = v.organisation_id
        Application.objects.bulk_create([a for a, _steps in apps], batch_size=2000)
        for app, steps in apps:
            previous = ""
            for step in steps:
                events.append(
                    ApplicationEvent(application=app, from_status=previous, to_status=step)
                )
                previous = step
        ApplicationEvent.objects.bulk_create(events, batch_size=5000)
        ProfileShare.objects.bulk_create(shares, batch_size=5000)

    # --- the coach's workspace, onboarding, financing -----------------------------------

    def workspace(self) -> None:
        from journeys.models import Appointment, Note
        from tests.factories import AppointmentFactory, NoteFactory

        rng = self.rng
        notes, appointments = [], []
        for t in self.traject_list:
            if t.phase in ("afgerond", "uitgevallen"):
                continue
            for _k in range(rng.randint(0, 5)):
                notes.append(
                    NoteFactory.build(
                        traject=t,
                        author=t.coach,
                        text=rng.choice(NOTE_TEXTS),
                        shared=rng.random() < 0.3,
                        created_at=t.phase_since + (self.now - t.phase_since) * rng.random(),
                    )
                )
            for _k in range(rng.randint(0, 2)):
                appointments.append(
                    AppointmentFactory.build(
                        traject=t,
                        coach=t.coach,
                        kind=rng.choice(Appointment.Kind.values),
                        starts_at=self.now + timedelta(days=rng.uniform(-60, 30)),
                        location="Kantoor",
                        reminded_at=self.now,
                    )
                )
        Note.objects.bulk_create(notes, batch_size=5000)
        Appointment.objects.bulk_create(appointments, batch_size=5000)

    def onboarding(self) -> None:
        from onboarding.models import (
            Alert,
            CheckIn,
            Inschrijving,
            Leerwerktraject,
            Module,
            ModuleProgress,
            OnboardingItem,
            OnboardingPlan,
            StartMoment,
        )
        from onboarding.services import default_template

        rng = self.rng
        offers = Leerwerktraject.objects.bulk_create(
            [
                Leerwerktraject(
                    opleider=org,
                    title=f"Superscholing {sector} ({org.name})",
                    sector=sector,
                    weekly_hours=8,
                    published_at=self.now - timedelta(days=800),
                )
                for org in self.opleider_orgs
                for sector in ("zorg", "onderwijs", "techniek", "ict")
            ]
        )
        modules = Module.objects.bulk_create(
            [
                Module(
                    leerwerktraject=lwt, title=f"Module {k + 1}", hours=40 * (k + 1), order=k + 1
                )
                for lwt in offers
                for k in range(4)
            ]
        )
        modules_of: dict[int, list] = {}
        for m in modules:
            modules_of.setdefault(m.leerwerktraject_id, []).append(m)
        first = (self.today - timedelta(days=730)).replace(day=1)
        moments = StartMoment.objects.bulk_create(
            [
                StartMoment(
                    leerwerktraject=lwt,
                    starts_on=(first + timedelta(days=31 * k)).replace(day=1),
                    places=500,
                )
                for lwt in offers
                for k in range(30)
            ]
        )
        by_offer: dict[tuple[str, int], list] = {}
        for moment in moments:
            lwt = next(o for o in offers if o.pk == moment.leerwerktraject_id)
            by_offer.setdefault((lwt.sector, lwt.pk), []).append(moment)
        template = default_template()
        items = list(template.items.all())
        enrolments, plans, checkins, alerts = [], [], [], []
        for t in self.traject_list:
            if t.phase not in ("leerwerktraject", "onboarding", "nazorg"):
                continue
            options = [ms for (sector, _pk), ms in by_offer.items() if sector == t.target_sector]
            moment_list = rng.choice(options)
            started = t.phase_since.date() if t.phase == "leerwerktraject" else None
            started = started or (t.phase_since - timedelta(days=150)).date()
            moment = min(moment_list, key=lambda m, d=started: abs((m.starts_on - d).days))
            enrolments.append(
                Inschrijving(
                    traject=t,
                    start_moment=moment,
                    werkgever_id=self.employer_of.get(t.pk),
                    created_at=t.phase_since,
                )
            )
            employer = self.employer_of.get(t.pk)
            if t.phase in ("onboarding", "nazorg") and employer:
                plans.append(
                    OnboardingPlan(
                        traject=t,
                        werkgever_id=employer,
                        template=template,
                        starts_on=t.phase_since.date() if t.phase == "onboarding" else started,
                    )
                )
            months = min(6, max(1, (self.now - t.phase_since).days // 30))
            for k in range(months):
                due = (self.today.replace(day=1) - timedelta(days=31 * k)).replace(day=1)
                filled = rng.random() < 0.8
                checkins.append(
                    CheckIn(
                        traject=t,
                        due_on=due,
                        motivatie=rng.randint(1, 5) if filled else None,
                        betrokkenheid=rng.randint(2, 5) if filled else None,
                        team=rng.randint(2, 5) if filled else None,
                        uitdaging=rng.randint(2, 5) if filled else None,
                        emailed_at=self.now - timedelta(days=31 * k),
                        filled_at=self.now - timedelta(days=31 * k - 2) if filled else None,
                    )
                )
            if rng.random() < 0.12:
                kind = rng.choice([Alert.Kind.LOW_WERKGELUK, Alert.Kind.MISSED_CHECKIN])
                alerts.append(
                    Alert(
                        traject=t,
                        coach=t.coach,
                        kind=kind,
                        key=self.today.strftime("%Y-%m"),
                        message=str(kind.label),
                    )
                )
        Inschrijving.objects.bulk_create(enrolments, batch_size=2000)
        ModuleProgress.objects.bulk_create(
            [
                ModuleProgress(inschrijving=e, module=m, percent=rng.choice([0, 25, 50, 100]))
                for e in enrolments
                for m in modules_of[e.start_moment.leerwerktraject_id]
            ],
            batch_size=5000,
        )
        OnboardingPlan.objects.bulk_create(plans, batch_size=2000)
        OnboardingItem.objects.bulk_create(
            [
                OnboardingItem(
                    plan=plan,
                    title=item.title,
                    owner_role=item.owner_role,
                    due_on=plan.starts_on + timedelta(days=item.due_day),
                    done_at=self.now
                    if plan.starts_on + timedelta(days=item.due_day) < self.today
                    and rng.random() < 0.85
                    else None,
                )
                for plan in plans
                for item in items
            ],
            batch_size=5000,
        )
        CheckIn.objects.bulk_create(checkins, batch_size=5000)
        Alert.objects.bulk_create(alerts, batch_size=2000)

    def financing(self) -> None:
        """Plans through the real service (norms per sector): for most trajecten past match."""
        from financing.services import plan_create

        count = 0
        for t in self.traject_list:
            if t.phase in ("selectie", "leerwerktraject", "onboarding") and self.rng.random() < 0.5:
                plan_create(traject=t, by=t.coach)
                count += 1
        self.log(f"  {count} financing plans")


def ensure_reports(*, log=print) -> int:
    """Per loket region two finished monthly-style reports, computed by the real service."""
    from django.utils import timezone

    from accounts.models import Role, User
    from reports.models import ReportRun
    from reports.services import report_run_execute

    made = 0
    began = time.perf_counter()
    end = timezone.localdate()
    start = date(end.year - 1, end.month, 1)
    for user in User.objects.filter(role=Role.LOKET, email__endswith="@" + DOMAIN).select_related(
        "organisation__region"
    ):
        region = user.organisation.region
        for breakdown in ("none", "sector"):
            run, created = ReportRun.objects.get_or_create(
                region=region,
                period_start=start,
                period_end=end,
                parameters={"breakdown": breakdown},
                defaults={"requested_by": user},
            )
            if created or run.status != ReportRun.Status.DONE:
                report_run_execute(run_id=run.pk)
                made += 1
    if made:
        log(f"reports          {made} computed in {time.perf_counter() - began:.0f} s")
    return made
