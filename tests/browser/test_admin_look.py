"""The Django admin is part of the service (issue 19): axe-core finds nothing on its index, a
list and a change form with the coach chosen by search, and it speaks Dutch there."""

from __future__ import annotations

from ..conftest import verified_client


def _log_in(page, live_server, user) -> None:
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _wait_for_admin(page) -> None:
    """static/js/admin.js names the select2 boxes once Django has made them; wait for that."""
    page.locator("html[data-admin-ready]").wait_for(state="attached")


def test_admin_pages_are_accessible_and_dutch(
    page, live_server, bea, chris, annas_traject, assert_accessible
):
    _log_in(page, live_server, bea)
    page.goto("/beheer/")
    page.get_by_role("heading", name="Websitebeheer").wait_for()
    _wait_for_admin(page)
    assert_accessible(page)
    page.goto("/beheer/journeys/traject/")
    page.get_by_role("heading", name="Selecteer traject om te wijzigen").wait_for()
    _wait_for_admin(page)
    assert_accessible(page)
    page.goto(f"/beheer/journeys/traject/{annas_traject.pk}/change/")
    page.get_by_role("heading", name="traject wijzigen").wait_for()
    _wait_for_admin(page)
    assert_accessible(page)
    # The coach is found by typing part of the name (select2 autocomplete), not by an id.
    page.locator("#id_coach + .select2").click()
    page.locator(".select2-search__field").fill("Chris")
    page.get_by_role("option", name=str(chris)).click()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_role("heading", name="Selecteer traject om te wijzigen").wait_for()
    annas_traject.refresh_from_db()
    assert annas_traject.coach_id == chris.pk
