"""The financieringsplan API: plan, contributions, verdict, suggestions and regelingen; who may
call what; bad input and conflicts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from accounts.models import Role
from financing.models import Contribution, FinancingPlan, Post, Regeling

from .factories import UserFactory
from .financing_helpers import (
    D,
    arjans_plan,
    catalogue_fixture,  # noqa: F401 - the fixture "catalogue"
    jennys_plan,
    start_plan,
)

pytestmark = pytest.mark.django_db

JSON = "application/json"


def api(pk: int, rest: str = "") -> str:
    return f"/api/v1/trajecten/{pk}/financing/{rest}"


@pytest.fixture
def arjan(catalogue, carla, amsterdam):
    plan, ing, inergy = arjans_plan(carla, amsterdam=amsterdam)
    return SimpleNamespace(
        plan=plan,
        traject=plan.traject,
        overstapper=plan.traject.overstapper,
        inergy=UserFactory(role=Role.WERKGEVER, organisation=inergy, full_name="Ivo Inergy"),
        ing=UserFactory(role=Role.WERKGEVER, organisation=ing, full_name="Iris ING"),
    )


def test_a_coach_starts_and_saves_a_plan_through_the_api(as_user, catalogue, carla, annas_traject):
    annas_traject.target_sector = "techniek"
    annas_traject.save()
    client = as_user(carla)
    assert client.get(api(annas_traject.pk)).status_code == 404

    payload = {
        "income_before": "3200.00",
        "new_wage": "3000.00",
        "orientatie_months": 3,
        "overstap_months": 2,
        "leertijd_months": 12,
        "posts": [{"kind": "vakopleiding", "estimate": "8000.00", "note": "mbo-4 monteur"}],
        "income_periods": [
            {
                "kind": "salaris_latende_werkgever",
                "payer": "Bakkerij",
                "first_month": 1,
                "last_month": 3,
                "amount": "3200.00",
            },
            {"kind": "ww", "first_month": 4, "last_month": 5},
            {
                "kind": "salaris_nieuwe_werkgever",
                "first_month": 6,
                "last_month": 17,
                "amount": "3000.00",
            },
        ],
    }
    created = client.put(api(annas_traject.pk), payload, content_type=JSON)
    assert created.status_code == 201, created.json()
    body = created.json()
    posts = {p["kind"]: p for p in body["posts"]}
    assert list(posts) == [
        "orientatieprogramma",
        "persoonlijke_begeleiding",
        "vakopleiding",
        "onboarding",
        "orientatietijd",
        "overstaptijd",
        "leertijd",
        "improductiviteit",
    ]
    assert posts["vakopleiding"]["estimate"] == "8000.00"
    assert posts["onboarding"]["norm"]["cost_max"] == "9000.00"  # techniek norm
    assert posts["overstaptijd"]["estimate"] == "6400.00"  # 2 months of the old wage
    assert posts["improductiviteit"]["estimate"] == "14400.00"  # 25% + 15% of a year
    months = body["income_timeline"]
    assert len(months) == 17
    assert months[3]["total"] == "2400.00"  # WW: 75% of € 3.200
    assert months[3]["over_threshold"] is True

    version = body["version"]
    updated = client.put(
        api(annas_traject.pk),
        {"version": version, "posts": [{"kind": "onboarding", "estimate": "7000.00"}]},
        content_type=JSON,
    )
    assert updated.status_code == 200
    assert updated.json()["version"] == version + 1

    stale = client.put(
        api(annas_traject.pk),
        {"version": version, "posts": [{"kind": "onboarding", "estimate": "1.00"}]},
        content_type=JSON,
    )
    assert stale.status_code == 409
    assert "Iemand anders heeft het financieringsplan opgeslagen" in stale.json()["message"]
    assert stale.json()["extra"] == {"current_version": version + 1}
    assert Post.objects.get(plan__traject=annas_traject, kind="onboarding").estimate == D("7000")

    missing = client.put(api(annas_traject.pk), {"orientatie_months": 2}, content_type=JSON)
    assert missing.status_code == 400
    assert missing.json()["message"] == "Geef de versie mee die je het laatst hebt opgehaald."


def test_a_failed_first_save_creates_no_plan(as_user, catalogue, carla, annas_traject):
    response = as_user(carla).put(
        api(annas_traject.pk),
        {"income_periods": [{"kind": "bijstand", "first_month": 1, "last_month": 3}]},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Vul het bedrag per maand in."
    assert not FinancingPlan.objects.exists()


def test_contributions_crud(as_user, arjan, carla):
    client = as_user(carla)
    pk = arjan.traject.pk
    listed = client.get(api(pk, "contributions/")).json()["results"]
    assert len(listed) == 10

    Post.objects.filter(plan=arjan.plan, kind="onboarding").update(estimate=D("8000"))
    created = client.post(
        api(pk, "contributions/"),
        {
            "post": "onboarding",
            "funder_type": "fonds",
            "funder_name": "Sectorfonds ICT",
            "amount": "1500.00",
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.json()
    item = created.json()
    assert item["status"] == "voorgesteld" and item["version"] == 1
    url = api(pk, f"contributions/{item['id']}/")
    assert client.get(url).json()["funder_label"] == "Sector- of O&O-fonds (Sectorfonds ICT)"

    patched = client.patch(url, {"version": 1, "status": "toegezegd"}, content_type=JSON)
    assert patched.status_code == 200
    assert patched.json()["version"] == 2

    stale = client.put(
        url,
        {"version": 1, "post": "onboarding", "funder_type": "fonds", "amount": "10.00"},
        content_type=JSON,
    )
    assert stale.status_code == 409
    assert stale.json()["extra"]["current_version"] == 2
    assert client.delete(f"{url}?version=1").status_code == 409
    assert client.delete(f"{url}?version=2").status_code == 204
    assert not Contribution.objects.filter(pk=item["id"]).exists()


def test_verdict_endpoint_gives_the_three_conditions(as_user, arjan, catalogue, carla, amsterdam):
    veilig = as_user(carla).get(api(arjan.traject.pk, "verdict/")).json()
    assert veilig["veilig"] is True
    assert [c["holds"] for c in veilig["conditions"]] == [True, True, True]

    plan, _jenny = jennys_plan(carla, amsterdam=amsterdam)
    body = as_user(carla).get(api(plan.traject_id, "verdict/")).json()
    assert body["veilig"] is False
    conditions = {c["key"]: c for c in body["conditions"]}
    assert [m.split(":")[0] for m in conditions["posten"]["missing"]] == [
        "Onboarding",
        "Leertijd",
        "Improductiviteit",
    ]
    assert not conditions["inkomen"]["holds"]
    assert not conditions["contract"]["holds"]


def test_suggestions_endpoint_stays_within_maxima(as_user, catalogue, carla, annas_traject):
    start_plan(annas_traject, carla, sector="zorg")
    body = as_user(carla).get(api(annas_traject.pk, "suggestions/")).json()
    assert body["sector"] == "zorg"
    maxima = {r.pk: r.amount_max for r in Regeling.objects.all()}
    used: dict[int, D] = {}
    for post in body["posts"]:
        suggested = D("0")
        for s in post["suggestions"]:
            used[s["regeling"]["id"]] = used.get(s["regeling"]["id"], D("0")) + D(s["amount"])
            suggested += D(s["amount"])
        if post["open_amount"] is not None:
            assert D(post["remaining_gap"]) == D(post["open_amount"]) - suggested
    assert all(amount <= maxima[pk] for pk, amount in used.items())


def test_regelingen_catalogue(as_user, catalogue, wim):
    client = as_user(wim)
    everything = client.get("/api/v1/regelingen/").json()
    assert everything["count"] == 22  # 20 of June 2022 and the 2 of regelingen_2026.csv
    onderwijs = client.get("/api/v1/regelingen/?sector=onderwijs&post=vakopleiding").json()
    names = {r["name"] for r in onderwijs["results"]}
    assert "Subsidie zij-instroom" in names and "Stagefonds zorg" not in names
    # Before the Levenlanglerenkrediet (1-9-2017) no scheme of the catalogue ran yet.
    assert client.get("/api/v1/regelingen/?on=2017-01-01").json()["count"] == 0
    assert client.get("/api/v1/regelingen/?on=2021-01-01").json()["count"] == 2
    bad = client.get("/api/v1/regelingen/?sector=ruimtevaart")
    assert bad.status_code == 400
    assert bad.json()["message"] == "Onbekende sector: ruimtevaart."
    praktijkleren = next(r for r in everything["results"] if r["name"] == "Praktijkleren")
    assert praktijkleren["posts"] == ["onboarding", "leertijd"]
    assert praktijkleren["valid_from"] == "2022-06-01"
    assert praktijkleren["stackable_with"]


@pytest.mark.parametrize(
    ("who", "read", "write_plan"),
    [
        ("carla", 200, 200),
        ("bea", 200, 200),
        ("overstapper", 200, 403),
        ("lars", 404, 404),  # the loket: aggregates only
        ("inergy", 200, 403),
        ("ing", 200, 403),
        ("chris", 404, 404),
        ("wim", 404, 404),
    ],
)
def test_who_may_read_and_write_the_plan(
    as_user, arjan, carla, bea, lars, chris, wim, who, read, write_plan
):
    user = {"carla": carla, "bea": bea, "lars": lars, "chris": chris, "wim": wim}.get(
        who
    ) or getattr(arjan, who)
    client = as_user(user)
    pk = arjan.traject.pk
    for rest in ("", "verdict/", "suggestions/", "contributions/"):
        assert client.get(api(pk, rest)).status_code == read, rest
    version = FinancingPlan.objects.get(pk=arjan.plan.pk).version
    response = client.put(api(pk), {"version": version, "orientatie_months": 3}, content_type=JSON)
    assert response.status_code == write_plan
    if write_plan != 200:
        assert FinancingPlan.objects.get(pk=arjan.plan.pk).version == version
        assert response.json()["message"]


def test_anonymous_callers_get_nothing(client: Client, arjan):
    response = client.get(api(arjan.traject.pk))
    assert response.status_code in (401, 403)
    assert response.json()["message"] == "Log in om deze gegevens te zien."


def test_a_werkgever_gets_no_income_data(as_user, arjan):
    body = as_user(arjan.inergy).get(api(arjan.traject.pk)).json()
    assert (
        body["income_before"] is None
        and body["income_timeline"] == []
        and body["income_periods"] == []
    )
    assert len(body["posts"]) == 8
    verdict = as_user(arjan.inergy).get(api(arjan.traject.pk, "verdict/")).json()
    income = next(c for c in verdict["conditions"] if c["key"] == "inkomen")
    assert income["missing"] == [] and "alleen de overstapper" in income["summary"]


def test_a_werkgever_writes_only_its_own_contributions(as_user, arjan):
    Post.objects.filter(plan=arjan.plan, kind="onboarding").update(estimate=D("9000"))
    client = as_user(arjan.inergy)
    pk = arjan.traject.pk
    own = client.post(
        api(pk, "contributions/"),
        {
            "post": "onboarding",
            "funder_type": "ontvangende_werkgever",
            "amount": "1000.00",
            "funder_organisation": arjan.ing.organisation.pk,
        },
        content_type=JSON,
    )
    assert own.status_code == 201
    assert own.json()["funder_organisation"] == arjan.inergy.organisation.pk  # always its own
    as_other = client.post(
        api(pk, "contributions/"),
        {"post": "onboarding", "funder_type": "latende_werkgever", "amount": "1000.00"},
        content_type=JSON,
    )
    assert as_other.status_code == 403
    ings = Contribution.objects.filter(
        post__plan=arjan.plan, funder_organisation=arjan.ing.organisation
    ).first()
    url = api(pk, f"contributions/{ings.pk}/")
    assert (
        client.patch(
            url, {"version": ings.version, "amount": "1.00"}, content_type=JSON
        ).status_code
        == 403
    )
    assert client.delete(url).status_code == 403
    ings.refresh_from_db()
    assert ings.amount != D("1.00")
    assert (
        as_user(arjan.overstapper)
        .post(
            api(pk, "contributions/"),
            {"post": "onboarding", "funder_type": "overstapper", "amount": "5"},
            content_type=JSON,
        )
        .status_code
        == 403
    )


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"amount": "veel"}, "Geef een bedrag in euro"),
        ({"amount": "-100.00"}, "Vul een bedrag groter dan € 0 in."),
        ({"amount": "1000000.00"}, "onwaarschijnlijk hoog"),
        ({"amount": "1e12"}, "onwaarschijnlijk hoog"),
        ({"amount": "7000.00"}, "meer dan de post kost"),
        ({"post": "reizen"}, "Onbekende post: reizen."),
        ({"status": "misschien"}, "Onbekende status: misschien."),
        ({"regeling": 999999}, "Onbekende regeling: 999999."),
        ({"regeling": "STAP-budget"}, "betaalt niet mee aan onboarding"),
        ({"regeling": "Subsidie zij-instroom"}, "betaalt niet mee"),
    ],
)
def test_bad_contribution_input_is_refused_and_changes_nothing(
    as_user, arjan, carla, payload, message
):
    Post.objects.filter(plan=arjan.plan, kind="onboarding").update(estimate=D("9000"))
    data = {
        "post": "onboarding",
        "funder_type": "fonds",
        "funder_name": "Fonds",
        "amount": "500.00",
    } | payload
    if isinstance(data.get("regeling"), str):
        data["regeling"] = Regeling.objects.get(name=data["regeling"]).pk
    before = Contribution.objects.count()
    response = as_user(carla).post(api(arjan.traject.pk, "contributions/"), data, content_type=JSON)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert Contribution.objects.count() == before


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"leertijd_months": 99}, "Hooguit 60 maanden."),
        ({"income_before": "-5"}, "niet negatief"),
        ({"posts": [{"kind": "reizen", "estimate": "5"}]}, "Onbekende post: reizen."),
        ({"posts": [{"kind": "vakopleiding", "estimate": "10"}]}, "de raming kan niet lager zijn"),
        (
            {"income_periods": [{"kind": "ww", "first_month": 4, "last_month": 2}]},
            "De eerste maand ligt na de laatste maand.",
        ),
        ({"start_month": "morgen"}, "Geef de eerste maand als JJJJ-MM-DD"),
        ({"start_month": "9999-12-01", "leertijd_months": 60}, "tussen 2000 en 2100"),
        ("[1, 2]", "Ongeldige data"),
    ],
)
def test_bad_plan_input_is_refused_and_changes_nothing(as_user, arjan, carla, payload, message):
    version = FinancingPlan.objects.get(pk=arjan.plan.pk).version
    if isinstance(payload, dict):
        payload = {"version": version} | payload
    response = as_user(carla).put(api(arjan.traject.pk), payload, content_type=JSON)
    assert response.status_code == 400
    assert message in response.json()["message"], response.json()
    assert FinancingPlan.objects.get(pk=arjan.plan.pk).version == version
    assert Post.objects.get(plan=arjan.plan, kind="vakopleiding").estimate == D("9000")


def test_schema_describes_the_financing_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/trajecten/{id}/financing/",
        "/api/v1/trajecten/{id}/financing/verdict/",
        "/api/v1/trajecten/{id}/financing/suggestions/",
        "/api/v1/trajecten/{id}/financing/contributions/",
        "/api/v1/trajecten/{id}/financing/contributions/{contribution_id}/",
        "/api/v1/regelingen/",
    ):
        assert path in schema, path
