"""The Persoonlijk Profiel in the browser: an overstapper builds it with the keyboard only,
leaves halfway and comes back, downloads the PDF and shares it; a werkgever sees a shared
profile until the overstapper revokes the share."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

TALENTS = ["Gedreven", "Empathisch"]
DRIJFVEREN = ["Zingeving", "Samenwerking", "Groei", "Autonomie", "Vakmanschap"]


def _load_taxonomy() -> None:
    # The live server's database is flushed between tests: load what the data migration did.
    from taxonomy.curated import load_curated_taxonomy

    load_curated_taxonomy()


def _press(locator, key: str = "Enter") -> None:
    """Focus an element and press a key on it, as a keyboard user would."""
    locator.focus()
    locator.page.keyboard.press(key)


def _tab_to(page, locator, limit: int = 20) -> None:
    """Press Tab until `locator` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def _type_into(locator, text: str) -> None:
    locator.focus()
    locator.press_sequentially(text)


def _log_in_with_keyboard(page, user) -> None:
    page.goto("/account/inloggen/")
    _type_into(page.get_by_label("E-mailadres"), user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)


def _on_step(page, name: str, assert_accessible) -> None:
    page.get_by_role("heading", level=1, name=name).wait_for()
    assert_accessible(page)


def _save_and_next(page) -> None:
    _press(page.get_by_role("button", name="Opslaan en verder"))


