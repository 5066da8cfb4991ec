# ruff: noqa: F811 - the ing fixture comes from test_latende_pledges
"""The leaving employer's whole path in the browser (issue 16): a werkgever registers a
verdwijnbaan with its skills, starts a campaign and prints codes; a new person signs up with a
code, confirms the address and finds work that wants their skills; the employer sees only
totals, and nobody's name or address, until the person chooses to be known; then the
employer's pledge reaches the person's financing plan as a proposal, and the business case
sets the switch route beside forced redundancy. axe-core on every page on the way."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import User
from journeys.models import Traject
from journeys.services import traject_assign_coach
from latende.models import Campaign, ConsentLevel, EmployerConsent, Verdwijnbaan
from profiles.services import profile_get_or_create, profile_skill_upsert
from taxonomy.curated import load_curated_taxonomy
from taxonomy.models import Skill

from ..factories import PASSWORD, make_vacature
from ..financing_helpers import catalogue_fixture  # noqa: F401 - fixture
from ..test_latende_pledges import ing, plan_for  # noqa: F401 - a fixture and a helper
from .test_financing_plan import _log_in, _new_page

pytestmark = pytest.mark.django_db(transaction=True)

SKILLS = ["Actief luisteren", "Klantgericht communiceren", "Plannen en organiseren"]
VACATURE = "Klantcontactmedewerker zorg"
NAME, EMAIL = "Rosa Rijnders", "rosa@example.nl"


def _facts(page) -> dict[str, str]:
    """The campaign's totals (the first list of facts on its page), term by term."""
    facts = page.locator("dl.lb-facts").first
    return dict(
        zip(
            facts.locator("dt").all_inner_texts(),
            facts.locator("dd").all_inner_texts(),
            strict=True,
        )
    )


