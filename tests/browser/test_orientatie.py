"""Oriëntatie in the browser (issue 15): a loket publishes an informatiebijeenkomst; an
anonymous visitor finds it in the agenda, signs up (the confirmation is in the mail outbox,
with an .ics) and later makes an account, which the sign-up is linked to with their consent;
the organiser marks attendance; the loket's report shows the event's conversion (sign-ups,
attendance, trajecten started within 90 days) once five people walked it. axe-core on every
page on the way."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp

from journeys.models import Traject
from orientatie import services
from orientatie.models import Event, Registration

from ..factories import PASSWORD, TrajectFactory, UserFactory, make_totp

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, user) -> None:
    device = make_totp(user)
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code uit je authenticator-app").fill(f"{code:06d}")
    page.get_by_role("button", name="Bevestigen").click()


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_from_the_agenda_to_an_account_and_attendance(
    chromium, live_server, lars, amsterdam, assert_accessible
):
    # The loket publishes an informatiebijeenkomst.
    staff = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    staff.set_default_timeout(20_000)
    loket = staff.new_page()
    _log_in(loket, lars)
    loket.goto("/orientatie/mijn-bijeenkomsten/")
    assert_accessible(loket)
    start = timezone.now() + timedelta(days=7)
    loket.get_by_label("Soort bijeenkomst").select_option("informatiebijeenkomst")
    loket.get_by_label("Titel").fill("Overstappen naar het onderwijs")
    loket.get_by_label("Onderwijs", exact=True).check()
    loket.get_by_label("Plaats en adres").fill("Stadhuis Amsterdam")
    loket.get_by_label("Aantal plaatsen").fill("25")
    loket.get_by_label("Sessie 1: begin").fill(_local(start))
    loket.get_by_label("Sessie 1: einde").fill(_local(start + timedelta(hours=2)))
    loket.get_by_role("button", name="Publiceren").click()
    loket.get_by_text("De bijeenkomst staat in de agenda.").wait_for()
    event = Event.objects.get(title="Overstappen naar het onderwijs")
    assert_accessible(loket)

    # An anonymous visitor finds it in the agenda and signs up.
    visitor_context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
    visitor_context.set_default_timeout(20_000)
    visitor = visitor_context.new_page()
    visitor.goto("/orientatie/agenda/")
    visitor.get_by_label("Sector").select_option("onderwijs")
    visitor.get_by_role("button", name="Filteren").click()
    visitor.wait_for_url("**sector=onderwijs**")
    assert "Nog 25 plaatsen vrij" in visitor.content()
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Overstappen naar het onderwijs").click()
    visitor.get_by_role("heading", name="Aanmelden").wait_for()
    assert_accessible(visitor)
    visitor.get_by_label("Je naam").fill("Jitske Jansen")
    visitor.get_by_label("E-mailadres").fill("jitske@example.nl")
    visitor.get_by_label("Koppel deze aanmelding aan mijn account als ik er later een maak").check()
    visitor.get_by_role("button", name="Aanmelden").click()
    visitor.get_by_text("Je bent aangemeld.").wait_for()
    assert_accessible(visitor)
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["jitske@example.nl"]
    assert confirmation.attachments[0][0] == "bijeenkomst.ics"

    # Later the visitor makes an account and confirms the address: the sign-up is linked.
    visitor.get_by_role("link", name="Maak een account").click()
    visitor.get_by_label("Je naam", exact=True).fill("Jitske Jansen")
    visitor.get_by_label("E-mailadres", exact=True).fill("jitske@example.nl")
    visitor.get_by_label("In welke arbeidsmarktregio woon je?").select_option(
        label="Groot Amsterdam"
    )
    visitor.get_by_label("Wachtwoord", exact=True).fill("een-lang-wachtwoord")
    visitor.get_by_label("Herhaal je wachtwoord").fill("een-lang-wachtwoord")
    visitor.get_by_role("button", name="Account maken").click()
    visitor.get_by_role("heading").first.wait_for()
    link = re.search(r"https?://\S+(/account/\S+)", mail.outbox[-1].body).group(1)
    visitor.goto(link)
    registration = Registration.objects.get(event=event)
    assert registration.user is not None and registration.user.email == "jitske@example.nl"

    # Four more people sign up (they come and start a traject too; see the report below).
    others = [
        services.registration_create(
            event=event, name=f"Deelnemer {n}", email=f"d{n}@example.nl", link_consent=True
        )
        for n in range(4)
    ]

    # The day of the event: the organiser marks who came.
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=30))
    loket.goto(f"/orientatie/mijn-bijeenkomsten/{event.pk}/")
    loket.get_by_label("Jitske Jansen").check()
    loket.get_by_role("button", name="Aanwezigheid opslaan").click()
    loket.get_by_text("Aanwezigheid opgeslagen.").wait_for()
    assert "1 aanwezig" in loket.content()
    assert_accessible(loket)
    registration.refresh_from_db()
    assert registration.attended is True

    # Four more came and started a traject; Jitske starts hers in the portal. Five people
    # walked from this bijeenkomst to a traject: the loket's report shows it (not "<5").
    event.refresh_from_db()
    services.attendance_mark(event=event, by=lars, marks={r.pk: True for r in others})
    for other in others:
        user = UserFactory(email=other.email, email_confirmed_at=timezone.now())
        user.save(update_fields=["email_confirmed_at"])  # a confirmed address links the sign-up
        TrajectFactory(overstapper=user, region=amsterdam)
    if not Traject.objects.filter(overstapper=registration.user).exists():
        TrajectFactory(overstapper=registration.user, region=amsterdam)
    loket.goto("/rapportages/")
    today = timezone.localdate()
    loket.get_by_label("Periode vanaf").fill(f"{today - timedelta(days=30):%Y-%m-%d}")
    loket.get_by_label("Periode tot en met").fill(f"{today:%Y-%m-%d}")
    loket.get_by_role("button", name="Rapportage maken").click()
    loket.get_by_text("De rapportage is klaar.").wait_for()
    row = loket.get_by_role("row", name=re.compile("^Overstappen naar het onderwijs"))
    cells = row.get_by_role("cell").all_inner_texts()
    assert cells[-3:] == ["5", "5", "5"], cells
    assert "Jitske" not in loket.content()
    assert_accessible(loket)
    staff.close()
    visitor_context.close()
