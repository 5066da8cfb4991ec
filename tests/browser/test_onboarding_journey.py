"""Superscholing to nazorg in the browser: an opleider publishes a leerwerktraject with
monthly starts; anna, enrolled with two recognised leeruitkomsten, sees the shorter route;
wim ticks off onboarding items; anna's low check-in shows up on carla's dashboard."""

from __future__ import annotations

import pytest
from django_otp.oath import totp

from journeys.models import Phase

from ..factories import PASSWORD, make_totp, make_traject

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def new_page(page, live_server):
    contexts = []

    def make():
        context = page.context.browser.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _log_in(page, user, device=None) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        page.get_by_label("Code uit je authenticator-app").fill(f"{code:06d}")
        page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(lambda url: "/account/" not in url)


def _nav(page):
    return page.get_by_role("navigation", name="Hoofdmenu")


def test_from_superscholing_to_a_low_checkin_on_the_coach_dashboard(
    page, new_page, olga, anna, wim, carla, amsterdam, assert_accessible
):
    from onboarding import services
    from onboarding.models import Leeruitkomst, Leerwerktraject

    # The opleider describes and publishes a leerwerktraject with monthly starts.
    _log_in(page, olga)
    _nav(page).get_by_role("link", name="Superscholing").click()
    page.get_by_label("Naam").fill("Helpende Zorg en Welzijn")
    page.get_by_label("Sector").select_option("zorg")
    page.get_by_label("Studielast in uren per week").fill("8")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Leerwerktraject opgeslagen").wait_for()
    page.get_by_label("Naam").fill("Zorg basis")
    page.get_by_label("Uren").fill("80")
    page.get_by_role("button", name="Module toevoegen").click()
    page.get_by_text("Module toegevoegd.").wait_for()
    page.get_by_label("Module", exact=True).select_option(label="Zorg basis")
    page.get_by_label("Leeruitkomst", exact=True).fill("Kan basiszorg verlenen")
    page.get_by_role("button", name="Leeruitkomst toevoegen").click()
    page.get_by_text("Leeruitkomst toegevoegd.").wait_for()
    page.get_by_label("Aantal startmomenten").fill("3")
    page.get_by_role("button", name="Startmomenten maken").click()
    page.get_by_text("3 startmomenten aangemaakt.").wait_for()
    page.get_by_role("button", name="Publiceren").click()
    page.get_by_text("Leerwerktraject gepubliceerd.").wait_for()
    assert_accessible(page)
    lwt = Leerwerktraject.objects.get()
    moments = list(lwt.start_moments.values_list("starts_on", flat=True))
    assert len(moments) == 3 and moments[1].month == moments[0].month % 12 + 1

    # Two more modules; anna is enrolled and two leeruitkomsten are recognised.
    for title in ("Hygiëne", "Dossier"):
        module = services.module_add(by=olga, leerwerktraject=lwt, title=title, hours=40)
        services.leeruitkomst_add(by=olga, module=module, description=f"Kan {title}")
    traject = make_traject(
        overstapper=anna, coach=carla, region=amsterdam, phase=Phase.LEERWERKTRAJECT
    )
    inschrijving = services.inschrijving_create(
        by=anna,
        traject=traject,
        start_moment=lwt.start_moments.first(),
        werkgever=wim.organisation,
    )
    for title in ("Hygiëne", "Dossier"):
        services.validation_record(
            by=olga,
            inschrijving=inschrijving,
            leeruitkomst=Leeruitkomst.objects.get(module__title=title),
            method="assessment",
        )

    anna_page = new_page()
    _log_in(anna_page, anna)
    _nav(anna_page).get_by_role("link", name="Mijn leerroute").click()
    anna_page.get_by_text("80 uur te volgen").wait_for()
    assert anna_page.get_by_text("Erkend — hoeft niet meer").count() == 2
    assert_accessible(anna_page)

    # The werkgever starts the onboarding plan and ticks off an item.
    wim_page = new_page()
    _log_in(wim_page, wim)
    _nav(wim_page).get_by_role("link", name="Onboarding").click()
    wim_page.get_by_role("link", name="Anna Overstapper").click()
    wim_page.get_by_role("button", name="Onboardingsplan maken").click()
    wim_page.get_by_text("Onboardingsplan gemaakt.").wait_for()
    wim_page.get_by_role("button", name="Afvinken: Warm welkom op de eerste dag").click()
    wim_page.get_by_role("button", name="Terugzetten: Warm welkom op de eerste dag").wait_for()
    assert_accessible(wim_page)
    assert traject.onboarding_plan.items.filter(done_at__isnull=False).count() == 1

    # The daily job makes a check-in; anna scores low on motivation.
    services.daily_run()
    anna_page.reload()
    for group, score in (
        ("Motivatie", "1"),
        ("Betrokkenheid", "4"),
        ("Prettig in het team", "4"),
        ("Gezonde uitdaging", "3"),
    ):
        anna_page.get_by_role("group", name=group).get_by_label(score, exact=True).check()
    anna_page.get_by_role("button", name="Check-in versturen").click()
    anna_page.get_by_text("Je check-in is opgeslagen").wait_for()

    # The coach sees it on the signals dashboard.
    carla_page = new_page()
    _log_in(carla_page, carla, make_totp(carla))
    _nav(carla_page).get_by_role("link", name="Signalen").click()
    row = carla_page.get_by_role("row", name="Anna Overstapper")
    row.wait_for()
    assert row.count() == 1 and "Laag werkgeluk" in row.inner_text()
    assert_accessible(carla_page)
    # The signal leads to the traject page (one place for every signal), then to the route.
    row.get_by_role("link", name="Anna Overstapper").click()
    carla_page.get_by_role("heading", name="Traject van Anna Overstapper").wait_for()
    carla_page.get_by_role("link", name="Leerroute, onboarding en nazorg").click()
    carla_page.get_by_role("heading", name="Begeleiding van Anna Overstapper").wait_for()
    assert_accessible(carla_page)
