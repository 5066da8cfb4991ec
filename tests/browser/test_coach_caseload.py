from __future__ import annotations

import pytest
from django_otp.oath import totp

from journeys.models import Phase

from ..factories import PASSWORD, make_totp

pytestmark = pytest.mark.django_db(transaction=True)


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_coach_logs_in_with_totp_and_moves_a_traject(page, carla, annas_traject, assert_accessible):
    device = make_totp(carla)

    page.goto("/account/inloggen/")
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill(carla.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("heading", name="Tweestapsverificatie").wait_for()
    assert_accessible(page)
    page.get_by_label("Code uit je authenticator-app").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_text("Deze code klopt niet").wait_for()
    page.wait_for_timeout(1100)  # django-otp throttles the next try for a second after a miss
    page.get_by_label("Code uit je authenticator-app").fill(_code(device))
    page.get_by_role("button", name="Bevestigen").click()

    page.get_by_role("heading", name="Mijn caseload").wait_for()
    assert_accessible(page)
    row = page.get_by_role("row", name="Anna Overstapper")
    assert "Aanmelding" in row.inner_text()

    page.get_by_role("link", name="Anna Overstapper").click()
    page.get_by_role("heading", name="Traject van Anna Overstapper").wait_for()
    assert_accessible(page)

    # A move without a reason is refused in place (htmx swap), nothing changes.
    page.get_by_label("Nieuwe fase").select_option("orientatie")
    page.get_by_role("button", name="Fase wijzigen").click()
    page.get_by_text("Geef een reden voor deze faseovergang.").wait_for()
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.AANMELDING
    assert_accessible(page)

    page.get_by_label("Reden").fill("Kennismakingsgesprek gehad")
    page.get_by_role("button", name="Fase wijzigen").click()
    page.get_by_text("Fase gewijzigd naar Oriëntatie.").wait_for()
    assert "Oriëntatie" in page.locator("#phase-panel [aria-current=step]").inner_text()
    assert page.get_by_role("cell", name="Kennismakingsgesprek gehad").is_visible()
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.ORIENTATIE
    assert_accessible(page)


def _log_in(page, user, device) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit je authenticator-app").fill(_code(device))
    page.get_by_role("button", name="Bevestigen").click()


def test_caseload_filter_swaps_the_table_with_htmx(page, carla, annas_traject):
    _log_in(page, carla, make_totp(carla))
    page.get_by_role("heading", name="Mijn caseload").wait_for()

    page.get_by_label("Fase").select_option("match")
    page.get_by_text("Geen deelnemers in deze selectie.").wait_for()
    page.wait_for_url("**/caseload/?phase=match")
    page.get_by_label("Fase").select_option("aanmelding")
    page.get_by_role("link", name="Anna Overstapper").wait_for()
