"""The open vacatures a process keeps between rescores (matching/open_work.py): reused while
nothing changed, read again after any change a match depends on."""

from __future__ import annotations

from decimal import Decimal

import pytest

from matching import open_work, services
from matching.models import Match
from profiles.services import profile_get_or_create, profile_skill_upsert
from taxonomy.models import Beroep, Skill, Tekort


@pytest.fixture(autouse=True)
def _nothing_kept():
    open_work.forget()
    yield
    open_work.forget()


def _skill(label):
    return Skill.objects.get(label_nl=label)


@pytest.fixture
def publish(wim, amsterdam):
    def publish(title, labels, level=3, **fields):
        vacature = services.vacature_save(
            by=wim,
            organisation=wim.organisation,
            title=title,
            sector=fields.pop("sector", "onderwijs"),
            region=amsterdam,
            hours_per_week=32,
            salary_min=Decimal("3000"),
            salary_max=Decimal("4000"),
            skills=[(_skill(label), level, True) for label in labels],
            **fields,
        )
        return services.vacature_publish(vacature=vacature, by=wim)

    return publish


def test_kept_while_nothing_changed_read_again_after_a_change(
    publish, wim, django_assert_num_queries
):
    juf = publish("Leraar basisonderwijs", ["Lessen geven"])
    first = open_work.open_work()
    assert [v.id for v in first.vacatures] == [juf.pk]
    assert first.vacatures[0].skills == {_skill("Lessen geven").pk: (3, True)}
    with django_assert_num_queries(2):  # the fingerprint only: open vacatures, Tekort
        assert open_work.open_work() is first
    kept_input = first.inputs[juf.pk]

    # A changed skill level (through the service, as the page and the API do).
    services.vacature_save(
        by=wim, vacature=juf, skills=[(_skill("Lessen geven"), 5, True)], title=juf.title
    )
    second = open_work.open_work()
    assert second is not first
    assert second.vacatures[0].skills == {_skill("Lessen geven").pk: (5, True)}

    # A new vacature, then a closed one.
    zorg = publish("Helpende", ["Actief luisteren"], sector="zorg")
    with django_assert_num_queries(2 + 4 + 1):  # fingerprint; the new one's inputs, facts
        now = open_work.open_work()
    assert sorted(v.id for v in now.vacatures) == [juf.pk, zorg.pk]
    assert now.inputs[juf.pk] is second.inputs[juf.pk] is not kept_input  # not read again
    services.vacature_close(vacature=juf, by=wim)
    third = open_work.open_work()
    assert [v.id for v in third.vacatures] == [zorg.pk]
    assert set(third.facts) == {zorg.pk}


def test_a_changed_shortage_figure_is_read_again(publish):
    bank = publish(
        "Medewerker klantcontact",
        ["Actief luisteren"],
        sector="financieel",
        beroep=Beroep.objects.get(code="lb:bankmedewerker"),
    )
    tekort = Tekort.objects.get(beroep__code="lb:bankmedewerker", region=None)
    assert open_work.open_work().facts[bank.pk].krimp is True
    tekort.krimpsector = False
    tekort.spanning = 5
    tekort.save()  # as a beheerder does in the admin
    facts = open_work.open_work().facts[bank.pk]
    assert (facts.krimp, facts.spanning) == (False, 5)


def test_a_profile_rescore_sees_a_vacature_changed_after_the_last_one(
    anna, wim, publish, monkeypatch
):
    profile = profile_get_or_create(user=anna)
    profile_skill_upsert(
        profile=profile, skill=_skill("Lessen geven"), level=3, evidence_type="werkervaring"
    )
    juf = publish("Leraar basisonderwijs", ["Lessen geven"])
    services.rescore_profile(profile_id=profile.pk)
    before = Match.objects.get(profile=profile, vacature=juf).score
    # Now asked at a higher level than the person has; only the profile's rescore runs.
    monkeypatch.setattr(services, "_enqueue_vacature_rescore", lambda vacature: None)
    services.vacature_save(
        by=wim, vacature=juf, skills=[(_skill("Lessen geven"), 5, True)], title=juf.title
    )
    assert Match.objects.get(profile=profile, vacature=juf).score == before
    services.rescore_profile(profile_id=profile.pk)
    assert Match.objects.get(profile=profile, vacature=juf).score < before
