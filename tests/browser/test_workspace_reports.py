"""A coach works through an alert to the timeline and adds a note; a loket user runs a report,
watches the progress bar and downloads the XLSX and PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django_otp.oath import totp

from journeys.models import Note
from onboarding.models import Alert
from reports.models import ReportRun
from reports.services import report_run_execute

from ..factories import PASSWORD, make_totp

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, user) -> None:
    device = make_totp(user)
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code uit je authenticator-app").fill(f"{code:06d}")
    page.get_by_role("button", name="Bevestigen").click()


def test_coach_works_an_alert_to_the_timeline_and_adds_a_note(
    page, carla, annas_traject, assert_accessible
):
    Alert.objects.create(
        traject=annas_traject,
        coach=carla,
        kind=Alert.Kind.LOW_WERKGELUK,
        key="2026-01",
        message="Werkgeluk 2 van 5",
    )
    _log_in(page, carla)
    page.get_by_role("heading", name="Mijn caseload").wait_for()
    page.get_by_label("Signaal").select_option("laag_werkgeluk")
    page.wait_for_url("**attention=laag_werkgeluk**")
    row = page.get_by_role("row", name="Anna Overstapper")
    assert "Laag werkgeluk" in row.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Anna Overstapper").click()
    page.get_by_role("heading", name="Tijdlijn").wait_for()
    assert "Werkgeluk 2 van 5" in page.locator("#tijdlijn").inner_text()
    assert_accessible(page)

    page.get_by_label("Notitie", exact=True).fill("Gebeld over het werkgeluk; gaat beter.")
    page.get_by_label("Delen met de deelnemer").check()
    page.get_by_role("button", name="Notitie opslaan").click()
    page.get_by_text("Notitie opgeslagen.").wait_for()
    assert "Gebeld over het werkgeluk" in page.locator("#tijdlijn").inner_text()
    assert Note.objects.get().shared is True

    page.get_by_role("button", name="Afgehandeld").click()
    page.get_by_text("Signaal afgehandeld.").wait_for()
    assert Alert.objects.get().resolved_at is not None
    assert_accessible(page)


def test_loket_runs_a_report_watches_progress_and_downloads(
    page, lars, amsterdam, annas_traject, assert_accessible
):
    _log_in(page, lars)
    page.goto("/rapportages/")
    page.get_by_role("heading", name="Rapportages", exact=True).wait_for()
    assert_accessible(page)
    page.get_by_label("Periode vanaf").fill("2026-01-01")
    page.get_by_label("Periode tot en met").fill("2026-12-31")
    page.get_by_label("Uitsplitsen naar").select_option("sector")
    page.get_by_role("button", name="Rapportage maken").click()
    page.get_by_text("De rapportage is klaar.").wait_for()
    assert "Anna" not in page.content()
    # The charts: SVG images named by their title, each beside its table; axe runs on them.
    funnel = page.get_by_role("img", name="Trechter: trajecten die een fase bereikten")
    assert funnel.is_visible()
    assert page.locator("svg.lb-chart-svg[role=img]").count() >= 4
    assert page.locator("#t-funnel").is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert funnel.bounding_box()["width"] <= 390
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    assert Path(download.value.path()).read_bytes().startswith(b"PK")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # A big region's run in the worker: the page shows the progress bar until it is done.
    run = ReportRun.objects.create(
        region=amsterdam,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        status=ReportRun.Status.RUNNING,
        progress=40,
    )
    page.goto(f"/rapportages/{run.pk}/")
    bar = page.get_by_role("progressbar", name="Voortgang")
    assert bar.get_attribute("value") == "40"
    assert_accessible(page)
    report_run_execute(run_id=run.pk)
    page.get_by_text("De rapportage is klaar.").wait_for()
    assert page.get_by_role("link", name="Download PDF").is_visible()
