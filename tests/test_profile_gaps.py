"""Profile gaps found on the way (issue 13): the niveau list has every NLQF level and "geen
diploma"; an experience entry can be edited (service, page with htmx, API PATCH)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from profiles.models import Experience
from profiles.services import (
    profile_experience_add,
    profile_experience_update,
    profile_get_or_create,
    profile_save_niveau,
)
from taxonomy.models import NIVEAU_NLQF, Niveau

pytestmark = pytest.mark.django_db


def test_the_niveau_list_has_every_nlqf_level_and_no_diploma():
    labels = [str(label) for label in Niveau.labels]
    for level in range(1, 9):
        assert any(f"(NLQF {level})" in label for label in labels), level
    assert "geen diploma" in labels
    assert set(NIVEAU_NLQF) == set(Niveau.values)
    assert NIVEAU_NLQF["ad"] == 5


def test_the_niveau_step_offers_nlqf_5_and_no_diploma_and_saves_them(as_user, anna):
    page = as_user(anna).get("/profiel/stap/niveau/").content.decode()
    assert "associate degree (NLQF 5)" in page and "geen diploma" in page
    profile = profile_get_or_create(user=anna)
    for niveau in ("ad", "geen", "dr"):
        profile_save_niveau(profile=profile, niveau=niveau, basis="informeel", evidence="")
        profile.refresh_from_db()
        assert profile.niveau == niveau


@pytest.fixture
def entry(anna) -> Experience:
    profile = profile_get_or_create(user=anna)
    return profile_experience_add(
        profile=profile, kind="werk", title="Kok", organisation="Hotel", start_year=2010
    )


def test_the_service_changes_only_the_fields_given(anna, entry):
    profile = profile_get_or_create(user=anna)
    version = profile.version
    changed = profile_experience_update(profile=profile, experience_id=entry.pk, title="Chef-kok")
    assert (changed.title, changed.organisation, changed.start_year) == ("Chef-kok", "Hotel", 2010)
    profile.refresh_from_db()
    assert profile.version == version + 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end_year": 2005}, "eindjaar ligt voor het beginjaar"),
        ({"title": ""}, "title"),
        ({"kind": "hobby"}, "kind"),
        ({"start_year": 1800}, "start_year"),
    ],
)
def test_bad_changes_are_refused_and_change_nothing(anna, entry, fields, message):
    profile = profile_get_or_create(user=anna)
    with pytest.raises(ValidationError) as error:
        profile_experience_update(profile=profile, experience_id=entry.pk, **fields)
    assert message in str(error.value)
    entry.refresh_from_db()
    assert (entry.title, entry.kind, entry.start_year, entry.end_year) == (
        "Kok",
        "werk",
        2010,
        None,
    )


def test_someone_elses_entry_cannot_be_changed(otto, entry):
    ottos = profile_get_or_create(user=otto)
    with pytest.raises(ValidationError, match="staat niet in je profiel"):
        profile_experience_update(profile=ottos, experience_id=entry.pk, title="Gestolen")
    entry.refresh_from_db()
    assert entry.title == "Kok"


def test_the_page_edits_an_entry_with_and_without_htmx(as_user, anna, entry):
    client = as_user(anna)
    step = client.get("/profiel/stap/ervaring/").content.decode()
    assert f'href="/profiel/stap/ervaring/{entry.pk}/bewerken/"' in step
    full = client.get(f"/profiel/stap/ervaring/{entry.pk}/bewerken/").content.decode()
    assert "<html" in full and 'value="Kok"' in full
    partial = client.get(
        f"/profiel/stap/ervaring/{entry.pk}/bewerken/",
        headers={"HX-Request": "true", "HX-Target": f"experience-{entry.pk}"},
    ).content.decode()
    assert partial.lstrip().startswith(f'<li id="experience-{entry.pk}"')
    prefix = f"exp{entry.pk}"
    data = {f"{prefix}-kind": "werk", f"{prefix}-title": "Chef-kok", f"{prefix}-start_year": 2010}
    response = client.post(f"/profiel/stap/ervaring/{entry.pk}/bewerken/", data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Chef-kok"
    bad = client.post(
        f"/profiel/stap/ervaring/{entry.pk}/bewerken/",
        {**data, f"{prefix}-title": "Souschef", f"{prefix}-end_year": 2000},
        headers={"HX-Request": "true", "HX-Target": f"experience-{entry.pk}"},
    )
    assert bad.status_code == 200 and "eindjaar ligt voor het beginjaar" in bad.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Chef-kok"


def test_the_api_patches_an_entry(as_user, anna, entry):
    client = as_user(anna)
    url = f"/api/v1/profiles/me/experiences/{entry.pk}/"
    ok = client.patch(url, {"title": "Chef-kok"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["title"] == "Chef-kok"
    bad = client.patch(url, {"end_year": 2000}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["message"]
    entry.refresh_from_db()
    assert (entry.title, entry.end_year) == ("Chef-kok", None)
