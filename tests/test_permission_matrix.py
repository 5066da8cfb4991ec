# The matrix below is a table, one row of cells per line, so its lines may run long.
# ruff: noqa: E501
"""The permission matrix: every route of the URLconf × every role × own / someone else's
object → the expected outcome (issue 8, Security).

How to read an entry. Each row has one cell per role, in this order:

    anonymous  overstapper  coach  loket  werkgever  opleider  beheerder
    (nobody)   anna         carla  lars   wim        olga      bea

"login" is a redirect to a login page; a number is the status code. `get` is a GET of the
route; a pair is (own object, someone else's object). Side A, "own", is anna's traject with
coach carla in lars's region, working at wim's organisation, enrolled on olga's offer; side B,
"someone else's", is the same story around otto, chris and people outside the matrix (see
tests/permission_world.py). `writes` are the other methods: a write by a role that may not do it
must be refused (login, 400, 403, 404, 405 or 409) and change no row; a cell ending in "!" must
succeed *and* change data (proof that the payload would have worked), "=" must change nothing
whatever its status.

A new route without an entry here fails test_every_route_has_an_entry; so does an entry whose
route is gone. To write an entry for a new route, run this module with
PERMISSION_MATRIX_SHOW=1: it prints what every role gets now; check each cell against what it
should be before copying it. Admin (/beheer/) and i18n routes follow the rules at the bottom.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from financing.models import Contribution, FinancingPlan

from .conftest import verified_client
from .factories import PASSWORD
from .permission_harness import (
    REFUSALS,
    ROLES,
    fill_pattern,
    fingerprint,
    outcome,
    request_and_forget,
    row,
    walk_urlconf,
)
from .permission_world import MARKERS, SIDE_B, build_world

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class W:
    """A write: method, payload (from the side's ids) and the expected row(s)."""

    method: str
    expect: str | tuple[str, str]
    data: Callable | None = None


@dataclass(frozen=True)
class E:
    """One matrix entry: URL arguments (from the side's ids), GET row(s), writes."""

    get: str | tuple[str, str]
    kw: Callable | None = None
    writes: tuple[W, ...] = field(default_factory=tuple)


def _soon(days: int = 30) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _soon_at() -> str:
    return (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%dT10:00")


def _plan_version(s) -> int:
    return FinancingPlan.objects.get(traject_id=s.traject).version


def _contribution_version(s) -> int:
    return Contribution.objects.get(pk=s.contribution).version


def _campaign_org(s) -> int:
    from latende.models import Campaign

    return Campaign.objects.get(pk=s.campaign).verdwijnbaan.organisation_id


SCORES = {"motivatie": 4, "betrokkenheid": 4, "team": 3, "uitdaging": 4}
traject = lambda s: {"pk": s.traject}  # noqa: E731
OVERSTAPPER_ONLY = "login 200 403 403 403 403 403"
OVERSTAPPER_POST = "login 405 403 403 403 403 403"
LOGGED_IN = "login 200 200 200 200 200 200"
API_LOGGED_IN = "403 200 200 200 200 200 200"
API_OVERSTAPPER = "403 200 403 403 403 403 403"
API_POST_ONLY = "403 405 405 405 405 405 405"
ALL_200 = "200 200 200 200 200 200 200"
ALL_405 = "405 405 405 405 405 405 405"


def _event_payload() -> dict:
    start = timezone.localtime() + timedelta(days=20)
    return {
        "kind": "informatiebijeenkomst",
        "title": "Nieuwe bijeenkomst",
        "sectors": ["zorg"],
        "capacity": 10,
        "place": "Buurthuis",
        "sessions": [
            {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=2)).isoformat()}
        ],
    }


