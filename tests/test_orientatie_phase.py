"""The traject's oriëntatie phase (issue 15): the participant's start page, the coach's traject
page and the API show the events attended, the shortlist, the group and what is next, with only
true sentences; orientation activity keeps a participant off the caseload's stall signal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation, Sector
from journeys.models import Phase, Traject
from orientatie import groepen
from orientatie.models import Event, GroepSessie, Registration, ShortlistItem
from taxonomy.models import Beroep
from workspace import selectors as workspace

from .factories import (
    BeroepFactory,
    EventFactory,
    OrganisationFactory,
    UserFactory,
    make_traject,
)
from .financing_helpers import (
    catalogue_fixture,  # noqa: F401 - the fixture "catalogue"
    start_plan,
)

pytestmark = pytest.mark.django_db

NOTHING_YET = [
    "Nog geen bijeenkomst bijgewoond.",
    "Nog geen beroepen op de shortlist.",
    "Nog niet in een oriëntatiegroep.",
]


@pytest.fixture
def orienting(anna, carla, amsterdam):
    return make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.ORIENTATIE)


@pytest.fixture
def loket_org(amsterdam):
    return OrganisationFactory(name="Loket", kind=Organisation.Kind.LOKET, region=amsterdam)


def _event(org, *, days: float, title="Informatieavond Zorg") -> Event:
    return EventFactory(
        title=title,
        organisation=org,
        starts_at=timezone.now() + timedelta(days=days),
        published_at=timezone.now() - timedelta(days=30),
    )


def _attended(person, org, *, days_ago: float = 5, title="Informatieavond Zorg"):
    return Registration.objects.create(
        event=_event(org, days=-days_ago, title=title),
        name=person.full_name,
        email=person.email,
        status=Registration.Status.CONFIRMED,
        user=person,
        attended=True,
    )


def _beroep(label="Verpleegkundige") -> Beroep:
    return BeroepFactory(code=f"test-{label}", label_nl=label, sector=Sector.ZORG)


def _section(page: str) -> str:
    start = page.index('id="orientatie"')
    return page[start : page.index("</section>", start)]


def test_start_page_without_any_orientation_says_only_true_things(as_user, anna, orienting):
    part = _section(as_user(anna).get("/").content.decode())
    for text in NOTHING_YET:
        assert text in part
    assert "Kies in de agenda een informatiebijeenkomst" in part
    assert "Verken beroepen en zet de beroepen" in part
    assert "De volgende fase is je Persoonlijk Profiel" not in part
    assert "Je bent aangemeld" not in part


def test_start_page_with_events_shortlist_and_group(as_user, anna, carla, orienting, loket_org):
    _attended(anna, loket_org, title="Open avond Techniek")
    ShortlistItem.objects.create(user=anna, beroep=_beroep())
    bram = make_traject(
        overstapper=UserFactory(full_name="Bram de Vries"), coach=carla, phase=Phase.ORIENTATIE
    )
    group = groepen.group_create(
        by=carla, name="Zorg verkennen", member_ids=[orienting.pk, bram.pk]
    )
    start = timezone.now() + timedelta(days=3)
    groepen.session_plan(
        group=group, by=carla, starts_at=start, ends_at=start + timedelta(hours=1), place="Hal"
    )
    part = _section(as_user(anna).get("/").content.decode())
    assert "Open avond Techniek" in part and "Verpleegkundige" in part
    assert "Zorg verkennen" in part and "Bram" in part and "de Vries" not in part
    assert "Volgende bijeenkomst van je oriëntatiegroep Zorg verkennen" in part
    assert "bespreek met je coach welke richting je kiest" in part
    for text in NOTHING_YET:
        assert text not in part
    assert "Kies in de agenda" not in part and "Verken beroepen en zet" not in part


def test_a_group_without_a_session_and_an_upcoming_sign_up(
    as_user, anna, carla, orienting, loket_org
):
    groepen.group_create(by=carla, name="Dinsdaggroep", member_ids=[orienting.pk])
    Registration.objects.create(
        event=_event(loket_org, days=10, title="Bootcamp ICT"),
        name="Anna",
        email=anna.email,
        status=Registration.Status.WAITING,
        user=anna,
    )
    part = _section(as_user(anna).get("/").content.decode())
    assert "Voor je oriëntatiegroep Dinsdaggroep is nog geen bijeenkomst gepland." in part
    assert "Je staat op de wachtlijst voor Bootcamp ICT" in part
    assert "Kies in de agenda" not in part  # signed up already
    assert "Volgende bijeenkomst" not in part


def test_coach_traject_page_shows_the_phase_in_the_third_person(
    as_user, carla, anna, orienting, loket_org
):
    client = as_user(carla)
    part = _section(client.get(f"/trajecten/{orienting.pk}/").content.decode())
    assert "Nog geen bijeenkomst bijgewoond en nergens voor aangemeld." in part
    assert "Nog geen beroepen op de shortlist." in part
    _attended(anna, loket_org)
    ShortlistItem.objects.create(user=anna, beroep=_beroep())
    part = _section(client.get(f"/trajecten/{orienting.pk}/").content.decode())
    assert "Informatieavond Zorg" in part and "Verpleegkundige" in part
    assert "de volgende fase is het Persoonlijk Profiel" in part
    assert "nergens voor aangemeld" not in part


def test_a_traject_past_orientation_does_not_show_the_section(as_user, anna, carla, amsterdam):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.PROFIEL)
    assert 'id="orientatie"' not in as_user(anna).get("/").content.decode()
    assert 'id="orientatie"' not in as_user(carla).get(f"/trajecten/{traject.pk}/").content.decode()


def test_the_api_answers_the_same_facts(as_user, anna, carla, chris, orienting, loket_org):
    _attended(anna, loket_org)
    beroep = _beroep()
    ShortlistItem.objects.create(user=anna, beroep=beroep)
    groepen.group_create(by=carla, name="Zorg verkennen", member_ids=[orienting.pk])
    url = f"/api/v1/trajecten/{orienting.pk}/orientatie/"
    data = as_user(carla).get(url).json()
    assert data["phase"] == "orientatie"
    assert [a["title"] for a in data["attended"]] == ["Informatieavond Zorg"]
    assert data["shortlist"][0]["beroep"] == beroep.pk
    assert data["groups"][0]["name"] == "Zorg verkennen" and data["groups"][0]["first_names"] == []
    assert any("Persoonlijk Profiel" in s for s in data["next_steps"])
    mine = as_user(anna).get(url).json()
    assert any(s.startswith("Voor je oriëntatiegroep") for s in mine["next_steps"])
    assert as_user(chris).get(url).status_code == 404


# --- the stall signal ----------------------------------------------------------------------


def _stalled_for(traject) -> bool:
    traject = Traject.objects.get(pk=traject.pk)
    return workspace.Attention.STALLED in [s.kind for s in workspace.signals_of(traject=traject)]


@pytest.fixture
def long_orienting(orienting):
    Traject.objects.filter(pk=orienting.pk).update(phase_since=timezone.now() - timedelta(days=120))
    return orienting


def test_without_activity_a_long_orientation_is_flagged(long_orienting):
    assert _stalled_for(long_orienting)


def test_attending_an_event_lately_counts_as_activity(long_orienting, anna, loket_org):
    _attended(anna, loket_org, days_ago=3)
    assert not _stalled_for(long_orienting)


def test_an_event_long_ago_or_only_signed_up_does_not_count(long_orienting, anna, loket_org):
    _attended(anna, loket_org, days_ago=60)
    Registration.objects.create(
        event=_event(loket_org, days=-2, title="Gemist"),
        name="Anna",
        email=anna.email,
        status=Registration.Status.CONFIRMED,
        user=anna,
        attended=False,
    )
    assert _stalled_for(long_orienting)


def test_saving_to_the_shortlist_lately_counts_as_activity(long_orienting, anna):
    item = ShortlistItem.objects.create(user=anna, beroep=_beroep())
    assert not _stalled_for(long_orienting)
    ShortlistItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(days=45))
    assert _stalled_for(long_orienting)


def test_attending_a_group_session_counts_being_absent_does_not(long_orienting, carla, as_user):
    group = groepen.group_create(by=carla, name="Groep", member_ids=[long_orienting.pk])
    start = timezone.now() + timedelta(days=1)
    session = groepen.session_plan(
        group=group, by=carla, starts_at=start, ends_at=start + timedelta(hours=1), place="Hal"
    )
    GroepSessie.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1),
    )
    assert _stalled_for(long_orienting)  # a session took place, but nobody marked presence
    response = as_user(carla).post(
        f"/orientatie/groepen/{group.pk}/bijeenkomsten/{session.pk}/aanwezig/",
        {f"sessie-{session.pk}-present": [long_orienting.pk]},
    )
    assert response.status_code == 302
    assert not _stalled_for(long_orienting)
    page = as_user(carla).get("/caseload/?attention=stilstand").content.decode()
    assert "Anna Overstapper" not in page


def test_the_caseload_with_activity_keeps_a_fixed_number_of_queries(
    as_user, carla, amsterdam, loket_org, django_assert_max_num_queries
):
    for n in range(8):
        person = UserFactory(full_name=f"Deelnemer {n}")
        traject = make_traject(overstapper=person, coach=carla, region=amsterdam)
        Traject.objects.filter(pk=traject.pk).update(
            phase_since=timezone.now() - timedelta(days=40)
        )
        if n % 2:
            ShortlistItem.objects.create(user=person, beroep=_beroep(f"Beroep {n}"))
    client = as_user(carla)
    with django_assert_max_num_queries(40):
        page = client.get("/caseload/?attention=stilstand").content.decode()
    assert "Deelnemer 0" in page and "Deelnemer 1" not in page


# --- the regional catalogue from the subsidiewijzer -----------------------------------------


def test_the_subsidiewijzer_links_to_the_regions_catalogue(
    catalogue, as_user, carla, annas_traject
):
    start_plan(annas_traject, carla, sector="zorg")
    page = as_user(carla).get(f"/trajecten/{annas_traject.pk}/financiering/subsidiewijzer/")
    html = page.content.decode()
    link = f'href="/orientatie/initiatieven/?region={annas_traject.region_id}"'
    assert page.status_code == 200 and link in html
    assert "met de regelingen die ervoor kunnen betalen" in html
