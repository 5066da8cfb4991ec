"""The history as plain data, no database: who signs up when, how long each phase takes,
who drops out where and why, and which coach has whom."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from accounts.models import Sector
from journeys.models import JOURNEY, EntryRoute, OngekendTalent, Phase

SEED = 19
TRAJECTEN = 2100
DAYS = 3 * 365
REGION = "groot-amsterdam"
DOMAIN = "historie.demo.loopbrug.nl"
HISTORY_COACHES = 10
# Open trajecten of the named demo coaches besides their personas (Marieke has 7 open
# personas, Ahmed 1): a caseload of about 25 each.
NAMED_COACH_OPEN = {"coach": 19, "coach2": 24}
NAMED_COACH_CLOSED = 8  # and a few trajecten they closed in the last half year

# Per phase: the median days spent in it, the spread (sigma of a log-normal) and the chance
# to drop out in it. The medians sit a little under the norms (most people make them, a
# quarter does not); orientation is where most people find out a switch is not for them.
LEAD = {
    Phase.AANMELDING: (9, 0.5, 0.05),
    Phase.ORIENTATIE: (76, 0.3, 0.17),
    Phase.PROFIEL: (24, 0.4, 0.04),
    Phase.MATCH: (42, 0.45, 0.08),
    Phase.SELECTIE: (29, 0.3, 0.10),
    Phase.LEERWERKTRAJECT: (195, 0.15, 0.09),
    Phase.ONBOARDING: (100, 0.08, 0.05),
    Phase.NAZORG: (345, 0.05, 0.03),
}
# A meeloopstage that shows the job does not fit sends a traject back to match (DESIGN.md).
BACK_TO_MATCH = 0.08

UITVAL_REASONS = {
    Phase.AANMELDING: {"persoonlijk": 5, "anders": 3, "werk": 2},
    Phase.ORIENTATIE: {"werk": 6, "persoonlijk": 3, "financieel": 2, "anders": 1},
    Phase.PROFIEL: {"persoonlijk": 3, "werk": 2, "anders": 1},
    Phase.MATCH: {"werk": 4, "financieel": 3, "persoonlijk": 2},
    Phase.SELECTIE: {"werk": 6, "financieel": 2, "persoonlijk": 1},
    Phase.LEERWERKTRAJECT: {"opleiding": 5, "financieel": 2, "persoonlijk": 2, "gezondheid": 1},
    Phase.ONBOARDING: {"team": 4, "werk": 2, "gezondheid": 1},
    Phase.NAZORG: {"team": 2, "persoonlijk": 2, "gezondheid": 1},
}
UITVAL_TEXT = {
    "werk": "Na de meeloopdagen bleek het werk niet te passen.",
    "opleiding": "De combinatie van werken en leren werd te zwaar.",
    "financieel": "Het inkomen tijdens de overstap was niet rond te krijgen.",
    "persoonlijk": "Persoonlijke omstandigheden; wil het later misschien opnieuw proberen.",
    "gezondheid": "Langdurig ziek.",
    "team": "Voelde zich niet thuis in het team.",
    "anders": "Andere keuze gemaakt.",
}

TARGET_SECTORS = {Sector.ZORG: 36, Sector.ONDERWIJS: 30, Sector.TECHNIEK: 20, Sector.ICT: 14}
ENTRY_ROUTES = {
    EntryRoute.ZELF: 34,
    EntryRoute.LATENDE_WERKGEVER: 26,
    EntryRoute.UWV: 16,
    EntryRoute.LOKET: 14,
    EntryRoute.GEMEENTE: 10,
}
LATENDE = ["ING", "APG", "NS", "KPN"]
HERKOMST = {
    Sector.FINANCIEEL: 26,
    Sector.TRANSPORT: 14,
    Sector.OVERIG: 20,
    Sector.OVERHEID: 12,
    Sector.ICT: 8,
    Sector.BOUW: 6,
    "": 14,
}

FIRST = (
    "Anouk Bas Chantal Daan Eline Femke Gijs Hanna Ilse Jeroen Kim Lars Mila Nadia Olaf Priya "
    "Rik Sara Thijs Umut Vera Wouter Yara Zeynep Bram Fleur Hamza Ingrid Joost Lotte Mohamed "
    "Naima Pieter Roos Sven Tessa Willem Youssef Esther Koen"
).split()
LAST = (
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|Mulder|"
    "de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|"
    "de Graaf|van der Meer|Kok|Jacobs|El Amrani|Yilmaz|Pinas|Nguyen|Koster|Prins|Huisman"
).split("|")

# Employers that hired in the past: vacatures now closed (seed 003's sectors of shortage).
EMPLOYERS = [
    ("Zorggroep Amstelstad", Sector.ZORG),
    ("Stichting Thuiszorg Noord", Sector.ZORG),
    ("Stichting Openbare Scholen West", Sector.ONDERWIJS),
    ("Montessori Scholengroep Zuid", Sector.ONDERWIJS),
    ("Installatiebedrijf Van der Meer", Sector.TECHNIEK),
    ("Havenbedrijf Techniek Westpoort", Sector.TECHNIEK),
    ("Datacentrum Amsterdam-Noord", Sector.ICT),
]
VACATURE_TITLES = {
    Sector.ZORG: ["Verzorgende IG", "Medewerker dagbesteding", "Begeleider gehandicaptenzorg"],
    Sector.ONDERWIJS: ["Leerkracht groep 1-8", "Onderwijsassistent", "Docent techniek"],
    Sector.TECHNIEK: ["Monteur installatietechniek", "Servicetechnicus", "Werkvoorbereider"],
    Sector.ICT: ["Junior data-analist", "Systeembeheerder", "Cloud engineer"],
}
VACATURE_TERMS = {  # hours, salary range, niveau
    Sector.ZORG: (28, Decimal("2300"), Decimal("3100"), "mbo3"),
    Sector.ONDERWIJS: (32, Decimal("3200"), Decimal("4500"), "hbo"),
    Sector.TECHNIEK: (38, Decimal("2900"), Decimal("3900"), "mbo4"),
    Sector.ICT: (36, Decimal("3500"), Decimal("5000"), "hbo"),
}
COACH_BUREAU = "Loopbaanhuis Amstel"


def email(kind: str, n: int) -> str:
    return f"{kind}-{n:04d}@{DOMAIN}"


# --- the simulation: plain data, no database ----------------------------------------------


@dataclass
class Walk:
    """One traject's history as simulated."""

    n: int
    signup: datetime
    sector: str
    entry_route: str
    herkomst: str
    latende: str | None
    ongekend: list[str]
    steps: list[tuple[str, str, datetime]] = field(default_factory=list)  # from, to, at
    dropped: tuple[str, str, datetime] | None = None  # phase, reason, at
    back_at: datetime | None = None  # the moment selectie went back to match
    coach_key: str | int = 0  # a named coach's key, or the number of a history coach

    @property
    def phase(self) -> str:
        return self.steps[-1][1]

    @property
    def since(self) -> datetime:
        return self.steps[-1][2]

    @property
    def is_open(self) -> bool:
        return self.phase not in (Phase.AFGEROND, Phase.UITGEVALLEN)

    def reached(self, phase: str) -> datetime | None:
        return next((at for _f, to, at in self.steps if to == phase), None)


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def _days(rng: random.Random, phase: str) -> float:
    median, sigma, _drop = LEAD[phase]
    return max(1.0, median * math.exp(rng.gauss(0, sigma)))


