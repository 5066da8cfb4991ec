"""No silent truncation of stored user text (issue 18): over-long input is refused whole with
a Dutch message and nothing is stored, on the service, the API and the page alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from journeys.models import Note
from journeys.notes import note_add
from matching import services
from matching.models import Vacature

pytestmark = pytest.mark.django_db

LIMIT = Note._meta.get_field("text").max_length


def test_a_note_of_exactly_the_limit_is_stored_whole(annas_traject, carla):
    note = note_add(traject=annas_traject, author=carla, text="a" * LIMIT)
    assert len(Note.objects.get(pk=note.pk).text) == LIMIT


def test_a_too_long_note_is_refused_and_nothing_is_stored(annas_traject, carla):
    with pytest.raises(ValidationError) as caught:
        note_add(traject=annas_traject, author=carla, text="a" * (LIMIT + 1))
    assert caught.value.message_dict["text"] == [
        f"Een notitie is hooguit {LIMIT} tekens; deze is {LIMIT + 1} tekens."
    ]
    assert not Note.objects.exists()


def test_the_api_refuses_a_too_long_note_with_the_message(as_user, carla, annas_traject):
    response = as_user(carla).post(
        f"/api/v1/trajecten/{annas_traject.pk}/notes/",
        {"text": "b" * (LIMIT + 1)},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert f"niet meer dan {LIMIT} karakters" in response.json()["message"]
    assert not Note.objects.exists()


def test_a_split_whose_copy_title_would_be_too_long_is_refused_whole(wim, amsterdam):
    vacature = services.vacature_save(
        by=wim,
        organisation=wim.organisation,
        title="Helpende zorg",
        sector="zorg",
        region=amsterdam,
        hours_per_week=28,
        salary_min=Decimal("2300"),
        salary_max=Decimal("2800"),
    )
    services.vacature_save(
        by=wim,
        vacature=vacature,
        tasks=[("Cliënten helpen", "mbo2"), ("Zorgplan maken", "mbo4")],
    )
    Vacature.objects.filter(pk=vacature.pk).update(title="t" * 200)
    vacature.refresh_from_db()
    before = Vacature.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.vacature_split_by_level(vacature=vacature, by=wim)
    assert "Splitsen kan niet: de nieuwe functie wordt 207 tekens, hooguit 200" in str(
        caught.value.message_dict["title"]
    )
    assert Vacature.objects.count() == before
