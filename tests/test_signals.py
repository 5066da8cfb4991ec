"""One truth for signals (issue 12): the caseload, /signalen/, the traject page and the
caseload API show the same signals with the same counts, before and after the daily job; a
signal is raised when its fact happens; resolving it in one place resolves it everywhere."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from journeys.models import Phase, Traject
from onboarding import services as onboarding
from onboarding.models import Alert, CheckIn, OnboardingItem, OnboardingPlan
from onboarding.tasks import daily
from workspace.selectors import Attention

from .factories import UserFactory

pytestmark = pytest.mark.django_db

OVERDUE = Attention.OVERDUE_ITEM


def _caseload(client, traject) -> dict[str, int]:
    page = client.get("/caseload/").content.decode()
    match = re.search(rf'data-traject="{traject.pk}">(.*?)</tr>', page, re.S)
    assert match, "the participant is not in the caseload"
    return {k: int(n) for k, n in re.findall(r'data-signal="([^"]+)" data-count="(\d+)"', match[1])}


def _signalen(client, traject) -> dict[str, int]:
    page = client.get("/signalen/").content.decode()
    pattern = rf'data-traject="{traject.pk}" data-signal="([^"]+)" data-count="(\d+)"'
    return {k: int(n) for k, n in re.findall(pattern, page)}


def _traject_page(client, traject) -> dict[str, int]:
    page = client.get(f"/trajecten/{traject.pk}/").content.decode()
    return {k: int(n) for k, n in re.findall(r'<li data-signal="([^"]+)" data-count="(\d+)"', page)}


def _api(client, traject) -> dict[str, int]:
    rows = client.get("/api/v1/caseload/").json()["results"]
    (row,) = [r for r in rows if r["id"] == traject.pk]
    assert row["attention"] == [s["kind"] for s in row["signals"]]
    return {s["kind"]: s["count"] for s in row["signals"]}


def _everywhere(client, traject) -> dict[str, int]:
    """The signals of one participant, asserted equal in the four places."""
    seen = {
        "caseload": _caseload(client, traject),
        "signalen": _signalen(client, traject),
        "traject": _traject_page(client, traject),
        "api": _api(client, traject),
    }
    first = seen["caseload"]
    assert all(counts == first for counts in seen.values()), seen
    return first


@pytest.fixture
def caseload(carla, amsterdam):
    """22 more participants of carla, so a query per row would show."""
    users = User.objects.bulk_create(
        UserFactory.build(full_name=f"Deelnemer {n}", email=f"d{n}@example.nl") for n in range(22)
    )
    return Traject.objects.bulk_create(
        Traject(overstapper=u, coach=carla, region=amsterdam) for u in users
    )


@pytest.fixture
def onboarding_traject(annas_traject, wim):
    """Anna in onboarding with six onboarding actions overdue."""
    Traject.objects.filter(pk=annas_traject.pk).update(phase=Phase.ONBOARDING)
    annas_traject.refresh_from_db()
    plan = OnboardingPlan.objects.create(
        traject=annas_traject, werkgever=wim.organisation, starts_on=timezone.localdate()
    )
    OnboardingItem.objects.bulk_create(
        OnboardingItem(
            plan=plan,
            title=f"Actie {n}",
            owner_role="team",
            due_on=timezone.localdate() - timedelta(days=n + 1),
        )
        for n in range(6)
    )
    return annas_traject


def test_six_late_actions_are_one_signal_with_count_six_before_and_after_the_daily_job(
    as_user, carla, caseload, onboarding_traject
):
    client = as_user(carla)
    before = _everywhere(client, onboarding_traject)
    assert before == {OVERDUE: 6}
    assert not Alert.objects.filter(traject=onboarding_traject).exists()

    result = daily()
    assert result["alerts"] >= 6
    assert Alert.objects.filter(traject=onboarding_traject, kind=OVERDUE).count() == 6
    assert _everywhere(client, onboarding_traject) == before

    # A second run raises nothing new and changes nothing anywhere.
    assert daily()["alerts"] == 0
    assert _everywhere(client, onboarding_traject) == before


def test_resolving_on_signalen_resolves_everywhere_and_the_daily_job_keeps_it_resolved(
    as_user, carla, caseload, onboarding_traject
):
    client = as_user(carla)
    response = client.post(
        f"/trajecten/{onboarding_traject.pk}/signalen/{OVERDUE}/afhandelen/",
        {"next": "/signalen/"},
    )
    assert response.status_code == 302 and response.url == "/signalen/"
    assert _everywhere(client, onboarding_traject) == {}
    daily()
    assert _everywhere(client, onboarding_traject) == {}

    # A new late action is a new fact: the signal comes back with a count of one.
    OnboardingItem.objects.create(
        plan=onboarding_traject.onboarding_plan,
        title="Nieuwe actie",
        owner_role="team",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    assert _everywhere(client, onboarding_traject) == {OVERDUE: 1}


def test_resolving_one_alert_on_the_traject_page_resolves_its_whole_signal(
    as_user, carla, onboarding_traject
):
    client = as_user(carla)
    daily()
    alert = Alert.objects.filter(traject=onboarding_traject, kind=OVERDUE).first()
    assert client.post(f"/signalen/{alert.pk}/afhandelen/").status_code == 302
    assert not Alert.objects.filter(traject=onboarding_traject, resolved_at__isnull=True).exists()
    assert _everywhere(client, onboarding_traject) == {}


def test_a_missed_check_in_counts_the_same_before_and_after_the_daily_job(
    as_user, carla, annas_traject
):
    Traject.objects.filter(pk=annas_traject.pk).update(phase=Phase.NAZORG)
    month = timezone.localdate().replace(day=1)
    CheckIn.objects.create(
        traject=annas_traject,
        due_on=(month - timedelta(days=1)).replace(day=1),
        emailed_at=timezone.now() - timedelta(days=20),
    )
    client = as_user(carla)
    assert _everywhere(client, annas_traject) == {Attention.MISSED_CHECKIN: 1}
    daily()
    assert Alert.objects.filter(kind=Attention.MISSED_CHECKIN).count() == 1
    assert _everywhere(client, annas_traject) == {Attention.MISSED_CHECKIN: 1}


def test_low_werkgeluk_is_a_signal_when_the_check_in_is_saved(as_user, anna, carla, annas_traject):
    checkin = CheckIn.objects.create(traject=annas_traject, due_on=timezone.localdate())
    onboarding.checkin_submit(
        checkin=checkin, scores={"motivatie": 1, "betrokkenheid": 4, "team": 4, "uitdaging": 4}
    )
    assert _everywhere(as_user(carla), annas_traject) == {Attention.LOW_WERKGELUK: 1}


def test_a_hulplijn_question_to_the_coach_is_a_signal_at_once(as_user, anna, carla, annas_traject):
    participant = as_user(anna)
    response = participant.post(
        "/mijn-leerroute/hulplijn/", {"to": "coach", "question": "Hoe vraag ik verlof aan?"}
    )
    assert response.status_code == 302
    participant.post("/mijn-leerroute/hulplijn/", {"to": "loket", "question": "Voor het loket"})
    client = as_user(carla)
    counts = _everywhere(client, annas_traject)
    assert counts == {Attention.HULPLIJN: 1}
    # The question itself is not in the signal; it stays on the hulplijn page.
    assert "Hoe vraag ik verlof" not in client.get("/signalen/").content.decode()

    client.post(f"/trajecten/{annas_traject.pk}/signalen/{Attention.HULPLIJN}/afhandelen/")
    assert _everywhere(client, annas_traject) == {}


def test_someone_elses_signal_cannot_be_resolved(as_user, chris, carla, onboarding_traject):
    url = f"/trajecten/{onboarding_traject.pk}/signalen/{OVERDUE}/afhandelen/"
    assert as_user(chris).post(url).status_code == 404
    assert (
        as_user(carla)
        .post(f"/trajecten/{onboarding_traject.pk}/signalen/onzin/afhandelen/")
        .status_code
        == 404
    )
    assert _everywhere(as_user(carla), onboarding_traject) == {OVERDUE: 6}


def test_caseload_and_signalen_have_a_fixed_query_budget(
    as_user, carla, wim, caseload, onboarding_traject, django_assert_max_num_queries
):
    # Every participant has signals of several kinds: late actions, low werkgeluk, stalled.
    stale = timezone.now() - timedelta(days=40)
    Traject.objects.filter(pk__in=[t.pk for t in caseload]).update(phase_since=stale)
    Alert.objects.bulk_create(
        Alert(traject=t, coach=carla, kind=Alert.Kind.LOW_WERKGELUK, key="x", message="laag")
        for t in caseload
    )
    for traject in caseload[:10]:
        plan = OnboardingPlan.objects.create(
            traject=traject, werkgever=wim.organisation, starts_on=timezone.localdate()
        )
        OnboardingItem.objects.create(
            plan=plan,
            title="Te laat",
            owner_role="team",
            due_on=timezone.localdate().replace(day=1) - timedelta(days=1),
        )
    client = as_user(carla)
    # 12, plus at most three for the oriëntatie activity of people past their phase norm
    # (orientatie.phase.last_activity: three queries for any number of people).
    with django_assert_max_num_queries(15):
        page = client.get("/caseload/").content.decode()
    assert page.count('data-signal="laag_werkgeluk"') == 22
    with django_assert_max_num_queries(15):
        page = client.get("/signalen/").content.decode()
    assert page.count('data-signal="stilstand"') == 22
    assert page.count(f'data-signal="{OVERDUE}"') == 11
