"""Demo data drawn from the seeds: organisations named there and overstappers modelled on the
people whose stories the seeds tell (the surnames are made up)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from decimal import Decimal as D
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Organisation, Region, Role, Sector, User
from financing import services as fs
from financing.models import FinancingPlan
from journeys.models import JOURNEY, EntryRoute, Phase, Traject
from journeys.services import traject_change_phase, traject_create
from matching import services as ms
from matching.models import Application, Vacature
from onboarding import services as os_
from onboarding.models import Leerwerktraject, OnboardingPlan, StartMoment
from orientatie.demo import seed_orientatie
from profiles import services as ps
from profiles.models import Profile, ProfileShare
from profiles.services import profile_get_or_create
from taxonomy.models import Beroep, Drijfveer, Skill, Talent

from .history import build_history

DEMO_PASSWORD = "loopbrug-demo"
DEMO_DOMAIN = "demo.loopbrug.nl"

K = Organisation.Kind
ORGANISATIONS = [
    # Latende werkgevers (seed 003: the Proeftuinen)
    ("ING", K.WERKGEVER, Sector.FINANCIEEL, "groot-amsterdam"),
    ("APG", K.WERKGEVER, Sector.FINANCIEEL, "zuid-limburg"),
    ("NS", K.WERKGEVER, Sector.TRANSPORT, "midden-utrecht"),
    ("KPN", K.WERKGEVER, Sector.ICT, "haaglanden"),
    # Ontvangende werkgevers
    ("Yuverta", K.WERKGEVER, Sector.ONDERWIJS, "noordoost-brabant"),
    ("Inergy", K.WERKGEVER, Sector.ICT, "noordoost-brabant"),
    ("Onderwijsgroep Amstelland", K.WERKGEVER, Sector.ONDERWIJS, "groot-amsterdam"),
    ("Hoppenbrouwers Techniek", K.WERKGEVER, Sector.TECHNIEK, "west-brabant"),
    ("Cordaan", K.WERKGEVER, Sector.ZORG, "groot-amsterdam"),
    # Opleiders
    ("HAN University of Applied Sciences", K.OPLEIDER, Sector.ONDERWIJS, "rijk-van-nijmegen"),
    ("NCOI", K.OPLEIDER, Sector.ONDERWIJS, "gooi-en-vechtstreek"),
    # Coaching, loket, funders
    ("De Buitenboordmotor loopbaanbegeleiding", K.COACHBUREAU, Sector.OVERIG, "groot-amsterdam"),
    ("Werkgeversservicepunt Groot Amsterdam", K.LOKET, Sector.OVERHEID, "groot-amsterdam"),
    ("UWV", K.FONDS_OVERHEID, Sector.OVERHEID, "groot-amsterdam"),
]


@dataclass
class Person:
    key: str
    full_name: str
    role: str
    organisation: str | None = None
    # A TOTP device with a key made at random for this database (never a committed secret).
    second_factor: bool = False


STAFF = [
    Person(
        "coach",
        "Marieke Jansen",
        Role.COACH,
        "De Buitenboordmotor loopbaanbegeleiding",
        second_factor=True,
    ),
    Person(
        "coach2",
        "Ahmed Bakker",
        Role.COACH,
        "De Buitenboordmotor loopbaanbegeleiding",
        second_factor=True,
    ),
    Person("werkgever", "Sandra de Vries (HR Cordaan)", Role.WERKGEVER, "Cordaan"),
    Person("opleider", "Peter Willems (HAN)", Role.OPLEIDER, "HAN University of Applied Sciences"),
    Person("werkgever-inergy", "Yvonne Bos (Inergy)", Role.WERKGEVER, "Inergy"),
    Person("opleider-ncoi", "Lotte de Wit (NCOI)", Role.OPLEIDER, "NCOI"),
    Person(
        "werkgever-amstelland",
        "Karim Haddou (Amstelland)",
        Role.WERKGEVER,
        "Onderwijsgroep Amstelland",
    ),
    Person(
        "loket",
        "Fatima El Idrissi",
        Role.LOKET,
        "Werkgeversservicepunt Groot Amsterdam",
        second_factor=True,
    ),
    Person(
        "beheerder",
        "Bram Beheer",
        Role.BEHEERDER,
        second_factor=True,
    ),
]


@dataclass
class Overstapper:
    key: str
    full_name: str
    phase: str
    region: str
    target_sector: str
    herkomst_sector: str = ""
    latende_werkgever: str | None = None
    entry_route: str = EntryRoute.ZELF
    coach: str | None = "coach"  # None: signed up alone, waiting in the intake list
    ongekend_talent: list[str] = field(default_factory=list)
    dropped_after: str | None = None  # for uitgevallen: the phase they left in
    days_in_current: int = 10


OVERSTAPPERS = [
    Overstapper(
        "arjan",
        "Arjan de Groot",
        Phase.AFGEROND,
        "groot-amsterdam",
        Sector.ICT,
        Sector.FINANCIEEL,
        "ING",
        EntryRoute.LATENDE_WERKGEVER,
        days_in_current=30,
    ),
    Overstapper(
        "jenny",
        "Jenny Smeets",
        Phase.NAZORG,
        "groot-amsterdam",
        Sector.ONDERWIJS,
        Sector.FINANCIEEL,
        "APG",
        EntryRoute.LATENDE_WERKGEVER,
        days_in_current=120,
    ),
    Overstapper(
        "krista",
        "Krista Hendriks",
        Phase.ONBOARDING,
        "groot-amsterdam",
        Sector.ZORG,
        days_in_current=45,
    ),
    Overstapper(
        "miranda",
        "Miranda Kok",
        Phase.LEERWERKTRAJECT,
        "groot-amsterdam",
        Sector.TECHNIEK,
        Sector.TRANSPORT,
        "NS",
        EntryRoute.LATENDE_WERKGEVER,
        days_in_current=60,
    ),
    Overstapper(
        "frans",
        "Frans Mulder",
        Phase.SELECTIE,
        "groot-amsterdam",
        Sector.ONDERWIJS,
        Sector.ICT,
        "KPN",
        EntryRoute.LATENDE_WERKGEVER,
        coach="coach2",
        days_in_current=38,
    ),
    Overstapper(
        "qizhi",
        "Qizhi Liu",
        Phase.MATCH,
        "groot-amsterdam",
        Sector.ICT,
        entry_route=EntryRoute.GEMEENTE,
        ongekend_talent=["herkomst_buiten_europa"],
        days_in_current=12,
    ),
    Overstapper(
        "jitske",
        "Jitske Vermeulen",
        Phase.PROFIEL,
        "groot-amsterdam",
        Sector.ZORG,
        days_in_current=9,
    ),
    Overstapper(
        "lennard",
        "Lennard Peters",
        Phase.ORIENTATIE,
        "groot-amsterdam",
        Sector.ZORG,
        entry_route=EntryRoute.UWV,
        ongekend_talent=["arbeidsbijzonderheid"],
        days_in_current=101,
    ),
    Overstapper(
        "noor",
        "Noor Visser",
        Phase.UITGEVALLEN,
        "groot-amsterdam",
        Sector.ZORG,
        dropped_after=Phase.SELECTIE,
        coach="coach2",
        days_in_current=20,
    ),
    Overstapper(
        "sem",
        "Sem van Dijk",
        Phase.AANMELDING,
        "zuid-limburg",
        Sector.TECHNIEK,
        entry_route=EntryRoute.LOKET,
        days_in_current=3,
    ),
    # Signed up on her own four days ago and waits in the intake list for a coach.
    Overstapper(
        "sanne",
        "Sanne Visser",
        Phase.AANMELDING,
        "groot-amsterdam",
        Sector.ONDERWIJS,
        coach=None,
        days_in_current=4,
    ),
]

# Jitske's Persoonlijk Profiel follows the sample profile in seed 003 (L3802–3983).
JITSKE_PROFILE = {
    "talents": [
        "betrokken",
        "sociaal",
        "ruimdenkend",
        "tolerant",
        "empathisch",
        "oplossingsgericht",
    ],
    "own_words": "Ik zet mij graag in voor anderen en denk graag mee in situaties.",
    "skills": [
        ("actief-luisteren", 5, "werkervaring"),
        ("goed-observeren", 5, "werkervaring"),
        ("plannen-en-organiseren", 4, "werkervaring"),
        ("samenwerken-in-een-team", 4, "feedback"),
        ("nauwkeurig-werken", 4, "zelf"),
        ("budgetten-bewaken", 3, "werkervaring"),
    ],
    "drijfveren": ["zingeving", "maatschappelijke-bijdrage", "groei", "samenwerking", "veiligheid"],
    "niveau": ("hbo", "informeel", "Cognitieve tests: ver bovengemiddeld op hbo-niveau."),
    "ambition": "Leerkracht worden in het basisonderwijs.",
    "motivation": (
        "Met een baan in het onderwijs hoop ik mijn natuurlijke kracht en talenten te benutten, "
        "en vanuit veiligheid en vertrouwen leerlingen uit te dagen in leren en ontwikkelen."
    ),
    "beroepen": ["leraar-basisonderwijs", "onderwijsassistent"],
    "experiences": [
        ("werk", "Casting director", "Groen Casting", 2015, None),
        ("werk", "Producer en officemanager", "Earforce BV", 2005, 2015),
        ("werk", "Gastvrouw en shiftleader", "Restaurant De Duvel", 2000, 2005),
        ("opleiding", "Media en Cultuur", "Universiteit van Amsterdam", 2001, 2002),
        ("vrijwillig", "Mede-opzet van The Buddy Project", "The Buddy Project", None, None),
    ],
    "proud_of": "Ik wandel graag en sport drie of vier keer per week.",
}

DEMO_LOGINS = ["jitske", "coach", "werkgever", "opleider", "loket", "beheerder"]

# Days spent in each phase before moving on (seed 003: orientation ~3 months, etc.).
DAYS_IN = {
    Phase.AANMELDING: 7,
    Phase.ORIENTATIE: 80,
    Phase.PROFIEL: 21,
    Phase.MATCH: 30,
    Phase.SELECTIE: 28,
    Phase.LEERWERKTRAJECT: 180,
    Phase.ONBOARDING: 100,
    Phase.NAZORG: 250,
}


def email_for(key: str) -> str:
    return f"{key}@{DEMO_DOMAIN}"


@cache
def _demo_password_hash() -> str:
    """One hash of the published demo password for every demo account: hashing it twenty
    times costs more than the whole demo history."""
    return make_password(DEMO_PASSWORD)


def _user(*, key: str, full_name: str, role: str, organisation=None, home_region=None) -> User:
    user, created = User.objects.get_or_create(
        email=email_for(key),
        defaults={
            "full_name": full_name,
            "role": role,
            "organisation": organisation,
            "home_region": home_region,
            "is_staff": role == Role.BEHEERDER,
            # A demo superuser with a published password exists only in development.
            "is_superuser": role == Role.BEHEERDER and settings.DEBUG,
            "email_confirmed_at": timezone.now(),
        },
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


def _walk(*, overstapper: Overstapper, user: User, coach: User | None, region: Region) -> None:
    target = overstapper.dropped_after or overstapper.phase
    steps = JOURNEY[: JOURNEY.index(target) + 1]
    total_days = sum(DAYS_IN.get(p, 0) for p in steps[:-1]) + overstapper.days_in_current
    at = timezone.now() - timedelta(days=total_days)
    traject = traject_create(
        overstapper=user,
        region=region,
        entry_route=overstapper.entry_route,
        coach=coach,
        target_sector=overstapper.target_sector,
        by=coach,
        at=at,
    )
    traject.created_at = at  # auto_now_add set it to now; the demo history starts at `at`
    traject.herkomst_sector = overstapper.herkomst_sector
    if overstapper.latende_werkgever:
        traject.latende_werkgever = Organisation.objects.get(
            name=overstapper.latende_werkgever, kind=Organisation.Kind.WERKGEVER
        )
    if overstapper.ongekend_talent:
        traject.ongekend_talent = overstapper.ongekend_talent
        traject.ongekend_talent_consent_at = at
    traject.save()
    for previous, phase in zip(steps, steps[1:], strict=False):
        at += timedelta(days=DAYS_IN[previous])
        traject_change_phase(
            traject=traject, to_phase=phase, by=coach, reason="Demo: stap afgerond.", at=at
        )
    if overstapper.dropped_after:
        traject_change_phase(
            traject=traject,
            to_phase=Phase.UITGEVALLEN,
            by=coach,
            reason="Demo: meeloopdag liet zien dat het werk niet paste.",
            at=at + timedelta(days=5),
        )


@transaction.atomic
def seed_demo() -> list[tuple[str, str, str]]:
    """Create the demo world once; running it again changes nothing."""
    _demo_password_hash.cache_clear()  # hashed with this run's settings
    regions = {r.code: r for r in Region.objects.all()}
    orgs = {}
    for name, kind, sector, region in ORGANISATIONS:
        orgs[name], _ = Organisation.objects.get_or_create(
            name=name, kind=kind, defaults={"sector": sector, "region": regions[region]}
        )
    staff = {}
    for person in STAFF:
        user = _user(
            key=person.key,
            full_name=person.full_name,
            role=person.role,
            organisation=orgs.get(person.organisation),
        )
        if person.second_factor:
            # TOTPDevice's default key is 20 random bytes: a new secret per database.
            TOTPDevice.objects.get_or_create(user=user, name="Demo", defaults={"confirmed": True})
        staff[person.key] = user
    for overstapper in OVERSTAPPERS:
        region = regions[overstapper.region]
        user = _user(
            key=overstapper.key,
            full_name=overstapper.full_name,
            role=Role.OVERSTAPPER,
            home_region=region,
        )
        if not user.trajecten.exists():
            coach = staff[overstapper.coach] if overstapper.coach else None
            if coach is None:
                user.intake_consent_at = timezone.now() - timedelta(
                    days=overstapper.days_in_current
                )
                user.save(update_fields=["intake_consent_at"])
            _walk(overstapper=overstapper, user=user, coach=coach, region=region)
    _demo_profiles(staff)
    _demo_vacatures(staff)
    _demo_financing(staff)
    _demo_onboarding(staff)
    seed_orientatie(staff)
    # Last: the demo region's history, after the personas' world is complete.
    build_history(staff=staff)
    roles = dict(Role.choices)
    people = {p.key: p.role for p in STAFF} | {"jitske": Role.OVERSTAPPER}
    return [(str(roles[people[key]]), email_for(key), DEMO_PASSWORD) for key in DEMO_LOGINS]


def _demo_profiles(staff: dict[str, User]) -> None:
    """Jitske's profile (shared with her coach) and Krista's (shared with Cordaan)."""
    jitske = User.objects.get(email=email_for("jitske"))
    if not Profile.objects.filter(user=jitske).exists():
        data = JITSKE_PROFILE
        profile = ps.profile_get_or_create(user=jitske)
        ps.profile_save_talenten(
            profile=profile,
            talents=list(Talent.objects.filter(code__in=data["talents"])),
            own_words=data["own_words"],
        )
        for code, level, evidence in data["skills"]:
            ps.profile_skill_upsert(
                profile=profile,
                skill=Skill.objects.get(code="lb:" + code),
                level=level,
                evidence_type=evidence,
            )
        drives = {d.code: d for d in Drijfveer.objects.filter(code__in=data["drijfveren"])}
        ps.profile_save_drijfveren(profile=profile, ranked=[drives[c] for c in data["drijfveren"]])
        niveau, basis, evidence = data["niveau"]
        ps.profile_save_niveau(profile=profile, niveau=niveau, basis=basis, evidence=evidence)
        ps.profile_save_doel(
            profile=profile,
            ambition=data["ambition"],
            motivation=data["motivation"],
            target_sectors=[Sector.ONDERWIJS],
            target_beroepen=list(
                Beroep.objects.filter(code__in=["lb:" + c for c in data["beroepen"]])
            ),
            min_net_income=Decimal("2400.00"),
            hours_per_week=32,
        )
        for kind, title, organisation, start, end in data["experiences"]:
            ps.profile_experience_add(
                profile=profile,
                kind=kind,
                title=title,
                organisation=organisation,
                start_year=start,
                end_year=end,
            )
        ps.profile_save_proud_of(profile=profile, proud_of=data["proud_of"])
        ps.profile_share(
            profile=profile, grantee=staff["coach"], purpose=ProfileShare.Purpose.COACH
        )

    krista = User.objects.get(email=email_for("krista"))
    if not Profile.objects.filter(user=krista).exists():
        profile = ps.profile_get_or_create(user=krista)
        ps.profile_save_talenten(
            profile=profile,
            talents=list(Talent.objects.filter(code__in=["gedreven", "betrokken", "empathisch"])),
            own_words="Doorzettingsvermogen en motivatie.",
        )
        ps.profile_skill_upsert(
            profile=profile,
            skill=Skill.objects.get(code="lb:persoonlijke-verzorging-bieden"),
            level=3,
            evidence_type="praktijk",
        )
        ps.profile_share(
            profile=profile,
            grantee=staff["werkgever"],
            purpose=ProfileShare.Purpose.VACATURE,
            vacature="Helpende zorg en welzijn",
        )


# Vacatures of ontvangende werkgevers named in the seeds, described in skills (job carving).
VACATURES = [
    {
        "by": "werkgever",
        "beroep": "helpende-zorg-en-welzijn",
        "title": "Helpende zorg en welzijn",
        "sector": Sector.ZORG,
        "region": "groot-amsterdam",
        "hours": 28,
        "salary": ("2300", "2750"),
        "niveau": "mbo2",
        "leerwerkplek": "NCOI",
        "tasks": [
            ("Cliënten helpen bij wassen en aankleden", "mbo2"),
            ("Dagactiviteiten begeleiden", "mbo2"),
        ],
    },
    {
        "by": "werkgever-amstelland",
        "beroep": "leraar-basisonderwijs",
        "title": "Leraar basisonderwijs (zij-instroom)",
        "sector": Sector.ONDERWIJS,
        "region": "groot-amsterdam",
        "hours": 32,
        "salary": ("3200", "4500"),
        "niveau": "hbo",
        "leerwerkplek": "HAN University of Applied Sciences",
        "tasks": [
            ("Lessen voorbereiden en geven", "hbo"),
            ("Leerlingen begeleiden in de klas", "mbo4"),
        ],
    },
    {
        "by": "werkgever-inergy",
        "beroep": "data-consultant",
        "title": "Data consultant",
        "sector": Sector.ICT,
        "region": "noordoost-brabant",
        "landelijk": True,
        "hours": 36,
        "salary": ("3600", "5200"),
        "niveau": "hbo",
        "leerwerkplek": None,
        "tasks": [],
    },
]


def _demo_vacatures(staff: dict[str, User]) -> None:
    regions = {r.code: r for r in Region.objects.all()}
    created = []
    for spec in VACATURES:
        by = staff[spec["by"]]
        if Vacature.objects.filter(organisation=by.organisation, title=spec["title"]).exists():
            continue
        beroep = Beroep.objects.filter(code="lb:" + spec["beroep"]).first()
        skills = (
            [(bs.skill, 3, bs.essential) for bs in beroep.beroep_skills.select_related("skill")]
            if beroep
            else []
        )
        opleider = (
            Organisation.objects.get(name=spec["leerwerkplek"], kind=Organisation.Kind.OPLEIDER)
            if spec["leerwerkplek"]
            else None
        )
        vacature = ms.vacature_save(
            by=by,
            organisation=by.organisation,
            beroep=beroep,
            skills=skills,
            tasks=spec["tasks"],
            title=spec["title"],
            sector=spec["sector"],
            region=regions[spec["region"]],
            landelijk=spec.get("landelijk", False),
            hours_per_week=spec["hours"],
            salary_min=Decimal(spec["salary"][0]),
            salary_max=Decimal(spec["salary"][1]),
            niveau=spec["niveau"],
            is_leerwerkplek=opleider is not None,
            opleider=opleider,
        )
        ms.vacature_publish(vacature=vacature, by=by)
        created.append(vacature.pk)
    # Jitske shows interest in the teaching job; the match engine scores everyone.
    jitske = Profile.objects.get(user__email=email_for("jitske"))
    teaching = Vacature.objects.get(title="Leraar basisonderwijs (zij-instroom)")
    if not Application.objects.filter(profile=jitske, vacature=teaching).exists():
        ms.application_show_interest(profile=jitske, vacature=teaching, by=jitske.user)
    # The match engine scores the new vacatures against the personas' profiles. Only new
    # ones: a second run changes nothing, and the history's profiles (built last) do not
    # push the personas out of their matches.
    for vacature in Vacature.objects.open().filter(pk__in=created):
        ms.rescore_vacature(vacature_id=vacature.pk)


def _demo_financing(staff: dict[str, User]) -> None:
    """Arjan's plan after the seed (ING → Inergy, contract to contract: financieel veilig),
    and Jitske's plan as her coach just started it (gaps still open)."""
    coach = staff["coach"]
    arjan = Traject.objects.get(overstapper__email=email_for("arjan"))
    if not FinancingPlan.objects.filter(traject=arjan).exists():
        inergy_job = Vacature.objects.get(title="Data consultant")
        profile = profile_get_or_create(user=arjan.overstapper)
        Application.objects.get_or_create(
            profile=profile,
            vacature=inergy_job,
            defaults={
                "status": Application.Status.GETEKEND,
                "contract_conditions": "Data-opleiding afgerond binnen vijf maanden.",
                "contract_signed_at": timezone.now() - timedelta(days=200),
            },
        )
        plan = fs.plan_create(traject=arjan, by=coach)
        plan = fs.plan_update(
            plan=plan,
            by=coach,
            version=plan.version,
            fields={
                "income_before": D("4500"),
                "new_wage": D("4500"),
                "orientatie_months": 3,
                "overstap_months": 1,
                "leertijd_months": 5,
            },
            posts={
                kind: {"estimate": D(amount)}
                for kind, amount in {
                    "orientatieprogramma": "3000",
                    "persoonlijke_begeleiding": "1500",
                    "vakopleiding": "9000",
                    "onboarding": "6000",
                    "orientatietijd": "4140",
                    "overstaptijd": "4500",
                    "leertijd": "4500",
                    "improductiviteit": "16200",
                }.items()
            },
            income_periods=[
                {
                    "kind": "salaris_latende_werkgever",
                    "payer": "ING",
                    "first_month": 1,
                    "last_month": 4,
                    "amount": D("4500"),
                    "ww_wage": None,
                },
                {
                    "kind": "salaris_nieuwe_werkgever",
                    "payer": "Inergy",
                    "first_month": 5,
                    "last_month": 9,
                    "amount": D("4500"),
                    "ww_wage": None,
                },
            ],
        )
        for post, funder, amount in [
            ("orientatieprogramma", "latende_werkgever", "3000"),
            ("persoonlijke_begeleiding", "latende_werkgever", "1500"),
            ("vakopleiding", "latende_werkgever", "6000"),
            ("vakopleiding", "ontvangende_werkgever", "3000"),
            ("onboarding", "ontvangende_werkgever", "6000"),
            ("orientatietijd", "latende_werkgever", "4140"),
            ("overstaptijd", "latende_werkgever", "4500"),
            ("leertijd", "latende_werkgever", "2250"),
            ("leertijd", "ontvangende_werkgever", "2250"),
            ("improductiviteit", "ontvangende_werkgever", "16200"),
        ]:
            fs.contribution_create(
                plan=plan,
                by=coach,
                post_kind=post,
                funder_type=funder,
                amount=D(amount),
                status="toegezegd",
            )
    jitske = Traject.objects.get(overstapper__email=email_for("jitske"))
    if not FinancingPlan.objects.filter(traject=jitske).exists():
        fs.plan_create(traject=jitske, by=coach)


