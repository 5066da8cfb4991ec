from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_overstapper_signs_up_confirms_logs_in_and_sees_the_timeline(
    page, live_server, regions, assert_accessible
):
    page.goto("/account/aanmelden/")
    assert_accessible(page)

    # A first try with a mistake is explained, and keeps what was typed.
    page.get_by_label("Je naam").fill("Jitske Browser")
    page.get_by_label("E-mailadres", exact=True).fill("jitske.browser@example.nl")
    page.get_by_label("In welke arbeidsmarktregio woon je?").select_option(label="Groot Amsterdam")
    page.get_by_label("Wachtwoord", exact=True).fill("een-lang-wachtwoord")
    page.get_by_label("Herhaal je wachtwoord").fill("iets-anders-helemaal")
    page.get_by_role("button", name="Account maken").click()
    assert page.get_by_text("De twee wachtwoorden zijn niet gelijk.").is_visible()
    assert page.get_by_label("Je naam").input_value() == "Jitske Browser"
    assert_accessible(page)

    page.get_by_label("Wachtwoord", exact=True).fill("een-lang-wachtwoord")
    page.get_by_label("Herhaal je wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Account maken").click()
    page.get_by_role("heading", name="Bevestig je e-mailadres").wait_for()

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto("/" + link.split("/", 3)[3])
    page.get_by_text("Je e-mailadres is bevestigd").wait_for()
    assert User.objects.get(email="jitske.browser@example.nl").is_active

    page.get_by_label("E-mailadres", exact=True).fill("jitske.browser@example.nl")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("heading", name="Welkom, Jitske Browser").wait_for()
    current = page.locator("[aria-current=step]")
    assert "Aanmelding" in current.inner_text()
    assert page.get_by_text("Je volgende stap").is_visible()
    assert page.locator(".lb-timeline li").count() == 9
    assert_accessible(page)
