"""Consent: nobody sees a profile without a share; every view by someone else is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from loopbrug.models import AuditEvent
from profiles.models import ProfileShare
from profiles.services import (
    profile_get_or_create,
    profile_save_sensitive,
    profile_share,
    profile_share_revoke,
    profile_skill_upsert,
)
from taxonomy.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def annas_profile(anna):
    profile = profile_get_or_create(user=anna)
    profile_skill_upsert(
        profile=profile, skill=Skill.objects.get(label_nl="Plannen en organiseren"), level=4
    )
    profile_save_sensitive(
        profile=profile, health="Migraine", arbeidsbeperking=True, status="Statushouder"
    )
    return profile


def _share_with(profile, user, purpose, **kw):
    return profile_share(profile=profile, grantee=user, purpose=purpose, **kw)


def test_without_a_share_a_werkgever_gets_404_in_html_and_api(as_user, wim, annas_profile):
    client = as_user(wim)
    assert client.get(f"/profielen/{annas_profile.pk}/").status_code == 404
    response = client.get(f"/api/v1/profiles/{annas_profile.pk}/")
    assert response.status_code == 404 and response.json()["message"] == "Niet gevonden."
    assert not AuditEvent.objects.filter(action="profile.view").exists()


def test_with_a_share_the_werkgever_sees_the_profile_but_never_sensitive_data(
    as_user, wim, annas_profile
):
    _share_with(annas_profile, wim, ProfileShare.Purpose.VACATURE, vacature="Verzorgende IG")
    client = as_user(wim)
    page = client.get(f"/profielen/{annas_profile.pk}/").content.decode()
    assert (
        "Anna Overstapper" in page and "Plannen en organiseren" in page and "Verzorgende IG" in page
    )
    api = client.get(f"/api/v1/profiles/{annas_profile.pk}/").content.decode()
    for secret in ["Migraine", "Statushouder", "sensitive"]:
        assert secret not in page and secret not in api


def test_after_revoke_the_next_request_is_refused(as_user, anna, wim, annas_profile):
    share = _share_with(annas_profile, wim, ProfileShare.Purpose.VACATURE, vacature="Leraar")
    client = as_user(wim)
    assert client.get(f"/profielen/{annas_profile.pk}/").status_code == 200
    as_user(anna).post(f"/profiel/delen/{share.pk}/intrekken/")
    assert client.get(f"/profielen/{annas_profile.pk}/").status_code == 404
    assert client.get(f"/api/v1/profiles/{annas_profile.pk}/").status_code == 404
    with pytest.raises(ValidationError, match="al ingetrokken"):
        share.refresh_from_db()
        profile_share_revoke(share=share, by=anna)


def test_an_expired_share_is_refused(as_user, wim, annas_profile):
    share = _share_with(
        annas_profile,
        wim,
        ProfileShare.Purpose.VACATURE,
        vacature="Leraar",
        expires_at=timezone.now() + timedelta(days=1),
    )
    ProfileShare.objects.filter(pk=share.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert as_user(wim).get(f"/profielen/{annas_profile.pk}/").status_code == 404


def test_a_share_for_another_person_does_not_open_the_profile_to_a_colleague(
    as_user, wim, amsterdam, annas_profile
):
    from accounts.models import Role

    from .factories import UserFactory

    colleague = UserFactory(role=Role.WERKGEVER, organisation=wim.organisation)
    _share_with(annas_profile, wim, ProfileShare.Purpose.VACATURE, vacature="Leraar")
    assert as_user(colleague).get(f"/profielen/{annas_profile.pk}/").status_code == 404


def test_each_view_by_someone_else_leaves_an_audit_event_the_owner_can_see(
    as_user, anna, wim, annas_profile
):
    _share_with(annas_profile, wim, ProfileShare.Purpose.VACATURE, vacature="Leraar")
    client = as_user(wim)
    client.get(f"/profielen/{annas_profile.pk}/")
    client.get(f"/api/v1/profiles/{annas_profile.pk}/")
    views = AuditEvent.objects.filter(action="profile.view", object_id=str(annas_profile.pk))
    assert views.count() == 2 and {v.actor for v in views} == {wim}
    page = as_user(anna).get("/profiel/delen/").content.decode()
    assert "Wim Werkgever" in page and "bekeek je profiel" in page


def test_the_owner_viewing_their_own_profile_is_not_audited(as_user, anna, annas_profile):
    as_user(anna).get("/profiel/")
    assert not AuditEvent.objects.filter(action="profile.view").exists()


@pytest.mark.parametrize(
    ("purpose", "grantee", "message"),
    [
        (ProfileShare.Purpose.VACATURE, "carla", "alleen delen met een werkgever"),
        (ProfileShare.Purpose.COACH, "wim", "alleen delen met een coach"),
        (ProfileShare.Purpose.TOELATING, "wim", "alleen delen met een opleider"),
    ],
)
def test_a_share_must_match_the_role_of_the_grantee(
    request, annas_profile, purpose, grantee, message
):
    with pytest.raises(ValidationError, match=message):
        _share_with(annas_profile, request.getfixturevalue(grantee), purpose, vacature="X")
    assert not ProfileShare.objects.exists()


def test_share_form_explains_an_unknown_email_and_a_past_date(as_user, anna, wim, annas_profile):
    client = as_user(anna)
    body = client.post(
        "/profiel/delen/",
        {"purpose": "vacature", "grantee_email": "niemand@example.nl", "vacature": "X"},
    ).content.decode()
    assert "Er is geen coach, werkgever of opleider met dit e-mailadres" in body
    body = client.post(
        "/profiel/delen/",
        {
            "purpose": "vacature",
            "grantee_email": wim.email,
            "vacature": "X",
            "expires_on": "2020-01-01",
        },
    ).content.decode()
    assert "Kies een datum in de toekomst" in body
    assert not ProfileShare.objects.exists()


def test_share_with_the_own_coach_in_one_click(as_user, anna, carla, annas_traject, annas_profile):
    as_user(anna).post("/profiel/delen/coach/")
    share = ProfileShare.objects.get()
    assert (share.grantee, share.purpose) == (carla, ProfileShare.Purpose.COACH)


def test_coach_with_consent_validates_evidence_and_adds_an_assessment(
    as_user, anna, carla, annas_profile
):
    _share_with(annas_profile, carla, ProfileShare.Purpose.COACH)
    item = annas_profile.profile_skills.get()
    client = as_user(carla)
    page = client.get(f"/profielen/{annas_profile.pk}/").content.decode()
    assert "Valideren" in page
    client.post(f"/profielen/{annas_profile.pk}/skills/{item.pk}/valideren/")
    item.refresh_from_db()
    assert item.validated_by == carla and item.validated_at is not None
    client.post(
        f"/profielen/{annas_profile.pk}/assessments/",
        {
            "name": "Wendbaarheidsassessment",
            "taken_on": "2026-10-01",
            "result": "Hoog lerend vermogen",
            "is_wendbaarheid": "on",
        },
    )
    assert annas_profile.assessments.get().added_by == carla
    # A changed evidence drops the validation: the coach validated the old evidence.
    profile_skill_upsert(profile=annas_profile, skill=item.skill, level=5, evidence_type="diploma")
    item.refresh_from_db()
    assert item.validated_at is None


def test_a_werkgever_with_a_share_cannot_validate_evidence(as_user, wim, annas_profile):
    _share_with(annas_profile, wim, ProfileShare.Purpose.VACATURE, vacature="X")
    item = annas_profile.profile_skills.get()
    response = as_user(wim).post(f"/profielen/{annas_profile.pk}/skills/{item.pk}/valideren/")
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.validated_at is None


def test_a_coach_without_consent_sees_nothing(as_user, carla, annas_traject, annas_profile):
    assert as_user(carla).get(f"/profielen/{annas_profile.pk}/").status_code == 404


def test_shared_list_shows_only_active_shares(as_user, wim, annas_profile):
    share = _share_with(annas_profile, wim, ProfileShare.Purpose.VACATURE, vacature="Leraar")
    client = as_user(wim)
    assert "Anna Overstapper" in client.get("/profielen/").content.decode()
    profile_share_revoke(share=share, by=annas_profile.user)
    assert "Anna Overstapper" not in client.get("/profielen/").content.decode()


def test_the_coach_finds_a_shared_profile_from_the_traject_page(
    as_user, carla, annas_traject, annas_profile
):
    client = as_user(carla)
    page = client.get(f"/trajecten/{annas_traject.pk}/").content.decode()
    assert "nog) niet met je gedeeld" in page
    _share_with(annas_profile, carla, ProfileShare.Purpose.COACH)
    page = client.get(f"/trajecten/{annas_traject.pk}/").content.decode()
    assert f"/profielen/{annas_profile.pk}/" in page
