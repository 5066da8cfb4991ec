"""Phases follow facts (issue 12): the traject moves on when the fact happens, from whatever
earlier phase it is in; each automatic step is a PhaseChange by Loopbrug with the fact."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from journeys.models import JOURNEY, Phase
from journeys.services import traject_advance, traject_change_phase
from matching import services as matching
from onboarding import services as onboarding
from profiles.models import BOUWSTENEN
from profiles.services import profile_get_or_create, profile_save_proud_of

from .factories import make_traject
from .onboarding_helpers import enrol, make_offer

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
TARGETS = [Phase.MATCH, Phase.SELECTIE, Phase.LEERWERKTRAJECT, Phase.ONBOARDING, Phase.NAZORG]


def _cases():
    for target in TARGETS:
        for start in JOURNEY[: JOURNEY.index(target)]:
            yield start, target


@pytest.mark.parametrize(("start", "target"), list(_cases()))
def test_a_fact_moves_the_traject_from_any_earlier_phase(anna, carla, amsterdam, start, target):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=start)
    before = traject.phase_changes.count()
    changes = traject_advance(traject=traject, to_phase=target, fact="iets gebeurde")
    traject.refresh_from_db()
    assert traject.phase == target
    steps = JOURNEY.index(target) - JOURNEY.index(start)
    assert len(changes) == steps == traject.phase_changes.count() - before
    assert [c.to_phase for c in changes] == JOURNEY[JOURNEY.index(start) + 1 :][:steps]
    assert all(c.by is None and c.reason == "Automatisch: iets gebeurde" for c in changes)


@pytest.mark.parametrize("start", [Phase.LEERWERKTRAJECT, Phase.ONBOARDING, Phase.UITGEVALLEN])
def test_a_fact_never_moves_a_traject_back_or_reopens_it(anna, carla, amsterdam, start):
    if start == Phase.UITGEVALLEN:
        traject = make_traject(overstapper=anna, coach=carla, region=amsterdam)
        traject_change_phase(traject=traject, to_phase=start, by=carla, reason="gestopt")
    else:
        traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=start)
    before = traject.phase_changes.count()
    assert traject_advance(traject=traject, to_phase=Phase.SELECTIE, fact="oud nieuws") == []
    traject.refresh_from_db()
    assert traject.phase == start and traject.phase_changes.count() == before


def test_the_coach_still_moves_a_traject_by_hand_with_a_reason(anna, carla, amsterdam):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    change = traject_change_phase(
        traject=traject, to_phase=Phase.PROFIEL, by=carla, reason="Profiel eerst aanvullen"
    )
    assert change.by == carla and change.reason == "Profiel eerst aanvullen"


def test_a_complete_profile_moves_the_traject_to_match(anna, carla, amsterdam):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam)
    profile = profile_get_or_create(user=anna)
    profile.completed_steps = BOUWSTENEN[:-1]
    profile.save()
    profile_save_proud_of(profile=profile, proud_of="Mijn team")
    traject.refresh_from_db()
    assert traject.phase == Phase.AANMELDING  # one bouwsteen still open
    profile.completed_steps = list(BOUWSTENEN)
    profile.save()
    profile_save_proud_of(profile=profile, proud_of="Mijn team en mijn klanten")
    traject.refresh_from_db()
    assert traject.phase == Phase.MATCH
    assert traject.phase_changes.last().reason == "Automatisch: Persoonlijk Profiel compleet"


@pytest.fixture
def vacature(wim, amsterdam):
    from tests.test_matching import skill

    vacature = matching.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title="Helpende zorg",
        sector="zorg",
        region=amsterdam,
        hours_per_week=28,
        salary_min=Decimal("2300"),
        salary_max=Decimal("2800"),
        skills=[(skill("Persoonlijke verzorging bieden"), 3, True)],
    )
    return matching.vacature_publish(vacature=vacature, by=wim)


def _application(anna, vacature):
    profile = profile_get_or_create(user=anna)
    return matching.application_show_interest(profile=profile, vacature=vacature, by=anna)


def test_a_planned_meeloopdag_moves_a_traject_in_profiel_to_selectie(
    anna, carla, wim, amsterdam, vacature
):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.PROFIEL)
    app = _application(anna, vacature)
    matching.application_move(
        application=app,
        to_status="meeloopdag",
        by=wim,
        meeloopdag_on=timezone.localdate() + timedelta(days=3),
        meeloopdag_days=1,
    )
    traject.refresh_from_db()
    assert traject.phase == Phase.SELECTIE
    reasons = list(traject.phase_changes.order_by("pk").values_list("reason", flat=True))[-2:]
    assert reasons == [f"Automatisch: Meeloopdag gepland bij {wim.organisation}"] * 2


def test_a_signed_contract_moves_a_traject_in_aanmelding_to_leerwerktraject(
    anna, carla, wim, amsterdam, vacature
):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam)
    app = _application(anna, vacature)
    app.status = "selectie"
    app.save()
    matching.application_move(application=app, to_status="contract", by=wim, conditions="Diploma")
    matching.application_move(application=app, to_status="getekend", by=anna)
    traject.refresh_from_db()
    assert traject.phase == Phase.LEERWERKTRAJECT
    assert traject.phase_changes.filter(by__isnull=True).count() == 5


def test_the_start_of_an_inschrijving_moves_the_traject_at_the_daily_run(
    anna, carla, olga, amsterdam
):
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=AMS), tick=False):
        traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
        offer = make_offer(olga, first=date(2027, 2, 1))
        enrol(traject=traject, lwt=offer, by=carla)
        onboarding.daily_run()
        traject.refresh_from_db()
        assert traject.phase == Phase.MATCH  # not started yet
    with time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=AMS), tick=False):
        assert onboarding.daily_run()["started"] == 1
        traject.refresh_from_db()
        assert traject.phase == Phase.LEERWERKTRAJECT
        assert onboarding.daily_run()["started"] == 0  # idempotent


def test_a_started_onboarding_plan_and_a_landing_move_the_traject(
    anna, carla, olga, wim, amsterdam
):
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=AMS), tick=False):
        traject = make_traject(
            overstapper=anna, coach=carla, region=amsterdam, phase=Phase.LEERWERKTRAJECT
        )
        enrol(
            traject=traject,
            lwt=make_offer(olga, first=date(2027, 2, 1)),
            by=anna,
            werkgever=wim.organisation,
        )
        onboarding.onboarding_plan_create(by=wim, traject=traject, starts_on=date(2027, 2, 1))
        traject.refresh_from_db()
        assert traject.phase == Phase.ONBOARDING
        onboarding.traject_close(by=carla, traject=traject, outcome="landing")
        traject.refresh_from_db()
        assert traject.phase == Phase.AFGEROND
        steps = list(traject.phase_changes.order_by("pk").values_list("to_phase", "by"))[-2:]
        assert steps == [(Phase.NAZORG, None), (Phase.AFGEROND, carla.pk)]


def test_the_participant_sees_the_facts_but_not_the_reasons_staff_typed(
    anna, carla, amsterdam, as_user
):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam)
    traject_change_phase(
        traject=traject, to_phase=Phase.ORIENTATIE, by=carla, reason="Demo: intern, twijfelt"
    )
    traject_advance(traject=traject, to_phase=Phase.PROFIEL, fact="kennismaking gehad")
    client = as_user(anna)
    for body in (
        client.get("/").content.decode(),
        client.get(f"/api/v1/trajecten/{traject.pk}/").content.decode(),
        client.get(f"/api/v1/trajecten/{traject.pk}/timeline/").content.decode(),
    ):
        assert "twijfelt" not in body
        assert "kennismaking gehad" in body
    coach = as_user(carla)
    assert "twijfelt" in coach.get(f"/trajecten/{traject.pk}/").content.decode()
    assert "twijfelt" in coach.get(f"/api/v1/trajecten/{traject.pk}/timeline/").content.decode()