# fmt: off
MATRIX: dict[str, E] = {
    # For a load balancer: public, no data.
    "health": E("200 200 200 200 200 200 200"),
    # Ready for traffic (database, Redis, migrations): public, names only what failed.
    "health_ready": E("200 200 200 200 200 200 200"),
    # Browsers ask for /favicon.ico: a permanent redirect to the static icon, for everyone.
    "favicon": E("301 301 301 301 301 301 301"),

    # The footer's pages: public, the same for everyone.
    "privacy_statement": E("200 200 200 200 200 200 200"),
    "accessibility_statement": E("200 200 200 200 200 200 200"),
    "contact": E("200 200 200 200 200 200 200"),

    # --- Account (public pages; the token links are the credential) ----------------------
    "signup": E("200 302 302 302 302 302 302"),
    "confirm_email": E(
        ("login login login login login login login", "400 400 400 400 400 400 400"),
        kw=lambda s: {"uidb64": s.confirm_uid, "token": s.confirm_token},
    ),
    "login": E("200 302 302 302 302 302 302"),
    "logout": E("405 405 405 405 405 405 405"),
    "two_factor": E("login 200 302 302 200 200 302"),
    "password_reset": E("200 200 200 200 200 200 200"),
    "password_reset_done": E("200 200 200 200 200 200 200"),
    "password_reset_confirm": E(
        ("302 302 302 302 302 302 302", "200 200 200 200 200 200 200"),
        kw=lambda s: {"uidb64": s.reset_uid, "token": s.reset_token},
    ),
    "password_reset_complete": E("200 200 200 200 200 200 200"),
    "checkin_link": E(
        ("200 200 200 200 200 200 200", "400 400 400 400 400 400 400"),
        kw=lambda s: {"token": s.checkin_token},
    ),

    # --- Persoonlijk Profiel (only ever the overstapper's own) ---------------------------
    "profile_document": E(OVERSTAPPER_ONLY),
    "profile_skill_search": E(OVERSTAPPER_ONLY),
    "profile_step": E(
        OVERSTAPPER_ONLY,
        kw=lambda s: {"step": "talenten"},
        writes=(W("post", "login 302! 403 403 403 403 403", lambda s: {"talents_own_words": "Geduldig", "talents": []}),),
    ),
    "profile_sensitive": E(
        OVERSTAPPER_ONLY,
        writes=(W("post", "login 302! 403 403 403 403 403", lambda s: {"status": "Statushouder"}),),
    ),
    "profile_pdf": E(OVERSTAPPER_ONLY),
    "profile_shares": E(
        OVERSTAPPER_ONLY,
        writes=(W("post", "login 302! 403 403 403 403 403", lambda s: {"purpose": "coach", "grantee_email": "chris@example.nl"}),),
    ),
    "profile_export_json": E(OVERSTAPPER_ONLY),
    "profile_export_pdf": E(OVERSTAPPER_ONLY),
    "profile_erase": E(
        OVERSTAPPER_ONLY,
        writes=(W("post", "login 200! 403 403 403 403 403", lambda s: {"password": PASSWORD}),),
    ),
    "profile_skill_add": E(
        OVERSTAPPER_POST,
        writes=(W("post", "login 302! 403 403 403 403 403", lambda s: {"skill": s.vacature_skill, "level": 3, "evidence_type": "zelf"}),),
    ),
    "profile_skill_remove": E(
        (OVERSTAPPER_POST, OVERSTAPPER_POST),
        kw=lambda s: {"skill_id": s.skill},
        writes=(W("post", ("login 302! 403 403 403 403 403", "login 302= 403 403 403 403 403")),),
    ),
    "profile_experience_add": E(
        OVERSTAPPER_POST,
        writes=(W("post", "login 302! 403 403 403 403 403", lambda s: {"kind": "werk", "title": "Kok", "organisation": "Hotel", "start_year": 2010}),),
    ),
    "profile_experience_edit": E(
        ("login 200 403 403 403 403 403", "login 404 403 403 403 403 403"),
        kw=lambda s: {"experience_id": s.experience},
        writes=(W("post", ("login 302! 403 403 403 403 403", "login 404 403 403 403 403 403"), lambda s: {f"exp{s.experience}-kind": "werk", f"exp{s.experience}-title": "Chef-kok", f"exp{s.experience}-start_year": 2011}),),
    ),
    "profile_experience_remove": E(
        (OVERSTAPPER_POST, OVERSTAPPER_POST),
        kw=lambda s: {"experience_id": s.experience},
        writes=(W("post", ("login 302! 403 403 403 403 403", "login 302= 403 403 403 403 403")),),
    ),
    "profile_share_coach": E(
        OVERSTAPPER_POST, writes=(W("post", "login 302! 403 403 403 403 403"),),
    ),
    "profile_share_revoke": E(
        (OVERSTAPPER_POST, OVERSTAPPER_POST),
        kw=lambda s: {"share_id": s.share},
        writes=(W("post", ("login 302! 403 403 403 403 403", "login 404 403 403 403 403 403")),),
    ),
    # Someone else's view of a profile: only with the owner's share (a beheerder has none).
    "shared_profiles": E(LOGGED_IN),
    "shared_profile": E(
        ("login 404 200 404 200 200 404", "login 404 404 404 404 404 404"),
        kw=lambda s: {"profile_id": s.profile},
    ),
    "shared_skill_validate": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"profile_id": s.profile, "item_id": s.profile_skill},
        writes=(W("post", ("login 404 302! 404 403 403 404", "login 404 404 404 404 404 404")),),
    ),
    "shared_assessment_add": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"profile_id": s.profile},
        writes=(W("post", ("login 404 302! 404 403 403 404", "login 404 404 404 404 404 404"),
                  lambda s: {"name": "Assessment", "taken_on": "2024-05-01", "result": "Goed"}),),
    ),

    # --- Matching -----------------------------------------------------------------------
    "vacature_list": E("login 403 403 403 200 403 403"),
    "vacature_create": E("login 403 403 403 200 403 403"),
    "vacature_detail": E((LOGGED_IN, LOGGED_IN), kw=lambda s: {"pk": s.vacature}),
    "vacature_manage": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.vacature},
    ),
    "vacature_edit": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("post", ("login 403 403 403 200= 403 403", "login 403 403 403 404 403 403"), lambda s: {"title": ""}),),
    ),
    "vacature_candidates": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.vacature},
    ),
    "vacature_skill_add": E(
        ("login 403 403 403 405 403 403", "login 403 403 403 405 403 403"),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("post", ("login 403 403 403 302! 403 403", "login 403 403 403 404 403 403"),
                  lambda s: {"skill": s.skill, "min_level": 3, "essential": "1"}),),
    ),
    "vacature_skill_remove": E(
        ("login 403 403 403 405 403 403", "login 403 403 403 405 403 403"),
        kw=lambda s: {"pk": s.vacature, "skill_id": s.vacature_skill},
        writes=(W("post", ("login 403 403 403 302! 403 403", "login 403 403 403 404 403 403")),),
    ),
    "vacature_task_add": E(
        ("login 403 403 403 405 403 403", "login 403 403 403 405 403 403"),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("post", ("login 403 403 403 302! 403 403", "login 403 403 403 404 403 403"),
                  lambda s: {"description": "Cliënten helpen", "niveau": "mbo2"}),),
    ),
    "vacature_action": E(
        ("login 403 403 403 405 403 403", "login 403 403 403 405 403 403"),
        kw=lambda s: {"pk": s.vacature, "action": "sluiten"},
        writes=(W("post", ("login 403 403 403 302! 403 403", "login 403 403 403 404 403 403")),),
    ),
    # anna already applied to side A's vacature; side B's is open to her.
    "application_interest": E(
        (OVERSTAPPER_POST, OVERSTAPPER_POST),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("post", ("login 302= 403 403 403 403 403", "login 302! 403 403 403 403 403")),),
    ),
    # Rejecting is the werkgever's step (a signed contract moves no further: a message);
    # the candidate may not take it.
    "application_move": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.application},
        writes=(W("post", ("login 403 404 404 302= 404 404", "login 404 404 404 404 404 404"),
                  lambda s: {"to_status": "afgewezen", "note": "Past niet"}),),
    ),
    # The split page is the werkgever's; side A's vacature has no tasks of two levels (400-like
    # message, nothing changes).
    "vacature_split": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("post", ("login 403 403 403 302= 403 403", "login 403 403 403 404 403 403"),
                  lambda s: {"step": "confirm", "confirm": "on"}),),
    ),
    # The contract: only its two sides see it (the coach and the loket do not); side A's is
    # signed, so a second offer leads to it and a second signature is refused with a message.
    "contract_detail": E(
        ("login 200 404 404 200 404 404", "login 404 404 404 404 404 404"),
        kw=lambda s: {"pk": s.application},
    ),
    "contract_offer": E(
        ("login 403 403 403 302 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.application},
        writes=(W("post", ("login 403 403 403 302= 403 403", "login 403 403 403 404 403 403"),
                  lambda s: {"function_title": "Helpende", "start_date": _soon(), "contract_type": "vast",
                             "hours_per_week": 32, "salary": "2800", "proeftijd_months": 1, "conditions": "Diploma"}),),
    ),
    "contract_sign": E(
        ("login 405 403 403 403 403 403", "login 405 403 403 403 403 403"),
        kw=lambda s: {"pk": s.application},
        writes=(W("post", ("login 302= 403 403 403 403 403", "login 404 403 403 403 403 403"),
                  lambda s: {"read": "on"}),),
    ),
    "contract_pdf": E(
        ("login 200 404 404 200 404 404", "login 404 404 404 404 404 404"),
        kw=lambda s: {"pk": s.application},
    ),
    "my_matches": E(OVERSTAPPER_ONLY),
    "match_runs": E("login 403 403 200 403 403 200", writes=(W("post", "login 403 403 302! 403 403 302!"),)),
    # A run of the region's rescore (done): loket and beheerder see it; only a beheerder may
    # cancel one, and a done run is not cancelled (a message, nothing changes).
    "match_run_detail": E(
        ("login 403 403 200 403 403 200", "login 403 403 200 403 403 200"),
        kw=lambda s: {"pk": s.match_run},
    ),
    "match_run_cancel": E(
        ("login 403 403 403 403 403 405", "login 403 403 403 403 403 405"),
        kw=lambda s: {"pk": s.match_run},
        writes=(W("post", ("login 403 403 403 403 403 302=", "login 403 403 403 403 403 302=")),),
    ),

    # --- Financieringsplan --------------------------------------------------------------
    "financing_list": E(LOGGED_IN),
    "financing_plan": E(
        ("login 200 200 404 200 404 200", "login 404 404 404 404 404 200"), kw=traject,
    ),
    "financing_start": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"), kw=traject,
        # Both sides have a plan already: the beheerder gets the message, nothing changes.
        writes=(W("post", ("login 403 302= 404 403 404 302=", "login 404 404 404 404 404 302=")),),
    ),
    "financing_edit": E(
        ("login 403 200 404 403 404 200", "login 404 404 404 404 404 200"), kw=traject,
        writes=(W("post", ("login 403 400 404 403 404 400", "login 404 404 404 404 404 400"), lambda s: {}),),
    ),
    "financing_contribution_add": E(
        ("login 403 200 404 200 404 200", "login 404 404 404 404 404 200"), kw=traject,
        writes=(W("post", ("login 403 400 404 400 404 400", "login 404 404 404 404 404 400"), lambda s: {}),),
    ),
    "financing_contribution_edit": E(
        ("login 403 200 404 200 404 200", "login 404 404 404 404 404 200"),
        kw=lambda s: {"pk": s.traject, "contribution_id": s.contribution},
        writes=(W("post", ("login 403 400 404 400 404 400", "login 404 404 404 404 404 400"), lambda s: {}),),
    ),
    "financing_contribution_delete": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.traject, "contribution_id": s.contribution},
        writes=(W("post", ("login 403 302! 404 302! 404 302!", "login 404 404 404 404 404 302!")),),
    ),
    "financing_suggestions": E(
        ("login 200 200 404 200 404 200", "login 404 404 404 404 404 200"), kw=traject,
    ),
    "financing_suggestion_apply": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"), kw=traject,
        writes=(W("post", ("login 403 302= 404 403 404 302=", "login 404 404 404 404 404 302="), lambda s: {}),),
    ),
    "financing_funders": E(
        ("login 200 200 404 200 404 200", "login 404 404 404 404 404 200"), kw=traject,
    ),
    "financing_print": E(
        ("login 200 200 404 200 404 200", "login 404 404 404 404 404 200"), kw=traject,
    ),
    "financing_pdf": E(
        ("login 200 200 404 200 404 200", "login 404 404 404 404 404 200"), kw=traject,
    ),
    # Only the overstapper decides whether the latende werkgever sees the plan (anna's
    # traject has none: a message, nothing changes).
    "financing_share": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"), kw=traject,
        writes=(W("post", ("login 302= 403 404 403 404 403", "login 404 404 404 404 404 403"), lambda s: {"share": "1"}),),
    ),

    # --- Journeys: home, caseload, traject, workspace, intervisie, buddy ----------------
    "home": E("login 200 302 200 200 200 200"),
    "caseload": E("login 403 200 403 403 403 403"),
    # Nieuwe aanmeldingen: the region's coaches and loket (and a beheerder); the world's
    # trajecten all have a coach, so claiming or assigning one finds nothing (404).
    "intake_list": E("login 403 200 200 403 403 200"),
    "intake_claim": E(
        ("login 403 405 403 403 403 403", "login 403 405 403 403 403 403"), kw=traject,
        writes=(W("post", ("login 403 404 403 403 403 403", "login 403 404 403 403 403 403")),),
    ),
    "intake_assign": E(
        ("login 403 403 405 403 403 405", "login 403 403 405 403 403 405"), kw=traject,
        writes=(W("post", ("login 403 403 404 403 403 404", "login 403 403 404 403 403 404"),
                  lambda s: {"coach": 1}),),
    ),
    "intake_consent": E(
        "login 405 403 403 403 403 403",
        writes=(W("post", "login 302! 403 403 403 403 403"),),
    ),
    "traject_target_sector": E(
        ("login 403 405 403 403 403 405", "login 403 405 403 403 403 405"), kw=traject,
        writes=(W("post", ("login 403 302! 403 403 403 302!", "login 403 404 403 403 403 302!"),
                  lambda s: {"target_sector": "groen"}),),
    ),
    "traject_detail": E(
        ("login 200 200 404 404 404 200", "login 404 404 404 404 404 200"), kw=traject,
    ),
    "traject_phase": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"), kw=traject,
        writes=(W("post", ("login 403 302! 404 404 404 302!", "login 404 404 404 404 404 302!"),
                  lambda s: {"to_phase": s.next_phase, "reason": "Volgende stap"}),),
    ),
    "traject_note": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"), kw=traject,
        writes=(W("post", ("login 403 302! 404 404 404 302!", "login 404 404 404 404 404 302!"),
                  lambda s: {"text": "Goed gesprek gehad."}),),
    ),
    "traject_appointment": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"), kw=traject,
        writes=(W("post", ("login 403 302! 404 404 404 302!", "login 404 404 404 404 404 302!"),
                  lambda s: {"kind": "gesprek", "starts_at": _soon_at(), "location": "Kantoor"}),),
    ),
    "alert_resolve": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.alert},
        writes=(W("post", ("login 404 302! 404 404 404 302!", "login 404 404 404 404 404 302!")),),
    ),
    "signal_resolve": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.traject, "kind": "laag_werkgeluk"},
        writes=(W("post", ("login 404 302! 404 404 404 302!", "login 404 404 404 404 404 302!")),),
    ),
    "appointment_move": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.traject, "appointment_id": s.appointment},
        writes=(W("post", ("login 403 302! 404 404 404 302!", "login 404 404 404 404 404 302!"),
                  lambda s: {f"afspraak-{s.appointment}-starts_at": _soon_at(), f"afspraak-{s.appointment}-location": "Bibliotheek"}),),
    ),
    "appointment_cancel": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.traject, "appointment_id": s.appointment},
        writes=(W("post", ("login 403 302! 404 404 404 302!", "login 404 404 404 404 404 302!")),),
    ),
    "appointment_ics": E(
        ("login 200 200 404 404 404 200", "login 404 404 404 404 404 200"),
        kw=lambda s: {"pk": s.appointment},
    ),
    "my_timeline": E(OVERSTAPPER_ONLY),
    "intervisie_list": E(
        "login 403 200 403 403 403 403",
        writes=(W("post", "login 403 302! 403 403 403 403", lambda s: {"name": "Vrijdaggroep"}),),
    ),
    "intervisie_detail": E(
        ("login 403 200 403 403 403 403", "login 403 404 403 403 403 403"),
        kw=lambda s: {"pk": s.intervisiegroep},
        writes=(W("post", ("login 403 302! 403 403 403 403", "login 403 404 403 403 403 403"),
                  lambda s: {"name": "Hernoemd", "members": [s.traject]}),),
    ),
    "intervisie_meeting": E(
        ("login 403 405 403 403 403 403", "login 403 405 403 403 403 403"),
        kw=lambda s: {"pk": s.intervisiegroep},
        writes=(W("post", ("login 403 302! 403 403 403 403", "login 403 404 403 403 403 403"),
                  lambda s: {"starts_at": _soon_at(), "location": "Zaal 1"}),),
    ),
    "intervisie_delete": E(
        ("login 403 405 403 403 403 403", "login 403 405 403 403 403 403"),
        kw=lambda s: {"pk": s.intervisiegroep},
        writes=(W("post", ("login 403 302! 403 403 403 403", "login 403 404 403 403 403 403")),),
    ),
    "buddy_link": E(
        ("login 403 405 403 403 403 403", "login 403 405 403 403 403 403"), kw=traject,
        writes=(W("post", ("login 403 302! 403 403 403 403", "login 403 404 403 403 403 403"),
                  lambda s: {"name": "Barbara Buddy", "email": ""}),),
    ),
    "buddy_unlink": E(
        ("login 403 405 403 403 403 403", "login 403 405 403 403 403 403"),
        kw=lambda s: {"pk": s.buddy},
        writes=(W("post", ("login 403 302! 403 403 403 403", "login 403 404 403 403 403 403")),),
    ),

    # --- Superscholing, onboarding, nazorg ----------------------------------------------
    "leerwerktraject_list": E(
        LOGGED_IN,
        writes=(W("post", "login 403 403 403 403 302! 403",
                  lambda s: {"title": "Verpleegkunde", "sector": "zorg", "weekly_hours": 8,
                             "start_every_months": 1, "places_per_start": 10}),),
    ),
    "leerwerktraject_manage": E(
        ("login 403 403 403 403 200 403", "login 403 403 403 403 404 403"),
        kw=lambda s: {"pk": s.leerwerktraject},
        writes=(W("post", ("login 403 403 403 403 302! 403", "login 403 403 403 403 404 403"),
                  lambda s: {"action": "module", "title": "Extra", "hours": 10, "cost": "0", "mode": "online"}),),
    ),
    # anna is enrolled already: she gets a message, nothing changes.
    "enrol": E(OVERSTAPPER_POST, writes=(W("post", "login 302= 403 403 403 403 403", lambda s: {"start_moment": s.start_moment}),)),
    "route_detail": E(
        ("login 200 200 404 200 200 200", "login 404 404 404 404 404 200"),
        kw=lambda s: {"pk": s.inschrijving},
    ),
    "route_action": E(
        ("login 403 403 403 403 405 403", "login 403 403 403 403 405 403"),
        kw=lambda s: {"pk": s.inschrijving},
        writes=(W("post", ("login 403 403 403 403 302! 403", "login 403 403 403 403 404 403"),
                  lambda s: {"action": "pause", "reason": "Ziek"}),),
    ),
    "evidence_download": E(
        ("login 200 200 404 404 200 200", "login 404 404 404 404 404 200"),
        kw=lambda s: {"pk": s.validation},
    ),
    "my_route": E(OVERSTAPPER_ONLY),
    "my_checkin": E(OVERSTAPPER_POST, writes=(W("post", "login 302! 403 403 403 403 403", lambda s: {**SCORES, "comment": ""}),)),
    "my_hulplijn": E(
        OVERSTAPPER_POST,
        writes=(W("post", "login 302! 403 403 403 403 403", lambda s: {"to": "coach", "question": "Hoe verder?"}),),
    ),
    "werkgever_onboarding": E("login 403 403 403 200 403 403"),
    "werkgever_plan": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.traject},
        # There is a plan already: wim gets the form back with the reason.
        writes=(W("post", ("login 403 403 403 400 403 403", "login 403 403 403 404 403 403"), lambda s: {"starts_on": _soon()}),),
    ),
    "item_toggle": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.onboarding_item},
        # Refused with 403 even where the item is not one's to see: the id is all it gives away.
        writes=(W("post", ("login 302! 403 403 302! 403 403", "login 403 403 403 403 403 403")),),
    ),
    "signals": E("login 403 200 403 403 403 403"),
    "begeleiding": E(
        ("login 403 200 403 403 403 200", "login 403 404 403 403 403 200"),
        kw=traject,
        writes=(W("post", ("login 403 302! 403 403 403 302!", "login 403 404 403 403 403 302!"), lambda s: {"outcome": "uitval", "reason": "werk"}),),
    ),

    # --- Notifications (everyone's own inbox; someone else's notification is not found) ---
    "notification_inbox": E(LOGGED_IN),
    "notification_read": E(
        ("login 405 405 405 405 405 405", "login 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.notification},
        writes=(W("post", ("login 302! 404 404 404 404 404", "login 404 404 404 404 404 404")),),
    ),
    # anna and carla have unread notifications; the others have nothing to mark.
    "notification_read_all": E(
        "login 405 405 405 405 405 405",
        writes=(W("post", "login 302! 302! 302= 302= 302= 302="),),
    ),
    # Switching every e-mail off; the opleider and beheerder have no kinds to switch.
    "notification_preferences": E(
        LOGGED_IN,
        writes=(W("post", "login 302! 302! 302! 302! 302= 302=", lambda s: {"email": []}),),
    ),

    # --- Reports --------------------------------------------------------------------------
    "report_index": E(
        "login 403 403 200 403 403 200",
        writes=(W("post", ("login 403 403 302! 403 403 302!", "login 403 403 400 403 403 302!"),
                  lambda s: {"region": s.region, "period_start": "2025-01-01", "period_end": "2025-06-30", "breakdown": "none"}),),
    ),
    "report_detail": E(
        ("login 403 403 200 403 403 200", "login 403 403 404 403 403 200"),
        kw=lambda s: {"pk": s.report_run},
    ),
    "report_download": E(
        ("login 403 403 200 403 403 200", "login 403 403 404 403 403 200"),
        kw=lambda s: {"pk": s.report_run, "fmt": "csv"},
    ),

    # --- API: schema and docs are public ------------------------------------------------
    "schema": E("200 200 200 200 200 200 200"),
    "api-docs": E("200 200 200 200 200 200 200"),

    # --- API: people, profiles --------------------------------------------------------------
    "api:me": E(API_LOGGED_IN),
    "api:profile-me": E(
        API_OVERSTAPPER,
        writes=(W("patch", "403 200! 403 403 403 403 403", lambda s: {"proud_of": "Mijn diploma"}),),
    ),
    "api:profile-skills": E(
        API_OVERSTAPPER,
        writes=(W("post", "403 201! 403 403 403 403 403", lambda s: {"skill": s.vacature_skill, "level": 3}),),
    ),
    "api:profile-skill": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"skill_id": s.skill},
        writes=(W("delete", ("403 204! 403 403 403 403 403", "403 400 403 403 403 403 403")),),
    ),
    "api:profile-experiences": E(
        API_OVERSTAPPER,
        writes=(W("post", "403 201! 403 403 403 403 403", lambda s: {"kind": "werk", "title": "Kok", "start_year": 2010}),),
    ),
    "api:profile-experience": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"experience_id": s.experience},
        writes=(
            W("patch", ("403 200! 403 403 403 403 403", "403 400 403 403 403 403 403"), lambda s: {"title": "Chef-kok"}),
            W("delete", ("403 204! 403 403 403 403 403", "403 400 403 403 403 403 403")),
        ),
    ),
    "api:profile-shares": E(
        API_OVERSTAPPER,
        writes=(W("post", "403 201! 403 403 403 403 403", lambda s: {"grantee_email": "chris@example.nl", "purpose": "coach"}),),
    ),
    "api:profile-share": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"share_id": s.share},
        writes=(W("delete", ("403 204! 403 403 403 403 403", "403 404 403 403 403 403 403")),),
    ),
    "api:profile-export": E(API_OVERSTAPPER),
    "api:profile-erase": E(
        API_POST_ONLY,
        writes=(W("post", "403 204! 403 403 403 403 403", lambda s: {"password": PASSWORD}),),
    ),
    "api:profile-detail": E(
        ("403 404 200 404 200 200 404", "403 404 404 404 404 404 404"),
        kw=lambda s: {"profile_id": s.profile},
    ),
    "api:skill-search": E(API_LOGGED_IN),

    # --- API: matching ------------------------------------------------------------------
    "api:profile-matches": E(API_OVERSTAPPER),
    "api:profile-options": E(API_OVERSTAPPER),
    "api:vacature-list": E(
        API_LOGGED_IN,
        writes=(W("post", "403 403 403 403 201! 403 403",
                  lambda s: {"title": "Verzorgende", "sector": "zorg", "region": s.region, "hours_per_week": 24,
                             "salary_min": "2400.00", "salary_max": "3200.00"}),),
    ),
    "api:vacature-detail": E(
        (API_LOGGED_IN, API_LOGGED_IN),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("patch", ("403 404 404 404 200! 404 404", "403 404 404 404 404 404 404"), lambda s: {"title": "Helpende plus"}),),
    ),
    "api:vacature-publish": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("post", ("403 404 404 404 400 404 404", "403 404 404 404 404 404 404")),),
    ),
    "api:vacature-close": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("post", ("403 404 404 404 200! 404 404", "403 404 404 404 404 404 404")),),
    ),
    "api:vacature-candidates": E(
        ("403 404 404 404 200 404 404", "403 404 404 404 404 404 404"),
        kw=lambda s: {"pk": s.vacature},
    ),
    "api:application-list": E(
        API_OVERSTAPPER,
        writes=(W("post", ("403 400 403 403 403 403 403", "403 201! 403 403 403 403 403"), lambda s: {"vacature": s.vacature}),),
    ),
    "api:application-move": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.application},
        writes=(W("post", ("403 403 404 404 400 404 404", "403 404 404 404 404 404 404"),
                  lambda s: {"to_status": "afgewezen", "note": "Past niet"}),),
    ),
    "api:application-contract": E(
        ("403 200 404 404 200 404 404", "403 404 404 404 404 404 404"),
        kw=lambda s: {"pk": s.application},
        writes=(W("post", ("403 403 404 404 400 404 404", "403 404 404 404 404 404 404"),
                  lambda s: {"function_title": "Helpende", "start_date": _soon(), "contract_type": "vast",
                             "hours_per_week": 32, "salary": "2800.00", "proeftijd_months": 1, "conditions": "Diploma"}),),
    ),
    # Side A's contract is signed already: anna gets a message, the werkgever may not sign.
    "api:application-contract-sign": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.application},
        writes=(W("post", ("403 400 404 404 403 404 404", "403 404 404 404 404 404 404"), lambda s: {"read": True}),),
    ),
    # Side A's vacature has no tasks of two levels: the werkgever gets 400, nothing changes.
    "api:vacature-split": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.vacature},
        writes=(W("post", ("403 404 404 404 400 404 404", "403 404 404 404 404 404 404"), lambda s: {"confirm": True}),),
    ),
    "api:match-run-list": E(API_POST_ONLY, writes=(W("post", "403 403 403 201! 403 403 201!"),)),
    "api:match-run-detail": E(
        ("403 403 403 200 403 403 200", "403 403 403 200 403 403 200"),
        kw=lambda s: {"pk": s.match_run},
    ),

    # --- API: trajecten and the coach workspace -----------------------------------------
    "api:traject-list": E(API_LOGGED_IN),
    "api:traject-detail": E(
        ("403 200 200 404 404 404 200", "403 404 404 404 404 404 200"), kw=traject,
    ),
    "api:traject-phase": E(
        (API_POST_ONLY, API_POST_ONLY), kw=traject,
        writes=(W("post", ("403 403 201! 404 404 404 201!", "403 404 404 404 404 404 201!"),
                  lambda s: {"to_phase": s.next_phase, "reason": "Volgende stap"}),),
    ),
    "caseload-api": E("403 403 200 403 403 403 403"),
    "intake-list": E("403 403 200 200 403 403 200"),
    "traject-assign": E(
        (API_POST_ONLY, API_POST_ONLY), kw=traject,
        writes=(W("post", ("403 404 404 404 404 404 404", "403 404 404 404 404 404 404"),
                  lambda s: {}),),
    ),
    "traject-timeline": E(
        ("403 200 200 404 404 404 200", "403 404 404 404 404 404 200"), kw=traject,
    ),
    "traject-notes": E(
        ("403 200 200 404 404 404 200", "403 404 404 404 404 404 200"), kw=traject,
        writes=(W("post", ("403 403 201! 404 404 404 201!", "403 404 404 404 404 404 201!"), lambda s: {"text": "Notitie", "shared": False}),),
    ),
    "traject-appointments": E(
        ("403 200 200 404 404 404 200", "403 404 404 404 404 404 200"), kw=traject,
        writes=(W("post", ("403 403 201! 404 404 404 201!", "403 404 404 404 404 404 201!"),
                  lambda s: {"kind": "gesprek", "starts_at": timezone.now() + timedelta(days=3)}),),
    ),
    "traject-buddies": E(
        ("403 200 200 404 404 404 200", "403 404 404 404 404 404 200"), kw=traject,
        writes=(W("post", ("403 403 201! 404 404 404 403", "403 404 404 404 404 404 403"), lambda s: {"name": "Barbara Buddy"}),),
    ),
    "buddy-detail": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.buddy},
        writes=(W("delete", ("403 404 204! 404 404 404 404", "403 404 404 404 404 404 404")),),
    ),
    "traject-appointment": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.traject, "appointment_id": s.appointment},
        writes=(
            W("patch", ("403 403 200! 404 404 404 200!", "403 404 404 404 404 404 200!"),
              lambda s: {"starts_at": timezone.now() + timedelta(days=5), "location": "Online"}),
            W("delete", ("403 403 204! 404 404 404 204!", "403 404 404 404 404 404 204!")),
        ),
    ),
    "me-dashboard": E("403 200 403 403 200 200 403"),
    "me-timeline": E(API_OVERSTAPPER),
    "intervisie-list": E(
        "403 403 200 403 403 403 403",
        writes=(W("post", "403 403 201! 403 403 403 403", lambda s: {"name": "Vrijdaggroep"}),),
    ),
    "intervisie-detail": E(
        ("403 403 200 403 403 403 403", "403 403 404 403 403 403 403"),
        kw=lambda s: {"pk": s.intervisiegroep},
        writes=(
            W("patch", ("403 403 200! 403 403 403 403", "403 403 404 403 403 403 403"), lambda s: {"name": "Hernoemd"}),
            W("delete", ("403 403 204! 403 403 403 403", "403 403 404 403 403 403 403")),
        ),
    ),
    "intervisie-meetings": E(
        ("403 403 200 403 403 403 403", "403 403 404 403 403 403 403"),
        kw=lambda s: {"pk": s.intervisiegroep},
        writes=(W("post", ("403 403 201! 403 403 403 403", "403 403 404 403 403 403 403"),
                  lambda s: {"starts_at": timezone.now() + timedelta(days=3), "location": "Zaal 1"}),),
    ),

    # --- API: financieringsplan ---------------------------------------------------------
    "financing_api:plan": E(
        ("403 200 200 404 200 404 200", "403 404 404 404 404 404 200"), kw=traject,
        writes=(W("put", ("403 403 200! 404 403 404 200!", "403 404 404 404 404 404 200!"),
                  lambda s: {"version": _plan_version(s), "new_wage": "3100.00"}),),
    ),
    "financing_api:verdict": E(
        ("403 200 200 404 200 404 200", "403 404 404 404 404 404 200"), kw=traject,
    ),
    "financing_api:suggestions": E(
        ("403 200 200 404 200 404 200", "403 404 404 404 404 404 200"), kw=traject,
    ),
    "financing_api:contributions": E(
        ("403 200 200 404 200 404 200", "403 404 404 404 404 404 200"), kw=traject,
        writes=(W("post", ("403 403 201! 404 201! 404 201!", "403 404 404 404 404 404 201!"),
                  lambda s: {"post": "onboarding", "funder_type": "ontvangende_werkgever", "amount": "500.00"}),),
    ),
    "financing_api:contribution": E(
        ("403 200 200 404 200 404 200", "403 404 404 404 404 404 200"),
        kw=lambda s: {"pk": s.traject, "contribution_id": s.contribution},
        writes=(
            W("patch", ("403 403 200! 404 200! 404 200!", "403 404 404 404 404 404 200!"),
              lambda s: {"version": _contribution_version(s), "status": "toegezegd"}),
            W("delete", ("403 403 204! 404 204! 404 204!", "403 404 404 404 404 404 204!")),
        ),
    ),
    "financing_api:regeling-list": E(API_LOGGED_IN),
    "financing_api:parameters": E("403 403 200 200 403 403 200"),

    # --- Latende werkgever: verdwijnbanen, campagnes, uitnodiging, toestemming (issue 16) ---
    "latende:verdwijnbaan_list": E("login 403 403 403 200 403 403"),
    "latende:verdwijnbaan_create": E(
        "login 403 403 403 200 403 403",
        writes=(W("post", "login 403 403 403 302! 403 403", lambda s: {"function_title": "Loketmedewerker", "headcount": "3", "expected_date": _soon(90), "reason": "reorganisatie"}),),
    ),
    "latende:verdwijnbaan": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.verdwijnbaan},
        writes=(W("post", ("login 403 403 403 302! 403 403", "login 403 403 403 404 403 403"), lambda s: {"name": "Tweede ronde", "code_valid_days": "30"}),),
    ),
    "latende:verdwijnbaan_edit": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.verdwijnbaan},
        writes=(W("post", ("login 403 403 403 302! 403 403", "login 403 403 403 404 403 403"), lambda s: {"function_title": "Kassier", "headcount": "21", "expected_date": _soon(200), "reason": "sluiting"}),),
    ),
    "latende:campaign": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.campaign},
        writes=(W("post", ("login 403 403 403 200! 403 403", "login 403 403 403 404 403 403"), lambda s: {"count": "2"}),),
    ),
    "latende:pledge": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.campaign},
        writes=(W("post", ("login 403 403 403 302! 403 403", "login 403 403 403 404 403 403"), lambda s: {"orientatie_days": "5", "scholingsbudget": "1000", "coaching_budget": "0", "transitievergoeding_policy": "geen", "process_costs": "0"}),),
    ),
    "latende:business_case": E(
        ("login 403 403 403 200 403 403", "login 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.campaign},
    ),
    "latende:redeem": E(
        "200 200 403 403 403 403 403",
        writes=(W("post", "200= 200= 403 403 403 403 403", lambda s: {"code": s.invitation_code}),),
    ),
    "latende:consent": E(
        OVERSTAPPER_ONLY,
        writes=(W("post", "login 200= 403 403 403 403 403", lambda s: {"organisation": "0", "org0-level": "plan"}),),
    ),
    "latende_api:verdwijnbaan-list": E(
        "403 403 403 403 200 403 403",
        writes=(W("post", "403 403 403 403 201! 403 403", lambda s: {"function_title": "Loketmedewerker", "headcount": 3, "expected_date": _soon(90), "reason": "reorganisatie"}),),
    ),
    "latende_api:verdwijnbaan": E(
        ("403 403 403 403 200 403 403", "403 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.verdwijnbaan},
        writes=(W("patch", ("403 403 403 403 200! 403 403", "403 403 403 403 404 403 403"), lambda s: {"headcount": 22}),),
    ),
    "latende_api:campaign-create": E(
        "403 405 405 405 405 405 405",
        writes=(W("post", "403 403 403 403 201! 403 403", lambda s: {"verdwijnbaan": s.verdwijnbaan, "name": "Via de API"}),),
    ),
    "latende_api:campaign": E(
        ("403 403 403 403 200 403 403", "403 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.campaign},
    ),
    "latende_api:campaign-codes": E(
        ("403 405 405 405 405 405 405", "403 405 405 405 405 405 405"),
        kw=lambda s: {"pk": s.campaign},
        writes=(W("post", ("403 403 403 403 201! 403 403", "403 403 403 403 404 403 403"), lambda s: {"count": 3}),),
    ),
    "latende_api:verdwijnbaan-destinations": E(
        ("403 403 403 403 200 403 403", "403 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.verdwijnbaan},
    ),
    "latende_api:campaign-pledge": E(
        ("403 403 403 403 200 403 403", "403 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.campaign},
        writes=(W("put", ("403 403 403 403 200! 403 403", "403 403 403 403 404 403 403"), lambda s: {"orientatie_days": 5, "scholingsbudget": "1000", "coaching_budget": "0", "transitievergoeding_policy": "geen", "process_costs": "0"}),),
    ),
    "latende_api:campaign-business-case": E(
        ("403 403 403 403 200 403 403", "403 403 403 403 404 403 403"),
        kw=lambda s: {"pk": s.campaign},
    ),
    "latende_api:redeem": E(
        API_POST_ONLY,
        writes=(W("post", "403 400 403 403 403 403 403", lambda s: {"code": s.invitation_code}),),
    ),
    "latende_api:employer-consent": E(
        API_OVERSTAPPER,
        writes=(W("put", "403 200! 403 403 403 403 403", lambda s: {"organisation": _campaign_org(s), "level": "deelname"}),),
    ),

    # --- API: Superscholing, onboarding, nazorg -----------------------------------------
    "onboarding-api:leerwerktraject-list": E(
        "200 200 200 200 200 200 200",
        writes=(W("post", "403 403 403 403 403 201! 403", lambda s: {"title": "Verpleegkunde", "sector": "zorg", "weekly_hours": 8}),),
    ),
    "onboarding-api:leerwerktraject-detail": E(
        ("403 404 404 404 404 200 404", "403 404 404 404 404 404 404"),
        kw=lambda s: {"pk": s.leerwerktraject},
        writes=(W("patch", ("403 404 404 404 404 200! 404", "403 404 404 404 404 404 404"), lambda s: {"title": "Nieuwe titel"}),),
    ),
    "onboarding-api:leerwerktraject-publish": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.leerwerktraject},
        writes=(W("post", ("403 404 404 404 404 200= 404", "403 404 404 404 404 404 404")),),
    ),
    "onboarding-api:module-create": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.leerwerktraject},
        writes=(W("post", ("403 404 404 404 404 201! 404", "403 404 404 404 404 404 404"), lambda s: {"title": "Extra", "hours": 10}),),
    ),
    "onboarding-api:start-moments": E(
        ("200 200 200 200 200 200 200", "200 200 200 200 200 200 200"),
        kw=lambda s: {"pk": s.leerwerktraject},
        writes=(W("post", ("403 404 404 404 404 201! 404", "403 404 404 404 404 404 404"), lambda s: {"first": _soon(200), "count": 1}),),
    ),
    "onboarding-api:inschrijving-list": E(
        API_LOGGED_IN,
        # Already enrolled: those who may enrol her get 400; lars (loket) does not see the traject.
        writes=(W("post", ("403 400 400 404 404 404 400", "403 404 404 404 404 404 400"),
                  lambda s: {"traject": s.traject, "start_moment": s.start_moment}),),
    ),
    "onboarding-api:inschrijving-detail": E(
        ("403 200 200 404 200 200 200", "403 404 404 404 404 404 200"),
        kw=lambda s: {"pk": s.inschrijving},
    ),
    "onboarding-api:validation-create": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.inschrijving},
        writes=(W("post", ("403 403 403 404 403 201! 201!", "403 404 404 404 404 404 201!"),
                  lambda s: {"leeruitkomst": s.leeruitkomst, "method": "assessment"}),),
    ),
    "onboarding-api:progress": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.inschrijving},
        writes=(W("post", ("403 403 403 404 403 200! 200!", "403 404 404 404 404 404 200!"), lambda s: {"module": s.module, "percent": 50}),),
    ),
    "onboarding-api:pause": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.inschrijving},
        writes=(W("post", ("403 403 403 404 403 200! 200!", "403 404 404 404 404 404 200!"), lambda s: {"reason": "Ziek"}),),
    ),
    # Not paused: the opleider gets 400, the rest may not even try.
    "onboarding-api:resume": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.inschrijving},
        writes=(W("post", ("403 403 403 404 403 400 400", "403 404 404 404 404 404 400")),),
    ),
    "onboarding-api:onboarding-plan": E(
        ("403 200 200 404 200 404 200", "403 404 404 404 404 404 200"), kw=traject,
        writes=(W("post", ("403 403 403 404 400 404 403", "403 404 404 404 404 404 403"), lambda s: {"starts_on": _soon()}),),
    ),
    "onboarding-api:onboarding-item-toggle": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.onboarding_item},
        writes=(W("post", ("403 200! 403 403 200! 403 403", "403 403 403 403 403 403 403")),),
    ),
    "onboarding-api:checkin-list": E(API_LOGGED_IN),
    "onboarding-api:checkin-submit": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.checkin},
        writes=(W("post", ("403 200! 404 404 404 404 404", "403 404 404 404 404 404 404"), lambda s: dict(SCORES)),),
    ),
    "onboarding-api:alert-list": E(API_LOGGED_IN),
    "onboarding-api:traject-close": E(
        (API_POST_ONLY, API_POST_ONLY), kw=traject,
        writes=(W("post", ("403 403 200! 404 404 404 200!", "403 404 404 404 404 404 200!"), lambda s: {"outcome": "uitval", "reason": "werk"}),),
    ),

    # --- API: notifications --------------------------------------------------------------
    "notifications-api:notification-list": E(API_LOGGED_IN),
    "notifications-api:notification-read": E(
        (API_POST_ONLY, API_POST_ONLY),
        kw=lambda s: {"pk": s.notification},
        writes=(W("post", ("403 200! 404 404 404 404 404", "403 404 404 404 404 404 404")),),
    ),
    # A kind of the overstapper's role: for every other role it is refused.
    "notifications-api:notification-preferences": E(
        API_LOGGED_IN,
        writes=(W("patch", "403 200! 400 400 400 400 400",
                  lambda s: {"preferences": [{"kind": "afspraak", "email": False}]}),),
    ),
    # --- Oriëntatie: agenda, sign-up and cancel link are public; attendance only for the
    # organiser's own events; the verkenner is public, the shortlist the overstapper's. -----
    "agenda": E(ALL_200),
    "event_detail": E(
        (ALL_200, ALL_200), kw=lambda s: {"pk": s.event},
        writes=(W("post", ("302! 302! 302! 302! 302! 302! 302!", "302! 302! 302! 302! 302! 302! 302!"),
                  lambda s: {"name": "Nieuwe Naam", "email": "nieuw@example.nl"}),),
    ),
    # The token is the credential: side A's is valid, side B's forged.
    "registration_cancel": E(
        (ALL_200, "400 400 400 400 400 400 400"), kw=lambda s: {"token": s.registration_token},
        writes=(W("post", ("200! 200! 200! 200! 200! 200! 200!", "400 400 400 400 400 400 400")),),
    ),
    "my_events": E(
        "login 403 403 200 200 200 403",
        writes=(W("post", "login 403 403 400 400 400 403", lambda s: {}),),
    ),
    # Attendance of an event still to come: a message, nothing changes.
    "event_attendance": E(
        ("login 403 403 200 404 404 403", "login 403 403 404 404 404 403"), kw=lambda s: {"pk": s.event},
        writes=(W("post", ("login 403 403 400 404 404 403", "login 403 403 404 404 404 403"),
                  lambda s: {"present": [s.registration]}),),
    ),
    "verkenner": E(ALL_200),
    "beroep_detail": E(ALL_200, kw=lambda s: {"pk": s.beroep}),
    "sector_detail": E(ALL_200, kw=lambda s: {"sector": "zorg"}),
    "shortlist_toggle": E(
        OVERSTAPPER_POST, kw=lambda s: {"pk": s.beroep},
        writes=(W("post", "login 302! 403 403 403 403 403"),),
    ),
    "my_orientation": E(OVERSTAPPER_ONLY),
    "registration_link": E(
        (OVERSTAPPER_POST, OVERSTAPPER_POST), kw=lambda s: {"pk": s.registration},
        writes=(W("post", ("login 302! 403 403 403 403 403", "login 404 403 403 403 403 403")),),
    ),
    "traject_orientation": E(
        ("login 200 200 404 404 404 404", "login 404 404 404 404 404 404"), kw=traject,
    ),
    "orientatiegroep_list": E(
        "login 403 200 200 403 403 403",
        writes=(W("post", "login 403 302! 302! 403 403 403", lambda s: {"name": "Vrijdaggroep"}),),
    ),
    "orientatiegroep_detail": E(
        ("login 403 200 404 403 403 403", "login 403 404 404 403 403 403"),
        kw=lambda s: {"pk": s.orientatiegroep},
        writes=(W("post", ("login 403 302! 404 403 403 403", "login 403 404 404 403 403 403"),
                  lambda s: {"name": "Hernoemd", "members": [s.traject]}),),
    ),
    "orientatiegroep_session": E(
        ("login 403 405 405 403 403 403", "login 403 405 405 403 403 403"),
        kw=lambda s: {"pk": s.orientatiegroep},
        writes=(W("post", ("login 403 302! 404 403 403 403", "login 403 404 404 403 403 403"),
                  lambda s: {"starts_at": _soon_at(), "ends_at": _soon_at().replace("T10:00", "T12:00"), "place": "Zaal 1"}),),
    ),
    "orientatiegroep_attendance": E(
        ("login 403 405 405 403 403 403", "login 403 405 405 403 403 403"),
        kw=lambda s: {"pk": s.orientatiegroep, "session_pk": s.groepsessie},
        writes=(W("post", ("login 403 302! 404 403 403 403", "login 403 404 404 403 403 403"),
                  lambda s: {f"sessie-{s.groepsessie}-present": [s.traject]}),),
    ),
    "orientatiegroep_delete": E(
        ("login 403 405 405 403 403 403", "login 403 405 405 403 403 403"),
        kw=lambda s: {"pk": s.orientatiegroep},
        writes=(W("post", ("login 403 302! 404 403 403 403", "login 403 404 404 403 403 403")),),
    ),
    "initiatives": E(
        ALL_200,
        writes=(W("post", "403 403 403 400 403 403 403", lambda s: {}),),
    ),

    # --- API: oriëntatie ----------------------------------------------------------------
    "event-list": E(
        ALL_200,
        writes=(W("post", "403 403 403 201! 201! 201! 403", lambda s: _event_payload()),),
    ),
    "event-detail": E(
        (ALL_200, ALL_200), kw=lambda s: {"pk": s.event},
        writes=(W("patch", ("403 403 403 200! 404 404 403", "403 403 403 404 404 404 403"),
                  lambda s: {"title": "Nieuwe titel"}),),
    ),
    "event-registrations": E(
        (ALL_405, ALL_405), kw=lambda s: {"pk": s.event},
        writes=(W("post", ("201! 201! 201! 201! 201! 201! 201!", "201! 201! 201! 201! 201! 201! 201!"),
                  lambda s: {"name": "Nieuwe Naam", "email": "nieuw@example.nl"}),),
    ),
    "event-registration": E(
        (ALL_405, ALL_405), kw=lambda s: {"pk": s.event, "token": s.registration_token},
        writes=(W("delete", ("204! 204! 204! 204! 204! 204! 204!", "400 400 400 400 400 400 400")),),
    ),
    "event-attendance": E(
        ("403 403 403 200 404 404 403", "403 403 403 404 404 404 403"), kw=lambda s: {"pk": s.event},
        writes=(W("post", ("403 403 403 400 404 404 403", "403 403 403 404 404 404 403"),
                  lambda s: {"marks": [{"registration": s.registration, "attended": True}]}),),
    ),
    "beroep-list": E(ALL_200),
    "beroep-detail": E(ALL_200, kw=lambda s: {"pk": s.beroep}),
    "profile-shortlist": E(
        API_OVERSTAPPER,
        writes=(W("post", "403 201! 403 403 403 403 403", lambda s: {"beroep": s.beroep}),),
    ),
    "orientatiegroep-list": E(
        "403 403 200 200 403 403 403",
        writes=(W("post", "403 403 201! 201! 403 403 403", lambda s: {"name": "Vrijdaggroep"}),),
    ),
    "orientatiegroep-detail": E(
        ("403 403 200 404 403 403 403", "403 403 404 404 403 403 403"),
        kw=lambda s: {"pk": s.orientatiegroep},
        writes=(
            W("patch", ("403 403 200! 404 403 403 403", "403 403 404 404 403 403 403"), lambda s: {"name": "Hernoemd"}),
            W("delete", ("403 403 204! 404 403 403 403", "403 403 404 404 403 403 403")),
        ),
    ),
    "orientatiegroep-sessions": E(
        ("403 403 200 404 403 403 403", "403 403 404 404 403 403 403"),
        kw=lambda s: {"pk": s.orientatiegroep},
        writes=(W("post", ("403 403 201! 404 403 403 403", "403 403 404 404 403 403 403"),
                  lambda s: {"starts_at": timezone.now() + timedelta(days=3), "ends_at": timezone.now() + timedelta(days=3, hours=2), "place": "Zaal 1"}),),
    ),
    "me-orientatiegroepen": E(API_OVERSTAPPER),
    "traject-orientatie": E(
        ("403 200 200 404 404 404 200", "403 404 404 404 404 404 200"), kw=traject,
    ),
    "initiative-list": E(
        ALL_200,
        writes=(W("post", "403 403 403 201! 403 403 403", lambda s: {"name": "Nieuw initiatief", "kind": "overig"}),),
    ),

    # --- API: reports -------------------------------------------------------------------
    "report-list": E(
        API_POST_ONLY,
        writes=(W("post", ("403 403 403 202! 403 403 202!", "403 403 403 403 403 403 202!"),
                  lambda s: {"region": s.region, "period_start": "2025-01-01", "period_end": "2025-06-30"}),),
    ),
    "report-detail": E(
        ("403 403 403 200 403 403 200", "403 403 403 404 403 403 200"),
        kw=lambda s: {"pk": s.report_run},
    ),
    "report-download": E(
        ("403 403 403 200 403 403 200", "403 403 403 404 403 403 200"),
        kw=lambda s: {"pk": s.report_run, "fmt": "csv"},
    ),
}
# fmt: on