LEERWERKTRAJECTEN = [
    {
        "by": "opleider",
        "title": "Zij-instroom leraar basisonderwijs",
        "sector": Sector.ONDERWIJS,
        "weekly_hours": 8,
        "modules": [
            ("Didactiek", 120),
            ("Pedagogiek en groepsdynamiek", 80),
            ("Rekenen en taal", 60),
            ("Praktijk in de klas", 200),
        ],
    },
    {
        "by": "opleider-ncoi",
        "title": "Helpende Zorg en Welzijn (Superscholing)",
        "sector": Sector.ZORG,
        "weekly_hours": 8,
        "modules": [
            ("Basiszorg", 80),
            ("Hygiëne en veiligheid", 40),
            ("Rapporteren in het dossier", 40),
        ],
    },
]


def _demo_onboarding(staff: dict[str, User]) -> None:
    """Two Superscholing offers with monthly starts; Krista enrolled while she works at Cordaan,
    with the onboarding plan Cordaan started when she began (some items now overdue)."""
    first = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    for spec in LEERWERKTRAJECTEN:
        by = staff[spec["by"]]
        if Leerwerktraject.objects.filter(title=spec["title"]).exists():
            continue
        lwt = os_.leerwerktraject_save(
            by=by, title=spec["title"], sector=spec["sector"], weekly_hours=spec["weekly_hours"]
        )
        for title, hours in spec["modules"]:
            module = os_.module_add(by=by, leerwerktraject=lwt, title=title, hours=hours)
            os_.leeruitkomst_add(by=by, module=module, description=f"Beheerst: {title.lower()}")
        os_.start_moments_generate(by=by, leerwerktraject=lwt, first=first, count=6)
        os_.leerwerktraject_publish(by=by, leerwerktraject=lwt)

    krista = Traject.objects.get(overstapper__email=email_for("krista"))
    if not OnboardingPlan.objects.filter(traject=krista).exists():
        zorg = Leerwerktraject.objects.get(title=LEERWERKTRAJECTEN[1]["title"])
        moment = StartMoment.objects.filter(leerwerktraject=zorg).order_by("starts_on").first()
        os_.inschrijving_create(
            by=staff["coach"],
            traject=krista,
            start_moment=moment,
            werkgever=staff["werkgever"].organisation,
        )
        os_.onboarding_plan_create(
            by=staff["werkgever"], traject=krista, starts_on=krista.phase_since.date()
        )
