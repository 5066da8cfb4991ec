"""The whole journey from nothing, as its users walk it (issue 12): a stranger signs up and
fills the Persoonlijk Profiel, the region's coach claims them from the intake list, the
werkgever hears of their interest, plans a meeloopdag and offers a voorwaardelijk contract, the
overstapper signs it, and the coach starts a financing plan with the doelsector's norms.

Nobody opens an admin page: every hand-off between the roles happens in the product itself.
The whole walk is timed, and every page visited is checked with axe-core."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp

from ..factories import PASSWORD, make_totp
from ..financing_helpers import catalogue_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Jitske Nieuwkomer"
EMAIL = "jitske.nieuw@example.nl"
OWN_PASSWORD = "een-heel-lang-wachtwoord"
TITLE = "Planner zorgroosters"
CONDITIONS = "Diploma mbo 3 Helpende zorg en welzijn behaald vóór 1 september 2027"
SKILL = "Plannen en organiseren"
TALENTS = ["Gedreven", "Empathisch"]
DRIJFVEREN = ["Zingeving", "Samenwerking", "Groei", "Autonomie", "Vakmanschap"]
# The walk takes about 35 s on a busy two-core machine; the bound leaves room for a slow CI box.
TIME_BOUND_SECONDS = 120


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _log_in(page, email: str, password: str, device=None) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if device is not None:
        page.get_by_role("heading", name="Tweestapsverificatie").wait_for()
        page.get_by_label("Code uit je authenticator-app").fill(_code(device))
        page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(lambda url: "/account/" not in url)
    page.get_by_role("heading", level=1).first.wait_for()


def _nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name).click()


def _unread(page) -> int:
    """The unread count in the header (0 when the badge is not shown)."""
    badge = page.locator("#meldingen-link .lb-count")
    return int(badge.inner_text()) if badge.count() else 0


def _start_page_section(page):
    return page.locator("section", has=page.locator("#waar-sta-ik"))


def _prepare_vacature(wim, amsterdam):
    """Zorggroep's published vacature that asks for a skill the newcomer will bring."""
    from matching.services import vacature_publish, vacature_save
    from taxonomy.models import Skill

    vacature = vacature_save(
        by=wim,
        organisation=wim.organisation,
        title=TITLE,
        sector="zorg",
        region=amsterdam,
        hours_per_week=32,
        salary_min=Decimal("2800"),
        salary_max=Decimal("3400"),
        skills=[
            (Skill.objects.get(label_nl=SKILL), 2, True),
            (Skill.objects.get(label_nl="Actief luisteren"), 2, False),
        ],
    )
    return vacature_publish(vacature=vacature, by=wim)


def test_from_nothing_to_a_signed_contract_and_a_financing_plan(
    page, chromium, live_server, catalogue, amsterdam, carla, wim, assert_accessible
):
    from accounts.models import User
    from financing.models import FinancingPlan
    from journeys.models import Phase, PhaseChange, Traject
    from matching.models import Application, Match
    from taxonomy.curated import load_curated_taxonomy

    # --- Setup: the taxonomy, a coach with an authenticator app, and a werkgever's vacature.
    load_curated_taxonomy()
    carlas_device = make_totp(carla)
    vacature = _prepare_vacature(wim, amsterdam)
    contexts = []
    visited: list[str] = []  # every URL any of the browsers asked for

    def watch(context) -> None:
        context.on("request", lambda request: visited.append(urlsplit(request.url).path))

    def new_page():
        context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(20_000)
        watch(context)
        contexts.append(context)
        return context.new_page()

    watch(page.context)

    started = time.perf_counter()
    try:
        _walk(page, new_page, vacature, carla, carlas_device, wim, assert_accessible)
    finally:
        seconds = time.perf_counter() - started
        print(f"journey from nothing: {seconds:.1f} s")
        for context in contexts:
            context.close()
    assert seconds < TIME_BOUND_SECONDS
    assert visited and not [path for path in visited if path.startswith("/beheer/")]

    # What the walk left in the database.
    jitske = User.objects.get(email=EMAIL)
    traject = Traject.objects.get(overstapper=jitske)
    assert traject.coach == carla
    assert traject.phase == Phase.LEERWERKTRAJECT
    assert traject.target_sector == "zorg"
    automatic = dict(
        PhaseChange.objects.filter(traject=traject, by=None).values_list("to_phase", "reason")
    )
    assert automatic[Phase.MATCH] == "Automatisch: Persoonlijk Profiel compleet"
    assert automatic[Phase.SELECTIE].startswith("Automatisch: Meeloopdag gepland")
    assert automatic[Phase.LEERWERKTRAJECT].startswith("Automatisch: ")
    application = Application.objects.get(profile__user=jitske, vacature=vacature)
    assert application.status == Application.Status.GETEKEND
    assert Match.objects.filter(profile__user=jitske, vacature=vacature).exists()
    plan = FinancingPlan.objects.get(traject=traject)
    assert plan.norm_sector == "zorg"


