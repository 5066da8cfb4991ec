"""axe-core over every page of every role's main path: no WCAG 2.1 A/AA violation.

The list of pages is checked against the URLconf: every route a browser can open is either
crawled here (as the role whose path it is on, with its URL filled from the demo world) or
named in NOT_PAGES with the reason it shows no page (POST only, not HTML, a redirect), and
that reason is checked too. A new page without an entry fails
`test_every_route_of_the_urlconf_is_in_the_crawl`.

The crawl runs in three parts (CRAWLS, so parallel test processes share it), each over its
own seeded demo world: per role one browser context and one login, every page, then the
states htmx or a submit brings a page into (validation errors, search results, a filtered
table, work in progress). Besides axe, the names of links
and buttons are checked as Chromium computes them (hidden helper text must not make them
read badly). All problems are listed together: role, page, rule, and each failing node."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reports.tasks import refresh_loket_homes
from workspace.demo import DEMO_PASSWORD

from .conftest import WCAG_TAGS
from .demo_world import World, build_world, log_in

# Who logs in for each crawl: a demo user (workspace/demo.py), or one the world adds.
ROLES = {
    "anoniem": None,
    "overstapper": "jitske",  # phase Persoonlijk Profiel, with matches and a financing plan
    "deelnemer": "krista",  # overstapper in onboarding: route, check-in, contract
    "coach": "coach",
    "coach-eerste-keer": "nieuwe-coach",  # sets up the authenticator app
    "loket": "loket",
    "werkgever": "werkgever",  # Cordaan
    "opleider": "opleider-ncoi",  # NCOI, Krista's opleider
    "beheerder": "beheerder",
    "vertrekker": "vertrekker",  # an overstapper who erases the account
    "wachtende": "sanne",  # signed up alone, waiting in the intake list for a coach
}
# The roles in three crawls of about the same length (pages and states per role).
CRAWLS = {
    "coach-loket": ("coach", "coach-eerste-keer", "loket", "vertrekker"),
    "overstapper-beheerder": ("overstapper", "deelnemer", "wachtende", "beheerder"),
    "anoniem-werkgever-opleider": ("anoniem", "werkgever", "opleider"),
}


@dataclass(frozen=True)
class Visit:
    """Open a route as `role`; `states` then bring the page into other states to check."""

    role: str
    kwargs: Callable[[World], dict] = field(default=lambda w: {})
    query: str = ""
    status: int = 200
    states: tuple[Callable, ...] = ()
    label: str = ""


def pk(getter: Callable[[World], object], name: str = "pk") -> Callable[[World], dict]:
    return lambda w: {name: getter(w).pk}


def traject(key: str) -> Callable[[World], dict]:
    return lambda w: {"pk": w.trajecten[key].pk}


def profile_of(key: str) -> Callable[[World], dict]:
    return lambda w: {"profile_id": w.users[key].profile.pk}


def step(name: str) -> Callable[[World], dict]:
    return lambda w: {"step": name}


# --- States: each brings the page into another state and says which ----------------------

ERRORS = ".lb-errorlist, [role=alert], [aria-invalid=true]"


def _set(locator, value) -> None:
    tag = locator.evaluate("element => element.tagName + ':' + (element.type || '')")
    if tag.startswith("SELECT"):
        values = locator.evaluate("select => [...select.options].map(option => option.value)")
        locator.select_option(value) if value in values else locator.select_option(label=value)
    elif tag in ("INPUT:checkbox", "INPUT:radio"):
        locator.check()
    else:
        locator.fill(value)


def submit(button: str, shows: str = "foutmeldingen", *, fields=(), htmx=False, expect=ERRORS):
    """Fill `fields` (label, value), press `button`; wait for the page (or swap) it brings."""

    def state(page, world):
        for label, value in fields:
            _set(page.get_by_label(label, exact=True).first, value)
        button_ = page.get_by_role("button", name=button, exact=True).first
        if htmx:
            with page.expect_response(lambda r: r.request.method == "POST"):
                button_.click()
        else:
            with page.expect_navigation():
                button_.click()
        page.locator(expect).first.wait_for()
        return f"na '{button}': {shows}"

    return state


def htmx_get(label: str, value: str, expect: str, shows: str):
    """Type into or choose in a field whose change htmx sends, and wait for the swap."""

    def state(page, world):
        field_ = page.get_by_label(label, exact=True).first
        with page.expect_response(lambda r: "hx-request" in r.request.headers):
            _set(field_, value)
        page.locator(expect).first.wait_for()
        return shows

    return state


def click_htmx(button: str, expect: str, shows: str):
    def state(page, world):
        with page.expect_response(lambda r: "hx-request" in r.request.headers):
            page.get_by_role("button", name=button).first.click()
        page.locator(expect).first.wait_for()
        return shows

    return state


def click_htmx_link(link: str, expect: str, shows: str):
    def state(page, world):
        with page.expect_response(lambda r: "hx-request" in r.request.headers):
            page.get_by_role("link", name=link).first.click()
        page.locator(expect).first.wait_for()
        return shows

    return state


def match_run_in_progress(page, world):
    from matching.models import MatchRun

    run = MatchRun.objects.create(status=MatchRun.Status.RUNNING, chunks_total=4, chunks_done=1)
    page.reload()
    page.get_by_role("progressbar").wait_for()
    run.status = MatchRun.Status.DONE
    run.save(update_fields=["status"])
    return "herberekening bezig"


def match_run_waiting(page, world):
    """The run's page while no worker picks the run up: the notice and the cancel button."""
    from matching.models import MatchRun

    run = world.match_run
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.QUEUED,
        created_at=run.created_at - timedelta(minutes=5),
        heartbeat_at=None,
    )
    page.reload()
    page.get_by_role("button", name="Herberekening annuleren").wait_for()
    page.get_by_text("Wacht op een worker").first.wait_for()
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.DONE)
    return "wacht op een worker"