# --- The rules for what has no entry ------------------------------------------------------


def is_admin(route) -> bool:
    """Django admin at /beheer/, including its login redirect to the portal's login."""
    return route.namespace == "admin" or route.pattern.startswith("/beheer/")


def is_i18n(route) -> bool:
    return route.pattern.startswith("/i18n/")


def is_static(route) -> bool:
    """django.views.static.serve (only with DEBUG): static files, never uploads."""
    return route.callback.__module__ == "django.views.static"


def ruled(route) -> bool:
    return is_admin(route) or is_i18n(route) or is_static(route)


# --- Set-up ----------------------------------------------------------------------------------


@pytest.fixture
def world(settings, tmp_path, anna, otto, carla, chris, lars, wim, olga, bea, amsterdam, limburg):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The matrix makes hundreds of API calls a minute; throttling has its own tests.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    own, other = build_world(
        anna=anna,
        otto=otto,
        carla=carla,
        chris=chris,
        lars=lars,
        wim=wim,
        olga=olga,
        amsterdam=amsterdam,
        limburg=limburg,
    )
    people = dict(zip(ROLES[1:], (anna, carla, lars, wim, olga, bea), strict=True))
    clients = {"anonymous": Client(), **{r: verified_client(u) for r, u in people.items()}}
    # A reset link stops working when its user logs in; make anna's after the logins above.
    anna.refresh_from_db()
    own = replace(own, reset_token=default_token_generator.make_token(anna))
    return {"own": own, "other": other, "clients": clients}


