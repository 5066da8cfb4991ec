"""The profile's autosave never turns the person's own "Opslaan en verder" into a conflict: a
submit while an autosave is on its way waits for it and carries the version it wrote
(static/js/loopbrug.js). Seen under load in CI before the fix: the autosave committed first and
the submit of the same person was refused as an edit of an older version (409)."""

from __future__ import annotations

import pytest

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

STEP = "/profiel/stap/doel/"


def test_a_submit_during_an_autosave_waits_for_it_and_is_not_a_conflict(page, anna, regions):
    from taxonomy.curated import load_curated_taxonomy

    load_curated_taxonomy()
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(anna.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)

    page.goto(STEP)
    page.get_by_role("heading", level=1, name="Doel & motivatie").wait_for()
    page.get_by_label("Wat wil je bereiken?").fill("Ik wil in de zorg gaan werken.")
    page.get_by_role("checkbox", name="Zorg en welzijn", exact=True).check()
    page.get_by_label("Minimaal netto inkomen per maand (euro)").fill("1900")
    page.wait_for_timeout(1500)  # the autosaves of these changes are done

    # From here the test decides when the server gets each request.
    held: dict = {}

    def hold(route):
        request = route.request
        if request.method != "POST":
            route.continue_()
        elif "autosave" in (request.post_data or ""):
            held["autosave"] = route
        elif "autosave" in held:
            held["submit"] = route  # a submit sent while the autosave is still on its way
        else:
            route.continue_()

    page.route(f"**{STEP}", hold)
    page.get_by_label("Hoeveel uur per week wil je werken?").fill("32")
    page.keyboard.press("Tab")  # change: the autosave goes out after 500 ms
    for _ in range(50):
        if "autosave" in held:
            break
        page.wait_for_timeout(100)
    assert "autosave" in held, "the autosave did not start"

    page.get_by_role("button", name="Opslaan en verder").click(no_wait_after=True)
    page.wait_for_timeout(1000)
    autosave = held.pop("autosave")
    autosave.continue_()
    if "submit" in held:
        # The submit went out with the version the page had: let the autosave commit first,
        # as it did under load, then the submit.
        page.wait_for_timeout(1500)
        held.pop("submit").continue_()
    page.get_by_role("heading", level=1, name="Ervaring en trots").wait_for(timeout=20_000)
    assert "Niet opgeslagen" not in page.content()