def report_in_progress(page, world):
    from reports.models import ReportRun

    run = ReportRun.objects.create(
        region=world.report.region,
        period_start=world.report.period_start,
        period_end=world.report.period_end,
        status=ReportRun.Status.RUNNING,
        progress=40,
    )
    page.goto(reverse("report_detail", kwargs={"pk": run.pk}))
    page.get_by_role("progressbar").wait_for()
    return "rapportage bezig"


PAGES: dict[str, list[Visit]] = {
    # The footer's public pages.
    "privacy_statement": [Visit("anoniem"), Visit("overstapper")],
    "accessibility_statement": [Visit("anoniem"), Visit("loket")],
    "contact": [Visit("anoniem"), Visit("werkgever")],
    # Anonymous
    "login": [
        Visit(
            "anoniem",
            states=(
                submit(
                    "Inloggen",
                    "fout wachtwoord",
                    fields=[("E-mailadres", "iemand@example.nl"), ("Wachtwoord", "fout")],
                ),
            ),
        )
    ],
    "signup": [
        Visit(
            "anoniem",
            states=(
                submit("Account maken"),
                submit(
                    "Account maken",
                    "bevestigingsmail verstuurd",
                    fields=[
                        ("Je naam", "Nieuwe Overstapper"),
                        ("E-mailadres", "nieuw@example.nl"),
                        ("In welke arbeidsmarktregio woon je?", "Groot Amsterdam"),
                        ("Wachtwoord", "een-lang-wachtwoord"),
                        ("Herhaal je wachtwoord", "een-lang-wachtwoord"),
                    ],
                    expect="h1",
                ),
            ),
        )
    ],
    "confirm_email": [
        Visit("anoniem", lambda w: {"uidb64": "MTIz", "token": "ongeldig"}, status=400)
    ],
    "password_reset": [
        Visit(
            "anoniem",
            states=(
                submit(
                    "Link versturen",
                    "link verstuurd",
                    fields=[("E-mailadres", "a@example.nl")],
                    expect="h1",
                ),
            ),
        )
    ],
    "password_reset_done": [Visit("anoniem")],
    "password_reset_confirm": [
        Visit("anoniem", lambda w: {"uidb64": "MTIz", "token": "ongeldig"}, label="verlopen")
    ],
    "password_reset_complete": [Visit("anoniem")],
    "checkin_link": [
        Visit(
            "anoniem",
            lambda w: {"token": w.checkin_token},
            states=(submit("Check-in versturen"),),
        ),
        Visit("anoniem", lambda w: {"token": "ongeldig"}, status=400, label="ongeldig"),
    ],
    "two_factor": [
        Visit(
            "coach-eerste-keer",
            label="instellen",
            states=(
                submit(
                    "Code bevestigen",
                    "foute code",
                    fields=[("Code uit je authenticator-app", "123456")],
                ),
            ),
        )
    ],
    # Overstapper
    "home": [
        Visit("overstapper"),
        Visit("wachtende", label="nog zonder coach"),
        Visit("deelnemer"),
        Visit("loket"),
        Visit("werkgever"),
        Visit("opleider"),
        Visit("beheerder"),
    ],
    "profile_document": [Visit("overstapper")],
    "profile_step": [
        Visit("overstapper", step("talenten")),
        Visit(
            "overstapper",
            step("skills"),
            states=(htmx_get("Zoek een skill", "plan", "#skill-results li", "zoekresultaten"),),
        ),
        Visit("overstapper", step("drijfveren")),
        Visit("overstapper", step("wendbaarheid")),
        Visit("overstapper", step("niveau")),
        Visit(
            "overstapper",
            step("doel"),
            states=(
                submit("Opslaan", fields=[("Minimaal netto inkomen per maand (euro)", "veel")]),
            ),
        ),
        Visit("overstapper", step("ervaring")),
    ],
    "profile_skill_search": [Visit("overstapper", query="?q=plan")],
    "profile_experience_edit": [
        Visit(
            "overstapper",
            lambda w: {"experience_id": w.users["jitske"].profile.experiences.first().pk},
        )
    ],
    "profile_sensitive": [Visit("overstapper")],
    "profile_shares": [
        Visit(
            "overstapper",
            states=(
                submit(
                    "Delen",
                    fields=[
                        ("E-mailadres van de coach, werkgever of opleider", "niemand@example.nl")
                    ],
                ),
            ),
        )
    ],
    "profile_erase": [
        Visit(
            "vertrekker",
            states=(
                submit("Mijn account definitief verwijderen", fields=[("Je wachtwoord", "fout")]),
                submit(
                    "Mijn account definitief verwijderen",
                    "account verwijderd",
                    fields=[("Je wachtwoord", DEMO_PASSWORD)],
                    expect="h1",
                ),
            ),
        )
    ],
    "my_matches": [Visit("overstapper")],
    "vacature_detail": [
        Visit("overstapper", pk(lambda w: w.helpende)),
        Visit("overstapper", pk(lambda w: w.teaching), label="met interesse"),
        Visit("werkgever", pk(lambda w: w.helpende)),
    ],
    # The leaving employer's side (issue 16)
    "latende:verdwijnbaan_list": [Visit("werkgever")],
    "latende:verdwijnbaan_create": [Visit("werkgever", states=(submit("Opslaan"),))],
    "latende:verdwijnbaan": [
        Visit("werkgever", pk(lambda w: w.verdwijnbaan), states=(submit("Campagne aanmaken"),))
    ],
    "latende:verdwijnbaan_edit": [Visit("werkgever", pk(lambda w: w.verdwijnbaan))],
    "latende:campaign": [
        Visit(
            "werkgever",
            pk(lambda w: w.campaign),
            states=(submit("Codes maken", "codes om te printen", expect=".lb-codes"),),
        )
    ],
    "latende:pledge": [
        Visit(
            "werkgever",
            pk(lambda w: w.campaign),
            states=(
                submit(
                    "Toezegging opslaan",
                    fields=[("Oriëntatietijd met behoud van salaris (dagen per persoon)", "999")],
                ),
            ),
        )
    ],
    "latende:business_case": [Visit("werkgever", pk(lambda w: w.campaign))],
    "latende:redeem": [
        Visit("anoniem", states=(submit("Aanmelden met deze code"),)),
        Visit(
            "wachtende",
            states=(submit("Code gebruiken", fields=[("Je uitnodigingscode", "geraden")]),),
        ),
    ],
    "latende:consent": [Visit("overstapper")],
    "financing_list": [Visit("overstapper"), Visit("coach"), Visit("werkgever")],
    "financing_plan": [
        Visit("overstapper", traject("jitske")),
        Visit("deelnemer", traject("krista")),
        Visit("coach", traject("jitske")),
        Visit("coach", traject("arjan"), label="financieel veilig"),
        Visit("coach", traject("lennard"), label="nog geen plan"),
        Visit("werkgever", traject("krista")),
    ],
    "financing_edit": [
        Visit(
            "coach",
            traject("jitske"),
            states=(
                submit("Plan opslaan", fields=[("Raming vakopleiding (euro)", "veel")], htmx=True),
            ),
        )
    ],
    "financing_contribution_add": [
        Visit(
            "coach",
            traject("jitske"),
            states=(
                htmx_get("Post", "vakopleiding", "#contribution-form", "post gekozen (htmx)"),
                submit("Bijdrage opslaan"),
            ),
        )
    ],
    "financing_contribution_edit": [
        Visit(
            "coach",
            lambda w: {"pk": w.trajecten["krista"].pk, "contribution_id": w.contribution.pk},
        ),
        Visit(
            "werkgever",
            lambda w: {"pk": w.trajecten["krista"].pk, "contribution_id": w.contribution.pk},
            states=(submit("Bijdrage opslaan", fields=[("Bedrag (euro)", "veel")]),),
        ),
    ],
    "financing_suggestions": [Visit("coach", traject("jitske"))],
    "financing_funders": [Visit("coach", traject("arjan"))],
    "financing_print": [Visit("coach", traject("arjan"))],
    "leerwerktraject_list": [
        Visit("overstapper"),
        Visit("opleider", states=(submit("Opslaan"),)),
    ],
    "leerwerktraject_manage": [Visit("opleider", pk(lambda w: w.leerwerktraject))],
    "route_detail": [
        Visit("deelnemer", pk(lambda w: w.inschrijving)),
        Visit("coach", pk(lambda w: w.inschrijving)),
        Visit("opleider", pk(lambda w: w.inschrijving), states=(submit("Pauzeren"),)),
    ],
    "my_route": [
        Visit("deelnemer", states=(submit("Check-in versturen"), submit("Vraag versturen"))),
    ],
    # Coach
    "intake_list": [Visit("coach"), Visit("loket"), Visit("beheerder")],
    "caseload": [
        Visit("coach", states=(htmx_get("Fase", "match", "#caseload-table", "gefilterd (htmx)"),)),
        Visit("coach", query="?phase=profiel", label="gefilterd op fase"),
        Visit("coach", query="?attention=laag_werkgeluk", label="gefilterd op signaal"),
    ],
    "traject_detail": [
        Visit(
            "coach",
            traject("jitske"),
            states=(
                submit("Fase wijzigen", fields=[("Nieuwe fase", "match")], htmx=True),
                submit("Notitie opslaan"),
            ),
        ),
        Visit("coach", traject("krista"), label="met signalen"),
        Visit("coach", traject("arjan"), label="afgerond"),
        Visit("beheerder", traject("noor"), label="uitgevallen"),
    ],
    "signals": [Visit("coach")],
    "my_timeline": [Visit("overstapper"), Visit("deelnemer")],
    "intervisie_list": [Visit("coach", states=(submit("Groep aanmaken"),))],
    "intervisie_detail": [Visit("coach", pk(lambda w: w.intervisiegroep))],
    "orientatiegroep_list": [
        Visit("coach", states=(submit("Groep aanmaken"),)),
        Visit("loket"),
    ],
    "orientatiegroep_detail": [
        Visit(
            "coach",
            pk(lambda w: w.orientatiegroep),
            states=(submit("Bijeenkomst plannen", htmx=True),),
        )
    ],
    "begeleiding": [
        Visit("coach", traject("krista"), states=(submit("Vastleggen"),)),
        Visit("beheerder", traject("krista")),
    ],
    "shared_profiles": [Visit("coach"), Visit("werkgever")],
    "shared_profile": [
        Visit("coach", profile_of("jitske"), states=(submit("Toevoegen"),)),
        Visit("werkgever", profile_of("krista")),
    ],
    # Loket and beheerder
    "report_index": [
        Visit(
            "loket",
            states=(
                submit(
                    "Rapportage maken",
                    fields=[("Periode vanaf", "2026-12-31"), ("Periode tot en met", "2026-01-01")],
                ),
            ),
        ),
        Visit("beheerder"),
    ],
    "report_detail": [
        Visit("loket", pk(lambda w: w.report), states=(report_in_progress,)),
        Visit("beheerder", pk(lambda w: w.report)),
    ],
    "match_runs": [Visit("loket", states=(match_run_in_progress,)), Visit("beheerder")],
    "match_run_detail": [
        Visit("beheerder", pk(lambda w: w.match_run), states=(match_run_waiting,)),
        Visit("loket", pk(lambda w: w.match_run)),
    ],
    "admin:index": [Visit("beheerder")],
    # Werkgever
    "vacature_list": [Visit("werkgever")],
    "vacature_create": [Visit("werkgever", states=(submit("Opslaan"),))],
    "vacature_manage": [
        Visit(
            "werkgever",
            pk(lambda w: w.helpende),
            states=(htmx_get("Zoek een skill", "plan", "#skill-results li", "zoekresultaten"),),
        )
    ],
    "vacature_edit": [Visit("werkgever", pk(lambda w: w.helpende))],
    "vacature_candidates": [
        Visit(
            "werkgever",
            pk(lambda w: w.helpende),
            states=(
                click_htmx_link(
                    "Contract aanbieden: Lennard Peters",
                    "form[action*='/contract/aanbieden/']",
                    "contractformulier in de kaart (htmx)",
                ),
            ),
        )
    ],
    "vacature_split": [
        Visit("werkgever", pk(lambda w: w.helpende), states=(submit("Splitsen"),)),
    ],
    "contract_offer": [
        Visit(
            "werkgever",
            pk(lambda w: w.selected_application),
            states=(submit("Contract aanbieden"),),
        )
    ],
    "contract_detail": [
        Visit("werkgever", pk(lambda w: w.signed_contract.application), label="getekend"),
        Visit("deelnemer", pk(lambda w: w.signed_contract.application), label="getekend"),
        Visit(
            "overstapper",
            pk(lambda w: w.offered_contract.application),
            label="nog te tekenen",
            states=(submit("Ondertekenen", "niet aangevinkt"),),
        ),
    ],
    "werkgever_onboarding": [Visit("werkgever")],
    "werkgever_plan": [
        Visit(
            "werkgever",
            traject("krista"),
            states=(click_htmx("Afvinken:", "#plan-items", "actie afgevinkt (htmx)"),),
        )
    ],
    # Every role: the inbox (with unread ones, or empty) and the e-mail preferences.
    "notification_inbox": [
        Visit(
            "overstapper",
            states=(click_htmx("Markeer als gelezen", "#meldingen", "melding gelezen (htmx)"),),
        ),
        Visit("coach"),
        Visit("opleider", label="geen meldingen"),
    ],
    "notification_preferences": [
        Visit(
            "overstapper",
            states=(submit("Opslaan", "instellingen bewaard", expect="[role=status]"),),
        ),
        Visit("opleider", label="geen soorten voor deze rol"),
    ],
    # Oriëntatie: the public agenda and verkenner, sign-up and cancel link, the organiser's
    # events and attendance, one's own orientation, the coach's view, the catalogue.
    "agenda": [
        Visit("anoniem"),
        Visit("anoniem", query="?sector=onderwijs&kind=expeditie", label="gefilterd"),
        Visit("overstapper"),
    ],
    "event_detail": [
        Visit(
            "anoniem",
            pk(lambda w: w.event_info),
            states=(
                submit("Aanmelden"),
                submit(
                    "Aanmelden",
                    "aangemeld",
                    fields=[("Je naam", "Nieuwe Bezoeker"), ("E-mailadres", "bezoek@example.nl")],
                    expect="[role=status]",
                ),
            ),
        ),
        Visit("anoniem", pk(lambda w: w.expeditie), label="vol, wachtlijst"),
        Visit("overstapper", pk(lambda w: w.event_info), label="ingelogd"),
    ],
    "registration_cancel": [
        Visit(
            "anoniem",
            lambda w: {"token": w.cancel_token},
            states=(submit("Ja, meld me af", "afgemeld", expect="[role=status]"),),
        ),
        Visit("anoniem", lambda w: {"token": "ongeldig"}, status=400, label="ongeldig"),
    ],
    "my_events": [Visit("loket", states=(submit("Publiceren"),)), Visit("opleider")],
    "event_attendance": [
        Visit("loket", pk(lambda w: w.past_event), label="voorbij, met aanwezigheid"),
        Visit("opleider", pk(lambda w: w.expeditie), label="vol, met wachtlijst"),
    ],
    "verkenner": [
        Visit("anoniem"),
        Visit("overstapper", query="?q=leraar", label="gezocht"),
    ],
    "sector_detail": [Visit("anoniem", lambda w: {"sector": "onderwijs"})],
    "beroep_detail": [
        Visit("anoniem", pk(lambda w: w.leraar)),
        Visit("overstapper", pk(lambda w: w.leraar), label="met eigen skills"),
    ],
    "my_orientation": [Visit("overstapper")],
    "traject_orientation": [Visit("coach", traject("jitske"))],
    "initiatives": [Visit("anoniem"), Visit("loket", states=(submit("Toevoegen"),))],
}

