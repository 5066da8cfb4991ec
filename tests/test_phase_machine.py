from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from journeys.models import JOURNEY, TRANSITIONS, Phase, PhaseChange, Traject
from journeys.services import traject_change_phase, traject_create
from loopbrug.models import AuditEvent

from .factories import UserFactory, make_traject

pytestmark = pytest.mark.django_db

ALLOWED = [(src, dst) for src, targets in TRANSITIONS.items() for dst in sorted(targets)]
FORBIDDEN = [
    (Phase.AANMELDING, Phase.MATCH),
    (Phase.AANMELDING, Phase.AFGEROND),
    (Phase.ORIENTATIE, Phase.SELECTIE),
    (Phase.PROFIEL, Phase.LEERWERKTRAJECT),
    (Phase.MATCH, Phase.ONBOARDING),
    (Phase.SELECTIE, Phase.PROFIEL),
    (Phase.LEERWERKTRAJECT, Phase.MATCH),
    (Phase.ONBOARDING, Phase.LEERWERKTRAJECT),
    (Phase.NAZORG, Phase.ONBOARDING),
    (Phase.AFGEROND, Phase.NAZORG),
    (Phase.AFGEROND, Phase.UITGEVALLEN),
    (Phase.UITGEVALLEN, Phase.AANMELDING),
    (Phase.UITGEVALLEN, Phase.MATCH),
]


def _traject_in(phase, anna, carla, amsterdam) -> Traject:
    if phase == Phase.UITGEVALLEN:
        traject = make_traject(overstapper=anna, coach=carla, region=amsterdam)
        traject_change_phase(traject=traject, to_phase=phase, by=carla, reason="gestopt")
        traject.refresh_from_db()
        return traject
    return make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=phase)


def test_every_open_phase_can_end_in_uitval_and_end_phases_are_final():
    for phase in Phase.values:
        if phase in (Phase.AFGEROND, Phase.UITGEVALLEN, Phase.VERWIJDERD):
            assert TRANSITIONS[phase] == set()
        else:
            assert Phase.UITGEVALLEN in TRANSITIONS[phase]


@pytest.mark.parametrize(("src", "dst"), ALLOWED)
def test_allowed_transition_moves_and_is_recorded(src, dst, anna, carla, amsterdam):
    traject = _traject_in(src, anna, carla, amsterdam)
    before = traject.phase_changes.count()

    change = traject_change_phase(traject=traject, to_phase=dst, by=carla, reason="volgende stap")

    traject.refresh_from_db()
    assert traject.phase == dst
    assert traject.phase_since == change.at
    assert traject.phase_changes.count() == before + 1
    assert (change.from_phase, change.to_phase, change.by, change.reason) == (
        src,
        dst,
        carla,
        "volgende stap",
    )


@pytest.mark.parametrize(("src", "dst"), FORBIDDEN)
def test_forbidden_transition_is_refused_and_changes_nothing(src, dst, anna, carla, amsterdam):
    traject = _traject_in(src, anna, carla, amsterdam)
    before = traject.phase_changes.count()

    with pytest.raises(ValidationError) as error:
        traject_change_phase(traject=traject, to_phase=dst, by=carla, reason="proberen")

    assert "geen toegestane stap" in str(error.value)
    traject.refresh_from_db()
    assert traject.phase == src
    assert traject.phase_changes.count() == before


def test_selectie_can_go_back_to_match(anna, carla, amsterdam):
    traject = _traject_in(Phase.SELECTIE, anna, carla, amsterdam)
    traject_change_phase(
        traject=traject, to_phase=Phase.MATCH, by=carla, reason="meeloopdag paste niet"
    )
    traject.refresh_from_db()
    assert traject.phase == Phase.MATCH


def test_unknown_phase_is_refused(annas_traject, carla):
    with pytest.raises(ValidationError, match="Onbekende fase"):
        traject_change_phase(traject=annas_traject, to_phase="vakantie", by=carla, reason="x")
    assert annas_traject.phase_changes.count() == 1


def test_reason_is_required(annas_traject, carla):
    with pytest.raises(ValidationError, match="reden"):
        traject_change_phase(
            traject=annas_traject, to_phase=Phase.ORIENTATIE, by=carla, reason="  "
        )


def test_only_the_own_coach_may_move_a_traject(annas_traject, chris, anna):
    for outsider in (chris, anna):
        with pytest.raises(PermissionDenied):
            traject_change_phase(
                traject=annas_traject, to_phase=Phase.ORIENTATIE, by=outsider, reason="x"
            )
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.AANMELDING


def test_phase_change_writes_an_audit_event(annas_traject, carla):
    traject_change_phase(traject=annas_traject, to_phase=Phase.ORIENTATIE, by=carla, reason="start")
    event = AuditEvent.objects.get(action="traject.phase_change")
    assert event.actor == carla
    assert event.object_id == str(annas_traject.pk)
    assert event.detail == {"from_phase": "aanmelding", "to_phase": "orientatie"}


def test_full_journey_leaves_one_record_per_step_so_lead_times_can_be_derived(
    anna, carla, amsterdam
):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.AFGEROND)
    changes = list(PhaseChange.objects.filter(traject=traject).order_by("at", "pk"))
    assert [c.to_phase for c in changes] == JOURNEY
    assert changes[0].from_phase == ""
    assert all(a.to_phase == b.from_phase for a, b in zip(changes, changes[1:], strict=False))


def test_a_second_open_traject_is_refused_but_a_new_attempt_after_uitval_is_allowed(
    anna, carla, amsterdam
):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam)
    with pytest.raises(ValidationError, match="lopend traject"):
        traject_create(overstapper=anna, region=amsterdam)
    traject_change_phase(traject=traject, to_phase=Phase.UITGEVALLEN, by=carla, reason="ziek")
    second = traject_create(overstapper=anna, region=amsterdam)
    assert second.attempt == 2


def test_only_overstappers_have_a_traject(carla, amsterdam):
    with pytest.raises(ValidationError):
        traject_create(overstapper=carla, region=amsterdam)


def test_ongekend_talent_needs_consent(annas_traject):
    annas_traject.ongekend_talent = ["statushouder"]
    with pytest.raises(ValidationError, match="toestemming"):
        annas_traject.full_clean()


def test_unknown_ongekend_talent_category_is_refused(annas_traject):
    from django.utils import timezone

    annas_traject.ongekend_talent = ["onbekend"]
    annas_traject.ongekend_talent_consent_at = timezone.now()
    with pytest.raises(ValidationError):
        annas_traject.full_clean()


def test_beheerder_may_move_any_traject(annas_traject):
    bea = UserFactory(role="beheerder", is_staff=True, is_superuser=True)
    traject_change_phase(
        traject=annas_traject, to_phase=Phase.ORIENTATIE, by=bea, reason="correctie"
    )
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.ORIENTATIE
