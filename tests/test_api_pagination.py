"""Every API list answers page by page (issue 18): in the schema every list GET has the
paged shape and the limit/offset parameters; live, a list answers count/next/previous/results,
respects limit, and an offset past the end is a 404 in the project's error shape."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from journeys.notes import note_add

pytestmark = pytest.mark.django_db


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _list_gets() -> tuple[list[str], list[str]]:
    spec = SchemaGenerator().get_schema(request=None, public=True)
    components = spec["components"]["schemas"]
    paged, bare = [], []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if not get or "200" not in get["responses"]:
            continue
        content = get["responses"]["200"].get("content", {}).get("application/json")
        if not content:
            continue
        body = _resolve(content["schema"], components)
        if body.get("type") == "array":
            bare.append(path)
        elif {"count", "next", "previous", "results"} <= set(body.get("properties", {})):
            params = {p["name"] for p in get.get("parameters", []) if p["in"] == "query"}
            assert {"limit", "offset"} <= params, path
            paged.append(path)
    return paged, bare


def test_no_list_get_in_the_schema_answers_a_bare_array():
    paged, bare = _list_gets()
    assert bare == []
    # The lists this issue paged are among them (a sample from every app touched).
    assert {
        "/api/v1/vacatures/",
        "/api/v1/caseload/",
        "/api/v1/trajecten/{id}/notes/",
        "/api/v1/profiles/me/matches/",
        "/api/v1/skills/",
        "/api/v1/verdwijnbanen/",
        "/api/v1/inschrijvingen/",
        "/api/v1/trajecten/{id}/financing/contributions/",
    } <= set(paged)
    assert len(paged) >= 35


@pytest.fixture
def three_notes(annas_traject, carla):
    for n in range(3):
        note_add(traject=annas_traject, author=carla, text=f"Notitie {n}", shared=True)
    return f"/api/v1/trajecten/{annas_traject.pk}/notes/"


def test_a_list_answers_count_next_previous_results_and_respects_limit(as_user, carla, three_notes):
    first = as_user(carla).get(three_notes, {"limit": 2}).json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert first["previous"] is None and "offset=2" in first["next"]
    second = as_user(carla).get(three_notes, {"limit": 2, "offset": 2}).json()
    assert len(second["results"]) == 1 and second["next"] is None
    seen = {n["id"] for n in first["results"]} | {n["id"] for n in second["results"]}
    assert len(seen) == 3


def test_a_page_past_the_end_is_a_clear_404(as_user, carla, three_notes):
    response = as_user(carla).get(three_notes, {"offset": 3})
    assert response.status_code == 404
    assert response.json() == {
        "message": "Deze pagina bestaat niet: er zijn 3 resultaten, dus offset moet kleiner "
        "zijn dan 3.",
        "extra": {"count": 3},
    }


def test_the_first_page_of_an_empty_list_is_empty_not_404(as_user, anna):
    response = as_user(anna).get("/api/v1/profiles/me/skills/")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    past = as_user(anna).get("/api/v1/profiles/me/skills/", {"offset": 1})
    assert past.status_code == 404 and "geen resultaten" in past.json()["message"]


def test_the_vacature_list_is_no_longer_cut_at_200(as_user, anna):
    response = as_user(anna).get("/api/v1/vacatures/", {"limit": 200, "offset": 0})
    assert response.status_code == 200 and "count" in response.json()
