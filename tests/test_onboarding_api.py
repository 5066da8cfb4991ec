"""The API of Superscholing, onboarding and nazorg: who may do what, and bad input."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from journeys.models import Phase
from onboarding.models import CheckIn, Inschrijving, Leerwerktraject

from .onboarding_helpers import enrol, make_offer, working_traject

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def offer(olga):
    return make_offer(olga, first=date(2027, 4, 1))


@pytest.fixture
def traject(anna, carla, amsterdam):
    return working_traject(anna, carla, amsterdam)


def test_the_offer_is_public(client, offer):
    response = client.get("/api/v1/leerwerktrajecten/")
    assert response.status_code == 200
    assert response.json()["results"][0]["title"] == offer.title
    moments = client.get(f"/api/v1/leerwerktrajecten/{offer.pk}/start-moments/").json()["results"]
    assert len(moments) == 3


def test_opleider_creates_a_leerwerktraject_with_modules_and_monthly_starts(as_user, olga):
    client = as_user(olga)
    created = client.post(
        "/api/v1/leerwerktrajecten/",
        {"title": "Onderwijsassistent", "sector": "onderwijs", "weekly_hours": 10},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    module = client.post(
        f"/api/v1/leerwerktrajecten/{pk}/modules/",
        {"title": "Didactiek", "hours": 40, "leeruitkomsten": ["Kan een les voorbereiden"]},
        content_type="application/json",
    )
    assert module.status_code == 201 and len(module.json()["leeruitkomsten"]) == 1
    starts = client.post(
        f"/api/v1/leerwerktrajecten/{pk}/start-moments/",
        {"first": "2027-04-01", "count": 2},
        content_type="application/json",
    )
    assert [m["starts_on"] for m in starts.json()] == ["2027-04-01", "2027-05-01"]
    assert client.post(f"/api/v1/leerwerktrajecten/{pk}/publish/").status_code == 200


def test_others_cannot_create_or_change_an_offer(as_user, wim, anna, offer):
    response = as_user(wim).post(
        "/api/v1/leerwerktrajecten/",
        {"title": "X", "sector": "zorg"},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["message"]
    assert (
        as_user(anna)
        .patch(
            f"/api/v1/leerwerktrajecten/{offer.pk}/",
            {"title": "Y"},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    assert Leerwerktraject.objects.get().title == offer.title


def test_start_moments_in_the_past_are_refused(as_user, olga, offer):
    response = as_user(olga).post(
        f"/api/v1/leerwerktrajecten/{offer.pk}/start-moments/",
        {"first": "2020-01-01", "count": 2},
        content_type="application/json",
    )
    assert response.status_code == 400 and "verleden" in response.json()["message"]


def test_enrol_validate_and_route_through_the_api(as_user, anna, olga, offer, traject):
    moment = offer.start_moments.first()
    response = as_user(anna).post(
        "/api/v1/inschrijvingen/",
        {"traject": traject.pk, "start_moment": moment.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    outcome = offer.modules.first().leeruitkomsten.first()
    denied = as_user(anna).post(
        f"/api/v1/inschrijvingen/{pk}/validations/",
        {"leeruitkomst": outcome.pk, "method": "assessment"},
    )
    assert denied.status_code == 403
    ok = as_user(olga).post(
        f"/api/v1/inschrijvingen/{pk}/validations/",
        {"leeruitkomst": outcome.pk, "method": "assessment"},
    )
    assert ok.status_code == 201
    route = as_user(anna).get(f"/api/v1/inschrijvingen/{pk}/").json()["route"]
    assert route["hours"] == 80 and route["hours_saved"] == 80


def test_a_pause_on_a_finished_route_gets_a_message(as_user, anna, olga, offer, traject):
    inschrijving = enrol(traject=traject, lwt=offer, by=anna)
    inschrijving.status = Inschrijving.Status.AFGEROND
    inschrijving.save()
    response = as_user(olga).post(
        f"/api/v1/inschrijvingen/{inschrijving.pk}/pause/",
        {"reason": "Ziek"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "afgelopen" in response.json()["message"]


def test_checkins_alerts_and_uitval_through_the_api(as_user, anna, carla, traject):
    checkin = CheckIn.objects.create(traject=traject, due_on=date(2027, 3, 1))
    scores = {"motivatie": 1, "betrokkenheid": 3, "team": 3, "uitdaging": 3}
    response = as_user(anna).post(
        f"/api/v1/checkins/{checkin.pk}/", scores, content_type="application/json"
    )
    assert response.status_code == 200
    again = as_user(anna).post(
        f"/api/v1/checkins/{checkin.pk}/", scores, content_type="application/json"
    )
    assert again.status_code == 400
    alerts = as_user(carla).get("/api/v1/alerts/").json()["results"]
    assert [a["kind"] for a in alerts] == ["laag_werkgeluk"]
    closed = as_user(carla).post(
        f"/api/v1/trajecten/{traject.pk}/close/",
        {"outcome": "uitval", "reason": "werk", "text": "Past niet"},
        content_type="application/json",
    )
    assert closed.status_code == 200 and closed.json()["phase"] == Phase.UITGEVALLEN


def test_werkgever_runs_the_onboarding_plan_through_the_api(as_user, anna, wim, offer, traject):
    enrol(traject=traject, lwt=offer, by=anna, werkgever=wim.organisation)
    client = as_user(wim)
    plan = client.post(
        f"/api/v1/trajecten/{traject.pk}/onboarding-plan/",
        {"starts_on": "2027-03-01"},
        content_type="application/json",
    )
    assert plan.status_code == 201 and len(plan.json()["items"]) >= 10
    item = plan.json()["items"][0]["id"]
    assert client.post(f"/api/v1/onboarding-items/{item}/toggle/").json()["done_at"]
    assert as_user(anna).post(f"/api/v1/onboarding-items/{item}/toggle/").status_code == 403
