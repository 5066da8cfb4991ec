"""An oriëntatiegroep in the browser (issue 15, orientation with peers): a coach forms a group,
adds a participant, plans a session (the session panel swaps in place with htmx); the
participant sees the group with first names only and the session. axe-core on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp

from journeys.models import Phase
from orientatie.models import GroepSessie, Orientatiegroep

from ..factories import PASSWORD, UserFactory, make_totp, make_traject

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, user) -> None:
    device = make_totp(user) if user.requires_two_factor else None
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        page.get_by_label("Code uit je authenticator-app").fill(f"{code:06d}")
        page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("link", name="Start").wait_for()


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_coach_forms_a_group_and_the_participant_sees_first_names_only(
    chromium, live_server, carla, anna, amsterdam, assert_accessible
):
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.ORIENTATIE)
    bram = UserFactory(email="bram@example.nl", full_name="Bram de Vries", home_region=amsterdam)
    bram_traject = make_traject(overstapper=bram, coach=carla, region=amsterdam)

    staff = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    staff.set_default_timeout(20_000)
    coach = staff.new_page()
    _log_in(coach, carla)
    coach.get_by_role("link", name="Oriëntatiegroepen").click()
    coach.get_by_role("heading", name="Oriëntatiegroepen", level=1).wait_for()
    assert_accessible(coach)

    # Form the group with Bram, then add Anna on the group's page.
    coach.get_by_label("Naam van de groep").fill("Zorg verkennen")
    coach.get_by_label("Bram de Vries").check()
    coach.get_by_role("button", name="Groep aanmaken").click()
    coach.get_by_role("heading", name="Zorg verkennen", level=1).wait_for()
    assert_accessible(coach)
    coach.get_by_label("Anna Overstapper").check()
    coach.get_by_role("button", name="Wijzigingen opslaan").click()
    coach.get_by_text("Groep bijgewerkt.").wait_for()
    group = Orientatiegroep.objects.get()
    assert {t.overstapper.full_name for t in group.members.all()} == {
        "Anna Overstapper",
        "Bram de Vries",
    }
    assert bram_traject in group.members.all()

    # A session that ends before it starts is refused in place; then a good one is planned.
    start = timezone.now() + timedelta(days=5)
    coach.get_by_label("Begint op").fill(_local(start))
    coach.get_by_label("Eindigt op").fill(_local(start - timedelta(hours=1)))
    coach.get_by_label("Plaats en adres").fill("Bibliotheek Oost")
    coach.get_by_role("button", name="Bijeenkomst plannen").click()
    coach.get_by_text("Een bijeenkomst eindigt na het begin.").wait_for()
    assert not GroepSessie.objects.exists()
    assert_accessible(coach)
    coach.get_by_label("Eindigt op").fill(_local(start + timedelta(hours=2)))
    coach.get_by_role("button", name="Bijeenkomst plannen").click()
    coach.locator("#sessies").get_by_text("Bibliotheek Oost").first.wait_for()
    assert GroepSessie.objects.count() == 1
    assert_accessible(coach)
    staff.close()

    # The participant sees the group, the first name of the other member and the session.
    visitor = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    visitor.set_default_timeout(20_000)
    page = visitor.new_page()
    _log_in(page, anna)
    section = page.locator("#orientatie")
    section.get_by_text("Zorg verkennen — met Bram").wait_for()
    assert "Bram" in section.inner_text() and "de Vries" not in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Oriënteren").click()
    page.get_by_role("heading", name="Mijn oriëntatiegroep").wait_for()
    text = page.locator("main").inner_text()
    assert "Bram" in text and "Bibliotheek Oost" in text and "de Vries" not in page.content()
    assert_accessible(page)
    visitor.close()
