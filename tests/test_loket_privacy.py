"""The loket works with aggregates: no list, page or API answer names or identifies a person,
and every read of someone else's traject is audited by the selector (issue 17, item 2)."""

from __future__ import annotations

import pytest

from loopbrug.models import AuditEvent

from .conftest import verified_client

pytestmark = pytest.mark.django_db


def _traject_routes(pk: int) -> list[str]:
    return [
        f"/trajecten/{pk}/",
        f"/trajecten/{pk}/financiering/",
        f"/trajecten/{pk}/financiering/financieringsplan.pdf",
        f"/api/v1/trajecten/{pk}/",
        f"/api/v1/trajecten/{pk}/timeline/",
        f"/api/v1/trajecten/{pk}/notes/",
        f"/api/v1/trajecten/{pk}/appointments/",
        f"/api/v1/trajecten/{pk}/financing/",
        f"/api/v1/trajecten/{pk}/onboarding-plan/",
    ]


def test_the_loket_lists_no_traject_of_its_region(annas_traject, lars):
    client = verified_client(lars)
    response = client.get("/api/v1/trajecten/")
    assert response.status_code == 200
    assert response.json()["results"] == []
    body = response.content.decode()
    assert annas_traject.overstapper.full_name not in body
    assert str(annas_traject.overstapper.email) not in body


@pytest.mark.parametrize("route", range(len(_traject_routes(0))))
def test_the_loket_opens_no_traject_of_its_region(annas_traject, lars, route):
    url = _traject_routes(annas_traject.pk)[route]
    response = verified_client(lars).get(url)
    assert response.status_code == 404, url
    assert annas_traject.overstapper.full_name not in response.content.decode()


def test_the_loket_home_shows_counts_without_names(annas_traject, lars):
    body = verified_client(lars).get("/").content.decode()
    assert annas_traject.overstapper.full_name not in body


@pytest.mark.parametrize(
    "url",
    ["/trajecten/{pk}/", "/api/v1/trajecten/{pk}/", "/api/v1/trajecten/{pk}/timeline/"],
)
def test_a_coach_reading_a_traject_is_audited_whatever_the_route(annas_traject, carla, url):
    response = verified_client(carla).get(url.format(pk=annas_traject.pk))
    assert response.status_code == 200
    assert (
        AuditEvent.objects.filter(
            actor=carla, action="traject.view", object_id=str(annas_traject.pk)
        ).count()
        == 1
    )


def test_the_overstapper_reading_their_own_traject_is_not_an_audited_read(annas_traject, anna):
    verified_client(anna).get(f"/api/v1/trajecten/{annas_traject.pk}/timeline/")
    assert not AuditEvent.objects.filter(action="traject.view").exists()


def test_a_refused_read_leaves_no_view_entry(annas_traject, chris):
    response = verified_client(chris).get(f"/api/v1/trajecten/{annas_traject.pk}/timeline/")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="traject.view").exists()