def _walk(page, new_page, vacature, carla, carlas_device, wim, assert_accessible) -> None:
    from accounts.models import User
    from financing.models import NormItem, SectorNorm
    from journeys.models import Phase, Traject
    from loopbrug.money import format_euro
    from matching.models import Application

    # === 1. A stranger opens the site and signs up, with consent for the intake list.
    page.goto("/")
    page.get_by_role("heading", level=1).first.wait_for()
    assert_accessible(page)
    page.goto("/account/aanmelden/")
    page.get_by_role("heading", level=1).first.wait_for()
    assert_accessible(page)
    page.get_by_label("Je naam").fill(NAME)
    page.get_by_label("E-mailadres", exact=True).fill(EMAIL)
    page.get_by_label("In welke arbeidsmarktregio woon je?").select_option(label="Groot Amsterdam")
    page.get_by_label("Wachtwoord", exact=True).fill(OWN_PASSWORD)
    page.get_by_label("Herhaal je wachtwoord").fill(OWN_PASSWORD)
    consent = page.get_by_role(
        "checkbox", name=re.compile("Het loket en de coaches van mijn regio")
    )
    assert not consent.is_checked()  # consent is never ticked in advance
    consent.check()
    page.get_by_role("button", name="Account maken").click()
    page.get_by_role("heading", name="Bevestig je e-mailadres").wait_for()
    assert_accessible(page)

    # The confirmation e-mail (the live server shares this process's test outbox).
    confirmation = next(m for m in mail.outbox if EMAIL in m.to)
    link = re.search(r"https?://\S+", confirmation.body).group(0)
    page.goto("/" + link.split("/", 3)[3])
    page.get_by_text("Je e-mailadres is bevestigd").wait_for()
    assert_accessible(page)
    jitske = User.objects.get(email=EMAIL)
    assert jitske.is_active and jitske.intake_consent_at is not None
    traject = Traject.objects.get(overstapper=jitske)
    assert traject.coach is None and traject.phase == Phase.AANMELDING

    _log_in(page, EMAIL, OWN_PASSWORD)
    page.get_by_role("heading", level=1, name=f"Welkom, {NAME}").wait_for()
    where = _start_page_section(page)
    assert "Aanmelding" in where.locator("strong").first.inner_text()
    assert "nog niet gekoppeld" in where.inner_text()
    assert "Je coach neemt contact" not in where.inner_text()  # never while no coach is linked
    assert_accessible(page)

    # === 2. The Persoonlijk Profiel, step by step, until it is complete.
    page.get_by_role("link", name="Naar mijn Persoonlijk Profiel").click()
    page.get_by_text("Je profiel is voor 0% klaar.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Begin met je profiel").click()

    def on_step(name: str) -> None:
        page.get_by_role("heading", level=1, name=name).wait_for()
        assert_accessible(page)

    def save_and_next() -> None:
        page.get_by_role("button", name="Opslaan en verder").click()

    on_step("Talenten")
    for talent in TALENTS:
        page.get_by_role("checkbox", name=talent, exact=True).check()
    page.get_by_label("Je talenten in je eigen woorden").fill(
        "Ik houd het overzicht als het druk is."
    )
    save_and_next()

    on_step("Skills")
    with page.expect_response(
        lambda r: "/profiel/stap/skills/zoek/" in r.url and "q=plannen" in r.url
    ):
        page.get_by_label("Zoek een skill").fill("plannen")
    result = page.locator("#skill-results li").filter(
        has=page.locator(".lb-skill-name", has_text=re.compile(f"^{SKILL}$"))
    )
    result.get_by_role("button", name="Toevoegen").click()
    page.get_by_role("heading", name="Mijn skills (1)").wait_for()
    page.locator("#messages").get_by_text(f"{SKILL} staat in je profiel.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Verder naar drijfveren").click()

    on_step("Drijfveren")
    for rank, drijfveer in enumerate(DRIJFVEREN, start=1):
        page.get_by_label(f"Plek {rank}").select_option(label=drijfveer)
    save_and_next()

    on_step("Wendbaarheid")
    page.get_by_text("Je profiel is voor 50% klaar.").wait_for()
    groups = page.get_by_role("group")
    for index in range(groups.count()):
        groups.nth(index).get_by_role("radio").nth(index % 4).check()
    save_and_next()

    on_step("Werk- en denkniveau")
    page.get_by_label("Op welk niveau werk en denk je?").select_option(
        label="mbo 4, havo of vwo (NLQF 4)"
    )
    page.get_by_role("radio", name="Informeel leren (werk, leven)").check()
    page.get_by_label("Bewijs", exact=True).fill("Tien jaar roosters gemaakt voor een supermarkt.")
    save_and_next()

    on_step("Doel & motivatie")
    page.get_by_label("Wat wil je bereiken?").fill("Ik wil in de zorg gaan werken.")
    page.get_by_role("checkbox", name="Zorg en welzijn", exact=True).check()
    page.get_by_label("Minimaal netto inkomen per maand (euro)").fill("1900")
    page.get_by_label("Hoeveel uur per week wil je werken?").fill("32")
    save_and_next()

    on_step("Ervaring en trots")
    page.get_by_label("Waar ben je trots op?").fill("Dat niemand ooit zonder dienst zat.")
    page.get_by_role("button", name="Opslaan en afronden").click()
    page.get_by_text("Je Persoonlijk Profiel is opgeslagen.").wait_for()
    page.get_by_text("Je profiel is voor 100% klaar.").wait_for()
    assert_accessible(page)

    # The traject moved to "match" by itself, and the start page says so.
    _nav(page, "Start")
    page.get_by_role("heading", level=1, name=f"Welkom, {NAME}").wait_for()
    where = _start_page_section(page)
    assert where.locator("strong").first.inner_text() == "Match"
    assert "nog niet gekoppeld" in where.inner_text()
    assert_accessible(page)
    traject.refresh_from_db()
    assert traject.phase == Phase.MATCH
    assert traject.target_sector == "zorg"  # the doelsector copied from the profile's goal

    # === 3. The region's coach logs in (second factor) and claims the newcomer.
    coach = new_page()
    _log_in(coach, carla.email, PASSWORD, carlas_device)
    assert_accessible(coach)
    _nav(coach, "Aanmeldingen")
    coach.get_by_role("heading", level=1, name=re.compile("^Nieuwe aanmeldingen")).wait_for()
    row = coach.get_by_role("row", name=re.compile(NAME))
    assert EMAIL in row.inner_text() and "0 dagen" in row.inner_text()
    assert_accessible(coach)
    row.get_by_role("button", name=f"Oppakken: {NAME}").click()
    coach.get_by_text(f"Je bent nu de coach van {NAME}.").wait_for()
    coach.get_by_role("heading", level=1, name=f"Traject van {NAME}").wait_for()
    assert_accessible(coach)
    _nav(coach, "Aanmeldingen")
    coach.get_by_text("Er wacht niemand op een coach.").wait_for()
    traject.refresh_from_db()
    assert traject.coach == carla

    # === 4. The start page names the coach; an explained match; interest shown.
    page.reload()
    where = _start_page_section(page)
    assert "Je coach: Carla Coach" in where.inner_text()
    assert "nog niet gekoppeld" not in where.inner_text()
    assert _unread(page) >= 1  # "coach assigned"
    assert_accessible(page)

    _nav(page, "Mijn matches")
    page.get_by_role("heading", level=1, name="Mijn matches").wait_for()
    match = page.get_by_role("article").filter(has_text=TITLE)
    match.wait_for()
    explanation = match.inner_text()
    assert "Wat je meebrengt:" in explanation and SKILL in explanation
    assert "Actief luisteren" in explanation  # what she would still learn
    assert_accessible(page)
    match.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", level=1, name=TITLE).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Ik heb interesse en deel mijn profiel").click()
    page.get_by_text(
        "Je interesse is doorgegeven en je profiel is gedeeld met Zorggroep."
    ).wait_for()
    assert_accessible(page)
    application = Application.objects.get(profile__user=jitske, vacature=vacature)
    assert application.status == Application.Status.INTERESSE

    # === 5. The werkgever hears of it, plans a meeloopdag, selects and offers a contract.
    werkgever = new_page()
    _log_in(werkgever, wim.email, PASSWORD)
    assert _unread(werkgever) == 1
    assert_accessible(werkgever)
    werkgever.locator("#meldingen-link").click()
    werkgever.get_by_role("heading", level=1, name="Meldingen").wait_for()
    assert_accessible(werkgever)
    werkgever.get_by_role("link", name=f"Nieuwe interesse in je vacature {TITLE}").click()
    werkgever.get_by_role("heading", level=1, name=f"Kandidaten voor {TITLE}").wait_for()
    candidate = werkgever.get_by_role("region", name=re.compile(f"^{NAME}"))
    assert "Interesse getoond" in candidate.inner_text()
    assert_accessible(werkgever)

    # The candidate's shared profile.
    candidate.get_by_role("link", name=f"Persoonlijk Profiel bekijken: {NAME}").click()
    werkgever.get_by_role("heading", level=1, name="Persoonlijk Profiel").wait_for()
    assert SKILL in werkgever.locator("main").inner_text()
    assert_accessible(werkgever)
    werkgever.go_back()
    candidate.wait_for()

    meeloopdag = timezone.localdate() + timedelta(days=7)
    candidate.get_by_label("Volgende stap").select_option(label="Meeloopdag gepland")
    candidate.get_by_label("Datum meeloopdag").fill(meeloopdag.isoformat())
    candidate.get_by_label("Aantal dagen meelopen (1–5)").fill("1")
    candidate.get_by_role("button", name=re.compile("^Opslaan")).click()
    werkgever.get_by_text("Opgeslagen: Meeloopdag gepland.").wait_for()
    assert_accessible(werkgever)
    traject.refresh_from_db()
    assert traject.phase == Phase.SELECTIE

    candidate.get_by_label("Volgende stap").select_option(label="Selectie")
    candidate.get_by_role("button", name=re.compile("^Opslaan")).click()
    werkgever.get_by_text("Opgeslagen: Selectie.").wait_for()
    candidate.get_by_role("link", name=f"Contract aanbieden: {NAME}").click()
    form = werkgever.locator(f"#contract-form-{application.pk}")
    form.get_by_label("Functie").wait_for()
    assert form.get_by_label("Functie").input_value() == TITLE
    assert_accessible(werkgever)
    start = timezone.localdate() + timedelta(days=60)
    form.get_by_label("Eerste werkdag").fill(start.isoformat())
    form.get_by_label("Soort contract").select_option("vast")
    form.get_by_label("Uren per week").fill("32")
    form.get_by_label("Bruto maandsalaris in euro").fill("2950,00")
    form.get_by_label("Proeftijd").select_option(label="2 maanden")
    form.get_by_label("Voorwaarden").fill(CONDITIONS)
    form.get_by_role("button", name="Contract aanbieden").click()
    werkgever.get_by_text(f"Het contract is aangeboden aan {NAME}.").wait_for()
    assert "€ 2.950,00 bruto per maand" in werkgever.locator("main").inner_text()
    assert_accessible(werkgever)
    application.refresh_from_db()
    assert application.status == Application.Status.CONTRACT

    # === 6. The overstapper sees the notification, reads the contract and signs it.
    page.goto("/")
    assert _unread(page) >= 2  # the meeloopdag and the offer (and the coach) are new
    page.locator("#meldingen-link").click()
    page.get_by_role("heading", level=1, name="Meldingen").wait_for()
    assert page.get_by_role("link", name="Meeloopdag gepland bij Zorggroep").count() == 1
    assert_accessible(page)
    page.get_by_role("link", name="Voorwaardelijk contract aangeboden door Zorggroep").click()
    main = page.locator("main")
    main.get_by_text("€ 2.950,00 bruto per maand").wait_for()
    contract_text = main.inner_text()
    assert CONDITIONS in contract_text and TITLE in contract_text
    assert_accessible(page)
    page.get_by_label("Ik heb het contract gelezen").check()
    page.get_by_role("button", name="Ondertekenen").click()
    page.get_by_text("Je hebt het contract ondertekend.").wait_for()
    assert_accessible(page)

    _nav(page, "Start")
    page.get_by_role("heading", level=1, name=f"Welkom, {NAME}").wait_for()
    where = _start_page_section(page)
    assert where.locator("strong").first.inner_text() == "Leerwerktraject"
    assert_accessible(page)
    traject.refresh_from_db()
    assert traject.phase == Phase.LEERWERKTRAJECT
    application.refresh_from_db()
    assert application.status == Application.Status.GETEKEND

    # The werkgever and the coach both hear of the signature.
    werkgever.goto("/meldingen/")
    werkgever.get_by_role("link", name=f"Contract getekend voor {TITLE}").wait_for()

    # === 7. The coach starts the financing plan, with the doelsector's norms.
    coach.goto(f"/trajecten/{traject.pk}/")
    coach.get_by_role("heading", level=1, name=f"Traject van {NAME}").wait_for()
    assert _unread(coach) >= 1  # at least the signed contract
    coach.get_by_role("link", name="Financieringsplan: wie betaalt de overstap?").click()
    coach.wait_for_url(f"**/trajecten/{traject.pk}/financiering/")
    coach.get_by_role("heading", name="Nog geen financieringsplan").wait_for()
    assert "Doelsector: Zorg en welzijn" in coach.locator("main").inner_text()
    assert_accessible(coach)
    coach.get_by_role("button", name="Financieringsplan starten").click()
    coach.get_by_text("Het financieringsplan is gestart").wait_for()
    coach.get_by_text("Gestart met de normen van de sector Zorg en welzijn", exact=False).wait_for()
    norm = SectorNorm.objects.get(sector="zorg", item=NormItem.VAKOPLEIDING)
    expected = (
        format_euro(norm.cost_max)
        if norm.cost_min == norm.cost_max
        else f"{format_euro(norm.cost_min)} – {format_euro(norm.cost_max)}"
    )
    vakopleiding = coach.get_by_role("row").filter(has_text="Vakopleiding").first
    assert expected in vakopleiding.inner_text(), (expected, vakopleiding.inner_text())
    assert_accessible(coach)