def _routes():
    return [r for r in walk_urlconf() if not ruled(r)]


def _variants(entry: E, expect, world) -> list[tuple[str, object, str]]:
    """(variant, side, row spec) for own and, when the entry has one, someone else's."""
    if isinstance(expect, tuple):
        return [("own", world["own"], expect[0]), ("other", world["other"], expect[1])]
    return [("own", world["own"], expect)]


def _url(key: str, entry: E, side) -> str:
    return reverse(key, kwargs=entry.kw(side) if entry.kw else None)


def leaks(response, role: str) -> list[str]:
    """Marked personal data in a readable response that this role may not see."""
    kind = response.get("Content-Type", "")
    if response.streaming or not kind.startswith(("text/", "application/json")):
        return []  # PDF, XLSX, downloads: not searchable as text
    body = response.content.decode("utf-8", "replace")
    found = [m for m, allowed in MARKERS.items() if m in body and role not in allowed]
    if role != "beheerder":
        found += [m for m in SIDE_B if m in body]
    return found


def _show(lines: list[str]) -> None:
    if os.environ.get("PERMISSION_MATRIX_SHOW") == "1":
        print("\n".join(lines))


# --- The tests -------------------------------------------------------------------------------


def test_every_route_has_an_entry_and_every_entry_a_route():
    routes = _routes()
    keys = {r.key for r in routes}
    missing = sorted(k for k in keys if k not in MATRIX)
    stale = sorted(k for k in MATRIX if k not in keys)
    assert not missing, (
        "These routes have no entry in MATRIX (tests/test_permission_matrix.py); add one per "
        f"route with the expected outcome for every role: {missing}"
    )
    assert not stale, f"MATRIX has entries for routes that no longer exist: {stale}"
    unnamed = sorted(r.pattern for r in routes if r.name is None)
    assert not unnamed, f"Give these routes a name so the matrix can list them: {unnamed}"


