"""Matching in the browser, from vacature to voorwaardelijk contract: a werkgever publishes a
vacature, the overstapper sees it among her matches and shows interest, the werkgever plans a
meeloopdag and offers a contract, and the overstapper signs it; the traject follows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from journeys.models import Phase

from ..factories import PASSWORD, make_traject

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Helpende zorg en welzijn"
CONDITIONS = "Diploma behaald vóór 1 september 2027"


@pytest.fixture
def new_page(page, live_server):
    """A fresh browser context for another user, set up like the `page` fixture's."""
    contexts = []

    def make():
        context = page.context.browser.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _log_in(page, user) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)


def _main_nav(page):
    return page.get_by_role("navigation", name="Hoofdmenu")


def _add_skill(page, query: str, skill: str) -> None:
    """Search a skill on the manage page (htmx) and add it."""
    with page.expect_response(lambda r: "/beheren/" in r.url and f"q={query}" in r.url):
        page.get_by_label("Zoek een skill").fill(query)
    results = page.locator("#skill-results")
    result = results.get_by_role("listitem").filter(has=page.get_by_text(skill, exact=True))
    result.wait_for()
    result.get_by_role("button", name="Toevoegen").click()
    page.get_by_text(f"{skill} toegevoegd.").wait_for()


def _candidate(page, name: str):
    return page.get_by_role("region", name=name)


def _move(candidate, step: str, **fields) -> None:
    candidate.get_by_label("Volgende stap").select_option(label=step)
    for label, value in fields.items():
        candidate.get_by_label(label).fill(value)
    candidate.get_by_role("button", name="Opslaan").click()  # the caller waits for the message


