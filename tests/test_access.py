"""The permission rules in one place (issue 18): each app's access.py holds the predicates and
the `<thing>_get_for_user` selectors; a read of someone else's data is audited there."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from financing import services as financing_services
from financing.access import plan_access, plan_get_for_user
from financing.selectors import contract_for_traject
from journeys.access import (
    can_change_phase,
    can_view_traject,
    is_assigned_coach,
    is_coach_of,
    traject_get_for_user,
)
from loopbrug.models import AuditEvent
from reports.access import is_reporter

from .financing_helpers import catalogue_fixture  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


# --- The coach-of-traject rule -------------------------------------------------------------


def test_the_coach_of_the_traject_is_its_coach(carla, annas_traject):
    assert is_coach_of(carla, annas_traject)
    assert is_assigned_coach(carla, annas_traject)
    assert can_change_phase(user=carla, traject=annas_traject)


def test_another_coach_is_not(chris, annas_traject):
    assert not is_coach_of(chris, annas_traject)
    assert not is_assigned_coach(chris, annas_traject)
    assert not can_view_traject(chris, annas_traject)


def test_the_beheerder_counts_as_coach_but_is_not_the_assigned_one(bea, annas_traject):
    assert is_coach_of(bea, annas_traject)
    assert can_view_traject(bea, annas_traject)
    # Buddy and orientation stay between the person and their own coach.
    assert not is_assigned_coach(bea, annas_traject)


def test_the_participant_views_but_does_not_coach(anna, annas_traject):
    assert can_view_traject(anna, annas_traject)
    assert not is_coach_of(anna, annas_traject)
    assert not can_change_phase(user=anna, traject=annas_traject)


@pytest.mark.parametrize("persona", ["wim", "olga", "lars"])
def test_werkgever_opleider_and_loket_neither_view_nor_coach(request, persona, annas_traject):
    user = request.getfixturevalue(persona)
    assert not can_view_traject(user, annas_traject)
    assert not is_coach_of(user, annas_traject)


def test_a_traject_without_coach_has_no_coach(chris, anna, annas_traject):
    annas_traject.coach = None
    assert not is_assigned_coach(chris, annas_traject)
    assert not is_coach_of(chris, annas_traject)


def test_anonymous_has_no_access(annas_traject):
    nobody = AnonymousUser()
    assert not can_view_traject(nobody, annas_traject)
    assert not is_coach_of(nobody, annas_traject)
    assert not is_reporter(nobody)


def test_only_loket_and_beheerder_see_reports(lars, bea, carla, wim, anna):
    assert is_reporter(lars) and is_reporter(bea)
    assert not any(is_reporter(u) for u in (carla, wim, anna))


# --- The selector: the check, and the audit of a read by someone else ----------------------


def _views(traject) -> int:
    return AuditEvent.objects.filter(action="traject.view", object_id=str(traject.pk)).count()


def test_a_read_by_the_coach_is_audited_once(carla, annas_traject):
    assert traject_get_for_user(user=carla, pk=annas_traject.pk) == annas_traject
    event = AuditEvent.objects.get(action="traject.view")
    assert event.actor == carla and event.object_id == str(annas_traject.pk)


def test_a_read_by_the_beheerder_is_audited(bea, annas_traject):
    traject_get_for_user(user=bea, pk=annas_traject.pk)
    assert _views(annas_traject) == 1


def test_the_owners_read_is_not_audited(anna, annas_traject):
    traject_get_for_user(user=anna, pk=annas_traject.pk)
    assert _views(annas_traject) == 0


def test_a_write_passes_no_action_and_is_not_audited_as_a_read(carla, annas_traject):
    traject_get_for_user(user=carla, pk=annas_traject.pk, action=None)
    assert _views(annas_traject) == 0


@pytest.mark.parametrize("persona", ["chris", "lars", "wim", "otto"])
def test_someone_without_access_gets_a_404_and_nothing_is_audited(request, persona, annas_traject):
    with pytest.raises(Http404):
        traject_get_for_user(user=request.getfixturevalue(persona), pk=annas_traject.pk)
    assert not AuditEvent.objects.filter(action="traject.view").exists()


def test_a_traject_that_does_not_exist_answers_the_same(carla):
    with pytest.raises(Http404):
        traject_get_for_user(user=carla, pk=987654)


# --- The financing plan: the same rule, the audit in the selector ---------------------------


@pytest.fixture
def annas_plan(catalogue, annas_traject, carla):
    return financing_services.plan_create(traject=annas_traject, by=carla)


def test_plan_access_follows_the_coach_rule(annas_traject, carla, chris, bea, anna, lars, wim):
    contract = contract_for_traject(annas_traject)

    def access(user):
        return plan_access(user=user, traject=annas_traject, plan=None, contract=contract)

    assert access(carla).edit_plan and access(bea).edit_plan
    assert access(anna).sees_income and not access(anna).edit_plan
    # Another coach, the loket and a werkgever without consent or contract: nothing at all.
    assert access(chris) is None and access(lars) is None and access(wim) is None


def test_a_plan_read_by_the_coach_is_audited_once_and_the_owners_not(annas_plan, carla, anna):
    pk = annas_plan.traject_id
    views = AuditEvent.objects.filter(action="financing.view", object_id=str(annas_plan.pk))
    plan_get_for_user(user=anna, pk=pk)
    assert views.count() == 0
    ctx = plan_get_for_user(user=carla, pk=pk)
    assert ctx.plan == annas_plan and ctx.access.edit_plan
    assert views.count() == 1 and views.get().actor == carla


def test_a_plan_of_someone_elses_caseload_is_not_found(annas_plan, chris):
    with pytest.raises(Http404):
        plan_get_for_user(user=chris, pk=annas_plan.traject_id)
    assert not AuditEvent.objects.filter(action="financing.view").exists()