def simulate(*, now: datetime, rng: random.Random, count: int = TRAJECTEN) -> list[Walk]:
    """Sign-ups over three years, growing as the programme got known, each walked through the
    journey until now: a step that would fall after now has not happened yet."""
    walks = []
    for n in range(count):
        # Two thirds spread evenly, one third weighted toward recent years (growth).
        age = DAYS * (rng.random() if rng.random() < 0.67 else 1 - math.sqrt(rng.random()))
        signup = now - timedelta(days=age, hours=rng.uniform(0, 10))
        route = _pick(rng, ENTRY_ROUTES)
        latende = rng.choice(LATENDE) if route == EntryRoute.LATENDE_WERKGEVER else None
        herkomst = {"ING": "financieel", "APG": "financieel", "NS": "transport", "KPN": "ict"}.get(
            latende or "", _pick(rng, HERKOMST)
        )
        ongekend = []
        if rng.random() < 0.22:
            ongekend = rng.sample(OngekendTalent.values, rng.choice([1, 1, 1, 2]))
        walk = Walk(
            n=n,
            signup=signup,
            sector=_pick(rng, TARGET_SECTORS),
            entry_route=route,
            herkomst=herkomst,
            latende=latende,
            ongekend=ongekend,
            steps=[("", Phase.AANMELDING, signup)],
        )
        _walk(walk, now=now, rng=rng)
        walks.append(walk)
    return walks


def _walk(walk: Walk, *, now: datetime, rng: random.Random) -> None:
    at, phase, went_back = walk.signup, Phase.AANMELDING, False
    while phase != Phase.AFGEROND:
        stay = _days(rng, phase)
        if rng.random() < LEAD[phase][2]:
            leave = at + timedelta(days=stay * rng.uniform(0.3, 1.2))
            if leave < now:
                reason = _pick(rng, UITVAL_REASONS[phase])
                walk.steps.append((phase, Phase.UITGEVALLEN, leave))
                walk.dropped = (phase, reason, leave)
            return
        at = at + timedelta(days=stay)
        if at >= now:
            return
        if phase == Phase.SELECTIE and not went_back and rng.random() < BACK_TO_MATCH:
            went_back, walk.back_at = True, at
            walk.steps.append((phase, Phase.MATCH, at))
            phase = Phase.MATCH
            continue
        following = JOURNEY[JOURNEY.index(phase) + 1]
        walk.steps.append((phase, following, at))
        phase = following


def assign_coaches(walks: list[Walk], *, now: datetime, rng: random.Random) -> None:
    """The named demo coaches get a realistic caseload (about 25 open and a few closed
    lately); every other traject goes to one of the history coaches."""
    open_walks = [w for w in walks if w.is_open]
    closed_lately = [w for w in walks if not w.is_open and w.since > now - timedelta(days=180)]
    rng.shuffle(open_walks)
    rng.shuffle(closed_lately)
    taken: set[int] = set()
    for key, count in NAMED_COACH_OPEN.items():
        for walk in [w for w in open_walks if w.n not in taken][:count]:
            walk.coach_key = key
            taken.add(walk.n)
        for walk in [w for w in closed_lately if w.n not in taken][:NAMED_COACH_CLOSED]:
            walk.coach_key = key
            taken.add(walk.n)
    for walk in walks:
        if walk.n not in taken:
            walk.coach_key = rng.randrange(1, HISTORY_COACHES + 1)