def test_from_vacature_to_voorwaardelijk_contract(
    page, new_page, anna, wim, carla, regions, assert_accessible
):
    from matching.models import Application, Match, Vacature
    from profiles.services import profile_get_or_create, profile_skill_upsert
    from taxonomy.curated import load_curated_taxonomy
    from taxonomy.models import Skill

    # Arrange: anna is ready to be matched, with two skills in her profile.
    load_curated_taxonomy()
    traject = make_traject(overstapper=anna, coach=carla, phase=Phase.MATCH)
    profile = profile_get_or_create(user=anna)
    for label, level in (("Plannen en organiseren", 4), ("Actief luisteren", 3)):
        profile_skill_upsert(profile=profile, skill=Skill.objects.get(label_nl=label), level=level)

    # Wim writes the vacature, adds the skills it asks for and publishes it.
    _log_in(page, wim)
    _main_nav(page).get_by_role("link", name="Vacatures").click()
    page.get_by_role("heading", level=1, name="Vacatures van Zorggroep").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe vacature").click()
    page.get_by_role("heading", level=1, name="Nieuwe vacature").wait_for()
    assert_accessible(page)
    page.get_by_label("Functie", exact=True).fill(TITLE)
    page.get_by_label("Sector", exact=True).select_option(label="Zorg en welzijn")
    page.get_by_label("Regio", exact=True).select_option(label="Groot Amsterdam")
    page.get_by_label("Uren per week", exact=True).fill("28")
    page.get_by_label("Bruto maandsalaris vanaf (euro)").fill("2300")
    page.get_by_label("Bruto maandsalaris tot (euro)").fill("2800")
    page.get_by_label("Werk- en denkniveau").select_option(label="mbo 2 (NLQF 2)")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    page.get_by_role("heading", level=1, name=TITLE).wait_for()
    page.get_by_text("Vacature opgeslagen als concept.").wait_for()
    vacature = Vacature.objects.get(title=TITLE)
    assert vacature.status == Vacature.Status.CONCEPT
    _add_skill(page, "plannen", "Plannen en organiseren")
    assert_accessible(page)
    _add_skill(page, "luisteren", "Actief luisteren")
    skills = page.get_by_role("region", name="Skills die het werk vraagt")
    for skill in ("Plannen en organiseren", "Actief luisteren"):
        assert skills.get_by_role("listitem").filter(has_text=skill).count() == 1
    page.get_by_role("button", name="Publiceren").click()
    page.get_by_text("De vacature is gepubliceerd en doet mee in de matching.").wait_for()
    assert_accessible(page)
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.OPEN
    # Celery runs inline: publishing scored the vacature at once.
    assert Match.objects.filter(vacature=vacature, profile=profile).exists()

    # Anna finds it among her matches, with the reasons, and shows interest.
    annas_page = new_page()
    _log_in(annas_page, anna)
    _main_nav(annas_page).get_by_role("link", name="Mijn matches").click()
    annas_page.get_by_role("heading", level=1, name="Mijn matches").wait_for()
    match = annas_page.get_by_role("article").filter(has_text=TITLE)
    match.wait_for()
    reasons = match.get_by_role("paragraph").filter(has_text="Wat je meebrengt:")
    assert "Plannen en organiseren" in reasons.inner_text()
    options = annas_page.get_by_role("region", name="Andere mogelijkheden voor jou")
    assert options.get_by_role("listitem").count() >= 3
    assert_accessible(annas_page)

    match.get_by_role("link", name=TITLE).click()
    annas_page.get_by_role("heading", level=1, name=TITLE).wait_for()
    annas_page.get_by_role("button", name="Ik heb interesse en deel mijn profiel").click()
    annas_page.get_by_text(
        "Je interesse is doorgegeven en je profiel is gedeeld met Zorggroep."
    ).wait_for()
    annas_page.get_by_text("Je hebt interesse getoond.").wait_for()
    assert_accessible(annas_page)
    application = Application.objects.get(profile=profile, vacature=vacature)
    assert application.status == Application.Status.INTERESSE

    # Wim sees her among the candidates and plans a meeloopdag: the traject moves to selectie.
    page.goto(f"/vacatures/{vacature.pk}/beheren/")
    page.get_by_role("link", name="Kandidaten", exact=True).click()
    page.get_by_role("heading", level=1, name=f"Kandidaten voor {TITLE}").wait_for()
    score = Match.objects.get(vacature=vacature, profile=profile).score
    candidate = _candidate(page, f"Anna Overstapper — match {score}%")
    candidate.wait_for()
    assert "Interesse getoond" in candidate.inner_text()
    assert_accessible(page)

    tomorrow = timezone.localdate() + timedelta(days=1)
    _move(
        candidate,
        "Meeloopdag gepland",
        **{"Datum meeloopdag": tomorrow.isoformat(), "Aantal dagen meelopen (1–5)": "2"},
    )
    page.get_by_text("Opgeslagen: Meeloopdag gepland.").wait_for()
    assert "(2 dagen)" in candidate.inner_text()
    application.refresh_from_db()
    assert (application.status, application.meeloopdag_on, application.meeloopdag_days) == (
        Application.Status.MEELOOPDAG,
        tomorrow,
        2,
    )
    traject.refresh_from_db()
    assert traject.phase == Phase.SELECTIE

    # A rejection without a reason is refused, and nothing changes.
    _move(candidate, "Afgewezen")
    page.get_by_text("Geef de reden van de afwijzing.").wait_for()
    application.refresh_from_db()
    assert application.status == Application.Status.MEELOOPDAG
    assert_accessible(page)

    _move(candidate, "Selectie")
    page.get_by_text("Opgeslagen: Selectie.").wait_for()
    # The contract form opens in the candidate's card (htmx) with the vacature's facts.
    candidate.get_by_role("link", name="Contract aanbieden: Anna Overstapper").click()
    form = page.locator(f"#contract-form-{application.pk}")
    form.get_by_label("Functie").wait_for()
    assert form.get_by_label("Functie").input_value() == TITLE
    start = timezone.localdate() + timedelta(days=60)
    form.get_by_label("Eerste werkdag").fill(start.isoformat())
    form.get_by_label("Soort contract").select_option("tijdelijk")
    form.get_by_label("Einddatum").fill((start - timedelta(days=1)).isoformat())
    form.get_by_label("Bruto maandsalaris in euro").fill("2650,50")
    form.get_by_label("Voorwaarden").fill(CONDITIONS)
    form.get_by_role("button", name="Contract aanbieden").click()
    page.get_by_text("De einddatum moet na de eerste werkdag liggen.").first.wait_for()
    assert_accessible(page)
    application.refresh_from_db()
    assert application.status == Application.Status.SELECTIE
    page.get_by_label("Einddatum").fill((start + timedelta(days=730)).isoformat())
    page.get_by_role("button", name="Contract aanbieden").click()
    page.get_by_text("Het contract is aangeboden aan Anna Overstapper.").wait_for()
    assert "€ 2.650,50 bruto per maand" in page.locator("main").inner_text()
    application.refresh_from_db()
    assert application.status == Application.Status.CONTRACT

    # Anna reads the contract and signs it in a second step: her traject moves on.
    annas_page.goto("/mijn-matches/")
    running = annas_page.get_by_role("region", name="Waar je loopt")
    item = running.get_by_role("listitem").filter(has_text=TITLE)
    assert "Voorwaardelijk contract aangeboden" in item.inner_text()
    assert CONDITIONS in item.inner_text()
    item.get_by_role("link", name=f"Contract lezen en ondertekenen: {TITLE}").click()
    main = annas_page.locator("main")
    main.get_by_text("€ 2.650,50 bruto per maand").wait_for()
    assert CONDITIONS in main.inner_text()
    assert_accessible(annas_page)
    annas_page.get_by_role("button", name="Ondertekenen").click()
    annas_page.get_by_text("Vink aan dat je het contract hebt gelezen").first.wait_for()
    application.refresh_from_db()
    assert application.status == Application.Status.CONTRACT
    annas_page.get_by_label("Ik heb het contract gelezen").check()
    annas_page.get_by_role("button", name="Ondertekenen").click()
    annas_page.get_by_text("Je hebt het contract ondertekend.").wait_for()
    assert "Je hebt dit contract op" in main.inner_text()
    assert annas_page.get_by_role("button", name="Ondertekenen").count() == 0
    assert_accessible(annas_page)
    application.refresh_from_db()
    assert application.status == Application.Status.GETEKEND
    traject.refresh_from_db()
    assert traject.phase == Phase.LEERWERKTRAJECT
