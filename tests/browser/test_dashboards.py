"""Each role's home page as a dashboard in the browser (issue 19): the werkgever, opleider and
overstapper see their items first, each link opens the page where the action is done, and
axe-core finds no WCAG 2.1 AA violation, on desktop and on a phone."""

from __future__ import annotations

import pytest

from journeys.models import Phase

from ..conftest import verified_client
from ..factories import make_traject
from ..test_dashboards import (
    cordaan,
    olgas_world_fixture,  # noqa: F401 - the fixture "olgas_world"
    show_interest,
    vacature,
    wims_world_fixture,  # noqa: F401 - the fixture "wims_world"
)

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, live_server, user) -> None:
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _check_home(page, assert_accessible, headings: list[str], first_item: str) -> None:
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/")
        for heading in headings:
            assert page.get_by_role("heading", name=heading).first.is_visible()
        assert page.get_by_text(first_item).first.is_visible()
        assert_accessible(page)


def _follow_first_link(page, section_key: str) -> None:
    link = page.locator(f'[data-section="{section_key}"] li a').first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(lambda url: url.endswith(href))
    assert page.locator("h1").first.is_visible()
    assert "Pagina niet gevonden" not in page.content()


def test_werkgever_home_shows_vacatures_and_actions_and_links_to_them(
    page, live_server, wim, wims_world, assert_accessible
):
    _log_in(page, live_server, wim)
    _check_home(
        page,
        assert_accessible,
        ["Open vacatures", "Kandidaten: jij bent aan zet", "Onboarding: te laat"],
        "Plan een meeloopdag met Nina Nieuw voor Verzorgende IG",
    )
    assert page.get_by_text("Er zijn geen onboardingsacties over hun datum.").is_visible()
    _follow_first_link(page, "acties")


def test_opleider_home_shows_cohorts_and_routes_and_links_to_them(
    page, live_server, olga, olgas_world, assert_accessible
):
    _log_in(page, live_server, olga)
    _check_home(
        page,
        assert_accessible,
        ["Cohorten per startmoment", "Deelnemers zonder voortgang", "Volgende startmomenten"],
        "en nog nooit voortgang vastgelegd.",
    )
    _follow_first_link(page, "zonder_voortgang")
    assert page.get_by_text("Nooit Voortgang").first.is_visible()


def test_overstapper_home_puts_the_next_step_first_and_names_who_else_acts(
    page, live_server, anna, carla, amsterdam, assert_accessible
):
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    _org, boss = cordaan(amsterdam)
    show_interest(anna, vacature(boss, "Helpende"))
    _log_in(page, live_server, anna)
    _check_home(
        page,
        assert_accessible,
        ["Je volgende stap", "Wat anderen voor je doen"],
        "Cordaan plant je meeloopdag voor Helpende, of laat weten dat het niet doorgaat.",
    )
    _follow_first_link(page, "jij")