def test_overstapper_builds_the_profile_with_the_keyboard_only(
    page, anna, wim, regions, assert_accessible
):
    _load_taxonomy()
    _log_in_with_keyboard(page, anna)

    page.goto("/profiel/")
    page.get_by_text("Je profiel is voor 0% klaar.").wait_for()
    assert_accessible(page)
    _press(page.get_by_role("link", name="Begin met je profiel"))

    # 1. Talenten: tick two with Space, and say it in your own words.
    _on_step(page, "Talenten", assert_accessible)
    for talent in TALENTS:
        _press(page.get_by_role("checkbox", name=talent, exact=True), "Space")
        assert page.get_by_role("checkbox", name=talent, exact=True).is_checked()
    _type_into(
        page.get_by_label("Je talenten in je eigen woorden"),
        "Ik houd het overzicht als het druk is.",
    )
    _save_and_next(page)

    # 2. Skills: search (htmx), tab to the first result's add button, add it (htmx).
    _on_step(page, "Skills", assert_accessible)
    with page.expect_response(
        lambda r: "/profiel/stap/skills/zoek/" in r.url and "q=plan" in r.url
    ):
        _type_into(page.get_by_label("Zoek een skill"), "plan")
    first_result = page.locator("#skill-results li").first
    first_result.wait_for()
    skill = first_result.locator(".lb-skill-name").inner_text()
    assert "plan" in skill.lower()
    assert_accessible(page)
    _tab_to(page, first_result.get_by_role("button", name="Toevoegen"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Mijn skills (1)").wait_for()
    # The confirmation arrives out of band in the live region, so a screen reader hears it.
    page.locator("#messages").get_by_text(f"{skill} staat in je profiel.").wait_for()
    assert page.locator("#skill-list").get_by_text(skill, exact=True).is_visible()
    assert_accessible(page)
    _press(page.get_by_role("link", name="Verder naar drijfveren"))

    # 3. Drijfveren: five different ones, most important first.
    _on_step(page, "Drijfveren", assert_accessible)
    for rank, drijfveer in enumerate(DRIJFVEREN, start=1):
        page.get_by_label(f"Plek {rank}").select_option(label=drijfveer)
    _press(page.get_by_role("button", name="Opslaan", exact=True))
    page.get_by_text("Je profiel is voor 50% klaar.").wait_for()

    # Leave halfway, come back later: the profile remembers where she was.
    page.goto("/")
    page.goto("/profiel/")
    page.get_by_text("Je profiel is voor 50% klaar.").wait_for()
    talenten = page.locator("section", has=page.locator("#h-talenten"))
    for talent in TALENTS:
        assert talenten.get_by_role("listitem").filter(has_text=talent).count() == 1
    assert page.get_by_role("progressbar").get_attribute("value") == "50"
    _press(page.get_by_role("link", name="Profiel aanvullen"))
    page.get_by_role("heading", level=1, name="Talenten").wait_for()
    steps = page.get_by_role("navigation", name="Stappen van je profiel")
    for done in ("1. Talenten (klaar)", "2. Skills (klaar)", "3. Drijfveren (klaar)"):
        assert steps.get_by_role("link", name=done).count() == 1
    _press(steps.get_by_role("link", name="4. Wendbaarheid"))

    # 4. Wendbaarheid: eight radio groups, answered with the arrow keys: 1, 2, 3, 4, 1, 2, 3, 4.
    _on_step(page, "Wendbaarheid", assert_accessible)
    assert page.get_by_role("group").count() == 8
    for index in range(8):
        group = page.get_by_role("group").nth(index)
        _press(group.get_by_role("radio").first, "Space")
        for _ in range(index % 4):
            page.keyboard.press("ArrowRight")
        assert group.get_by_role("radio").nth(index % 4).is_checked()
    _save_and_next(page)

    # 5. Werk- en denkniveau.
    _on_step(page, "Werk- en denkniveau", assert_accessible)
    page.get_by_label("Op welk niveau werk en denk je?").select_option(
        label="mbo 4, havo of vwo (NLQF 4)"
    )
    _press(page.get_by_role("radio", name="Informeel leren (werk, leven)"), "Space")
    _type_into(page.get_by_label("Bewijs", exact=True), "Tien jaar teamleider in een winkel.")
    _save_and_next(page)

    # 6. Doel & motivatie, with a Dutch decimal comma in the income.
    _on_step(page, "Doel & motivatie", assert_accessible)
    _type_into(page.get_by_label("Wat wil je bereiken?"), "Ik wil in de zorg gaan werken.")
    _press(page.get_by_role("checkbox", name="Zorg en welzijn", exact=True), "Space")
    _type_into(page.get_by_label("Minimaal netto inkomen per maand (euro)"), "2150,50")
    _type_into(page.get_by_label("Hoeveel uur per week wil je werken?"), "32")
    _save_and_next(page)

    # 7. Ervaring en trots, and finish.
    _on_step(page, "Ervaring en trots", assert_accessible)
    _type_into(page.get_by_label("Waar ben je trots op?"), "Dat ik mijn team door een fusie hielp.")
    _press(page.get_by_role("button", name="Opslaan en afronden"))

    page.get_by_text("Je Persoonlijk Profiel is opgeslagen.").wait_for()
    page.get_by_text("Je profiel is voor 100% klaar.").wait_for()
    assert_accessible(page)
    document = page.locator("article.lb-document")
    text = document.inner_text()
    for expected in [
        *TALENTS,
        "Ik houd het overzicht als het druk is.",
        skill,
        *DRIJFVEREN,
        "Score uit de vragenlijst: 38 van 100.",  # average 2.5 of 5
        "mbo 4, havo of vwo (NLQF 4) · aangetoond met informeel leren (werk, leven)",
        "Tien jaar teamleider in een winkel.",
        "Ik wil in de zorg gaan werken.",
        "Zorg en welzijn",
        "Dat ik mijn team door een fusie hielp.",
    ]:
        assert expected in text, expected

    def value_of(term: str) -> str:
        item = document.locator(".utrecht-data-list__item", has_text=term)
        return item.locator("dd").inner_text()

    # The Dutch thousands dot and decimal comma.
    assert value_of("Minimaal netto per maand") == "€ 2.150,50"
    assert value_of("Uren per week") == "32"
    assert value_of("Sectoren") == "Zorg en welzijn"

    # The PDF, downloaded with Enter on the link.
    with page.expect_download() as download:
        _press(page.get_by_role("link", name="Download als PDF"))
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # Share with a werkgever for a vacature.
    _press(page.get_by_role("link", name="Delen en wie keek"))
    page.get_by_role("heading", level=1, name="Je profiel delen").wait_for()
    assert_accessible(page)
    _press(page.get_by_role("radio", name="Sollicitatie bij een werkgever"), "Space")
    _type_into(page.get_by_label("E-mailadres van de coach, werkgever of opleider"), wim.email)
    _type_into(page.get_by_label("Vacature"), "Helpende zorg")
    page.keyboard.press("Enter")
    page.get_by_text("Je profiel is gedeeld met Wim Werkgever.").wait_for()
    row = page.get_by_role("row", name="Wim Werkgever")
    assert "Sollicitatie bij een werkgever: Helpende zorg" in row.inner_text()
    assert "actief" in row.inner_text()
    assert_accessible(page)


def test_werkgever_sees_a_shared_profile_and_loses_it_after_revoke(
    page, anna, wim, regions, assert_accessible
):
    from profiles.models import ProfileShare
    from profiles.services import profile_get_or_create, profile_share, profile_share_revoke

    profile = profile_get_or_create(user=anna)
    share = profile_share(
        profile=profile,
        grantee=wim,
        purpose=ProfileShare.Purpose.VACATURE,
        vacature="Helpende zorg",
    )

    _log_in_with_keyboard(page, wim)
    page.goto("/profielen/")
    page.get_by_role("heading", name="Profielen die met je gedeeld zijn").wait_for()
    assert_accessible(page)
    _press(page.get_by_role("link", name="Anna Overstapper"))
    page.get_by_role("heading", level=1, name="Persoonlijk Profiel").wait_for()
    assert page.get_by_text("Anna Overstapper", exact=True).first.is_visible()
    assert page.get_by_text("Vacature: Helpende zorg.").is_visible()
    assert_accessible(page)

    profile_share_revoke(share=share, by=anna)
    response = page.reload()
    assert response.status == 404
    page.get_by_text("Dit profiel bestaat niet of is niet (meer) met je gedeeld.").wait_for()
    assert_accessible(page)