def test_entries_are_well_formed():
    for entry in MATRIX.values():
        rows = [entry.get] + [w.expect for w in entry.writes]
        for spec in rows:
            for one in spec if isinstance(spec, tuple) else (spec,):
                row(one)  # raises on a wrong number of cells


def test_every_role_gets_the_expected_answer_on_every_route(world):
    failures, shown, seen = [], [], set()
    for route in _routes():
        entry = MATRIX[route.key]
        names_an_object = entry.kw and entry.kw(world["own"]) != entry.kw(world["other"])
        if names_an_object and not isinstance(entry.get, tuple):
            failures.append(f"{route.key}: its URL names an object; give (own, other) rows")
            continue
        for variant, side, spec in _variants(entry, entry.get, world):
            url = _url(route.key, entry, side)
            got = []
            for role, want in row(spec).items():
                response, _ = request_and_forget(world["clients"][role], "get", url)
                actual = outcome(response)
                got.append(actual)
                if actual != want:
                    failures.append(
                        f"GET {route.key} [{variant}] as {role}: {url} → {actual}, expected {want}"
                    )
                for leak in leaks(response, role):
                    failures.append(f"GET {route.key} [{variant}] as {role}: {url} shows {leak!r}")
                if not response.streaming:
                    seen.update(m for m in (*MARKERS, *SIDE_B) if m.encode() in response.content)
            shown.append(f"{route.key:45} {variant:5} GET  {' '.join(got)}")
    _show(shown)
    assert not failures, "\n".join(failures)
    # The planted texts do show where they may: the leak check above can find them.
    planted = {*MARKERS, "OTTO-", "Otto Overstapper"}
    assert seen >= planted, f"never shown at all: {planted - seen}"


