"""Oriëntatie in the browser, the paths beside the agenda (issue 15): a full bijeenkomst puts
the next visitor on the waiting list and a cancel gives them the place (they are told by mail);
a logged-in overstapper opens a beroep in the verkenner, reads the skills they bring and the ones
to learn from their own profile, and saves it to the shortlist that their coach then sees.
axe-core on every page on the way."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from orientatie.models import Registration, ShortlistItem
from profiles import services as profile_services
from taxonomy.models import Skill

from ..conftest import verified_client
from ..test_orientatie import (
    leraar_fixture,  # noqa: F401 - the fixture "leraar"
    publish,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, live_server, user) -> None:
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _sign_up(page, event, name: str, email: str, button: str = "Aanmelden") -> None:
    page.goto(f"/orientatie/bijeenkomsten/{event.pk}/")
    page.get_by_label("Je naam").fill(name)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name=button).click()


def test_a_cancel_gives_the_place_to_the_first_on_the_waiting_list(
    chromium, live_server, lars, assert_accessible
):
    event = publish(lars, capacity=1, title="Meedraaien in de wijkverpleging")
    first_context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    first_context.set_default_timeout(20_000)
    first = first_context.new_page()
    _sign_up(first, event, "Jitske Jansen", "jitske@example.nl")
    first.get_by_text("Je bent aangemeld.").wait_for()

    # The second visitor finds the bijeenkomst full and is told they are on the waiting list.
    second_context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    second_context.set_default_timeout(20_000)
    second = second_context.new_page()
    second.goto("/orientatie/agenda/")
    second.get_by_text("je kunt op de wachtlijst").wait_for()
    second.get_by_role("link", name="Meedraaien in de wijkverpleging").click()
    second.get_by_text("Vol: wie zich nu aanmeldt, komt op de wachtlijst.").wait_for()
    assert_accessible(second)
    _sign_up(second, event, "Kees de Vries", "kees@example.nl", button="Op de wachtlijst")
    second.get_by_text("Je staat op de wachtlijst (plaats 1)").wait_for()
    assert_accessible(second)

    # The first cancels with the link from their confirmation mail.
    confirmation = next(m for m in mail.outbox if m.to == ["jitske@example.nl"])
    cancel = re.search(r"https?://\S+(/orientatie/annuleren/\S+/)", confirmation.body).group(1)
    mail.outbox.clear()
    first.goto(cancel)
    assert_accessible(first)
    first.get_by_role("button", name="Ja, meld me af").click()
    first.get_by_text("Je bent afgemeld").first.wait_for()
    assert_accessible(first)

    # The place went to the second, who is told by mail with the .ics.
    kees = Registration.objects.get(email="kees@example.nl")
    assert kees.status == Registration.Status.CONFIRMED and kees.promoted_at is not None
    (told,) = [m for m in mail.outbox if m.to == ["kees@example.nl"]]
    assert "plek vrij" in told.subject and told.attachments[0][0] == "bijeenkomst.ics"
    assert Registration.objects.get(email="jitske@example.nl").status == "geannuleerd"
    first_context.close()
    second_context.close()


def test_the_verkenner_shows_my_skills_against_a_beroep_and_the_coach_sees_my_shortlist(
    page,
    live_server,
    anna,
    carla,
    annas_traject,
    leraar,
    assert_accessible,
):
    profile = profile_services.profile_get_or_create(user=anna)
    profile_services.profile_skill_upsert(
        profile=profile,
        skill=Skill.objects.get(code="test:uitleggen"),
        level=4,
        evidence_type="zelf",
        evidence_note="",
    )
    _log_in(page, live_server, anna)
    page.goto(f"/orientatie/beroepen/{leraar.pk}/")
    page.get_by_role("heading", name="Jij en dit beroep").wait_for()
    brought = page.get_by_role("list", name="Skills die je meebrengt")
    to_learn = page.get_by_role("list", name="Skills om te leren")
    assert brought.get_by_role("listitem").all_inner_texts() == ["Uitleggen"]
    assert [t.split(" (")[0] for t in to_learn.get_by_role("listitem").all_inner_texts()] == [
        "Lessen plannen"
    ]
    assert_accessible(page)
    page.get_by_role("button", name="Op mijn shortlist").click()
    page.get_by_role("button", name="Van mijn shortlist halen").wait_for()
    assert ShortlistItem.objects.filter(user=anna, beroep=leraar).exists()
    assert_accessible(page)

    # The coach sees the shortlist on the traject's oriëntatie page.
    page.context.clear_cookies()
    _log_in(page, live_server, carla)
    page.goto(f"/orientatie/trajecten/{annas_traject.pk}/")
    page.get_by_text("Leraar basisonderwijs").first.wait_for()
    assert_accessible(page)