# Routes that show no page of their own, with what a GET must answer to prove it.
POST_ONLY, NOT_HTML, REDIRECT = "alleen POST (405 op GET)", "geen HTML", "doorverwijzing"
NOT_PAGES: dict[str, tuple[str, Visit]] = {
    "logout": (POST_ONLY, Visit("anoniem")),
    "health": (NOT_HTML, Visit("anoniem")),
    "health_ready": (NOT_HTML, Visit("anoniem")),
    "favicon": (REDIRECT, Visit("anoniem")),
    "match_run_cancel": (POST_ONLY, Visit("beheerder", pk(lambda w: w.match_run))),
    "set_language": (REDIRECT, Visit("anoniem")),
    "beheer/login/": (REDIRECT, Visit("anoniem")),
    "profile_skill_add": (POST_ONLY, Visit("overstapper")),
    "profile_skill_remove": (POST_ONLY, Visit("overstapper", lambda w: {"skill_id": 1})),
    "profile_experience_add": (POST_ONLY, Visit("overstapper")),
    "profile_experience_remove": (
        POST_ONLY,
        Visit(
            "overstapper",
            lambda w: {"experience_id": w.users["jitske"].profile.experiences.first().pk},
        ),
    ),
    "profile_share_coach": (POST_ONLY, Visit("overstapper")),
    "profile_share_revoke": (
        POST_ONLY,
        Visit("overstapper", lambda w: {"share_id": w.users["jitske"].profile.shares.first().pk}),
    ),
    "profile_pdf": (NOT_HTML, Visit("overstapper")),
    "profile_export_json": (NOT_HTML, Visit("overstapper")),
    "profile_export_pdf": (NOT_HTML, Visit("overstapper")),
    "application_interest": (POST_ONLY, Visit("overstapper", pk(lambda w: w.helpende))),
    "enrol": (POST_ONLY, Visit("overstapper")),
    "my_checkin": (POST_ONLY, Visit("deelnemer")),
    "my_hulplijn": (POST_ONLY, Visit("deelnemer")),
    "notification_read": (POST_ONLY, Visit("overstapper", lambda w: {"pk": 1})),
    "notification_read_all": (POST_ONLY, Visit("overstapper")),
    "shared_skill_validate": (
        POST_ONLY,
        Visit(
            "coach",
            lambda w: {
                "profile_id": w.users["jitske"].profile.pk,
                "item_id": w.users["jitske"].profile.profile_skills.first().pk,
            },
        ),
    ),
    "shared_assessment_add": (POST_ONLY, Visit("coach", profile_of("jitske"))),
    "intake_claim": (POST_ONLY, Visit("coach", traject("sanne"))),
    "intake_assign": (POST_ONLY, Visit("loket", traject("sanne"))),
    "intake_consent": (POST_ONLY, Visit("overstapper")),
    "traject_target_sector": (POST_ONLY, Visit("coach", traject("jitske"))),
    "traject_phase": (POST_ONLY, Visit("coach", traject("jitske"))),
    "traject_note": (POST_ONLY, Visit("coach", traject("jitske"))),
    "traject_appointment": (POST_ONLY, Visit("coach", traject("jitske"))),
    "intervisie_meeting": (POST_ONLY, Visit("coach", pk(lambda w: w.intervisiegroep))),
    "intervisie_delete": (POST_ONLY, Visit("coach", pk(lambda w: w.intervisiegroep))),
    "orientatiegroep_session": (POST_ONLY, Visit("coach", pk(lambda w: w.orientatiegroep))),
    "orientatiegroep_attendance": (
        POST_ONLY,
        Visit(
            "coach",
            lambda w: {"pk": w.orientatiegroep.pk, "session_pk": w.groepsessie.pk},
        ),
    ),
    "orientatiegroep_delete": (POST_ONLY, Visit("coach", pk(lambda w: w.orientatiegroep))),
    "buddy_link": (POST_ONLY, Visit("coach", traject("jitske"))),
    "buddy_unlink": (POST_ONLY, Visit("coach", pk(lambda w: w.buddy))),
    "alert_resolve": (
        POST_ONLY,
        Visit("coach", pk(lambda w: w.trajecten["krista"].alerts.first())),
    ),
    "appointment_move": (
        POST_ONLY,
        Visit(
            "coach",
            lambda w: {
                "pk": w.trajecten["jitske"].pk,
                "appointment_id": w.trajecten["jitske"].appointments.first().pk,
            },
        ),
    ),
    "appointment_cancel": (
        POST_ONLY,
        Visit(
            "coach",
            lambda w: {
                "pk": w.trajecten["jitske"].pk,
                "appointment_id": w.trajecten["jitske"].appointments.first().pk,
            },
        ),
    ),
    "appointment_ics": (
        NOT_HTML,
        Visit("overstapper", pk(lambda w: w.trajecten["jitske"].appointments.first())),
    ),
    "signal_resolve": (
        POST_ONLY,
        Visit("coach", lambda w: {"pk": w.trajecten["krista"].pk, "kind": "laag_werkgeluk"}),
    ),
    "financing_start": (POST_ONLY, Visit("coach", traject("lennard"))),
    "financing_contribution_delete": (
        POST_ONLY,
        Visit(
            "coach",
            lambda w: {"pk": w.trajecten["krista"].pk, "contribution_id": w.contribution.pk},
        ),
    ),
    "financing_suggestion_apply": (POST_ONLY, Visit("coach", traject("jitske"))),
    "financing_share": (POST_ONLY, Visit("coach", traject("arjan"))),
    "financing_pdf": (NOT_HTML, Visit("coach", traject("arjan"))),
    "vacature_skill_add": (POST_ONLY, Visit("werkgever", pk(lambda w: w.helpende))),
    "vacature_skill_remove": (
        POST_ONLY,
        Visit(
            "werkgever",
            lambda w: {
                "pk": w.helpende.pk,
                "skill_id": w.helpende.vacature_skills.first().skill_id,
            },
        ),
    ),
    "vacature_task_add": (POST_ONLY, Visit("werkgever", pk(lambda w: w.helpende))),
    "vacature_action": (
        POST_ONLY,
        Visit("werkgever", lambda w: {"pk": w.helpende.pk, "action": "sluiten"}),
    ),
    "application_move": (POST_ONLY, Visit("werkgever", pk(lambda w: w.jitske_application))),
    "contract_sign": (
        POST_ONLY,
        Visit("overstapper", pk(lambda w: w.offered_contract.application)),
    ),
    "contract_pdf": (NOT_HTML, Visit("werkgever", pk(lambda w: w.signed_contract.application))),
    "item_toggle": (
        POST_ONLY,
        Visit("werkgever", pk(lambda w: w.trajecten["krista"].onboarding_plan.items.first())),
    ),
    "route_action": (POST_ONLY, Visit("opleider", pk(lambda w: w.inschrijving))),
    "shortlist_toggle": (POST_ONLY, Visit("overstapper", pk(lambda w: w.leraar))),
    "registration_link": (POST_ONLY, Visit("overstapper", pk(lambda w: w.jitske_registration))),
    "evidence_download": (NOT_HTML, Visit("opleider", pk(lambda w: w.evidence))),
    "report_download": (
        NOT_HTML,
        Visit("loket", lambda w: {"pk": w.report.pk, "fmt": "pdf"}),
    ),
}