def test_a_refused_write_changes_nothing_and_an_allowed_one_does(world):
    baseline = fingerprint()
    failures, shown, writes = [], [], 0
    for route in _routes():
        entry = MATRIX[route.key]
        is_api = route.pattern.startswith("/api/")
        for write in entry.writes:
            for variant, side, spec in _variants(entry, write.expect, world):
                url = _url(route.key, entry, side)
                data = write.data(side) if write.data else ({} if is_api else None)
                got = []
                for role, want in row(spec).items():
                    writes += 1
                    response, after = request_and_forget(
                        world["clients"][role], write.method, url, data, json=is_api
                    )
                    actual = outcome(response)
                    changed = after != baseline
                    got.append(actual + ("!" if changed else ""))
                    status, mark = want.rstrip("!="), want[len(want.rstrip("!=")) :]
                    where = f"{write.method.upper()} {route.key} [{variant}] as {role}: {url}"
                    if actual != status:
                        failures.append(f"{where} → {actual}, expected {status}")
                    elif (status in REFUSALS or mark == "=") and changed:
                        failures.append(f"{where} → {actual} but data changed")
                    elif mark == "!" and not changed:
                        failures.append(f"{where} → {actual} but nothing changed (payload?)")
                shown.append(f"{route.key:45} {variant:5} {write.method.upper():5}{' '.join(got)}")
    _show(shown)
    assert writes > 300
    assert not failures, "\n".join(failures)


