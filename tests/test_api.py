from __future__ import annotations

import pytest

from journeys.models import Phase

pytestmark = pytest.mark.django_db


def test_me_describes_the_caller(as_user, lars):
    body = as_user(lars).get("/api/v1/me/").json()
    assert body["email"] == "lars@example.nl"
    assert body["role"] == "loket"
    assert body["organisation"] == "Loket Groot Amsterdam"
    assert body["region"] == "Groot Amsterdam"


def test_traject_detail_lists_its_phase_changes(as_user, carla, annas_traject):
    body = as_user(carla).get(f"/api/v1/trajecten/{annas_traject.pk}/").json()
    assert body["phase"] == "aanmelding"
    assert body["allowed_next_phases"] == ["orientatie", "uitgevallen"]
    assert [c["to_phase"] for c in body["phase_changes"]] == ["aanmelding"]


def test_coach_moves_a_traject_through_the_api(as_user, carla, annas_traject):
    response = as_user(carla).post(
        f"/api/v1/trajecten/{annas_traject.pk}/phase/",
        {"to_phase": "orientatie", "reason": "Kennismaking"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["to_phase"] == "orientatie"
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.ORIENTATIE


def test_token_authentication_works(client, carla, annas_traject):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=carla)
    response = client.get("/api/v1/trajecten/", headers={"Authorization": f"Token {token.key}"})
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        ('{"to_phase": "afgerond", "reason": "x"}', 400, "geen toegestane stap"),
        ('{"to_phase": "vakantie", "reason": "x"}', 400, "Onbekende fase: vakantie."),
        ('{"to_phase": "orientatie"}', 400, "Dit veld is vereist."),
        ('{"to_phase": "orientatie", "reason": "   "}', 400, "Dit veld mag niet leeg zijn."),
        ('{"to_phase": "orientatie", ', 400, "geen geldige JSON"),
        ("[]", 400, "Ongeldige data"),
    ],
)
def test_bad_input_gets_a_4xx_with_a_message_and_changes_nothing(
    as_user, carla, annas_traject, payload, status, message
):
    response = as_user(carla).post(
        f"/api/v1/trajecten/{annas_traject.pk}/phase/", payload, content_type="application/json"
    )
    assert response.status_code == status
    assert message in response.json()["message"]
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.AANMELDING
    assert annas_traject.phase_changes.count() == 1


def test_unknown_phase_is_named_in_the_field_errors(as_user, carla, annas_traject):
    body = (
        as_user(carla)
        .post(
            f"/api/v1/trajecten/{annas_traject.pk}/phase/",
            {"to_phase": "vakantie", "reason": "x"},
            content_type="application/json",
        )
        .json()
    )
    assert "Onbekende fase: vakantie." in body["extra"]["fields"]["to_phase"]


def test_someone_elses_traject_is_404_and_a_visible_but_not_own_is_403(
    as_user, chris, lars, annas_traject
):
    response = as_user(chris).post(
        f"/api/v1/trajecten/{annas_traject.pk}/phase/",
        {"to_phase": "orientatie", "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = as_user(lars).post(
        f"/api/v1/trajecten/{annas_traject.pk}/phase/",
        {"to_phase": "orientatie", "reason": "x"},
        content_type="application/json",
    )
    # The loket does not see the people of its region at all (aggregates only).
    assert response.status_code == 404


def test_trajecten_list_has_no_n_plus_1(
    as_user, bea, carla, amsterdam, django_assert_max_num_queries
):
    from .factories import UserFactory, make_traject

    for _ in range(20):
        make_traject(overstapper=UserFactory(home_region=amsterdam), coach=carla, region=amsterdam)
    client = as_user(bea)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/trajecten/").json()["count"] == 20


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in [
        "/api/v1/me/",
        "/api/v1/trajecten/",
        "/api/v1/trajecten/{id}/",
        "/api/v1/trajecten/{id}/phase/",
    ]:
        assert path in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()
