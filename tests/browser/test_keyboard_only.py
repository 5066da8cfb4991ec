"""Keyboard only: the main flows of each role with Tab, Shift+Tab, Enter, Space and the arrow
keys (in a select), never the mouse. On every page of a flow, Tab walks from the top to the
end without getting stuck (no keyboard trap), and every stop shows where the focus is.

(The Persoonlijk Profiel wizard has its own keyboard test in test_profile_wizard.py.)"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from django_otp.oath import totp

from journeys.models import Note, Phase

from ..factories import PASSWORD, BeroepFactory, make_totp, make_traject

pytestmark = pytest.mark.django_db(transaction=True)

# The focused element, marked with a number the first time it gets focus, and whether the
# focus shows: an outline, or a box-shadow that is not transparent.
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return null;
  if (!element.dataset.lbTab) {
    window.lbTabCount = (window.lbTabCount || 0) + 1;
    element.dataset.lbTab = String(window.lbTabCount);
  }
  // A date field's calendar button takes the focus inside the field (the field no longer
  // matches :focus) and draws its own focus ring.
  const pickerButton =
    /^(date|datetime-local|time)$/.test(element.type) && !element.matches(":focus");
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none" && !style.boxShadow.startsWith("rgba(0, 0, 0, 0)");
  return {id: element.dataset.lbTab, visible: outline || shadow || pickerButton,
          html: element.outerHTML.slice(0, 160),
          style: `outline ${style.outlineStyle} ${style.outlineWidth}, shadow ${style.boxShadow}`};
}"""


def _focused(page) -> dict | None:
    info = page.evaluate(FOCUSED)
    if info is not None:
        assert info["visible"], (
            f"geen zichtbare focus op {info['html']} ({info['style']}, {page.url})"
        )
    return info


