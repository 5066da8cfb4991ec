"""Who sees which traject, in HTML and in the API alike."""

from __future__ import annotations

import pytest

from loopbrug.models import AuditEvent

pytestmark = pytest.mark.django_db


def _api_ids(client) -> set[int]:
    response = client.get("/api/v1/trajecten/")
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_coach_sees_only_own_caseload(as_user, carla, annas_traject, ottos_traject):
    client = as_user(carla)
    page = client.get("/caseload/").content.decode()
    assert "Anna Overstapper" in page and "Otto Overstapper" not in page
    assert _api_ids(client) == {annas_traject.pk}
    assert client.get(f"/trajecten/{ottos_traject.pk}/").status_code == 404
    assert client.get(f"/api/v1/trajecten/{ottos_traject.pk}/").status_code == 404


def test_overstapper_sees_only_own_traject(as_user, anna, annas_traject, ottos_traject):
    client = as_user(anna)
    assert _api_ids(client) == {annas_traject.pk}
    assert client.get(f"/trajecten/{annas_traject.pk}/").status_code == 200
    assert client.get(f"/trajecten/{ottos_traject.pk}/").status_code == 404
    assert (
        client.get(f"/api/v1/trajecten/{ottos_traject.pk}/").json()["message"] == "Niet gevonden."
    )
    assert client.get("/caseload/").status_code == 403


def test_loket_sees_no_traject_not_even_of_its_own_region(
    as_user, lars, annas_traject, ottos_traject
):
    # The loket works with aggregates only (issue 17): no list or page names a person.
    client = as_user(lars)
    assert _api_ids(client) == set()
    assert client.get(f"/trajecten/{annas_traject.pk}/").status_code == 404
    assert client.get(f"/trajecten/{ottos_traject.pk}/").status_code == 404


def test_werkgever_and_opleider_see_no_trajecten_yet(as_user, wim, olga, annas_traject):
    for user in (wim, olga):
        client = as_user(user)
        assert _api_ids(client) == set()
        assert client.get(f"/trajecten/{annas_traject.pk}/").status_code == 404


def test_beheerder_sees_all(as_user, bea, annas_traject, ottos_traject):
    assert _api_ids(as_user(bea)) == {annas_traject.pk, ottos_traject.pk}


def test_anonymous_is_sent_to_login_and_gets_401_or_403_from_the_api(client, annas_traject):
    response = client.get(f"/trajecten/{annas_traject.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/")
    response = client.get("/api/v1/trajecten/")
    assert response.status_code in (401, 403)
    assert response.json()["message"]


def test_someone_elses_view_of_a_traject_is_audited_but_ones_own_is_not(
    as_user, carla, anna, annas_traject
):
    as_user(anna).get(f"/trajecten/{annas_traject.pk}/")
    assert not AuditEvent.objects.filter(action="traject.view").exists()
    as_user(carla).get(f"/trajecten/{annas_traject.pk}/")
    event = AuditEvent.objects.get(action="traject.view")
    assert (event.actor, event.object_id) == (carla, str(annas_traject.pk))


def test_only_the_own_coach_may_change_a_phase_in_html(as_user, chris, lars, anna, annas_traject):
    response = as_user(anna).post(
        f"/trajecten/{annas_traject.pk}/fase/", {"to_phase": "orientatie", "reason": "x"}
    )
    assert response.status_code == 403
    for user in (chris, lars):  # not their traject; the loket does not see trajecten at all
        response = as_user(user).post(
            f"/trajecten/{annas_traject.pk}/fase/", {"to_phase": "orientatie", "reason": "x"}
        )
        assert response.status_code == 404
    response = as_user(chris).post(
        f"/trajecten/{annas_traject.pk}/fase/", {"to_phase": "orientatie", "reason": "x"}
    )
    assert response.status_code == 404
    annas_traject.refresh_from_db()
    assert annas_traject.phase == "aanmelding"
