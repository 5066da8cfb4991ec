"""A skill search a person can use: inside words, forgiving typos and inflections, with
alternative labels (synonyms, ESCO altLabels); pg_trgm on PostgreSQL, a fallback elsewhere;
bad input gives a clear message or an empty list, never a server error."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from taxonomy.esco import esco_import
from taxonomy.models import Skill
from taxonomy.selectors import search_query, skill_search

from .conftest import require_or_skip

pytestmark = pytest.mark.django_db

ESCO = Path(__file__).parent / "fixtures" / "esco"


def labels(q: str) -> list[str]:
    return [s.label_nl for s in skill_search(q=q)]


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("verplegen", "Verpleegkundige zorg verlenen"),
        ("lesgeven", "Lessen geven"),
        ("lesg", "Lessen geven"),
        ("organiseren", "Plannen en organiseren"),  # inside the label
        ("luister", "Actief luisteren"),
        ("creeren", "Pedagogisch klimaat creëren"),  # without accents
        ("EHBO", "Eerste hulp verlenen"),  # a synonym in capitals
    ],
)
def test_the_search_finds_inside_words_and_by_synonym(query, label):
    assert label in labels(query)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("verpleegkundge zorg", "Verpleegkundige zorg verlenen"),  # a letter left out
        ("planen en organiseren", "Plannen en organiseren"),
        ("wondzorg verlenene", "Wondzorg verlenen"),
    ],
)
def test_the_search_forgives_typos_and_inflections(query, label):
    assert label in labels(query)


def test_labels_starting_with_the_text_come_first():
    found = labels("plannen")
    assert found[0].lower().startswith("plannen")


def test_the_esco_import_keeps_the_alt_labels_and_the_search_uses_them():
    esco_import(folder=ESCO)
    skill = Skill.objects.get(label_nl="Patiënten ondersteunen")
    assert "zorgvragers ondersteunen" in skill.alt_labels.splitlines()
    assert "Patiënten ondersteunen" in labels("zorgvragers")


def test_a_curator_edit_of_the_alt_labels_is_searchable():
    skill = Skill.objects.get(label_nl="Lessen geven")
    skill.alt_labels += "\nvoor de klas staan"
    skill.save()
    assert "Lessen geven" in labels("voor de klas")


@pytest.mark.parametrize("query", ["a", "x" * 300, "!!!", "?? -- ..", "\x00", "plan\x00nen", ""])
def test_bad_input_gives_an_empty_list_not_an_error(query):
    assert isinstance(skill_search(q=query), list)
    if query in ("a", "!!!", "?? -- ..", "\x00", ""):
        assert skill_search(q=query) == []
    assert "\x00" not in search_query(query)[0]


@pytest.mark.parametrize(
    ("query", "status", "text"),
    [
        ("a", 200, ""),
        ("!!!", 200, ""),
        ("x" * 300, 200, "100"),
        ("\x00", 200, ""),
    ],
)
def test_bad_input_on_the_page_is_explained_or_empty(as_user, anna, query, status, text):
    response = as_user(anna).get(
        "/profiel/stap/skills/zoek/",
        {"q": query},
        headers={"HX-Request": "true", "HX-Target": "skill-results"},
    )
    assert response.status_code == status
    assert text in response.content.decode()


@pytest.mark.parametrize("query", ["a", "!!!", "x" * 300, "\x00"])
def test_bad_input_in_the_api_is_a_clear_message_or_empty(as_user, anna, query):
    response = as_user(anna).get("/api/v1/skills/", {"q": query})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["results"] == []
    else:
        assert response.json()["message"]


def test_on_postgresql_the_trigram_index_serves_the_search():
    # pg_trgm exists only in PostgreSQL: a developer's SQLite run skips this, while CI (which
    # sets REQUIRE_SERVICES and runs on PostgreSQL) fails instead of skipping.
    require_or_skip(
        "REQUIRE_SERVICES",
        connection.vendor == "postgresql",
        "the trigram index is a PostgreSQL feature; this run uses SQLite",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'skill_search_text_trgm'")
        assert "gin_trgm_ops" in cursor.fetchone()[0]