def walk_the_page(page, limit: int = 250) -> int:
    """Tab from where the focus is to the end of the page: every stop visible, none twice
    (a second visit before the end means the focus is trapped). Returns the number of stops."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = _focused(page)
        if info is None:
            return len(seen)
        if seen and info["id"] == seen[-1]:
            continue  # the next part of the same field (a date field's day, month, year)
        if seen and info["id"] == seen[0]:
            return len(seen)  # round the whole page and back where the walk began
        assert info["id"] not in seen, (
            f"toetsenbordval op {page.url}: Tab komt terug bij {info['html']} "
            "voordat het einde van de pagina bereikt is"
        )
        seen.append(info["id"])
    raise AssertionError(f"Tab bereikt het einde van {page.url} niet na {limit} stappen")


def tab_to(locator, *, backwards: bool = False, limit: int = 150) -> None:
    """Press Tab (or Shift+Tab) until `locator` has the focus, checking each stop."""
    page = locator.page
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        _focused(page)
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{key} bereikt {locator} niet op {page.url}")


def choose(select, option_label: str) -> None:
    """In the focused select, move with the arrow keys to the option with this label."""
    page = select.page
    labels = select.evaluate("s => [...s.options].map(o => o.textContent.trim())")
    current = select.evaluate("s => s.selectedIndex")
    target = labels.index(option_label)
    key = "ArrowDown" if target > current else "ArrowUp"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    assert select.evaluate("s => s.options[s.selectedIndex].textContent.trim()") == option_label


def type_into(locator, text: str) -> None:
    tab_to(locator)
    locator.page.keyboard.type(text)


def new_page(page):
    """Start the walk at the top of a page that just loaded."""
    page.wait_for_load_state()
    walk_the_page(page)


def log_in(page, user, *, device=None) -> None:
    page.goto("/account/inloggen/")
    new_page(page)
    type_into(page.get_by_label("E-mailadres"), user.email)
    type_into(page.get_by_label("Wachtwoord"), PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)
    if device is not None:
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        type_into(page.get_by_label("Code uit je authenticator-app"), f"{code:06d}")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/account/tweestaps/" not in url)


def press_link(page, name: str, **options) -> None:
    tab_to(page.get_by_role("link", name=name, **options).first)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def press_download_link(page, name: str) -> Path:
    tab_to(page.get_by_role("link", name=name))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    return Path(download.value.path())


def main_menu(page, name: str) -> None:
    tab_to(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_coach_moves_the_phase_and_adds_a_note_with_the_keyboard_only(page, carla, annas_traject):
    log_in(page, carla, device=make_totp(carla))
    page.get_by_role("heading", level=1, name="Mijn caseload").wait_for()
    new_page(page)
    press_link(page, "Anna Overstapper")

    page.get_by_role("heading", level=1, name="Traject van Anna Overstapper").wait_for()
    new_page(page)
    phase = page.get_by_label("Nieuwe fase")
    tab_to(phase)
    choose(phase, "Oriëntatie")
    type_into(page.get_by_label("Reden"), "Kennismakingsgesprek gehad")
    tab_to(page.get_by_role("button", name="Fase wijzigen"))
    page.keyboard.press("Enter")  # htmx swaps the phase panel
    page.get_by_text("Fase gewijzigd naar Oriëntatie.").wait_for()
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.ORIENTATIE

    # After the swap the keyboard goes on from where it was: on to the note.
    type_into(page.get_by_label("Notitie", exact=True), "Gebeld; volgende week verder.")
    shared = page.get_by_label("Delen met de deelnemer")
    tab_to(shared)
    page.keyboard.press("Space")
    assert shared.is_checked()
    tab_to(page.get_by_role("button", name="Notitie opslaan"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Notitie opgeslagen.").wait_for()
    new_page(page)
    note = Note.objects.get(traject=annas_traject)
    assert (note.text, note.shared) == ("Gebeld; volgende week verder.", True)


def test_werkgever_posts_a_vacature_with_the_keyboard_only(page, wim, regions):
    from matching.models import Vacature
    from taxonomy.curated import load_curated_taxonomy

    load_curated_taxonomy()
    log_in(page, wim)
    main_menu(page, "Vacatures")
    page.get_by_role("heading", level=1, name="Vacatures van Zorggroep").wait_for()
    new_page(page)
    press_link(page, "Nieuwe vacature")

    page.get_by_role("heading", level=1, name="Nieuwe vacature").wait_for()
    new_page(page)
    type_into(page.get_by_label("Functie", exact=True), "Medewerker facilitair")
    for label, option in (("Sector", "Zorg en welzijn"), ("Regio", "Groot Amsterdam")):
        select = page.get_by_label(label, exact=True)
        tab_to(select)
        choose(select, option)
    type_into(page.get_by_label("Uren per week", exact=True), "24")
    type_into(page.get_by_label("Bruto maandsalaris vanaf (euro)"), "2400")
    type_into(page.get_by_label("Bruto maandsalaris tot (euro)"), "2900")
    tab_to(page.get_by_role("button", name="Opslaan", exact=True))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.get_by_text("Vacature opgeslagen als concept.").wait_for()
    new_page(page)
    with page.expect_response(lambda r: "q=plannen" in r.url):
        type_into(page.get_by_label("Zoek een skill"), "plannen")
    add = page.get_by_role("button", name="Toevoegen: Plannen en organiseren", exact=True)
    add.wait_for()
    tab_to(add)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Plannen en organiseren toegevoegd.").wait_for()
    # Past Publiceren to the candidates link, and back with Shift+Tab.
    tab_to(page.get_by_role("link", name="Kandidaten", exact=True))
    tab_to(page.get_by_role("button", name="Publiceren"), backwards=True)
    with page.expect_navigation():
        page.keyboard.press("Space")
    page.get_by_text("De vacature is gepubliceerd en doet mee in de matching.").wait_for()
    new_page(page)
    vacature = Vacature.objects.get(title="Medewerker facilitair")
    assert vacature.status == Vacature.Status.OPEN
    assert vacature.hours_per_week == 24 and vacature.salary_min == Decimal("2400")
    assert [vs.skill.label_nl for vs in vacature.vacature_skills.all()] == [
        "Plannen en organiseren"
    ]


def test_overstapper_shares_with_the_coach_and_applies_with_the_keyboard_only(
    page, anna, carla, wim, amsterdam
):
    from matching import services as matching
    from matching.models import Application
    from profiles.models import ProfileShare
    from profiles.services import profile_get_or_create, profile_skill_upsert
    from taxonomy.curated import load_curated_taxonomy
    from taxonomy.models import Skill

    load_curated_taxonomy()
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    profile = profile_get_or_create(user=anna)
    skill = Skill.objects.get(label_nl="Plannen en organiseren")
    profile_skill_upsert(profile=profile, skill=skill, level=4)
    vacature = matching.vacature_save(
        by=wim,
        organisation=wim.organisation,
        beroep=None,
        skills=[(skill, 3, True)],
        tasks=[],
        title="Planner thuiszorg",
        sector="zorg",
        region=amsterdam,
        landelijk=False,
        hours_per_week=32,
        salary_min=Decimal("2600"),
        salary_max=Decimal("3200"),
        niveau="mbo3",
        is_leerwerkplek=False,
        opleider=None,
    )
    matching.vacature_publish(vacature=vacature, by=wim)  # scores at once (Celery eager)

    log_in(page, anna)
    main_menu(page, "Mijn profiel")
    new_page(page)
    press_link(page, "Delen en wie keek")
    page.get_by_role("heading", level=1, name="Je profiel delen").wait_for()
    new_page(page)
    tab_to(page.get_by_role("button", name="Deel met mijn coach"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("row", name="Carla Coach").wait_for()
    assert ProfileShare.objects.active().filter(profile=profile, grantee=carla).exists()
    new_page(page)

    main_menu(page, "Mijn matches")
    page.get_by_role("heading", level=1, name="Mijn matches").wait_for()
    new_page(page)
    press_link(page, "Planner thuiszorg", exact=True)
    page.get_by_role("heading", level=1, name="Planner thuiszorg").wait_for()
    new_page(page)
    tab_to(page.get_by_role("button", name="Ik heb interesse en deel mijn profiel"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Je hebt interesse getoond.").wait_for()
    new_page(page)
    assert Application.objects.filter(profile=profile, vacature=vacature).exists()


def test_loket_starts_a_report_and_downloads_it_with_the_keyboard_only(page, lars, annas_traject):
    log_in(page, lars, device=make_totp(lars))
    main_menu(page, "Rapportages")
    page.get_by_role("heading", level=1, name="Rapportages").wait_for()
    new_page(page)
    # The period is filled in (a date field shows only an ISO date: "2026-01-01").
    this_year = timezone.localdate().year
    assert page.get_by_label("Periode vanaf").input_value() == f"{this_year}-01-01"
    breakdown = page.get_by_label("Uitsplitsen naar")
    tab_to(breakdown)
    choose(breakdown, "Doelsector")
    tab_to(page.get_by_role("button", name="Rapportage maken"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("De rapportage is klaar.").wait_for()  # Celery runs inline in tests
    new_page(page)
    assert press_download_link(page, "Download PDF").read_bytes().startswith(b"%PDF")


def test_visitor_uses_the_agenda_and_the_verkenner_with_the_keyboard_only(page, lars):
    """Issue 15: the public agenda (filter, sign up) and the beroepen-verkenner (search, open a
    beroep) work with the keyboard only."""
    from datetime import timedelta

    from orientatie import services as orientatie_services
    from orientatie.models import Event, Registration

    start = timezone.localtime() + timedelta(days=9)
    orientatie_services.event_create(
        by=lars,
        kind=Event.Kind.INFORMATIEBIJEENKOMST,
        title="Overstappen naar de zorg",
        sectors=["zorg"],
        sessions=[(start, start + timedelta(hours=2))],
        capacity=20,
        place="Stadhuis",
    )
    BeroepFactory(code="test:kb-vpk", label_nl="Verpleegkundige", sector="zorg")

    page.goto("/orientatie/agenda/")
    new_page(page)
    sector = page.get_by_label("Sector")
    tab_to(sector)
    choose(sector, "Zorg en welzijn")
    tab_to(page.get_by_role("button", name="Filteren"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    new_page(page)
    press_link(page, "Overstappen naar de zorg")
    new_page(page)
    type_into(page.get_by_label("Je naam"), "Kees Toetsenbord")
    type_into(page.get_by_label("E-mailadres"), "kees@example.nl")
    tab_to(page.get_by_role("button", name="Aanmelden"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Je bent aangemeld.").wait_for()
    assert Registration.objects.filter(email="kees@example.nl").exists()

    page.goto("/orientatie/beroepen/")
    new_page(page)
    type_into(page.get_by_role("textbox", name="Zoek een beroep"), "Verpleeg")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Verpleeg**")
    new_page(page)
    press_link(page, "Verpleegkundige")
    page.get_by_role("heading", name="Verpleegkundige").first.wait_for()
    new_page(page)
