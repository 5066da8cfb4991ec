"""The overstapper's own data: export everything, erase everything personal."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import models

from accounts.models import User
from journeys.models import Phase, PhaseChange, Traject
from journeys.selectors import phase_counts_for_region
from journeys.services import traject_change_phase
from profiles.models import Experience, ProfileShare
from profiles.services import (
    profile_experience_add,
    profile_get_or_create,
    profile_save_doel,
    profile_save_drijfveren,
    profile_save_niveau,
    profile_save_proud_of,
    profile_save_sensitive,
    profile_save_talenten,
    profile_save_wendbaarheid,
    profile_share,
    profile_skill_upsert,
)
from taxonomy.models import Drijfveer, Skill, Talent

from .factories import PASSWORD

pytestmark = pytest.mark.django_db

NAME = "Annabel Zoë Overstapper-Uniek"
EMAIL = "annabel.uniek@example.nl"


@pytest.fixture
def annabel(amsterdam, carla, wim):
    from .factories import UserFactory, make_traject

    user = UserFactory(email=EMAIL, full_name=NAME, home_region=amsterdam)
    traject = make_traject(overstapper=user, coach=carla, region=amsterdam, phase=Phase.MATCH)
    PhaseChange.objects.filter(traject=traject).update(reason=f"Gesprek met {NAME}")
    profile = profile_get_or_create(user=user)
    profile_save_talenten(
        profile=profile, talents=list(Talent.objects.all()[:2]), own_words="Ik ben Annabel"
    )
    profile_skill_upsert(
        profile=profile, skill=Skill.objects.get(label_nl="Plannen en organiseren"), level=4
    )
    profile_save_drijfveren(profile=profile, ranked=list(Drijfveer.objects.all()[:5]))
    profile_save_wendbaarheid(profile=profile, answers=[4] * 8)
    profile_save_niveau(profile=profile, niveau="mbo4", basis="informeel", evidence="Teamleider")
    profile_save_doel(
        profile=profile,
        ambition="Zorg",
        motivation="Mensen",
        target_sectors=["zorg"],
        target_beroepen=[],
        min_net_income=None,
        hours_per_week=32,
    )
    profile_experience_add(
        profile=profile, kind=Experience.Kind.WERK, title="Bankmedewerker", organisation="ING"
    )
    profile_save_proud_of(profile=profile, proud_of="Marathon")
    profile_save_sensitive(profile=profile, health="Migraine", arbeidsbeperking=None, status="")
    profile_share(
        profile=profile, grantee=wim, purpose=ProfileShare.Purpose.VACATURE, vacature="Helpende"
    )
    profile_share(profile=profile, grantee=carla, purpose=ProfileShare.Purpose.COACH)
    return user


def test_json_export_contains_every_part_of_the_profile(as_user, annabel, wim):
    as_user(wim).get(f"/profielen/{annabel.profile.pk}/")
    response = as_user(annabel).get("/profiel/export.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["e-mailadres"] == EMAIL
    profile = data["persoonlijk_profiel"]
    assert len(profile["talenten"]) == 2 and profile["talenten_eigen_woorden"] == "Ik ben Annabel"
    assert profile["skills"][0]["skill"] == "Plannen en organiseren"
    assert len(profile["drijfveren"]) == 5
    assert profile["wendbaarheid"]["score"] == 75
    assert profile["werk_en_denkniveau"]["bewijs"] == "Teamleider"
    assert profile["doel_en_motivatie"]["uren_per_week"] == 32
    assert profile["ervaring"][0]["organisatie"] == "ING"
    assert profile["waar_ik_trots_op_ben"] == "Marathon"
    assert data["gevoelige_gegevens"]["gezondheid"] == "Migraine"
    assert data["trajecten"][0]["fase"] == "Match"
    assert {s["met"] for s in data["gedeeld_met"]} == {"Wim Werkgever", "Carla Coach"}
    assert data["bekeken_door"][0]["wie"] == "Wim Werkgever"


def test_pdf_export_is_a_pdf(as_user, annabel):
    response = as_user(annabel).get("/profiel/export.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def _tables_mentioning(*needles: str) -> list[str]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for field in text_fields:
            for needle in needles:
                lookup = "icontains"
                if isinstance(model._meta.get_field(field), models.JSONField):
                    rows = [
                        v
                        for v in model.objects.values_list(field, flat=True)
                        if needle.lower() in json.dumps(v).lower()
                    ]
                    if rows:
                        found.append(f"{model._meta.db_table}.{field}")
                elif model.objects.filter(**{f"{field}__{lookup}": needle}).exists():
                    found.append(f"{model._meta.db_table}.{field}")
    return found


def test_after_erase_name_and_email_occur_in_no_table_and_regional_counts_stay(
    client, annabel, amsterdam, wim
):
    # Leave traces everywhere: a failed login, a session, someone else's view.
    client.post("/account/inloggen/", {"username": EMAIL, "password": "fout"})
    client.post("/account/inloggen/", {"username": EMAIL, "password": PASSWORD})
    from .conftest import verified_client

    verified_client(wim).get(f"/profielen/{annabel.profile.pk}/")
    assert _tables_mentioning(NAME, EMAIL), "the test must see the data before erasure"
    before = phase_counts_for_region(region=amsterdam)
    open_before = sum(r["count"] for r in before)

    response = client.post("/profiel/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 200 and "Je account is verwijderd" in response.content.decode()

    assert _tables_mentioning(NAME, EMAIL) == []
    assert not User.objects.filter(email=EMAIL).exists()
    after = phase_counts_for_region(region=amsterdam)
    assert sum(r["count"] for r in after) == open_before
    traject = Traject.objects.get(overstapper__isnull=True)
    # Closed as "account verwijderd", not as uitgevallen: an erasure is no drop-out (issue 14).
    assert traject.phase == Phase.VERWIJDERD and traject.region == amsterdam
    assert list(traject.phase_changes.values_list("to_phase", flat=True))[:4] == [
        "aanmelding",
        "orientatie",
        "profiel",
        "match",
    ]
    # The session is gone: the next request is a stranger's.
    assert client.get("/profiel/").status_code == 302


def test_erase_needs_the_password_and_a_wrong_one_changes_nothing(as_user, annabel):
    body = as_user(annabel).post("/profiel/verwijderen/", {"password": "fout"}).content.decode()
    assert "Dit wachtwoord klopt niet" in body
    assert User.objects.filter(email=EMAIL).exists()


def test_a_second_erase_is_refused_clearly(client, annabel):
    client.force_login(annabel)
    client.post("/profiel/verwijderen/", {"password": PASSWORD})
    response = client.post("/profiel/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/")
    api = client.post(
        "/api/v1/profiles/me/erase/", {"password": PASSWORD}, content_type="application/json"
    )
    assert api.status_code in (401, 403) and api.json()["message"]


def test_a_finished_traject_keeps_its_end_phase_after_erase(client, annabel, carla):
    traject = annabel.trajecten.get()
    traject_change_phase(traject=traject, to_phase=Phase.UITGEVALLEN, by=carla, reason="Ziek")
    client.force_login(annabel)
    client.post("/profiel/verwijderen/", {"password": PASSWORD})
    traject.refresh_from_db()
    assert traject.phase == Phase.UITGEVALLEN and traject.overstapper is None
    assert traject.phase_changes.filter(to_phase=Phase.UITGEVALLEN).count() == 1


def test_the_coach_still_sees_the_anonymous_traject_after_erase(client, as_user, annabel, carla):
    client.force_login(annabel)
    client.post("/profiel/verwijderen/", {"password": PASSWORD})
    coach = as_user(carla)
    page = coach.get("/caseload/").content.decode()
    assert "(account verwijderd)" in page and NAME not in page
    traject = Traject.objects.get(overstapper__isnull=True)
    assert coach.get(f"/trajecten/{traject.pk}/").status_code == 200
    assert coach.get(f"/api/v1/trajecten/{traject.pk}/").json()["overstapper"] is None