# Not crawled, by a rule rather than one by one: the JSON API (its contract and permissions
# are tested against the schema) and Django's own admin pages (its index is crawled).
def _outside_the_crawl(key: str, route: str) -> bool:
    admin = route.startswith("beheer/") and key not in ("admin:index", "beheer/login/")
    return route.startswith("api/") or admin


def urlconf_routes() -> dict[str, str]:
    """Every route of the URLconf: its name (with namespace), or its pattern when unnamed."""
    routes: dict[str, str] = {}

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(n for n in (namespace, entry.namespace) if n) or None
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                key = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                routes.setdefault(key or route, route)

    walk(get_resolver().url_patterns, "", None)
    return routes


def test_the_crawl_reports_a_violation_and_a_name_that_reads_badly(chromium):
    """The checks themselves can fail: an image without alt text, and a button whose hidden
    helper text (position: absolute) makes Chromium call it "Toevoegen : Plannen"."""
    context = chromium.new_context()
    try:
        crawl = Crawl(context, "zelftest", World())
        crawl.page.set_content(
            '<html lang="nl"><head><title>Zelftest</title></head><body><main><h1>Zelftest</h1>'
            '<img src="data:,"><button>Toevoegen<span style="position: absolute; width: 1px; '
            'height: 1px; overflow: hidden; clip: rect(0 0 0 0)">: Plannen</span></button>'
            "</main></body></html>"
        )
        crawl.check("zelftest")
    finally:
        context.close()
    assert any("image-alt" in problem for problem in crawl.problems), crawl.problems
    assert any("'Toevoegen : Plannen'" in problem for problem in crawl.problems), crawl.problems


