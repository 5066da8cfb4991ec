"""Demo data of oriëntatie (called by journeys.demo.seed_demo): events in the agenda drawn from
the seeds (an informatiebijeenkomst on zij-instroom, "expeditie Leerkracht", a bootcamp, a
meeloopdag at Cordaan), one that took place with attendance, beroep information, Jitske's
shortlist and a regional initiative. Running it again changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from taxonomy.models import Beroep

from . import services
from .models import BeroepInfo, Event, EventSector, Initiative, Registration, Session, ShortlistItem

BEROEP_INFO = {
    # Demo figures: an indication for the pages, not taken from the seeds.
    "leraar-basisonderwijs": (
        "Je geeft les aan kinderen van 4 tot 12 jaar en begeleidt hun ontwikkeling. Zij-instromers "
        "werken en leren tegelijk (seed 002: zij-instroom in 7 stappen).",
        Decimal("3300"),
        Decimal("5200"),
    ),
    "verpleegkundige": (
        "Je verpleegt en verzorgt mensen in het ziekenhuis, de wijk of een instelling.",
        Decimal("3000"),
        Decimal("4700"),
    ),
}
SOURCE = "Indicatie voor de demo (cao-schalen), niet uit de seeds"


def _at(days: int, hour: int):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _event(by: User, *, title: str, **fields) -> Event:
    existing = Event.objects.filter(organisation=by.organisation, title=title).first()
    return existing or services.event_create(by=by, title=title, **fields)


def seed_orientatie(staff: dict[str, User]) -> None:
    loket, werkgever, opleider = staff["loket"], staff["werkgever"], staff["opleider-ncoi"]
    info = _event(
        loket,
        title="Informatiebijeenkomst zij-instroom in het onderwijs",
        kind=Event.Kind.INFORMATIEBIJEENKOMST,
        description="Wat komt er kijken bij een overstap naar het onderwijs? Zij-instromers "
        "vertellen over hun overstap; het loket over opleiding en financiering.",
        sectors=["onderwijs"],
        sessions=[(_at(12, 19), _at(12, 21))],
        capacity=40,
        place="Werkgeversservicepunt, Amsterdam",
    )
    _event(
        opleider,
        title="Expeditie Leerkracht",
        kind=Event.Kind.EXPEDITIE,
        description="Drie dagdelen op verschillende scholen: kijken, meedoen en vragen stellen.",
        sectors=["onderwijs"],
        sessions=[(_at(20, 9), _at(20, 13)), (_at(27, 9), _at(27, 13)), (_at(34, 9), _at(34, 13))],
        capacity=2,
        place="Scholen in Amsterdam (adressen in de bevestiging)",
    )
    _event(
        werkgever,
        title="Meeloopdag in de wijkzorg",
        kind=Event.Kind.MEELOOPDAG,
        description="Loop een dag mee met een wijkverpleegkundige van Cordaan.",
        sectors=["zorg"],
        sessions=[(_at(9, 8), _at(9, 16))],
        capacity=3,
        place="Cordaan, Amsterdam",
    )
    _event(
        opleider,
        title="Bootcamp programmeren voor overstappers",
        kind=Event.Kind.BOOTCAMP,
        sectors=["ict"],
        sessions=[(_at(15, 10), _at(15, 16))],
        capacity=20,
        online_url="https://meet.example.nl/bootcamp",
    )
    # The expeditie is full, with someone waiting; Jitske signed up for the informatieavond.
    # Made directly: the demo sends nobody an e-mail.
    expeditie = Event.objects.get(organisation=opleider.organisation, title="Expeditie Leerkracht")
    if not expeditie.registrations.exists():
        for n, name in enumerate(("Sam de Boer", "Fatma Yilmaz", "Tom Visser")):
            Registration.objects.create(
                event=expeditie,
                name=name,
                email=name.split()[0].lower() + "@example.nl",
                status=Registration.Status.CONFIRMED if n < 2 else Registration.Status.WAITING,
                created_at=timezone.now() - timedelta(days=3 - n),
            )
    jitske = User.objects.filter(email__startswith="jitske@").first()
    if jitske and not info.registrations.filter(email=jitske.email).exists():
        Registration.objects.create(
            event=info,
            name=jitske.full_name,
            email=jitske.email,
            status=Registration.Status.CONFIRMED,
            link_consent=True,
            user=jitske,
        )
    _past_event(loket, jitske)
    for code, (work, low, high) in BEROEP_INFO.items():
        beroep = Beroep.objects.filter(code="lb:" + code).first()
        if beroep:
            BeroepInfo.objects.get_or_create(
                beroep=beroep,
                defaults={"work": work, "wage_min": low, "wage_max": high, "source": SOURCE},
            )
            if jitske:
                ShortlistItem.objects.get_or_create(user=jitske, beroep=beroep)
    if not Initiative.objects.filter(region=loket.organisation.region).exists():
        Initiative.objects.create(
            region=loket.organisation.region,
            name="Regionaal Mobiliteitsteam Groot Amsterdam",
            kind=Initiative.Kind.MOBILITEITSTEAM,
            contact="Werkgeversservicepunt Groot Amsterdam",
            offer="Loopbaanadvies, scholing en bemiddeling van werk naar werk.",
            created_by=loket,
        )


def _past_event(loket: User, jitske: User | None) -> None:
    """An informatiebijeenkomst that took place, with attendance (made directly: the service
    refuses a date in the past)."""
    title = "Informatiebijeenkomst werken in de zorg"
    if Event.objects.filter(organisation=loket.organisation, title=title).exists():
        return
    start = _at(-20, 19)
    event = Event.objects.create(
        kind=Event.Kind.INFORMATIEBIJEENKOMST,
        title=title,
        organisation=loket.organisation,
        region=loket.organisation.region,
        place="Werkgeversservicepunt, Amsterdam",
        capacity=30,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        published_at=start - timedelta(days=30),
        created_by=loket,
    )
    Session.objects.create(event=event, starts_at=start, ends_at=start + timedelta(hours=2))
    EventSector.objects.create(event=event, sector="zorg")
    people = [(f"Deelnemer {n}", f"deelnemer{n}@example.nl") for n in range(1, 8)]
    for n, (name, email) in enumerate(people):
        Registration.objects.create(
            event=event,
            name=name,
            email=email,
            status=Registration.Status.CONFIRMED,
            attended=n < 6,
            created_at=start - timedelta(days=10),
        )
