from __future__ import annotations

import pytest

from accounts.models import User
from profiles.models import Profile, ProfileShare
from taxonomy.models import Drijfveer, Skill, Talent

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(as_user, anna):
    return as_user(anna)


def _patch(client, data):
    return client.patch("/api/v1/profiles/me/", data, content_type="application/json")


def test_get_my_profile_creates_an_empty_one(api):
    body = api.get("/api/v1/profiles/me/").json()
    assert (
        body["progress"] == 0 and body["skills"] == [] and body["full_name"] == "Anna Overstapper"
    )


def test_patch_updates_only_the_given_parts(api):
    talents = [t.code for t in Talent.objects.all()[:2]]
    drives = [d.code for d in Drijfveer.objects.all()[:5]]
    body = _patch(
        api,
        {
            "talents": talents,
            "drijfveren": drives,
            "wendbaarheid_answers": [3] * 8,
            "niveau": "hbo",
            "niveau_basis": "diploma",
            "ambition": "Leraar worden",
            "target_sectors": ["onderwijs"],
            "min_net_income": "2400.00",
            "hours_per_week": 36,
        },
    ).json()
    assert body["talents"] == talents and body["drijfveren"] == drives
    assert body["wendbaarheid_score"] == 50
    assert body["min_net_income"] == "2400.00"
    assert set(body["completed_steps"]) == {
        "talenten",
        "drijfveren",
        "wendbaarheid",
        "niveau",
        "doel",
    }
    body = _patch(api, {"proud_of": "Mijn kinderen"}).json()
    assert body["talents"] == talents and body["proud_of"] == "Mijn kinderen"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"talents": ["bestaat-niet"]}, "bestaat-niet"),
        ({"wendbaarheid_answers": [9] * 8}, "5"),
        ({"wendbaarheid_answers": [3]}, "8"),
        ({"hours_per_week": 0}, "1"),
        ({"niveau": "phd"}, "phd"),
        ({"proud_of": "x" * 2001}, "2000"),
    ],
)
def test_bad_patch_input_gets_400_with_a_message_and_changes_nothing(api, anna, payload, message):
    api.get("/api/v1/profiles/me/")
    response = _patch(api, payload)
    assert response.status_code == 400
    assert message in response.json()["message"]
    profile = Profile.objects.get(user=anna)
    assert profile.completed_steps == [] and profile.proud_of == ""


def test_a_patch_that_fails_halfway_changes_nothing(api, anna):
    drive = Drijfveer.objects.first().code
    response = _patch(api, {"proud_of": "Iets", "drijfveren": [drive, drive]})
    assert response.status_code == 400 and "twee keer" in response.json()["message"]
    assert Profile.objects.get(user=anna).proud_of == ""


def test_skills_are_added_listed_and_removed(api):
    skill = Skill.objects.get(label_nl="Plannen en organiseren")
    response = api.post(
        "/api/v1/profiles/me/skills/",
        {"skill": skill.pk, "level": 4},
        content_type="application/json",
    )
    assert (
        response.status_code == 201
        and response.json()["skill"]["label_nl"] == "Plannen en organiseren"
    )
    assert len(api.get("/api/v1/profiles/me/skills/").json()["results"]) == 1
    assert api.delete(f"/api/v1/profiles/me/skills/{skill.pk}/").status_code == 204
    response = api.delete(f"/api/v1/profiles/me/skills/{skill.pk}/")
    assert response.status_code == 400 and "staat niet in je profiel" in response.json()["message"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"skill": 99999999, "level": 3}, "Onbekende skill: 99999999."),
        ({"skill": "SKILL", "level": 6}, "Een niveau is 1, 2, 3, 4 of 5."),
        ({"skill": "SKILL", "level": 0}, "Een niveau is 1, 2, 3, 4 of 5."),
    ],
)
def test_unknown_skill_or_level_out_of_range_is_refused(api, payload, message):
    skill = Skill.objects.first()
    payload = {k: (skill.pk if v == "SKILL" else v) for k, v in payload.items()}
    response = api.post("/api/v1/profiles/me/skills/", payload, content_type="application/json")
    assert response.status_code == 400 and response.json()["message"] == message
    assert api.get("/api/v1/profiles/me/skills/").json()["results"] == []


def test_experiences_api(api):
    response = api.post(
        "/api/v1/profiles/me/experiences/",
        {"kind": "vrijwillig", "title": "Voorlezen", "organisation": "Bibliotheek"},
        content_type="application/json",
    )
    assert response.status_code == 201
    experience_id = response.json()["id"]
    assert api.delete(f"/api/v1/profiles/me/experiences/{experience_id}/").status_code == 204


def test_shares_are_created_listed_and_revoked_through_the_api(api, as_user, anna, wim):
    api.get("/api/v1/profiles/me/")
    response = api.post(
        "/api/v1/profiles/me/shares/",
        {"grantee_email": wim.email, "purpose": "vacature", "vacature": "Onderwijsassistent"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["active"] is True
    share_id = response.json()["id"]
    profile_id = Profile.objects.get(user=anna).pk
    assert as_user(wim).get(f"/api/v1/profiles/{profile_id}/").status_code == 200
    assert api.delete(f"/api/v1/profiles/me/shares/{share_id}/").status_code == 204
    assert as_user(wim).get(f"/api/v1/profiles/{profile_id}/").status_code == 404
    response = api.delete(f"/api/v1/profiles/me/shares/{share_id}/")
    assert response.status_code == 400 and "al ingetrokken" in response.json()["message"]
    assert api.get("/api/v1/profiles/me/shares/").json()["results"][0]["active"] is False


def test_sharing_with_an_unknown_person_or_an_overstapper_is_refused(api, otto):
    for email in ["niemand@example.nl", otto.email]:
        response = api.post(
            "/api/v1/profiles/me/shares/",
            {"grantee_email": email, "purpose": "vacature", "vacature": "X"},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "Er is geen coach, werkgever of opleider" in response.json()["message"]
    assert not ProfileShare.objects.exists()


def test_skill_search_api(api):
    results = api.get("/api/v1/skills/?q=plannen").json()["results"]
    assert results and results[0]["label_nl"].lower().startswith("plannen")
    assert api.get("/api/v1/skills/?q=p").json()["results"] == []


def test_export_and_erase_through_the_api(client, anna):
    client.force_login(anna)
    data = client.get("/api/v1/profiles/me/export/").json()
    assert data["account"]["e-mailadres"] == anna.email
    wrong = client.post(
        "/api/v1/profiles/me/erase/", {"password": "fout"}, content_type="application/json"
    )
    assert wrong.status_code == 400 and wrong.json()["message"] == "Dit wachtwoord klopt niet."
    response = client.post(
        "/api/v1/profiles/me/erase/", {"password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 204
    assert not User.objects.filter(email=anna.email).exists()


def test_non_overstappers_have_no_profile_in_the_api(as_user, wim):
    response = as_user(wim).get("/api/v1/profiles/me/")
    assert response.status_code == 403 and "overstappers" in response.json()["message"]
