"""A coach builds a financieringsplan to financieel veilig, the ontvangende werkgever adds its
contribution, and the overstapper sees the verdict and the income month by month."""

from __future__ import annotations

import pytest
from django_otp.oath import totp

from financing.models import Contribution, FinancingPlan

from ..factories import PASSWORD, make_totp
from ..financing_helpers import catalogue_fixture, give_contract  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db(transaction=True)


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _log_in(page, user, device=None) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        page.get_by_label("Code uit je authenticator-app").fill(_code(device))
        page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", level=1).first.wait_for()


def _new_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(20_000)
    return context, context.new_page()


def _add_contribution(page, post_label, funder, amount, name="", check=None):
    page.get_by_role("link", name=f"Bijdrage toevoegen voor {post_label}").click()
    page.get_by_role("heading", name="Bijdrage toevoegen").wait_for()
    if check:
        check(page)
    page.get_by_label("Wie betaalt").select_option(label=funder)
    if name:
        page.get_by_label("Naam financier").fill(name)
    page.get_by_label("Bedrag (euro)").fill(amount)
    page.get_by_label("Status").select_option(label="Toegezegd")
    page.get_by_role("button", name="Bijdrage opslaan").click()
    page.get_by_text("De bijdrage is toegevoegd.").wait_for()


def test_coach_builds_a_plan_werkgever_pays_overstapper_sees_verdict(
    page, chromium, live_server, catalogue, carla, anna, annas_traject, wim, assert_accessible
):
    annas_traject.target_sector = "zorg"
    annas_traject.save(update_fields=["target_sector"])
    give_contract(anna, wim.organisation)  # Zorggroep signed a voorwaardelijk contract

    # --- The coach starts the plan from the traject page.
    _log_in(page, carla, make_totp(carla))
    page.goto(f"/trajecten/{annas_traject.pk}/")
    page.get_by_role("link", name="Financieringsplan: wie betaalt de overstap?").click()
    page.get_by_role("heading", name="Nog geen financieringsplan").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Financieringsplan starten").click()
    page.get_by_text("Het financieringsplan is gestart").wait_for()
    assert "€ 2.000,00 – € 4.000,00" in page.locator("table").first.inner_text()
    assert_accessible(page)

    # --- Planning and income; a typing error is explained in place (htmx) and kept.
    page.get_by_role("link", name="Plan bewerken").click()
    page.get_by_role("heading", name="Financieringsplan van Anna Overstapper bewerken").wait_for()
    assert_accessible(page)
    page.get_by_label("Inkomen per maand vóór de overstap (euro)").fill("3.000")
    page.get_by_label("Loon per maand in de nieuwe baan (euro)").fill("3000")
    page.get_by_label("Raming vakopleiding (euro)").fill("veel")
    page.locator("#id_inkomen-0-kind").select_option(
        label="Salaris, doorbetaald door de latende werkgever"
    )
    page.locator("#id_inkomen-0-payer").fill("Huidige werkgever")
    page.locator("#id_inkomen-0-first_month").fill("1")
    page.locator("#id_inkomen-0-last_month").fill("3")
    page.locator("#id_inkomen-0-amount").fill("3000")
    page.locator("#id_inkomen-1-kind").select_option(
        label="(Leerwerk)salaris van de nieuwe werkgever"
    )
    page.locator("#id_inkomen-1-payer").fill("Zorggroep")
    page.locator("#id_inkomen-1-first_month").fill("4")
    page.locator("#id_inkomen-1-last_month").fill("27")
    page.locator("#id_inkomen-1-amount").fill("2900")
    page.get_by_role("button", name="Plan opslaan").click()
    page.get_by_text("Vul een bedrag in euro in").wait_for()
    assert page.get_by_label("Inkomen per maand vóór de overstap (euro)").input_value() == "3.000"
    assert FinancingPlan.objects.get().income_before is None
    assert_accessible(page)
    page.get_by_label("Raming vakopleiding (euro)").fill("15000")
    page.get_by_role("button", name="Plan opslaan").click()
    page.get_by_text("Het financieringsplan is opgeslagen.").wait_for()

    # --- Who pays what: the coach records what the funders promised.
    _add_contribution(
        page,
        "oriëntatie- en keuzeprogramma",
        "Overheid: regionaal mobiliteitsteam",
        "4000",
        "RMT Groot Amsterdam",
        check=assert_accessible,
    )
    assert_accessible(page)
    _add_contribution(
        page, "persoonlijke begeleiding", "Overheid: gemeente", "2000", "Gemeente Amsterdam"
    )
    _add_contribution(page, "vakopleiding", "Sector- of O&O-fonds", "15000", "Sectorfonds Zorg")
    # Oriëntatietijd is 20 working days of the old wage: 3.000 × 20 / 21,75 = 2.758,62.
    _add_contribution(page, "oriëntatietijd", "Latende werkgever", "2758,62", "Huidige werkgever")
    _add_contribution(page, "leertijd", "Ontvangende werkgever", "14400")
    _add_contribution(page, "improductiviteit", "Ontvangende werkgever", "36000")
    verdict = page.locator("#h-oordeel")
    assert verdict.inner_text() == "Nog niet financieel veilig"
    assert page.get_by_text("Onboarding: nog € 12.000,00 niet toegezegd.").is_visible()

    page.get_by_role("link", name="Subsidiewijzer").click()
    page.get_by_role("heading", name="Subsidiewijzer").wait_for()
    assert "Stagefonds zorg" in page.locator("#suggestions").inner_text()
    assert_accessible(page)

    # --- The ontvangende werkgever adds its contribution to onboarding.
    context, werkgever = _new_page(chromium, live_server)
    _log_in(werkgever, wim)
    werkgever.get_by_role("link", name="Financieringsplannen waarin wij meebetalen").click()
    werkgever.get_by_role("heading", name="Financieringsplannen").wait_for()
    assert_accessible(werkgever)
    werkgever.get_by_role("link", name="Anna Overstapper").click()
    werkgever.get_by_role("heading", name="Financieringsplan van Anna Overstapper").wait_for()
    assert werkgever.locator("#inkomensplaatje").count() == 0  # no personal income for employers
    assert_accessible(werkgever)
    _add_contribution(werkgever, "onboarding", "Ontvangende werkgever", "12.000")
    assert werkgever.locator("#h-oordeel").inner_text() == "Financieel veilig"
    assert Contribution.objects.get(post__kind="onboarding").funder_organisation == wim.organisation
    context.close()

    # --- The coach sees the plan is financieel veilig, and can print it.
    page.get_by_role("link", name="Naar het financieringsplan").click()
    assert verdict.inner_text() == "Financieel veilig"
    page.get_by_role("link", name="Afdrukken").click()
    page.get_by_role("button", name="Afdrukken").wait_for()
    assert_accessible(page)

    # --- The overstapper sees the verdict and the income timeline.
    context, own = _new_page(chromium, live_server)
    _log_in(own, anna)
    own.get_by_role("link", name="Mijn financieringsplan").click()
    own.get_by_role("heading", name="Financieel veilig").wait_for()
    timeline = own.locator("#inkomensplaatje")
    text = timeline.inner_text()
    assert "Huidige werkgever" in text and "Zorggroep" in text
    assert "€ 100,00 (3,3%)" in text  # 3.000 → 2.900
    assert own.get_by_role("link", name="Plan bewerken").count() == 0
    assert_accessible(own)
    context.close()