def test_from_verdwijnbaan_to_the_pledge_in_the_plan_of_someone_who_chose_to_be_known(
    page,
    chromium,
    live_server,
    catalogue,
    ing,
    wim,
    carla,
    amsterdam,
    assert_accessible,
):
    # Setup, not what this test is about: the curated skills (a transactional test flushes
    # what the migration loaded) and a receiving employer's open vacature that asks them.
    load_curated_taxonomy()
    skills = [Skill.objects.get(label_nl=label) for label in SKILLS]
    make_vacature(by=wim, title=VACATURE, skills=skills, region=amsterdam)

    # --- The werkgever registers the verdwijnbaan with its skills.
    _log_in(page, ing)
    page.goto("/verdwijnbanen/")
    page.get_by_role("heading", level=1, name="Verdwijnbanen").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Verdwijnbaan registreren").click()
    page.get_by_role("heading", level=1, name="Verdwijnbaan registreren").wait_for()
    assert_accessible(page)
    page.get_by_label("Functie", exact=True).fill("Klantadviseur")
    page.get_by_label("Afdeling").fill("Klantenservice")
    page.get_by_label("Aantal mensen").fill("40")
    page.get_by_label("Verwachte datum").fill("2027-06-01")
    page.get_by_label("Reden").select_option(label="Automatisering")
    page.get_by_label("Vaardigheden van de functie").select_option(label=SKILLS)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De verdwijnbaan is vastgelegd.").wait_for()
    baan = Verdwijnbaan.objects.get(function_title="Klantadviseur")
    assert baan.organisation == ing.organisation and baan.headcount == 40
    assert sorted(baan.skills.values_list("label_nl", flat=True)) == SKILLS
    # Where these skills are wanted: the open vacature, with the overlap named.
    destination = page.get_by_role("listitem").filter(has_text=VACATURE)
    assert all(label in destination.inner_text() for label in SKILLS)
    assert_accessible(page)

    # --- A campaign, and codes to print.
    page.get_by_label("Naam van de campagne").fill("Voorjaar 2027")
    page.get_by_role("button", name="Campagne aanmaken").click()
    page.get_by_text("De campagne is aangemaakt.").wait_for()
    campaign = Campaign.objects.get(verdwijnbaan=baan, name="Voorjaar 2027")
    assert_accessible(page)
    page.get_by_label("Aantal nieuwe codes").fill("5")
    page.get_by_role("button", name="Codes maken").click()
    page.get_by_text("we tonen ze maar één keer").wait_for()
    codes = page.locator("ol.lb-codes code").all_inner_texts()
    assert len(codes) == 5 and len(set(codes)) == 5
    assert f"{live_server.url}/uitnodiging/" in page.inner_text("main")
    assert_accessible(page)

    # --- A new person signs up with one code, anonymous, and confirms the address.
    context, visitor = _new_page(chromium, live_server)
    visitor.goto("/uitnodiging/")
    visitor.get_by_role("heading", level=1, name="Uitnodiging gebruiken").wait_for()
    assert_accessible(visitor)
    visitor.get_by_label("Je uitnodigingscode").fill(codes[0])
    visitor.get_by_label("Je naam", exact=True).fill(NAME)
    visitor.get_by_label("E-mailadres", exact=True).fill(EMAIL)
    visitor.get_by_label("In welke arbeidsmarktregio woon je?").select_option(
        label="Groot Amsterdam"
    )
    visitor.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    visitor.get_by_label("Herhaal je wachtwoord").fill(PASSWORD)
    visitor.get_by_role("button", name="Aanmelden met deze code").click()
    visitor.get_by_role("heading", level=1, name="Bevestig je e-mailadres").wait_for()
    assert_accessible(visitor)
    confirmation = mail.outbox[-1]
    assert confirmation.to == [EMAIL]
    visitor.goto(re.search(r"https?://\S+(/account/\S+)", confirmation.body).group(1))
    visitor.get_by_text("Je e-mailadres is bevestigd.").wait_for()
    rosa = User.objects.get(email=EMAIL)
    traject = Traject.objects.get(overstapper=rosa)
    assert traject.latende_werkgever == ing.organisation  # her traject came via the code

    # Setup, not what this test is about: a coach picks up the sign-up, the person's skills
    # go into her profile through the profiles services (the profile wizard has its own
    # browser test), and the coach starts her financing plan (room on every pledged post).
    traject = traject_assign_coach(traject=traject, coach=carla, by=carla)
    profile = profile_get_or_create(user=rosa)
    for skill in skills:
        profile_skill_upsert(profile=profile, skill=skill, level=4, evidence_type="werkervaring")
    plan_for(traject, carla)

    # --- She sees work where her skills are wanted.
    _log_in(visitor, rosa)
    visitor.goto("/mijn-matches/")
    visitor.get_by_role("heading", level=1, name="Mijn matches").wait_for()
    match = visitor.get_by_role("article").filter(has_text=VACATURE)
    match.wait_for()
    brings = match.get_by_role("paragraph").filter(has_text="Wat je meebrengt:").inner_text()
    assert all(label in brings for label in SKILLS), brings
    assert_accessible(visitor)

    # --- Before her consent the employer sees totals only, and her on no page at all.
    page.goto(f"/verdwijnbanen/campagnes/{campaign.pk}/")
    page.get_by_role("heading", level=1, name="Voorjaar 2027").wait_for()
    assert _facts(page) == {
        "Codes gemaakt": "5",
        "Codes gebruikt": "<5",
        "Oriënteren zich": "<5",
        "In een traject": "0",
        "Overgestapt": "0",
    }
    page.get_by_text("Niemand heeft je (nog) laten weten dat hij of zij meedoet.").wait_for()
    for url in [
        "/verdwijnbanen/",
        f"/verdwijnbanen/{baan.pk}/",
        f"/verdwijnbanen/{baan.pk}/bewerken/",
        f"/verdwijnbanen/campagnes/{campaign.pk}/",
        f"/verdwijnbanen/campagnes/{campaign.pk}/toezegging/",
        f"/verdwijnbanen/campagnes/{campaign.pk}/businesscase/",
        "/financiering/",
        f"/trajecten/{traject.pk}/financiering/",
    ]:
        response = page.goto(url)
        body = page.content()
        assert "Rosa" not in body and "Rijnders" not in body and EMAIL not in body, url
        if "/trajecten/" in url:
            assert response.status in (403, 404), url

    # --- She lets her employer see the posts of her plan it pays.
    visitor.goto("/mijn-werkgever/")
    visitor.get_by_role("heading", level=1, name="Wat mag mijn werkgever weten?").wait_for()
    visitor.get_by_role("heading", level=2, name="ING", exact=True).wait_for()
    assert_accessible(visitor)
    visitor.get_by_label(
        "Ook de posten van mijn financieringsplan die mijn werkgever betaalt"
    ).check()
    visitor.get_by_role("button", name="Keuze opslaan").click()
    visitor.get_by_text("Je keuze voor ING is opgeslagen.").wait_for()
    assert EmployerConsent.objects.get(user=rosa).level == ConsentLevel.PLAN
    assert_accessible(visitor)

    # --- Now the employer knows her (not her address), and pledges co-financing.
    page.goto(f"/verdwijnbanen/campagnes/{campaign.pk}/")
    page.get_by_role("listitem").filter(has_text=NAME).wait_for()
    assert EMAIL not in page.content()
    page.get_by_role("link", name="Toezegging doen").click()
    page.get_by_role("heading", level=1, name="Toezegging: Voorjaar 2027").wait_for()
    assert_accessible(page)
    page.get_by_label("Oriëntatietijd met behoud van salaris (dagen per persoon)").fill("10")
    page.get_by_label("Scholingsbudget per persoon (euro)").fill("2.500")
    page.get_by_label("Coaching per persoon (euro)").fill("1200")
    page.get_by_label("Jullie eigen kosten van een gedwongen ontslag per persoon (euro)").fill(
        "4000"
    )
    page.get_by_role("button", name="Toezegging opslaan").click()
    page.get_by_text("De toezegging is opgeslagen.").wait_for()

    # --- The business case: the switch route beside forced redundancy, per person and for
    # the 40 people. With the default assumptions (3.500 a month, 12 years, 3 months notice,
    # 30% charges, 21,75 working days): switch = 10 x 3.500 / 21,75 x 1,3 = 2.091,95
    # + 2.500 + 1.200 = 5.791,95; redundancy = 14.000 + 13.650 + 4.000 = 31.650.
    page.get_by_role("heading", level=1, name="Businesscase: Voorjaar 2027").wait_for()
    per_person = page.locator("#bc-persoon")
    table = per_person.inner_text()
    assert "Overstaproute" in table and "Gedwongen ontslag" in table
    assert "Scholingsbudget" in table and "€ 2.500,00" in table
    assert "Transitievergoeding (wettelijk)" in table and "€ 14.000,00" in table
    assert per_person.locator('[data-total="switch"]').inner_text() == "€ 5.791,95"
    assert per_person.locator('[data-total="redundancy"]').inner_text() == "€ 31.650,00"
    everyone = page.locator("#bc-campagne")
    assert everyone.locator('[data-total="switch"]').inner_text() == "€ 231.678,00"
    assert everyone.locator('[data-total="redundancy"]').inner_text() == "€ 1.266.000,00"
    # One traject is too few to show the public side: no sum that could be one plan.
    page.get_by_text("Nog te weinig trajecten om dit te tonen").wait_for()
    assert EMAIL not in page.content()
    assert_accessible(page)

    # --- Her financing plan shows the pledge as proposed contributions.
    visitor.goto(f"/trajecten/{traject.pk}/financiering/")
    visitor.get_by_role("heading", level=1, name=f"Financieringsplan van {NAME}").wait_for()
    contributions = visitor.locator("section[aria-labelledby=h-bijdragen]")
    for note, amount in [
        ("Toezegging: scholingsbudget", "€ 2.500,00"),
        ("Toezegging: coaching", "€ 1.200,00"),
        # 10 days x her wage of 3.480 / 21,75 working days
        ("Toezegging: 10 dagen oriëntatietijd met behoud van salaris", "€ 1.600,00"),
    ]:
        proposal = contributions.get_by_role("listitem").filter(has_text=note)
        text = proposal.inner_text()
        assert amount in text and "Voorgesteld" in text, text
    assert_accessible(visitor)
    context.close()
