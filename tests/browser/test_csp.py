"""The Content-Security-Policy in a real browser: Chromium loads pages with the policy active,
reports no violation (securitypolicyviolation event or console), and htmx, the print button,
the admin and the API docs still work."""

from __future__ import annotations

import pytest

from financing import services as financing_services
from journeys.models import Phase

from ..conftest import verified_client
from ..factories import PASSWORD, UserFactory, make_traject
from ..financing_helpers import catalogue_fixture  # noqa: F401  (the "catalogue" fixture)

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in every page before its own scripts: collect what the policy blocked.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${where})`);
});
window.__printed = 0;
window.print = () => { window.__printed += 1; };
"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH)
    console: list[str] = []
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    def violations() -> list[str]:
        return page.evaluate("window.__csp") + console

    page.violations = violations
    page.console_violations = console
    return page


def _log_in(page, live_server, user) -> None:
    """Reuse a session that passed the second factor, as the browser's cookie."""
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_the_watch_sees_a_violation_when_there_is_one(watched):
    # Proves the check below can fail: an inline script is blocked and reported.
    watched.goto("/account/inloggen/")
    watched.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.append(s); }"
    )
    watched.wait_for_function("() => window.__csp.length > 0")
    assert watched.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in watched.evaluate("window.__csp"))
    # Chromium also logs it, and that log outlives a navigation.
    watched.goto("/account/inloggen/")
    assert any("script-src" in v for v in watched.console_violations)


def test_coach_pages_and_an_htmx_swap_run_without_violations(
    watched, live_server, carla, annas_traject, limburg
):
    other = UserFactory(email="piet@example.nl", full_name="Piet Profiel", home_region=limburg)
    make_traject(overstapper=other, coach=carla, region=limburg, phase=Phase.PROFIEL)
    _log_in(watched, live_server, carla)
    watched.goto("/caseload/")
    watched.get_by_role("heading", name="Mijn caseload").wait_for()
    assert watched.evaluate("typeof htmx") == "object"
    assert watched.locator("style").count() == 0  # htmx inserted no indicator <style>
    watched.evaluate(
        "document.body.addEventListener('htmx:afterSwap', () => { window.__swapped = true; })"
    )
    watched.get_by_label("Fase").select_option("profiel")
    watched.wait_for_function("() => window.__swapped === true")
    assert "phase=profiel" in watched.url  # hx-push-url: the swap, not a page load
    assert watched.evaluate("window.__csp.length") == 0
    caption = watched.locator("#caseload-table caption").inner_text()
    assert caption.startswith("1 ")

    watched.get_by_role("link", name="Piet Profiel").click()
    watched.get_by_role("heading", name="Traject van Piet Profiel").wait_for()
    assert watched.violations() == []


def test_print_button_works_without_inline_handler(
    watched, live_server, carla, annas_traject, catalogue
):
    financing_services.plan_create(traject=annas_traject, by=carla)
    _log_in(watched, live_server, carla)
    watched.goto(f"/trajecten/{annas_traject.pk}/financiering/afdrukken/")
    watched.get_by_role("button", name="Afdrukken").click()
    watched.wait_for_function("() => window.__printed === 1")
    assert watched.violations() == []


def test_admin_and_api_docs_work_under_the_policy(watched, live_server, bea):
    _log_in(watched, live_server, bea)
    watched.goto("/beheer/")
    watched.locator("#site-name").get_by_text("Loopbrug beheer").wait_for()
    # The admin's own scripts run: the theme toggle switches the theme.
    before = watched.locator("html").get_attribute("data-theme")
    watched.locator("button.theme-toggle").click()
    assert watched.locator("html").get_attribute("data-theme") != before
    assert watched.violations() == []
    watched.goto("/beheer/accounts/user/")
    watched.get_by_text("Bea Beheer").first.wait_for()
    assert watched.violations() == []
    watched.goto("/api/docs/")
    watched.locator(".swagger-ui .info .title").filter(has_text="Loopbrug API").wait_for()
    watched.locator(".opblock").first.wait_for()  # the operations were read from the schema
    assert watched.violations() == []


def test_login_and_two_factor_pages_have_no_violations(watched, carla):
    watched.goto("/account/inloggen/")
    watched.get_by_label("E-mailadres").fill(carla.email)
    watched.get_by_label("Wachtwoord").fill(PASSWORD)
    watched.get_by_role("button", name="Inloggen").click()
    watched.get_by_role("heading", name="Tweestapsverificatie").first.wait_for()
    assert watched.locator("figure.lb-qr svg").count() == 1  # first time: the QR code
    assert watched.violations() == []
