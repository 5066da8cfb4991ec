"""Browser tests: Playwright drives Debian's Chromium (no browser download) against the live
test server; axe-core checks each key page for WCAG 2.1 A/AA violations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from ..conftest import require_or_skip

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# WhiteNoise serves STATIC_ROOT when it exists (after `make services` or bench/load.py ran
# collectstatic), and a copy there may be older than static/: let the live server serve the
# sources, which are what the browser tests are about. Set before the live server starts.
settings.WHITENOISE_USE_FINDERS = True


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).parent.name == "browser":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    require_or_skip("REQUIRE_BROWSER", Path(CHROMIUM).exists(), f"needs Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check
