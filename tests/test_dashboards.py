"""The role home pages as dashboards (issue 19): werkgever, opleider and overstapper see what
is theirs to do and what waits on others, every sentence true for their data, with the same
items in GET /api/v1/me/dashboard/ and a query count that does not grow with the items."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Organisation, Role
from financing.models import Contribution
from journeys.models import Phase
from matching import services as matching
from matching.models import Application, Contract, Vacature
from onboarding.models import (
    CheckIn,
    Inschrijving,
    Leeruitkomst,
    ModuleProgress,
    OnboardingItem,
    OnboardingPlan,
    OwnerRole,
    StartMoment,
    Validation,
)
from profiles.models import ProfileShare
from profiles.services import profile_get_or_create
from workspace import dashboards

from .factories import OrganisationFactory, UserFactory, VacatureFactory, make_traject
from .financing_helpers import (
    catalogue_fixture,  # noqa: F401 - the fixture "catalogue"
    give_contract,
    pay,
    save_plan,
    start_plan,
)
from .onboarding_helpers import enrol, make_offer

D = Decimal


def page_of(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return unescape(response.content.decode())


def sections_of(client) -> dict[str, dict]:
    response = client.get("/api/v1/me/dashboard/")
    assert response.status_code == 200, response.content
    return {s["key"]: s for s in response.json()["sections"]}


def texts(section: dict) -> list[str]:
    return [i["text"] for i in section["items"]]


def kinds(section: dict) -> list[str]:
    return [i["kind"] for i in section["items"]]


def count_queries(fn) -> int:
    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        fn()
    return count


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


# --- Werkgever ----------------------------------------------------------------------------


def vacature(wim, title: str, status=Vacature.Status.OPEN) -> Vacature:
    return VacatureFactory(
        organisation=wim.organisation, created_by=wim, title=title, sector="zorg", status=status
    )


def candidate(name: str, vac: Vacature, **fields) -> Application:
    """Interest shown through the service (it shares the profile with the werkgever)."""
    user = UserFactory(full_name=name)
    profile = profile_get_or_create(user=user)
    application = matching.application_show_interest(profile=profile, vacature=vac, by=user)
    if fields:
        Application.objects.filter(pk=application.pk).update(**fields)
        application.refresh_from_db()
    return application


@pytest.fixture(name="wims_world")
def wims_world_fixture(wim, amsterdam):
    """Every kind of werkgever item, and look-alikes that must not show."""
    ig = vacature(wim, "Verzorgende IG")
    vacature(wim, "Helpende")  # open, no candidates
    vacature(wim, "Nog in concept", status=Vacature.Status.CONCEPT)
    old = ago(days=10)
    apps = {
        "new": candidate("Nina Nieuw", ig),
        "walked": candidate(
            "Mees Meegelopen",
            ig,
            status="meeloopdag",
            meeloopdag_on=timezone.localdate() - timedelta(days=3),
            meeloopdag_days=2,
            created_at=old,
        ),
        "walking": candidate(
            "Wout Wandelt",
            ig,
            status="meeloopdag",
            meeloopdag_on=timezone.localdate() + timedelta(days=2),
            meeloopdag_days=1,
            created_at=old,
        ),
        "long": candidate(
            "Olaf Onderzoek", ig, status="onderzoek", onderzoek_started_at=ago(weeks=6)
        ),
        "short": candidate(
            "Kees Kort", ig, status="onderzoek", onderzoek_started_at=ago(weeks=1), created_at=old
        ),
        "selectie": candidate("Sara Selectie", ig, status="selectie", created_at=old),
        "bare": candidate("Bram Aanbod", ig, status="contract", created_at=old),
        "offered": candidate("Otto Aanbod", ig, status="contract", created_at=old),
        "revoked": candidate("Rita Ingetrokken", ig),
    }
    Application.objects.filter(pk=apps["long"].pk).update(created_at=old)
    Contract.objects.create(
        application=apps["offered"],
        function_title="Verzorgende IG",
        werkgever=wim.organisation,
        start_date=timezone.localdate() + timedelta(days=30),
        hours_per_week=32,
        salary=D("3000"),
        contract_type="vast",
        conditions="Diploma binnen twee jaar.",
    )
    ProfileShare.objects.filter(profile=apps["revoked"].profile).update(revoked_at=ago(minutes=1))
    return apps


def test_a_werkgever_without_anything_reads_that_nothing_waits(as_user, wim):
    client = as_user(wim)
    page = page_of(client)
    sections = sections_of(client)
    assert list(sections) == ["vacatures", "acties", "onboarding", "financiering"]
    for section in sections.values():
        assert section["items"] == []
        assert section["empty"] in page
    assert "Je organisatie heeft geen open vacatures." in page
    assert "Geen kandidaat wacht op jou" in page


def test_the_werkgever_sees_open_vacatures_with_the_candidates_new_in_seven_days(
    as_user, wim, wims_world
):
    vacatures = sections_of(as_user(wim))["vacatures"]
    assert texts(vacatures) == [
        "Verzorgende IG: 1 nieuwe kandidaat in de afgelopen 7 dagen, 8 in totaal.",
        "Helpende: nog geen kandidaten die hun profiel met jou delen.",
    ]
    ig = Vacature.objects.get(title="Verzorgende IG")
    assert vacatures["items"][0]["url"] == f"/vacatures/{ig.pk}/kandidaten/"
    # One more candidate within the week, and the sentence counts two.
    candidate("Nora Nog", ig)
    assert texts(sections_of(as_user(wim))["vacatures"])[0] == (
        "Verzorgende IG: 2 nieuwe kandidaten in de afgelopen 7 dagen, 9 in totaal."
    )


def test_the_werkgever_sees_the_candidate_steps_that_are_theirs(as_user, wim, wims_world):
    client = as_user(wim)
    actions = sections_of(client)["acties"]
    apps = wims_world
    by_text = dict(zip(texts(actions), actions["items"], strict=True))
    # What is late first, then the oldest candidate first.
    assert kinds(actions) == [
        "onderzoek_te_lang",
        "na_meeloopdag",
        "contract_sturen",
        "contract_sturen",
        "meeloopdag_plannen",
    ]
    assert any(
        t.startswith("Plan een meeloopdag met Nina Nieuw voor Verzorgende IG") for t in by_text
    )
    walked_end = timezone.localdate() - timedelta(days=2)
    assert any(
        "Mees Meegelopen" in t and f"{walked_end.day} " in t and "kies de volgende stap" in t
        for t in by_text
    )
    assert any(t.startswith("Het geschiktheidsonderzoek van Olaf Onderzoek") for t in by_text)
    selectie = next(i for i in actions["items"] if "Sara Selectie" in i["text"])
    assert selectie["url"] == f"/sollicitaties/{apps['selectie'].pk}/contract/aanbieden/"
    assert any(t.startswith("Stuur Bram Aanbod het voorwaardelijk contract") for t in by_text)
    all_text = " ".join(by_text)
    # Still walking along, a short onderzoek, an offer with content and a revoked share: none.
    for name in ("Wout Wandelt", "Kees Kort", "Otto Aanbod", "Rita Ingetrokken"):
        assert name not in all_text
    page = page_of(client)
    assert "Plan een meeloopdag met Nina Nieuw" in page
    assert "Rita Ingetrokken" not in page


def test_a_colleague_sees_only_candidates_who_share_with_them(as_user, wim, wims_world):
    colleague = UserFactory(role=Role.WERKGEVER, organisation=wim.organisation)
    sections = sections_of(as_user(colleague))
    assert sections["acties"]["items"] == []
    assert "Verzorgende IG: nog geen kandidaten die hun profiel met jou delen." in texts(
        sections["vacatures"]
    )


def plan_with_items(traject, werkgever, items):
    plan = OnboardingPlan.objects.create(
        traject=traject, werkgever=werkgever, starts_on=timezone.localdate() - timedelta(days=40)
    )
    for title, owner, due_days, done in items:
        OnboardingItem.objects.create(
            plan=plan,
            title=title,
            owner_role=owner,
            due_on=timezone.localdate() + timedelta(days=due_days),
            done_at=timezone.now() if done else None,
        )
    return plan


def test_the_werkgever_sees_onboarding_actions_past_their_date(as_user, wim, carla, amsterdam):
    client = as_user(wim)
    assert sections_of(client)["onboarding"]["items"] == []
    piet = UserFactory(full_name="Piet Plaatsing")
    traject = make_traject(overstapper=piet, coach=carla, region=amsterdam, phase=Phase.ONBOARDING)
    plan_with_items(
        traject,
        wim.organisation,
        [
            ("Werkplek inrichten", OwnerRole.MANAGEMENT, -3, False),
            ("Buddy voorstellen", OwnerRole.TEAM, -5, True),  # done
            ("Evaluatiegesprek", OwnerRole.MANAGEMENT, 10, False),  # not yet due
        ],
    )
    other = make_traject(
        overstapper=UserFactory(), coach=carla, region=amsterdam, phase=Phase.ONBOARDING
    )
    plan_with_items(other, OrganisationFactory(name="Elders"), [("Elders", "team", -3, False)])
    onboarding = sections_of(client)["onboarding"]
    assert len(onboarding["items"]) == 1
    item = onboarding["items"][0]
    assert item["text"].startswith(
        "Werkplek inrichten (HR en management) voor Piet Plaatsing: uiterlijk "
    )
    assert item["overdue"] is True
    assert item["url"] == f"/onboarding/{traject.pk}/"
    assert "te laat" in page_of(client)


def test_the_werkgever_confirms_contributions_proposed_to_its_organisation(
    as_user, catalogue, wim, carla, amsterdam
):
    client = as_user(wim)
    assert sections_of(client)["financiering"]["items"] == []
    # Piet signed with wim's Zorggroep: the coach proposes what the Zorggroep pays.
    piet = UserFactory(full_name="Piet Plaatsing")
    traject = make_traject(overstapper=piet, coach=carla, region=amsterdam)
    give_contract(piet, wim.organisation)
    plan = start_plan(traject, carla, sector="zorg")
    save_plan(plan, carla, posts={"onboarding": 6000, "leertijd": 4000})
    proposed = pay(plan, carla, "onboarding", "ontvangende_werkgever", 2400, status="voorgesteld")
    pay(plan, carla, "leertijd", "ontvangende_werkgever", 1000, status="toegezegd")
    # Lena orients while working at the Zorggroep and gave no consent: it must learn nothing.
    lena = UserFactory(full_name="Lena Latend")
    hers = make_traject(overstapper=lena, coach=carla, region=amsterdam)
    hers.latende_werkgever = wim.organisation
    hers.save(update_fields=["latende_werkgever"])
    her_plan = start_plan(hers, carla, sector="zorg")
    save_plan(her_plan, carla, posts={"overstaptijd": 4000})
    pay(her_plan, carla, "overstaptijd", "latende_werkgever", 4000, status="voorgesteld")
    assert Contribution.objects.filter(status="voorgesteld").count() == 2

    financing = sections_of(client)["financiering"]
    assert texts(financing) == [
        "€ 2.400,00 voor Onboarding in het financieringsplan van Piet Plaatsing is voorgesteld "
        "als jullie bijdrage (als ontvangende werkgever): bevestig of wijs af."
    ]
    url = financing["items"][0]["url"]
    assert url == f"/trajecten/{traject.pk}/financiering/bijdragen/{proposed.pk}/"
    assert client.get(url).status_code == 200  # the link opens the form to confirm it
    assert "Lena Latend" not in page_of(client)


def test_the_werkgever_home_costs_the_same_queries_with_many_items(
    as_user, wim, wims_world, carla, amsterdam, django_assert_max_num_queries
):
    client = as_user(wim)
    few = count_queries(lambda: page_of(client))
    ig = Vacature.objects.get(title="Verzorgende IG")
    for n in range(4):
        candidate(f"Extra {n}", ig)
        vacature(wim, f"Vacature {n}")
        traject = make_traject(
            overstapper=UserFactory(), coach=carla, region=amsterdam, phase=Phase.ONBOARDING
        )
        plan_with_items(traject, wim.organisation, [("Laat", OwnerRole.TEAM, -2, False)])
    assert len(sections_of(client)["onboarding"]["items"]) == 4
    with django_assert_max_num_queries(few):
        page_of(client)


# --- Opleider -----------------------------------------------------------------------------


def enrolled(moment, name: str, carla, amsterdam, status=Inschrijving.Status.ACTIEF):
    traject = make_traject(overstapper=UserFactory(full_name=name), coach=carla, region=amsterdam)
    return Inschrijving.objects.create(traject=traject, start_moment=moment, status=status)


@pytest.fixture(name="olgas_world")
def olgas_world_fixture(olga, carla, amsterdam):
    today = timezone.localdate()
    lwt = make_offer(olga, first=today + timedelta(days=10))
    first = lwt.start_moments.filter(starts_on__gte=today).order_by("starts_on").first()
    nieuw = enrol(
        traject=make_traject(
            overstapper=UserFactory(full_name="Nieuwe Deelnemer"), coach=carla, region=amsterdam
        ),
        lwt=lwt,
        by=carla,
    )
    started = StartMoment.objects.create(
        leerwerktraject=lwt, starts_on=today - timedelta(days=60), places=12
    )
    never = enrolled(started, "Nooit Voortgang", carla, amsterdam)
    old = enrolled(started, "Oude Voortgang", carla, amsterdam)
    busy = enrolled(started, "Bezige Bij", carla, amsterdam)
    module = lwt.modules.first()
    ModuleProgress.objects.create(
        inschrijving=old, module=module, percent=20, updated_at=ago(days=40)
    )
    ModuleProgress.objects.create(inschrijving=busy, module=module, percent=50)
    Validation.objects.create(
        inschrijving=busy,
        leeruitkomst=Leeruitkomst.objects.filter(module=module).first(),
        method="assessment",
        by=olga,
    )
    enrolled(first, "Gestopte Deelnemer", carla, amsterdam, status=Inschrijving.Status.GESTOPT)
    return {
        "lwt": lwt,
        "started": started,
        "first": first,
        "never": never,
        "old": old,
        "nieuw": nieuw,
    }


def test_an_opleider_without_routes_reads_that_nothing_waits(as_user, olga):
    client = as_user(olga)
    page = page_of(client)
    sections = sections_of(client)
    assert list(sections) == ["cohorten", "erkenningen", "zonder_voortgang", "startmomenten"]
    for section in sections.values():
        assert section["items"] == []
        assert section["empty"] in page
    assert "Er zijn geen startmomenten gepland." in page


def test_the_opleider_sees_cohorts_with_places_left_and_the_next_start_moments(
    as_user, olga, olgas_world
):
    sections = sections_of(as_user(olga))
    cohorts = texts(sections["cohorten"])
    assert len(cohorts) == 2
    assert cohorts[0].startswith("Helpende Zorg en Welzijn, gestart op ")
    assert cohorts[0].endswith(": 3 deelnemers in de leerroute.")
    # Two places taken on the first start (the one who stopped keeps theirs, as enrolment counts).
    assert cohorts[1].endswith(": 1 deelnemer ingeschreven, nog 10 van 12 plaatsen vrij.")
    starts = texts(sections["startmomenten"])
    assert len(starts) == 3
    assert starts[0].endswith(": nog 10 van 12 plaatsen vrij.")
    assert starts[1].endswith(": nog 12 van 12 plaatsen vrij.")
    lwt = olgas_world["lwt"]
    assert sections["startmomenten"]["items"][0]["url"] == f"/superscholing/{lwt.pk}/"


def test_a_full_or_unpublished_start_moment_says_so(as_user, olga, olgas_world):
    first = olgas_world["first"]
    StartMoment.objects.filter(pk=first.pk).update(places=2)
    lwt = olgas_world["lwt"]
    type(lwt).objects.filter(pk=lwt.pk).update(published_at=None)
    starts = texts(sections_of(as_user(olga))["startmomenten"])
    assert starts[0].endswith(
        ": vol (2 plaatsen). Nog niet gepubliceerd: niemand kan zich inschrijven."
    )


def test_the_opleider_sees_recognition_to_record_and_routes_without_progress(
    as_user, olga, olgas_world
):
    client = as_user(olga)
    sections = sections_of(client)
    validations = sections["erkenningen"]
    names = [t.split(" (")[0] for t in texts(validations)]
    assert names == ["Nooit Voortgang", "Oude Voortgang", "Nieuwe Deelnemer"]
    assert validations["items"][0]["url"] == f"/leerroutes/{olgas_world['never'].pk}/"
    stalled = texts(sections["zonder_voortgang"])
    assert len(stalled) == 2
    assert stalled[0].startswith("Nooit Voortgang (Helpende Zorg en Welzijn): gestart op ")
    assert stalled[0].endswith("en nog nooit voortgang vastgelegd.")
    assert stalled[1].startswith("Oude Voortgang (Helpende Zorg en Welzijn): de laatste voortgang")
    page = page_of(client)
    assert "Bezige Bij (" not in page and "Gestopte Deelnemer" not in page


def test_another_opleider_sees_none_of_it(as_user, olgas_world, amsterdam):
    other = UserFactory(
        role=Role.OPLEIDER,
        organisation=OrganisationFactory(
            name="Andere school", kind=Organisation.Kind.OPLEIDER, region=amsterdam
        ),
    )
    sections = sections_of(as_user(other))
    assert all(s["items"] == [] for s in sections.values())


def test_the_opleider_home_costs_the_same_queries_with_many_items(
    as_user, olga, olgas_world, carla, amsterdam, django_assert_max_num_queries
):
    client = as_user(olga)
    few = count_queries(lambda: page_of(client))
    for n in range(4):
        enrolled(olgas_world["started"], f"Extra {n}", carla, amsterdam)
        enrolled(olgas_world["first"], f"Later {n}", carla, amsterdam)
    with django_assert_max_num_queries(few):
        page_of(client)


# --- Overstapper --------------------------------------------------------------------------


def cordaan(amsterdam):
    org = OrganisationFactory(name="Cordaan", region=amsterdam)
    boss = UserFactory(role=Role.WERKGEVER, organisation=org)
    return org, boss


def show_interest(anna, vac, **fields):
    profile = profile_get_or_create(user=anna)
    application = matching.application_show_interest(profile=profile, vacature=vac, by=anna)
    if fields:
        Application.objects.filter(pk=application.pk).update(**fields)
    return application


def test_the_overstapper_without_pending_work_sees_the_phase_step_and_that_nobody_waits(
    as_user, anna, carla, amsterdam
):
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.PROFIEL)
    client = as_user(anna)
    sections = sections_of(client)
    assert list(sections) == ["jij", "anderen"]
    assert kinds(sections["jij"]) == ["fase"]
    assert sections["jij"]["items"][0]["text"].startswith("Vul je Persoonlijk Profiel in")
    assert sections["jij"]["items"][0]["url"] == "/profiel/"
    assert sections["anderen"]["items"] == []
    assert "Er wacht nu niets op een ander" in page_of(client)


def test_the_overstapper_sees_what_cordaan_must_do_and_what_is_theirs(
    as_user, anna, carla, amsterdam
):
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    org, boss = cordaan(amsterdam)
    interest = show_interest(anna, vacature(boss, "Helpende"))
    offered = show_interest(anna, vacature(boss, "Verzorgende IG"), status="contract")
    Contract.objects.create(
        application=offered,
        function_title="Verzorgende IG",
        werkgever=org,
        start_date=timezone.localdate() + timedelta(days=30),
        hours_per_week=32,
        salary=D("3000"),
        contract_type="vast",
        conditions="Diploma binnen twee jaar.",
    )
    show_interest(
        anna,
        vacature(boss, "Begeleider"),
        status="meeloopdag",
        meeloopdag_on=timezone.localdate() + timedelta(days=3),
        meeloopdag_days=2,
    )
    show_interest(
        anna, vacature(boss, "Zorgassistent"), status="onderzoek", onderzoek_started_at=ago(weeks=6)
    )
    show_interest(anna, vacature(boss, "Afgewezen functie"), status="afgewezen")
    client = as_user(anna)
    sections = sections_of(client)
    own, others = sections["jij"], sections["anderen"]
    assert kinds(own) == ["meeloopdag", "contract_tekenen"]
    assert own["items"][0]["text"].startswith("Loop mee bij Cordaan voor Begeleider: vanaf ")
    assert own["items"][0]["text"].endswith(", 2 dagen.")
    assert own["items"][1]["url"] == f"/sollicitaties/{offered.pk}/contract/"
    assert texts(others)[0].startswith(
        "Cordaan doet het geschiktheidsonderzoek voor Zorgassistent (sinds "
    )
    assert others["items"][0]["overdue"] is True
    assert (
        "Cordaan plant je meeloopdag voor Helpende, of laat weten dat het niet doorgaat."
        in texts(others)
    )
    assert "Afgewezen functie" not in " ".join(texts(own) + texts(others))
    page = page_of(client)
    # The next step comes first on the page, before the phase card.
    assert page.index("Je volgende stap") < page.index("Waar sta ik?")
    assert "Cordaan plant je meeloopdag voor Helpende" in page
    assert interest.pk


def test_the_overstapper_sees_onboarding_checkin_and_contributions_waiting(
    as_user, catalogue, anna, carla, amsterdam
):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.ONBOARDING)
    org, _boss = cordaan(amsterdam)
    plan_with_items(
        traject,
        org,
        [
            ("Werkplek inrichten", OwnerRole.MANAGEMENT, -2, False),
            ("Kennismaken met het team", OwnerRole.OVERSTAPPER, 5, False),
            ("Buddy voorstellen", OwnerRole.TEAM, 7, False),
            ("Al gedaan", OwnerRole.TEAM, -4, True),
            ("Ver weg", OwnerRole.TEAM, 60, False),
        ],
    )
    CheckIn.objects.create(traject=traject, due_on=timezone.localdate().replace(day=1))
    give_contract(anna, org)
    plan = start_plan(traject, carla, sector="zorg")
    save_plan(plan, carla, posts={"onboarding": 6000})
    pay(plan, carla, "onboarding", "ontvangende_werkgever", 2400, status="voorgesteld")
    sections = sections_of(as_user(anna))
    own, others = sections["jij"], sections["anderen"]
    assert set(kinds(own)) == {"checkin", "onboarding"}
    assert any(t.startswith("Vink af: Kennismaken met het team, uiterlijk ") for t in texts(own))
    assert texts(others)[0].startswith(
        "Cordaan (HR en management): Werkplek inrichten, was uiterlijk "
    )
    assert any(
        t.startswith("Cordaan (Team en buddy): Buddy voorstellen, uiterlijk") for t in texts(others)
    )
    assert (
        "Cordaan moet de voorgestelde bijdrage van € 2.400,00 voor Onboarding nog bevestigen."
        in texts(others)
    )
    joined = " ".join(texts(own) + texts(others))
    assert "Al gedaan" not in joined and "Ver weg" not in joined


def test_without_a_coach_the_overstapper_first_gives_consent_then_waits_for_the_region(
    as_user, anna, amsterdam
):
    make_traject(overstapper=anna, region=amsterdam)
    client = as_user(anna)
    sections = sections_of(client)
    assert kinds(sections["jij"]) == ["toestemming"]
    assert sections["anderen"]["items"] == []
    anna.intake_consent_at = timezone.now()
    anna.save(update_fields=["intake_consent_at"])
    sections = sections_of(client)
    assert kinds(sections["anderen"]) == ["coach"]
    assert texts(sections["anderen"])[0].startswith("De coaches van Groot Amsterdam")


def test_the_overstapper_home_costs_the_same_queries_with_many_items(
    as_user, anna, carla, amsterdam, django_assert_max_num_queries
):
    traject = make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.ONBOARDING)
    org, boss = cordaan(amsterdam)
    show_interest(anna, vacature(boss, "Eerste"))
    plan_with_items(traject, org, [("Eerste actie", OwnerRole.TEAM, -1, False)])
    client = as_user(anna)
    few = count_queries(lambda: page_of(client))
    for n in range(4):
        show_interest(anna, vacature(boss, f"Functie {n}"))
        OnboardingItem.objects.create(
            plan=traject.onboarding_plan,
            title=f"Actie {n}",
            owner_role=OwnerRole.OPLEIDER,
            due_on=timezone.localdate(),
        )
    assert len(sections_of(client)["anderen"]["items"]) == 10
    with django_assert_max_num_queries(few + 1):  # + the opleider's name
        page_of(client)


# --- The API ------------------------------------------------------------------------------


def test_the_api_answers_the_home_pages_items_for_the_role(as_user, wim, wims_world):
    body = as_user(wim).get("/api/v1/me/dashboard/").json()
    assert body["role"] == "werkgever"
    html = page_of(as_user(wim))
    for section in body["sections"]:
        assert section["title"] in html
        for item in section["items"]:
            assert item["text"] in html and item["url"] in html
            assert set(item) == {"kind", "text", "url", "action", "due", "overdue"}


def test_the_api_refuses_roles_without_a_dashboard_in_the_error_shape(as_user, carla, lars):
    for user in (carla, lars):
        response = as_user(user).get("/api/v1/me/dashboard/")
        assert response.status_code == 403
        assert "message" in response.json()
    assert (
        as_user(carla)
        .get("/api/v1/me/dashboard/")
        .json()["message"]
        .startswith("Een startpagina met acties")
    )


def test_the_dashboard_is_in_the_api_schema(as_user, wim):
    schema = as_user(wim).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/me/dashboard/"]["get"]
    assert "200" in operation["responses"] and "403" in operation["responses"]


def test_the_dashboard_of_a_werkgever_without_organisation_is_empty(as_user, db):
    lone = UserFactory(role=Role.WERKGEVER)
    assert dashboards.werkgever_dashboard(user=lone) == []
    assert as_user(lone).get("/api/v1/me/dashboard/").json()["sections"] == []


def test_a_meeloopdag_without_a_date_reads_as_still_to_plan_on_both_homes(
    as_user, anna, carla, wim, amsterdam
):
    # Data from before a date was required: status meeloopdag, no date. Neither home breaks;
    # both say the werkgever still has to plan it.
    make_traject(overstapper=anna, coach=carla, region=amsterdam, phase=Phase.MATCH)
    show_interest(anna, vacature(wim, "Helpende"), status="meeloopdag", meeloopdag_on=None)
    others = sections_of(as_user(anna))["anderen"]
    assert kinds(others) == ["meeloopdag_plannen"]
    actions = sections_of(as_user(wim))["acties"]
    assert kinds(actions) == ["meeloopdag_plannen"]
    assert texts(actions)[0].startswith(f"Plan een meeloopdag met {anna.full_name} voor Helpende")