# --- Rules -------------------------------------------------------------------------------


def _admin_urls(world) -> list[tuple[str, str]]:
    """A URL for every admin route: object routes get a real object of their model."""
    from django.apps import apps

    urls = []
    for route in walk_urlconf():
        if not is_admin(route):
            continue
        parts = route.pattern.split("/")  # /beheer/<app>/<model>/...
        values = {"object_id": "0", "pk": "0", "id": "0", "content_type_id": "1"}
        values["url"] = "bestaat-niet/"
        if len(parts) > 3 and route.namespace == "admin":
            try:
                model = apps.get_model(parts[2], parts[3])
            except (LookupError, ValueError):
                model = None
            if model is not None:
                first = model._base_manager.order_by("pk").first()
                values["object_id"] = values["pk"] = values["id"] = str(first.pk) if first else "0"
        if "(?P<app_label>" in route.pattern:
            url = "/beheer/profiles/"
        else:
            url = fill_pattern(route.pattern.replace("^", "").replace("$", ""), values)
        urls.append((route.key, url))
    return urls


def test_admin_rule_only_the_beheerder_gets_in(world):
    """Every /beheer/ route: everyone but the beheerder is sent to a login page; the
    beheerder gets an answer that is no server error and no login redirect (the login route
    itself sends the anonymous to the portal's login, gives the logged-in a 403 and the
    beheerder the index), and never the overstapper's
    sensitive data."""
    urls = _admin_urls(world)
    assert len(urls) > 50, "the admin routes were not found"
    failures = []
    for key, url in urls:
        for role in ROLES:
            response, _ = request_and_forget(world["clients"][role], "get", url)
            actual = outcome(response)
            if url == "/beheer/login/":
                # Logged in: no redirect back to the portal's login (which sent everyone on to
                # the admin again, a loop; issue 17), but a 403, or the index for the beheerder.
                if role == "anonymous":
                    ok = actual == "login"
                elif role == "beheerder":
                    ok = response.status_code == 302 and response["Location"] == reverse(
                        "admin:index"
                    )
                else:
                    ok = actual == "403"
            elif role == "beheerder":
                ok = actual != "login" and int(response.status_code) < 500
            else:
                # Django sends a non-staff visitor of admin:logout to the admin index, which
                # sends them on to the login.
                ok = actual == "login" or (
                    response.status_code == 302 and response["Location"] == reverse("admin:index")
                )
            if not ok:
                failures.append(f"GET {key} as {role}: {url} → {actual}")
            for leak in leaks(response, role):
                failures.append(f"GET {key} as {role}: {url} shows {leak!r}")
    assert not failures, "\n".join(failures)


def test_i18n_and_static_rules(world):
    """The language switch answers everyone alike (a redirect, or 204 without a target);
    no route serves uploads from MEDIA_ROOT."""
    from django.conf import settings

    i18n = [r for r in walk_urlconf() if is_i18n(r)]
    assert i18n, "the language switch is gone from the URLconf"
    for route in i18n:
        for role in ROLES:
            client = world["clients"][role]
            for method in ("get", "post"):
                response, after = request_and_forget(
                    client, method, reverse(route.key), {"language": "en", "next": "/"}
                )
                assert response.status_code in (302, 204), (route.key, role, method)
    for route in walk_urlconf():
        if is_static(route):
            root = str(route.default_args.get("document_root", ""))
            assert root != str(settings.MEDIA_ROOT), f"{route.pattern} serves uploads"
