from __future__ import annotations

import pytest
from django.utils import timezone

from journeys.models import Phase
from loopbrug.models import AuditEvent

from .factories import UserFactory, make_traject

pytestmark = pytest.mark.django_db


def test_overstapper_home_shows_the_timeline_and_next_step(as_user, anna, carla, amsterdam):
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.PROFIEL)
    page = as_user(anna).get("/").content.decode()
    assert 'aria-current="step"' in page
    assert "Persoonlijk Profiel" in page and "hier ben je nu" in page
    assert "Vul je Persoonlijk Profiel in" in page
    for label in [
        "Aanmelding",
        "Oriëntatie",
        "Match",
        "Selectie",
        "Leerwerktraject",
        "Onboarding",
        "Nazorg",
        "Afgerond",
    ]:
        assert label in page


def test_coach_home_is_the_caseload_with_phase_and_days(as_user, carla, annas_traject):
    client = as_user(carla)
    assert client.get("/")["Location"] == "/caseload/"
    page = client.get("/caseload/").content.decode()
    assert "Anna Overstapper" in page and "Aanmelding" in page and "Dagen in fase" in page


def test_caseload_filter_returns_only_the_table_partial_for_htmx(
    as_user, carla, amsterdam, annas_traject
):
    other = UserFactory(full_name="Bram Profiel", home_region=amsterdam)
    make_traject(overstapper=other, coach=carla, region=amsterdam, phase=Phase.PROFIEL)
    response = as_user(carla).get(
        "/caseload/?phase=profiel", headers={"HX-Request": "true", "HX-Target": "caseload-table"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="caseload-table"')
    assert "<html" not in body
    assert "Bram Profiel" in body and "Anna Overstapper" not in body


def test_an_unknown_phase_filter_is_explained(as_user, carla, annas_traject):
    page = as_user(carla).get("/caseload/?phase=vakantie").content.decode()
    assert "Onbekende fase" in page or "geldige keuze" in page
    assert "Anna Overstapper" in page


def test_caseload_has_no_n_plus_1(as_user, carla, amsterdam, django_assert_max_num_queries):
    for _n in range(25):
        make_traject(overstapper=UserFactory(home_region=amsterdam), coach=carla, region=amsterdam)
    client = as_user(carla)
    # A fixed budget for 25 trajecten (the signals selector reads the alerts in one query).
    with django_assert_max_num_queries(9):
        response = client.get("/caseload/")
    assert response.content.decode().count("/trajecten/") >= 25


def test_coach_moves_a_traject_with_htmx_and_gets_the_panel_back(as_user, carla, annas_traject):
    response = as_user(carla).post(
        f"/trajecten/{annas_traject.pk}/fase/",
        {"to_phase": "orientatie", "reason": "Kennismaking gehad"},
        headers={"HX-Request": "true", "HX-Target": "phase-panel"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="phase-panel"')
    assert "Kennismaking gehad" in body
    assert 'hx-swap-oob="true"' in body and "Fase gewijzigd naar Oriëntatie" in body
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.ORIENTATIE


def test_an_illegal_move_in_html_is_refused_with_a_clear_message(as_user, carla, annas_traject):
    response = as_user(carla).post(
        f"/trajecten/{annas_traject.pk}/fase/", {"to_phase": "afgerond", "reason": "snel klaar"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Van Aanmelding naar Afgerond is geen toegestane stap." in body
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.AANMELDING
    assert not AuditEvent.objects.filter(action="traject.phase_change").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to_phase": "vakantie", "reason": "x"}, "Onbekende fase"),
        ({"to_phase": "orientatie", "reason": ""}, "Geef een reden"),
    ],
)
def test_bad_phase_input_in_html_changes_nothing(as_user, carla, annas_traject, data, message):
    body = as_user(carla).post(f"/trajecten/{annas_traject.pk}/fase/", data).content.decode()
    assert message in body
    annas_traject.refresh_from_db()
    assert annas_traject.phase == Phase.AANMELDING


def test_without_htmx_a_phase_change_redirects_to_the_detail_page(as_user, carla, annas_traject):
    response = as_user(carla).post(
        f"/trajecten/{annas_traject.pk}/fase/", {"to_phase": "orientatie", "reason": "gesprek"}
    )
    assert response.status_code == 302 and response["Location"] == f"/trajecten/{annas_traject.pk}/"


def _in_profiel(n: int, *, region, coach) -> None:
    """n new overstappers of the region, each with a traject in the phase Persoonlijk Profiel."""
    for _i in range(n):
        make_traject(
            overstapper=UserFactory(home_region=region),
            coach=coach,
            region=region,
            phase=Phase.PROFIEL,
        )


def _figures(response) -> dict:
    """The loket home's key figures by their label."""
    return {str(f["label"]): f["value"] for f in response.context["figures"]}


def test_loket_home_counts_trajecten_per_phase_in_its_region_with_small_cells_hidden(
    as_user, lars, amsterdam, limburg, carla
):
    # Counts of 1 to 4 are "<5" here too, as in the reports (issue 19): raw 1, 2 and 3 were shown.
    for phase in [Phase.ORIENTATIE] * 6 + [Phase.MATCH] * 2:
        make_traject(
            overstapper=UserFactory(home_region=amsterdam),
            coach=carla,
            region=amsterdam,
            phase=phase,
        )
    make_traject(
        overstapper=UserFactory(home_region=limburg), coach=carla, region=limburg, phase=Phase.MATCH
    )
    response = as_user(lars).get("/")
    counts = {row["phase"]: row["count"] for row in response.context["phases"]}
    assert counts[Phase.ORIENTATIE] == 6
    assert counts[Phase.MATCH] == "<5"
    assert counts[Phase.NAZORG] == 0
    body = response.content.decode()
    assert "Groot Amsterdam" in body and "Kerncijfers" in body
    figures = _figures(response)
    assert figures["Nu in traject"] == 8
    assert set(figures) >= {"Aanmeldingen", "Uitval", "Behoud na 12 maanden", "Financieel veilig"}
    assert ">2<" not in body and ">1<" not in body


def test_loket_home_key_figures_under_five_show_as_less_than_five(as_user, lars, amsterdam, carla):
    _in_profiel(3, region=amsterdam, coach=carla)
    response = as_user(lars).get("/")
    figures = _figures(response)
    assert figures["Nu in traject"] == "<5"
    assert "&lt;5" in response.content.decode()


def test_loket_home_keeps_its_key_figures_for_a_while_and_says_when_they_were_computed(
    as_user, lars, amsterdam, carla, settings, django_assert_max_num_queries
):
    # The costliest page of the load benchmark (issue 17): the 12-month figures are computed at
    # most once per LOKET_HOME_CACHE_SECONDS per region; the phases now stay live.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.LOKET_HOME_CACHE_SECONDS = 600
    _in_profiel(5, region=amsterdam, coach=carla)
    client = as_user(lars)
    first = client.get("/")
    figures = _figures(first)
    assert figures["Nu in traject"] == 5
    body = first.content.decode()
    computed = timezone.localtime(first.context["computed_at"]).strftime("%H:%M")
    assert f"Berekend om {computed}" in body and "elke 10 minuten" in body

    _in_profiel(1, region=amsterdam, coach=carla)
    with django_assert_max_num_queries(12):
        second = client.get("/")
    figures = _figures(second)
    assert figures["Nu in traject"] == 5  # kept, as the page says
    assert second.context["computed_at"] == first.context["computed_at"]
    phases = {row["phase"]: row["count"] for row in second.context["phases"]}
    assert phases[Phase.PROFIEL] == 6  # read now, as its caption says

    settings.LOKET_HOME_CACHE_SECONDS = 0
    figures = _figures(client.get("/"))
    assert figures["Nu in traject"] == 6


def test_the_worker_computes_the_loket_figures_before_anyone_visits(
    as_user, lars, amsterdam, limburg, carla, settings, django_assert_max_num_queries
):
    # On a large region the twelve-month figures cost seconds (the financing verdict of every
    # plan): the worker computes them every LOKET_HOME_CACHE_SECONDS for each loket's region.
    from reports.tasks import refresh_loket_homes

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.LOKET_HOME_CACHE_SECONDS = 600
    assert settings.CELERY_BEAT_SCHEDULE["loket-home-figures"] == {
        "task": "reports.loket_home_refresh",
        "schedule": 600.0,
    }
    _in_profiel(5, region=amsterdam, coach=carla)
    # Only the regions with a loket member: Zuid-Limburg has a traject, but no loket here.
    make_traject(overstapper=UserFactory(home_region=limburg), coach=carla, region=limburg)
    assert refresh_loket_homes() == 1

    client = as_user(lars)
    with django_assert_max_num_queries(12):  # the kept case's count: nothing computed now
        response = client.get("/")
    figures = _figures(response)
    assert figures["Nu in traject"] == 5
    computed = timezone.localtime(response.context["computed_at"]).strftime("%H:%M")
    assert f"Berekend om {computed}" in response.content.decode()

    # Switched off (0 seconds), the worker computes nothing and the page computes its own.
    settings.LOKET_HOME_CACHE_SECONDS = 0
    assert refresh_loket_homes() == 1  # visited, nothing kept
    _in_profiel(1, region=amsterdam, coach=carla)
    figures = _figures(client.get("/"))
    assert figures["Nu in traject"] == 6


def test_a_starting_worker_computes_the_loket_figures_at_once(
    as_user, lars, amsterdam, carla, settings, monkeypatch, django_assert_max_num_queries
):
    # Beat's first interval run comes an interval after it starts, so the worker's start
    # computes them: the first visit after a deploy does not wait seconds.
    from reports import tasks

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    _in_profiel(5, region=amsterdam, coach=carla)
    queued = []
    monkeypatch.setattr(tasks.refresh_loket_homes, "delay", lambda: queued.append(1))
    settings.LOKET_HOME_CACHE_SECONDS = 0
    tasks.refresh_loket_homes_on_start()
    assert queued == []  # switched off: nothing to keep

    settings.LOKET_HOME_CACHE_SECONDS = 600
    tasks.refresh_loket_homes_on_start()
    assert queued == [1]
    tasks.refresh_loket_homes()  # what the queued task does
    client = as_user(lars)
    with django_assert_max_num_queries(12):  # kept: nothing computed on the visit
        response = client.get("/")
    assert _figures(response)["Nu in traject"] == 5


def test_loket_home_works_when_the_cache_does_not_answer(as_user, lars, settings):
    settings.LOKET_HOME_CACHE_SECONDS = 600
    # A Redis where nothing listens: every cache call fails to connect.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = as_user(lars).get("/")
    assert response.status_code == 200 and "Kerncijfers" in response.content.decode()


@pytest.mark.parametrize("persona", ["wim", "olga"])
def test_werkgever_and_opleider_see_their_organisation_and_region(as_user, request, persona):
    user = request.getfixturevalue(persona)
    page = as_user(user).get("/").content.decode()
    assert user.organisation.name in page and "Groot Amsterdam" in page


def test_beheerder_home_links_to_the_admin(as_user, bea):
    page = as_user(bea).get("/").content.decode()
    assert "/beheer/accounts/organisation/" in page


def test_dutch_is_the_default_even_for_an_english_browser_and_english_can_be_chosen(
    client, settings
):
    page = client.get(
        "/account/inloggen/", headers={"Accept-Language": "en-US,en"}
    ).content.decode()
    assert '<html lang="nl"' in page and "Inloggen" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/account/inloggen/"})
    page = client.get("/account/inloggen/").content.decode()
    assert '<html lang="en"' in page
    assert "Log in" in page


def test_pages_have_a_skip_link_and_landmarks(client):
    page = client.get("/account/inloggen/").content.decode()
    assert 'href="#inhoud"' in page and "<main" in page and "<header" in page and "<footer" in page


def test_unknown_page_gets_a_dutch_404_without_traceback(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()