def test_every_route_of_the_urlconf_is_in_the_crawl():
    routes = {k: r for k, r in urlconf_routes().items() if not _outside_the_crawl(k, r)}
    missing = sorted(set(routes) - set(PAGES) - set(NOT_PAGES))
    assert not missing, (
        "Deze routes staan niet in de toegankelijkheidscrawl; voeg ze toe aan PAGES (met de "
        f"rol en de URL-parameters) of aan NOT_PAGES (met de reden): {missing}"
    )
    stale = sorted((set(PAGES) | set(NOT_PAGES)) - set(routes))
    assert not stale, f"PAGES/NOT_PAGES noemen routes die niet (meer) bestaan: {stale}"
    assert not set(PAGES) & set(NOT_PAGES)


# --- The crawl -------------------------------------------------------------------------------


class Crawl:
    """One role's browser context, collecting every problem instead of stopping at the first."""

    def __init__(self, context, role: str, world: World):
        from axe_playwright_python.sync_playwright import Axe

        self.page = context.new_page()
        self.role, self.world, self.axe = role, world, Axe()
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, label: str) -> None:
        results = self.axe.run(
            self.page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        self.checked.append(label)
        for problem in awkward_names(self.page):
            self.problems.append(f"{self.role} · {label} ({self.page.url})\n    {problem}")
        for violation in results.response["violations"]:
            nodes = "\n".join(
                f"      {' '.join(map(str, node['target']))}: {node['html'][:200]}"
                for node in violation["nodes"]
            )
            self.problems.append(
                f"{self.role} · {label} ({self.page.url})\n"
                f"    {violation['id']} ({violation['impact']}): {violation['help']}\n{nodes}"
            )

    def visit(self, key: str, visit: Visit) -> None:
        url = reverse(key, kwargs=visit.kwargs(self.world)) + visit.query
        label = f"{key}{' — ' + visit.label if visit.label else ''}"
        response = self.page.goto(url)
        if response is None or response.status != visit.status:
            status = response.status if response else "geen antwoord"
            self.problems.append(
                f"{self.role} · {label} ({url}): status {status}, verwacht {visit.status}"
            )
            return
        self.check(label)
        for state in visit.states:
            try:
                shown = state(self.page, self.world)
            except Exception as error:  # report it with the others, and go on with the crawl
                first_line = str(error).splitlines()[0] if str(error) else repr(error)
                self.problems.append(f"{self.role} · {label}: toestand niet bereikt: {first_line}")
                return
            self.check(f"{label} — {shown}")

    def not_a_page(self, key: str, kind: str, visit: Visit) -> None:
        url = reverse(key, kwargs=visit.kwargs(self.world)) if "/" not in key else "/" + key
        response = self.page.context.request.get(url, max_redirects=0)
        content_type = response.headers.get("content-type", "")
        ok = {
            POST_ONLY: response.status == 405,
            NOT_HTML: response.status == 200 and "text/html" not in content_type,
            REDIRECT: response.status in (301, 302),
        }[kind]
        if not ok:
            self.problems.append(
                f"{self.role} · {key} ({url}): verwacht {kind}, "
                f"kreeg {response.status} {content_type}"
            )


# A name like "Toevoegen : Actief luisteren" is what a screen reader gets when visually hidden
# text (position: absolute) is glued to a visible word: Chromium then adds a space.
AWKWARD_NAME = re.compile(r"\s[:;,]|\s{2}|^\s|\s$")


def awkward_names(page) -> list[str]:
    """Names of links and buttons as Chromium computes them, when they read badly."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    problems = []
    for node in nodes:
        role = node.get("role", {}).get("value")
        name = node.get("name", {}).get("value", "")
        if role in ("button", "link") and AWKWARD_NAME.search(name):
            problems.append(f"lb-accessible-name: {role} heet {name!r}")
    return problems


def _log_in(crawl: Crawl, user) -> None:
    log_in(
        crawl.page,
        user,
        crawl.world.password,
        at_second_factor=lambda: crawl.check("two_factor — code invullen"),
    )


def test_the_crawls_cover_every_role_once():
    crawled = [role for roles in CRAWLS.values() for role in roles]
    assert sorted(crawled) == sorted(ROLES)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("crawl_name", CRAWLS)
def test_every_page_of_every_role_has_no_wcag_violation(
    chromium, live_server, settings, tmp_path, crawl_name
):
    settings.MEDIA_ROOT = tmp_path
    # The loket's figures, computed as the worker does before anyone visits (seconds on the
    # demo world) and kept (the cache keys are this test's own, tests/conftest.py).
    settings.LOKET_HOME_CACHE_SECONDS = 600
    world = build_world()
    if "loket" in CRAWLS[crawl_name]:
        refresh_loket_homes()
    problems, summary = [], []
    for role in CRAWLS[crawl_name]:
        user_key = ROLES[role]
        # One context per role: its own cookies, one login for all of its pages.
        context = chromium.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(30_000)
        try:
            crawl = Crawl(context, role, world)
            if user_key:
                _log_in(crawl, world.users[user_key])
            for key, visits in PAGES.items():
                for visit in visits:
                    if visit.role == role:
                        crawl.visit(key, visit)
            for key, (kind, visit) in NOT_PAGES.items():
                if visit.role == role:
                    crawl.not_a_page(key, kind, visit)
            for extra in EXTRA.get(role, ()):
                extra(crawl)
        finally:
            context.close()
        assert crawl.checked, f"{role}: geen enkele pagina gecontroleerd"
        problems += crawl.problems
        summary.append(f"{role}: {len(crawl.checked)}")
    print("Gecontroleerde pagina's en toestanden per rol: " + ", ".join(summary))
    assert not problems, f"{len(problems)} probleem/problemen:\n" + "\n".join(problems)


# --- Pages that no route of its own shows ----------------------------------------------------


def not_found(crawl: Crawl) -> None:
    response = crawl.page.goto("/bestaat-niet/")
    assert response.status == 404
    crawl.check("404 — pagina bestaat niet")


def forbidden(crawl: Crawl) -> None:
    response = crawl.page.goto(reverse("caseload"))  # not for an overstapper
    assert response.status == 403
    crawl.check("403 — geen toegang")


def server_and_request_errors(crawl: Crawl) -> None:
    """500 and 400 come from Django's handlers; render them as they would be served."""
    from django.core.exceptions import SuspiciousOperation
    from django.test import RequestFactory
    from django.views.defaults import bad_request, server_error

    request = RequestFactory().get("/")
    for label, response in (
        ("500 — serverfout", server_error(request)),
        ("400 — ongeldig verzoek", bad_request(request, SuspiciousOperation())),
    ):
        crawl.page.goto(reverse("login"))  # the same origin, so the stylesheets load
        crawl.page.set_content(response.content.decode())
        crawl.check(label)


def locked_out(crawl: Crawl) -> None:
    """Too many wrong passwords for one account: the lockout page."""
    from django.conf import settings

    page = crawl.page
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.goto(reverse("login"))
        page.get_by_label("E-mailadres").fill("vergrendeld@example.nl")
        page.get_by_label("Wachtwoord").fill("fout")
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", level=1).wait_for()
    assert "geblokkeerd" in page.locator("h1").inner_text()
    crawl.check("login — geblokkeerd na te veel pogingen")


EXTRA: dict[str, tuple[Callable[[Crawl], None], ...]] = {
    "anoniem": (not_found, server_and_request_errors, locked_out),
    "overstapper": (forbidden,),
}
