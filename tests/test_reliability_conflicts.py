"""Two people (or two tabs) editing the same financieringsplan or Persoonlijk Profiel: the
second save is refused with a conflict message and loses nothing that was typed."""

from __future__ import annotations

import re
import threading
from decimal import Decimal

import pytest
from django.db import connection

from financing import services as financing_services
from financing.models import FinancingPlan, Post
from profiles.models import Profile
from profiles.services import StaleProfile, profile_get_or_create, profile_save_doel

from .conftest import require_or_skip
from .financing_helpers import (
    catalogue_fixture,  # noqa: F401 - the fixture "catalogue"
    save_plan,
    start_plan,
)
from .test_financing import edit_form_data

D = Decimal
JSON = "application/json"
STEP = "/profiel/stap/doel/"
PROFILE_CONFLICT = "Je profiel is intussen ergens anders opgeslagen"
PLAN_CONFLICT = "Iemand anders heeft het financieringsplan opgeslagen"


def _doel(ambition: str, version) -> dict:
    return {"ambition": ambition, "motivation": "", "version": version, "stay": "1"}


def _version_in(html: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', html).group(1))


# --- Persoonlijk Profiel ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_second_tab_gets_a_conflict_and_keeps_what_was_typed(as_user, anna):
    profile_get_or_create(user=anna)
    tab_one, tab_two = as_user(anna), as_user(anna)
    loaded = _version_in(tab_one.get(STEP).content.decode())
    assert _version_in(tab_two.get(STEP).content.decode()) == loaded

    assert tab_one.post(STEP, _doel("Verpleegkundige worden", loaded)).status_code == 302
    response = tab_two.post(STEP, _doel("Leraar <natuurkunde> worden", loaded))

    assert response.status_code == 409
    body = response.content.decode()
    assert PROFILE_CONFLICT in body
    assert "Leraar &lt;natuurkunde&gt; worden" in body  # what tab two typed, still in the form
    assert _version_in(body) == loaded + 1  # saving again is a deliberate choice
    assert Profile.objects.get(user=anna).ambition == "Verpleegkundige worden"

    again = tab_two.post(STEP, _doel("Leraar <natuurkunde> worden", loaded + 1))
    assert again.status_code == 302
    assert Profile.objects.get(user=anna).ambition == "Leraar <natuurkunde> worden"


@pytest.mark.django_db
def test_the_sensitive_page_refuses_an_edit_of_an_older_version(as_user, anna):
    profile_get_or_create(user=anna)
    url = "/profiel/gevoelig/"
    tab_one, tab_two = as_user(anna), as_user(anna)
    loaded = _version_in(tab_one.get(url).content.decode())
    _version_in(tab_two.get(url).content.decode())

    first = {"health": "Rugklachten", "status": "", "version": loaded}
    assert tab_one.post(url, first).status_code == 302
    response = tab_two.post(url, {"health": "Astma", "status": "NL", "version": loaded})

    assert response.status_code == 409
    body = response.content.decode()
    assert PROFILE_CONFLICT in body and "Astma" in body and _version_in(body) == loaded + 1
    assert Profile.objects.get(user=anna).sensitive_health == "Rugklachten"


@pytest.mark.django_db
def test_autosave_keeps_saving_in_its_own_tab_and_stops_at_someone_elses_save(as_user, anna):
    profile_get_or_create(user=anna)
    tab, other = as_user(anna), as_user(anna)
    htmx = {"HX-Request": "true", "HX-Target": "save-status"}
    version = _version_in(tab.get(STEP).content.decode())

    # Its own saves hand the tab the next version, so autosave after autosave goes through.
    for word in ("Zorg", "Zorg en welzijn"):
        saved = tab.post(STEP, _doel(word, version) | {"autosave": "1"}, headers=htmx)
        assert saved.status_code == 200 and "Automatisch opgeslagen" in saved.content.decode()
        version = _version_in(saved.content.decode())
    assert Profile.objects.get(user=anna).ambition == "Zorg en welzijn"

    assert other.post(STEP, _doel("Techniek", version)).status_code == 302
    stale = tab.post(STEP, _doel("Zorg, welzijn", version) | {"autosave": "1"}, headers=htmx)
    body = stale.content.decode()
    assert stale.status_code == 200 and "Niet opgeslagen" in body and PROFILE_CONFLICT in body
    # The tab keeps the version it had: the next save by hand shows the full conflict page.
    assert _version_in(body) == version
    assert Profile.objects.get(user=anna).ambition == "Techniek"


@pytest.mark.django_db
def test_the_api_answers_409_in_the_error_shape_and_changes_nothing(as_user, anna):
    profile_get_or_create(user=anna)
    phone, laptop = as_user(anna), as_user(anna)
    version = phone.get("/api/v1/profiles/me/").json()["version"]

    first = phone.patch(
        "/api/v1/profiles/me/", {"ambition": "Monteur", "version": version}, content_type=JSON
    )
    assert first.status_code == 200 and first.json()["version"] == version + 1
    second = laptop.patch(
        "/api/v1/profiles/me/",
        {"ambition": "Docent", "proud_of": "Mijn diploma", "version": version},
        content_type=JSON,
    )

    assert second.status_code == 409
    assert second.json() == {
        "message": second.json()["message"],
        "extra": {"current_version": version + 1},
    }
    assert PROFILE_CONFLICT in second.json()["message"]
    profile = Profile.objects.get(user=anna)
    assert (profile.ambition, profile.proud_of, profile.version) == ("Monteur", "", version + 1)


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_profile_version_at_the_same_moment_let_exactly_one_win(anna):
    profile = profile_get_or_create(user=anna)
    outcomes = _at_the_same_moment(
        lambda ambition: profile_save_doel(
            profile=Profile.objects.get(pk=profile.pk),
            ambition=ambition,
            motivation="",
            target_sectors=["zorg"],
            target_beroepen=[],
            min_net_income=None,
            hours_per_week=None,
            version=profile.version,
        ),
        ["Eerste", "Tweede"],
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "StaleProfile"]
    winner = ["Eerste", "Tweede"][outcomes.index(None)]
    profile.refresh_from_db()
    assert (profile.ambition, profile.version) == (winner, 2)
    assert all(o.current_version == 2 for o in outcomes if isinstance(o, StaleProfile))


# --- Financieringsplan -----------------------------------------------------------------------


@pytest.fixture
def open_plan(catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="zorg")
    save_plan(plan, carla, income_before=D("3000"), posts={"onboarding": 12000})
    return FinancingPlan.objects.get(pk=plan.pk)


@pytest.mark.django_db
def test_the_second_coach_on_the_plan_page_keeps_what_they_typed(as_user, open_plan, carla, bea):
    url = f"/trajecten/{open_plan.traject_id}/financiering/bewerken/"
    beas = edit_form_data(open_plan) | {"estimate_onboarding": "9000"}
    carlas = edit_form_data(open_plan) | {
        "estimate_onboarding": "11111",
        "note_onboarding": "Buddy",
    }

    assert as_user(bea).post(url, beas).status_code == 302
    response = as_user(carla).post(url, carlas)

    assert response.status_code == 409
    body = response.content.decode()
    assert PLAN_CONFLICT in body
    assert "11111" in body and "Buddy" in body  # Carla's input is still there
    assert Post.objects.get(plan=open_plan, kind="onboarding").estimate == D("9000")


@pytest.mark.django_db
def test_the_second_save_through_the_api_gets_409_and_can_retry_on_purpose(
    as_user, open_plan, carla, bea
):
    url = f"/api/v1/trajecten/{open_plan.traject_id}/financing/"
    version = as_user(carla).get(url).json()["version"]
    first = as_user(bea).put(
        url,
        {"version": version, "posts": [{"kind": "onboarding", "estimate": "9000.00"}]},
        content_type=JSON,
    )
    assert first.status_code == 200
    late = {"version": version, "posts": [{"kind": "onboarding", "estimate": "8000.00"}]}
    second = as_user(carla).put(url, late, content_type=JSON)

    assert second.status_code == 409
    assert PLAN_CONFLICT in second.json()["message"]
    current = second.json()["extra"]["current_version"]
    assert Post.objects.get(plan=open_plan, kind="onboarding").estimate == D("9000")
    retry = as_user(carla).put(url, late | {"version": current}, content_type=JSON)
    assert retry.status_code == 200
    assert Post.objects.get(plan=open_plan, kind="onboarding").estimate == D("8000")


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_plan_version_at_the_same_moment_let_exactly_one_win(
    open_plan, carla, bea
):
    version = open_plan.version
    outcomes = _at_the_same_moment(
        lambda who: financing_services.plan_update(
            plan=FinancingPlan.objects.get(pk=open_plan.pk),
            by=who,
            version=version,
            fields={},
            posts={"onboarding": {"estimate": D("7000") if who == carla else D("6000")}},
        ),
        [carla, bea],
    )
    stale = [o for o in outcomes if isinstance(o, financing_services.StaleVersion)]
    assert len(stale) == 1, outcomes
    assert FinancingPlan.objects.get(pk=open_plan.pk).version == version + 1


def _at_the_same_moment(save, arguments: list) -> list:
    """Run save(argument) in one thread per argument, released together; the outcomes."""
    require_or_skip(  # SQLite has no row locks: there the race is not the database's to decide
        "REQUIRE_SERVICES", connection.vendor == "postgresql", "needs PostgreSQL in DATABASE_URL"
    )
    barrier = threading.Barrier(len(arguments))
    outcomes: list = [None] * len(arguments)

    def run(i, argument):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = save(argument)
        except Exception as exc:  # the loser's refusal is the outcome the test looks at
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
