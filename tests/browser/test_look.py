"""The look on desktop and phone: no table cell breaks inside a word at 1280 and 390 px (the
rendered text is measured), and screenshots of every role's home page at both widths.

Screenshots go to the folder in SCREENSHOT_DIR (default var/screenshots), for CI to keep as
artefacts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from reports.tasks import refresh_loket_homes

from .demo_world import build_world, log_in

WIDTHS = {"desktop": (1280, 900), "telefoon": (390, 844)}

# Role -> demo user who logs in.
HOME_ROLES = {
    "overstapper": "jitske",
    "coach": "coach",
    "loket": "loket",
    "werkgever": "werkgever",
    "opleider": "opleider-ncoi",
    "beheerder": "beheerder",
}

# Pages with tables, per role: (url name, kwargs from the world).
TABLE_PAGES = {
    "coach": [("caseload", lambda w: {}), ("home", lambda w: {})],
    "loket": [
        ("home", lambda w: {}),
        ("report_index", lambda w: {}),
        ("report_detail", lambda w: {"pk": w.report.pk}),
    ],
    "werkgever": [("vacature_list", lambda w: {}), ("home", lambda w: {})],
}

# Every word of every table cell must sit on one line: a Range over the word has line boxes
# (client rects) at one height only. Words are runs without white space; a line may break
# after a hyphen or a slash (a "woord-break" the text itself offers), never elsewhere.
BROKEN_WORDS_JS = """
() => {
  const broken = [];
  for (const cell of document.querySelectorAll("table th, table td")) {
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[^\\s\\-\\/\\u2013]+[\\-\\/\\u2013]?/g;
      for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))
        );
        if (lines.size > 1) broken.push(`${m[0]} (in "${cell.innerText.trim().slice(0, 60)}")`);
      }
    }
  }
  return broken;
}
"""


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR", "var/screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.django_db(transaction=True)
def test_tables_never_break_inside_a_word_and_home_pages_are_photographed(
    chromium, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # The loket's figures cost seconds on the demo world: as in production, the worker
    # computes them before anyone visits and the page keeps them (the cache keys are this
    # test's own, tests/conftest.py).
    settings.LOKET_HOME_CACHE_SECONDS = 600
    world = build_world()
    refresh_loket_homes()
    folder = screenshot_dir()
    problems, measured, tables = [], 0, 0
    for role, user_key in HOME_ROLES.items():
        # One login per role (a two-factor code counts once), then both widths.
        context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(30_000)
        try:
            page = context.new_page()
            log_in(page, world.users[user_key], world.password)
            for width_name, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.goto(reverse("home"))
                page.evaluate("document.fonts.ready.then(() => true)")
                page.screenshot(path=str(folder / f"home-{role}-{width}.png"), full_page=True)
                # The language switch: languages named in their own language, on one line.
                switch = page.locator("header form:has(#language)")
                options = switch.locator("option").all_inner_texts()
                assert [o.strip() for o in options] == ["Nederlands", "English"], options
                # One line: every visible part starts above the bottom of every other part.
                boxes = switch.evaluate(
                    "form => [...form.children]"
                    ".filter(c => c.offsetParent)"
                    ".filter(c => !c.matches('.lb-visually-hidden, [type=hidden]'))"
                    ".map(c => { const r = c.getBoundingClientRect(); return [r.top, r.bottom]; })"
                )
                tops, bottoms = [b[0] for b in boxes], [b[1] for b in boxes]
                assert len(boxes) >= 2 and max(tops) < min(bottoms), f"{role} {width}: {boxes}"
                for name, kwargs in TABLE_PAGES.get(role, ()):
                    response = page.goto(reverse(name, kwargs=kwargs(world)))
                    assert response.status == 200, f"{role} {name}: {response.status}"
                    page.evaluate("document.fonts.ready.then(() => true)")
                    tables += page.locator("table").count()
                    measured += 1
                    for word in page.evaluate(BROKEN_WORDS_JS):
                        problems.append(f"{role} · {name} · {width_name} ({width} px): {word}")
        finally:
            context.close()
    assert measured and tables, "geen enkele tabel gemeten"
    for role in HOME_ROLES:
        for width, _ in WIDTHS.values():
            assert (folder / f"home-{role}-{width}.png").stat().st_size > 0
    assert not problems, "Woorden afgebroken in een tabelcel:\n" + "\n".join(problems)
