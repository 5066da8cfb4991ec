"""The financieringsplan: the seeds' cases, the WW rule, the gap per post, the subsidiewijzer,
who may do what, bad input, two people saving at once, and query budgets."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Role
from financing import selectors, services
from financing.models import (
    POST_ORDER,
    Contribution,
    ContributionStatus,
    FinancingPlan,
    FinancingSettings,
    Post,
    Regeling,
    WwParameter,
)
from loopbrug.models import AuditEvent
from loopbrug.money import format_euro, format_pct, parse_euro

from .factories import UserFactory, make_traject
from .financing_helpers import (
    D,
    arjans_plan,
    catalogue_fixture,  # noqa: F401 - the fixture "catalogue"
    employer,
    give_contract,
    jennys_plan,
    pay,
    period,
    save_plan,
    shirins_plan,
    start_plan,
)

pytestmark = pytest.mark.django_db


def bundle_of(plan):
    plan = FinancingPlan.objects.get(pk=plan.pk)
    return selectors.plan_bundle(traject=plan.traject, plan=plan)


# --- Money, the Dutch way ------------------------------------------------------------------


def test_money_is_shown_the_dutch_way():
    assert format_euro(D("1234.56")) == "€ 1.234,56"
    assert format_euro(D("5579.66")) == "€ 5.579,66"
    assert format_euro(D("0")) == "€ 0,00"
    assert format_euro(D("1250000")) == "€ 1.250.000,00"
    assert format_euro(D("-120")) == "€ -120,00"
    assert format_euro(None) == "—"
    assert format_pct(D("34.9")) == "34,9%"
    assert format_pct(D("10")) == "10%"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("2500", "2500"),
        ("2.500", "2500"),
        ("2500,50", "2500.50"),
        ("€ 2.500,50", "2500.50"),
        ("2500.50", "2500.50"),
        ("1,234.56", "1234.56"),
    ],
)
def test_amounts_are_read_the_way_people_type_them(typed, value):
    assert parse_euro(typed) == D(value)


# --- The seeds' cases ----------------------------------------------------------------------


def test_arjan_is_financieel_veilig(catalogue, carla, amsterdam):
    plan, ing, inergy = arjans_plan(carla, amsterdam=amsterdam)
    bundle = bundle_of(plan)

    assert all(view.covered for view in bundle.views)
    assert bundle.total_gap == 0
    assert bundle.verdict.veilig
    assert [c.holds for c in bundle.verdict.conditions] == [True, True, True]
    assert "Inergy" in bundle.verdict.condition("contract").summary
    # Business case per party: both employers carry part of it.
    totals = {t.organisation_id: t.committed for t in selectors.funder_summary(bundle.views)}
    assert totals[ing.pk] == D("21390")
    assert totals[inergy.pk] == D("27450")


def test_the_figures_of_many_plans_match_each_plans_own_page(catalogue, carla, amsterdam):
    """Reports, the caseload and the pledges read plans for their figures only: without the
    funder, regeling and author rows the plan page shows, with the same verdict and income."""
    plans = [
        arjans_plan(carla, amsterdam=amsterdam)[0],
        jennys_plan(carla, amsterdam=amsterdam)[0],
        shirins_plan(carla, amsterdam=amsterdam)[0],
    ]
    trajecten = [plan.traject for plan in plans]
    full = selectors.plan_bundles(trajecten=trajecten)
    lean = selectors.plan_bundles(trajecten=trajecten, for_figures=True)

    assert full.keys() == lean.keys() == {t.pk for t in trajecten}
    for pk, bundle in full.items():
        figures = lean[pk]
        assert [(c.key, c.holds, c.missing) for c in figures.verdict.conditions] == [
            (c.key, c.holds, c.missing) for c in bundle.verdict.conditions
        ]
        assert figures.timeline.months == bundle.timeline.months
        assert [(v.kind, v.committed, v.gap) for v in figures.views] == [
            (v.kind, v.committed, v.gap) for v in bundle.views
        ]
        contributions = [c for view in figures.views for c in view.contributions]
        shown_only = {"funder_organisation", "regeling", "created_by"}
        assert contributions
        assert all(not shown_only & c._state.fields_cache.keys() for c in contributions)
    arjans = [c for view in full[trajecten[0].pk].views for c in view.contributions]
    assert all(shown_only <= c._state.fields_cache.keys() for c in arjans)


def test_jenny_is_not_yet_veilig_and_the_verdict_says_why(catalogue, carla, amsterdam):
    plan, jenny = jennys_plan(carla, amsterdam=amsterdam)
    bundle = bundle_of(plan)
    verdict = bundle.verdict

    assert not verdict.veilig
    posts = verdict.condition("posten")
    assert not posts.holds
    # APG paid the transitieactiviteiten, the WW the overstaptijd: those are not flagged.
    flagged = " ".join(posts.missing)
    for paid in ("Oriëntatie- en keuzeprogramma", "Persoonlijke begeleiding", "Vakopleiding"):
        assert paid not in flagged
    assert "Overstaptijd" not in flagged
    assert [m.split(":")[0] for m in posts.missing] == [
        "Onboarding",
        "Leertijd",
        "Improductiviteit",
    ]
    # Leertijd and improductiviteit were estimated from the onderwijs norm and the new wage.
    views = {v.kind: v for v in bundle.views}
    assert views["leertijd"].estimate == D("16320.00")  # 1 leerdag a week, 24 months
    assert views["improductiviteit"].estimate == D("40800.00")  # 50% + 50% of a year's wage

    income = verdict.condition("inkomen")
    assert not income.holds
    ww_month = bundle.timeline.months[3]
    assert ww_month.phase == "overstap"
    assert ww_month.total == D("3000.00")  # 75% of € 4.000
    assert bundle.timeline.months[5].total == D("2800.00")  # then 70%
    assert "30%" in income.missing[0]

    contract = verdict.condition("contract")
    assert not contract.holds
    assert "nog geen getekend" in contract.missing[0]

    # After six months the school offers her a contract; signed, that condition holds.
    school = employer("Basisschool De Brug", "onderwijs")
    application = give_contract(jenny, school, signed=False)
    assert "nog niet getekend" in bundle_of(plan).verdict.condition("contract").missing[0]
    application.status, application.contract_signed_at = "getekend", timezone.now()
    application.save()
    assert bundle_of(plan).verdict.condition("contract").holds


def test_shirin_loses_income_and_is_not_veilig(catalogue, carla, amsterdam):
    plan, _shirin = shirins_plan(carla, amsterdam=amsterdam)
    bundle = bundle_of(plan)

    leerwerk = bundle.timeline.months[12]
    assert leerwerk.number == 13
    assert leerwerk.total == D("1380.00")
    assert leerwerk.drop == D("120.00")
    assert leerwerk.drop_pct == D("8.0")
    # Below the bijstand she has now: under the social minimum, never safe.
    assert leerwerk.below_minimum
    income = bundle.verdict.condition("inkomen")
    assert not income.holds
    assert "€ 1.500,00" in income.missing[0] and "€ 1.380,00" in income.missing[0]
    assert not bundle.verdict.veilig
    # The RMT pays her mbo 2 training.
    assert {v.kind: v for v in bundle.views}["vakopleiding"].covered


# --- The WW rule ---------------------------------------------------------------------------


def test_ww_rule_matches_the_seed_example():
    cap = D("5579.66")
    assert selectors.ww_monthly(wage=D("6000"), max_monthly_wage=cap, ww_month=1) == D("4184.75")
    assert selectors.ww_monthly(wage=D("6000"), max_monthly_wage=cap, ww_month=2) == D("4184.75")
    after = selectors.ww_monthly(wage=D("6000"), max_monthly_wage=cap, ww_month=3)
    assert after == D("3905.76")
    assert round((D("6000") - after) / D("6000") * 100) == 35  # "een inkomensval van 35%"
    # Below the cap the wage itself counts.
    assert selectors.ww_monthly(wage=D("3000"), max_monthly_wage=cap, ww_month=3) == D("2100.00")


def test_ww_cap_is_a_dated_parameter(catalogue, carla, anna, annas_traject):
    seeded = WwParameter.objects.get()
    assert seeded.max_monthly_wage == D("5579.66")
    later = WwParameter.objects.create(valid_from=date(2024, 1, 1), max_monthly_wage=D("5969.07"))
    params = list(WwParameter.objects.all())
    assert selectors.ww_parameter_on(params, date(2023, 6, 1)) == seeded
    assert selectors.ww_parameter_on(params, date(2024, 3, 1)) == later

    # Arjen of the seed: € 6.000 gross into the WW from March 2023.
    plan = start_plan(annas_traject, carla, sector="onderwijs")
    save_plan(
        plan,
        carla,
        start_month=date(2023, 3, 1),
        income_before=D("6000"),
        orientatie_months=0,
        overstap_months=3,
        leertijd_months=0,
        periods=[period("ww", 1, 3, payer="UWV")],
    )
    months = bundle_of(plan).timeline.months
    assert [m.total for m in months] == [D("4184.75"), D("4184.75"), D("3905.76")]
    assert months[2].drop == D("2094.24")
    assert months[2].drop_pct == D("34.9")
    assert months[2].over_threshold


def test_the_threshold_is_set_by_the_beheerder(catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="zorg")
    save_plan(
        plan,
        carla,
        income_before=D("3000"),
        periods=[period("salaris_nieuwe_werkgever", 1, 15, 2800)],
        orientatie_months=3,
        overstap_months=0,
        leertijd_months=12,
    )
    assert bundle_of(plan).verdict.condition("inkomen").holds  # 6,7% < 10%
    FinancingSettings.objects.update(max_income_drop_pct=D("5"))
    income = bundle_of(plan).verdict.condition("inkomen")
    assert not income.holds
    assert "meer dan 5%" in income.missing[0]


# --- The gap per post (property tests) -----------------------------------------------------

amounts = st.decimals(min_value=0, max_value=250_000, places=2, allow_nan=False)
statuses = st.sampled_from(ContributionStatus.values)
contribution_lists = st.lists(
    st.builds(
        SimpleNamespace,
        amount=st.decimals(min_value="0.01", max_value=100_000, places=2),
        status=statuses,
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(estimate=amounts, contributions=contribution_lists)
def test_gap_is_never_negative_and_zero_exactly_when_covered(estimate, contributions):
    gap = selectors.post_gap(estimate, contributions)
    committed = sum((c.amount for c in contributions if c.status == "toegezegd"), D("0"))
    assert gap >= 0
    assert (gap == 0) == selectors.post_is_covered(estimate, contributions)
    assert (gap == 0) == (committed >= estimate)
    assert gap == max(D("0"), estimate - committed)


@given(contributions=contribution_lists)
def test_a_post_without_estimate_has_no_gap_and_is_not_covered(contributions):
    assert selectors.post_gap(None, contributions) is None
    assert not selectors.post_is_covered(None, contributions)


# --- Subsidiewijzer ------------------------------------------------------------------------

REGELING_SPECS = [
    # name, posts, sectors, max, stackable
    ("A", ["vakopleiding"], [], 1000, False),
    ("B", ["vakopleiding", "onboarding"], [], 2700, False),
    ("C", ["vakopleiding", "orientatieprogramma"], ["zorg"], 5000, True),
    ("D", ["onboarding", "leertijd"], ["zorg", "ict"], 3100, True),
    ("E", ["leertijd"], [], 2300, True),
    ("F", ["vakopleiding", "persoonlijke_begeleiding"], [], 13250, False),
    ("G", ["vakopleiding"], ["onderwijs"], 20000, True),
]


def fake_regelingen():
    regelingen = [
        Regeling(
            pk=i,
            name=name,
            issuer="SZW",
            posts=posts,
            sectors=sectors,
            amount_max=D(amount),
            valid_from=date(2022, 6, 1),
            stackable=stackable,
        )
        for i, (name, posts, sectors, amount, stackable) in enumerate(REGELING_SPECS, start=1)
    ]
    pairs = {frozenset((2, 4))}  # B and D combine although B is not stackable
    return regelingen, pairs


@settings(max_examples=200, deadline=None)
@given(
    estimates=st.lists(st.one_of(st.none(), amounts), min_size=8, max_size=8),
    existing=st.lists(
        st.tuples(
            st.sampled_from(POST_ORDER),
            st.integers(min_value=1, max_value=len(REGELING_SPECS)),
            st.decimals(min_value=1, max_value=3000, places=2),
            statuses,
        ),
        max_size=5,
    ),
    sector=st.sampled_from(["zorg", "onderwijs", "ict", "techniek"]),
)
def test_suggestions_never_exceed_a_maximum_nor_combine_what_does_not_stack(
    estimates, existing, sector
):
    regelingen, pairs = fake_regelingen()
    by_pk = {r.pk: r for r in regelingen}
    views = []
    for kind, estimate in zip(POST_ORDER, estimates, strict=True):
        contributions = [
            SimpleNamespace(amount=amount, status=status, regeling_id=pk, regeling=by_pk[pk])
            for post_kind, pk, amount, status in existing
            if post_kind == kind
        ]
        views.append(
            selectors.PostView(post=Post(kind=kind, estimate=estimate), contributions=contributions)
        )
    result = selectors.suggest_regelingen(
        views=views,
        regelingen=regelingen,
        pairs=pairs,
        sector=sector,
        target_group="werkenden",
        on=date(2024, 1, 1),
    )
    used = selectors.regeling_usage(views)
    for item in result:
        # Never more than what the post still needs.
        assert item.suggested <= (item.open_amount or 0)
        in_post = [c.regeling for c in item.view.active_contributions]
        for s in item.suggestions:
            assert s.amount > 0
            assert item.view.kind in s.regeling.posts
            assert s.regeling.applies_to_sector(sector)
            used[s.regeling.pk] += s.amount
            for other in in_post + [o.regeling for o in item.suggestions]:
                assert selectors.stacks(s.regeling, other, pairs), (s.regeling.name, other.name)
    existing_use = selectors.regeling_usage(views)
    for regeling in regelingen:
        # A regeling the plan already asked too much of gets no new suggestion.
        assert used[regeling.pk] <= max(regeling.amount_max, existing_use[regeling.pk])


def test_subsidiewijzer_respects_dates_sector_and_the_catalogue(catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="onderwijs")
    stap = Regeling.objects.get(name="STAP-budget")
    stap.valid_to = timezone.localdate() - timedelta(days=1)
    stap.save()
    bundle = bundle_of(plan)
    items = {i.view.kind: i for i in selectors.suggestions_for(bundle)}
    vak = items["vakopleiding"]
    names = [s.regeling.name for s in vak.suggestions]
    # Onderwijs: the DUO zij-instroom subsidy (€ 20.000) first; never the zorg-only ones.
    assert names[0] == "Subsidie zij-instroom"
    assert "STAP-budget" not in names  # expired yesterday
    assert not {"Stagefonds zorg", "SectorplanPlus (A en B)"} & set(names)
    for s in vak.suggestions:
        assert s.amount <= s.regeling.amount_max
    assert vak.suggested + vak.remaining_gap == vak.open_amount == D("16000")
    # Every suggestion pair on one post stacks.
    pairs = selectors.stackable_pairs(Regeling.objects.prefetch_related("stackable_with"))
    for item in items.values():
        for a in item.suggestions:
            for b in item.suggestions:
                assert selectors.stacks(a.regeling, b.regeling, pairs)


def test_a_suggestion_applied_becomes_a_proposed_contribution(
    catalogue, as_user, carla, annas_traject
):
    plan = start_plan(annas_traject, carla, sector="onderwijs")
    regeling = Regeling.objects.get(name="Subsidie zij-instroom")
    client = as_user(carla)
    page = client.get(f"/trajecten/{annas_traject.pk}/financiering/subsidiewijzer/")
    assert page.status_code == 200
    assert "Subsidie zij-instroom" in page.content.decode()
    response = client.post(
        f"/trajecten/{annas_traject.pk}/financiering/subsidiewijzer/toevoegen/",
        {"post": "vakopleiding", "regeling": regeling.pk, "amount": "16000.00"},
        headers={"HX-Request": "true", "HX-Target": "suggestions"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="suggestions"' in body and "<html" not in body
    contribution = Contribution.objects.get(post__plan=plan)
    assert contribution.status == "voorgesteld"
    assert contribution.regeling == regeling
    assert contribution.amount == D("16000.00")


# --- Norms ---------------------------------------------------------------------------------


def test_a_new_plan_starts_from_the_target_sectors_norms(catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="ict")
    posts = {p.kind: p for p in plan.posts.all()}
    assert list(posts) == POST_ORDER
    assert (
        posts["orientatieprogramma"].norm_cost_min,
        posts["orientatieprogramma"].norm_cost_max,
    ) == (
        D("2000"),
        D("4000"),
    )
    assert posts["orientatieprogramma"].estimate == D("4000")  # the upper end
    assert posts["vakopleiding"].norm_uncertain  # garbled ICT row in the source
    assert not posts["onboarding"].norm_uncertain
    assert posts["improductiviteit"].norm_improductivity_year1_pct == D("15")
    assert plan.leertijd_months == 5  # ICT: 2-5 months
    assert posts["leertijd"].estimate is None  # no wage known yet


def test_the_plan_page_marks_the_uncertain_ict_figures(catalogue, as_user, carla, annas_traject):
    start_plan(annas_traject, carla, sector="ict")
    body = as_user(carla).get(f"/trajecten/{annas_traject.pk}/financiering/").content.decode()
    assert "onzeker: de bron is hier onleesbaar" in body
    assert "€ 1.000,00 – € 15.000,00" in body


# --- Who may see and do what ---------------------------------------------------------------


@pytest.fixture
def arjan(catalogue, carla, amsterdam):
    plan, ing, inergy = arjans_plan(carla, amsterdam=amsterdam)
    ing_user = UserFactory(role=Role.WERKGEVER, organisation=ing, full_name="Iris ING")
    inergy_user = UserFactory(role=Role.WERKGEVER, organisation=inergy, full_name="Ivo Inergy")
    return SimpleNamespace(plan=plan, traject=plan.traject, ing=ing_user, inergy=inergy_user)


def test_a_werkgever_sees_only_plans_of_trajecten_it_is_party_to(
    as_user, arjan, wim, annas_traject, carla
):
    start_plan(annas_traject, carla, sector="zorg")
    url = f"/trajecten/{arjan.traject.pk}/financiering/"
    assert as_user(arjan.inergy).get(url).status_code == 200  # ontvangende werkgever
    assert as_user(arjan.ing).get(url).status_code == 200  # latende, with his consent
    assert as_user(wim).get(url).status_code == 404  # not party
    assert (
        as_user(arjan.inergy).get(f"/trajecten/{annas_traject.pk}/financiering/").status_code == 404
    )
    listing = as_user(arjan.inergy).get("/financiering/").content.decode()
    assert "Arjan" in listing and "Anna Overstapper" not in listing


def test_a_werkgever_does_not_see_the_overstappers_income(as_user, arjan):
    body = (
        as_user(arjan.inergy).get(f"/trajecten/{arjan.traject.pk}/financiering/").content.decode()
    )
    assert "Inkomen tijdens de overstap" not in body
    assert 'id="inkomensplaatje"' not in body and "Inkomen vóór de overstap" not in body
    assert "De inkomensgegevens ziet alleen de overstapper en de coach." in body


def test_the_latende_werkgever_sees_the_plan_only_after_the_overstapper_shares_it(
    as_user, catalogue, carla, amsterdam
):
    plan, jenny = jennys_plan(carla, amsterdam=amsterdam)
    apg_user = UserFactory(
        role=Role.WERKGEVER, organisation=plan.traject.latende_werkgever, full_name="Anton APG"
    )
    url = f"/trajecten/{plan.traject.pk}/financiering/"
    assert as_user(apg_user).get(url).status_code == 404
    assert as_user(carla).post(f"{url}delen/", {"share": "1"}).status_code == 403
    response = as_user(jenny).post(f"{url}delen/", {"share": "1"})
    assert response.status_code == 302
    assert as_user(apg_user).get(url).status_code == 200
    assert AuditEvent.objects.filter(action="financing.share_latende").exists()
    as_user(jenny).post(f"{url}delen/", {"share": "0"})
    assert as_user(apg_user).get(url).status_code == 404


def test_a_werkgever_adds_only_its_own_contributions(arjan):
    plan = arjan.plan
    before = Contribution.objects.count()
    with pytest.raises(PermissionDenied):
        pay(plan, arjan.inergy, "onboarding", "latende_werkgever", 10)
    with pytest.raises(PermissionDenied):
        pay(plan, arjan.inergy, "onboarding", "uwv", 10)
    assert Contribution.objects.count() == before
    # Its own, as ontvangende werkgever: the organisation is always its own.
    leertijd = Post.objects.get(plan=plan, kind="leertijd")
    leertijd.estimate = D("5000")
    leertijd.save()
    mine = pay(plan, arjan.inergy, "leertijd", "ontvangende_werkgever", 500, status="voorgesteld")
    assert mine.funder_organisation == arjan.inergy.organisation


def test_a_werkgever_cannot_edit_another_funders_contribution(as_user, arjan):
    ings = Contribution.objects.filter(
        post__plan=arjan.plan, funder_organisation=arjan.ing.organisation
    ).first()
    with pytest.raises(PermissionDenied):
        services.contribution_update(
            contribution=ings, by=arjan.inergy, version=ings.version, amount=D("1")
        )
    url = f"/trajecten/{arjan.traject.pk}/financiering/bijdragen/{ings.pk}/"
    client = as_user(arjan.inergy)
    assert client.get(url).status_code == 403
    assert (
        client.post(
            url,
            {
                "amount": "1",
                "post": "vakopleiding",
                "funder_type": "ontvangende_werkgever",
                "status": "toegezegd",
                "version": ings.version,
            },
        ).status_code
        == 403
    )
    assert client.post(f"{url}verwijderen/").status_code == 403
    ings.refresh_from_db()
    assert ings.amount != D("1")


def test_the_overstapper_sees_the_whole_plan_read_only(as_user, arjan):
    anna_like = arjan.traject.overstapper
    client = as_user(anna_like)
    body = client.get(f"/trajecten/{arjan.traject.pk}/financiering/").content.decode()
    assert "Financieel veilig" in body
    assert "Inkomen tijdens de overstap" in body
    assert "Plan bewerken" not in body and "Bijdrage toevoegen" not in body
    assert client.get(f"/trajecten/{arjan.traject.pk}/financiering/bewerken/").status_code == 403
    assert (
        client.post(f"/trajecten/{arjan.traject.pk}/financiering/bijdragen/nieuw/").status_code
        == 403
    )


def test_coach_loket_and_others(as_user, arjan, chris, lars, bea):
    url = f"/trajecten/{arjan.traject.pk}/financiering/"
    assert as_user(chris).get(url).status_code == 404  # not his caseload
    # The loket sees financing only as the region's aggregates, never one person's plan.
    loket = as_user(lars).get(url)
    assert loket.status_code == 404
    assert arjan.traject.overstapper.full_name not in loket.content.decode()
    assert as_user(bea).get(url).status_code == 200
    assert as_user(bea).get(f"{url}bewerken/").status_code == 200
    assert AuditEvent.objects.filter(action="financing.view", actor=bea).exists()


# --- Bad input: a clear message, nothing changed -------------------------------------------


@pytest.fixture
def open_plan(catalogue, carla, annas_traject):
    plan = start_plan(annas_traject, carla, sector="zorg")
    save_plan(
        plan, carla, income_before=D("3000"), posts={"vakopleiding": 10000, "onboarding": 12000}
    )
    return plan


def _expired():
    regeling = Regeling.objects.get(name="Stagefonds zorg")
    regeling.valid_to = date(2023, 12, 31)
    regeling.save()
    return regeling


@pytest.mark.parametrize(
    ("post", "funder", "amount", "regeling", "field", "message"),
    [
        ("vakopleiding", "fonds", "-100", None, "amount", "groter dan € 0"),
        ("vakopleiding", "fonds", "0", None, "amount", "groter dan € 0"),
        ("vakopleiding", "fonds", "1000000", None, "amount", "onwaarschijnlijk hoog"),
        ("vakopleiding", "fonds", "10000.001", None, "amount", "twee cijfers"),
        (
            "vakopleiding",
            "fonds",
            "10000.01",
            None,
            "amount",
            "meer dan de post kost (€ 10.000,00)",
        ),
        # STAP-budget ended in 2023 (issue 14); NL leert door's scholing has a maximum too.
        (
            "vakopleiding",
            "ministerie",
            "2000",
            "NL leert door - scholing (NLLDS)",
            "amount",
            "hooguit € 1.500,00",
        ),
        ("vakopleiding", "uwv", "500", "STAP-budget", "regeling", "is verlopen"),
        ("leertijd", "uwv", "500", "STAP-budget", "regeling", "betaalt niet mee aan leertijd"),
        (
            "vakopleiding",
            "ministerie",
            "500",
            "Subsidie zij-instroom",
            "regeling",
            "geldt niet voor de sector",
        ),
        ("onboarding", "ministerie", "500", _expired, "regeling", "is verlopen"),
        (
            "vakopleiding",
            "ministerie",
            "500",
            "SLIM-subsidie",
            "regeling",
            "alleen voor: mensen met een baan",
        ),
    ],
)
def test_bad_contributions_are_refused_with_a_message(
    open_plan, carla, post, funder, amount, regeling, field, message
):
    if callable(regeling):
        regeling = regeling()
    elif regeling:
        regeling = Regeling.objects.get(name=regeling)
    save_plan(open_plan, carla, income_before_source="ww")  # SLIM: only for people with a job
    before = list(Contribution.objects.values_list("pk", "amount"))
    with pytest.raises(ValidationError) as error:
        services.contribution_create(
            plan=open_plan,
            by=carla,
            post_kind=post,
            funder_type=funder,
            amount=D(amount),
            regeling=regeling,
            status="toegezegd",
        )
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])
    assert list(Contribution.objects.values_list("pk", "amount")) == before


def test_non_stackable_regelingen_are_not_combined_on_one_post(open_plan, carla):
    pay(
        open_plan,
        carla,
        "vakopleiding",
        "rmt",
        5000,
        regeling=Regeling.objects.get(name="Regionale Mobiliteitsteams"),
    )
    with pytest.raises(ValidationError) as error:
        pay(
            open_plan,
            carla,
            "vakopleiding",
            "ministerie",
            500,
            regeling=Regeling.objects.get(name="NL leert door - scholing (NLLDS)"),
        )
    assert "niet te combineren met Regionale Mobiliteitsteams" in error.value.messages[0]
    assert Contribution.objects.count() == 1
    # Stackable ones do combine: SectorplanPlus with Stagefonds zorg on onboarding.
    pay(
        open_plan,
        carla,
        "onboarding",
        "ministerie",
        5000,
        regeling=Regeling.objects.get(name="SectorplanPlus (A en B)"),
    )
    pay(
        open_plan,
        carla,
        "onboarding",
        "ministerie",
        3100,
        regeling=Regeling.objects.get(name="Stagefonds zorg"),
    )
    assert Contribution.objects.count() == 3


def test_the_maximum_of_a_regeling_counts_across_the_whole_plan(open_plan, carla):
    rmt = Regeling.objects.get(name="Regionale Mobiliteitsteams")
    save_plan(open_plan, carla, posts={"orientatieprogramma": 4000})
    pay(open_plan, carla, "vakopleiding", "rmt", 10000, regeling=rmt)
    with pytest.raises(ValidationError) as error:
        pay(open_plan, carla, "orientatieprogramma", "rmt", 4000, regeling=rmt)
    assert "Er kan nog € 3.250,00 bij" in error.value.messages[0]


def test_the_estimate_cannot_drop_below_what_funders_already_pay(open_plan, carla):
    pay(open_plan, carla, "vakopleiding", "fonds", 8000, funder_name="O&O-fonds")
    version = FinancingPlan.objects.get(pk=open_plan.pk).version
    with pytest.raises(ValidationError) as error:
        save_plan(open_plan, carla, posts={"vakopleiding": 5000})
    assert "al € 8.000,00 aan bijdragen" in error.value.message_dict["post:vakopleiding"][0]
    assert Post.objects.get(plan=open_plan, kind="vakopleiding").estimate == D("10000")
    assert FinancingPlan.objects.get(pk=open_plan.pk).version == version


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"estimate_vakopleiding": "-5"}, "€ 0 of meer"),
        ({"estimate_vakopleiding": "veel"}, "Vul een bedrag in euro in"),
        ({"estimate_onboarding": "9999999"}, "onwaarschijnlijk hoog"),
        ({"leertijd_months": "99"}, "Hooguit 60 maanden"),
        ({"start_month": "gisteren"}, "Kies een maand"),
        (
            {"inkomen-0-kind": "ww", "inkomen-0-first_month": "5", "inkomen-0-last_month": "2"},
            "De eerste maand ligt na de laatste maand.",
        ),
        (
            {
                "inkomen-0-kind": "bijstand",
                "inkomen-0-first_month": "1",
                "inkomen-0-last_month": "50",
            },
            "loopt tot maand 50",
        ),
        (
            {
                "inkomen-0-kind": "bijstand",
                "inkomen-0-first_month": "1",
                "inkomen-0-last_month": "3",
            },
            "Vul het bedrag per maand in.",
        ),
    ],
)
def test_bad_plan_input_in_the_form_is_explained_and_changes_nothing(
    as_user, open_plan, carla, data, message
):
    plan = FinancingPlan.objects.get(pk=open_plan.pk)
    form = edit_form_data(plan) | data
    response = as_user(carla).post(f"/trajecten/{plan.traject_id}/financiering/bewerken/", form)
    assert response.status_code == 400
    assert message in response.content.decode()
    fresh = FinancingPlan.objects.get(pk=plan.pk)
    assert fresh.version == plan.version
    assert Post.objects.get(plan=plan, kind="vakopleiding").estimate == D("10000")


def test_bad_contribution_input_in_the_form_is_explained(as_user, open_plan, carla):
    url = f"/trajecten/{open_plan.traject_id}/financiering/bijdragen/nieuw/"
    response = as_user(carla).post(
        url,
        {
            "post": "vakopleiding",
            "funder_type": "fonds",
            "amount": "€ 12.000",
            "status": "toegezegd",
        },
    )
    assert response.status_code == 400
    assert "meer dan de post kost" in response.content.decode()
    response = as_user(carla).post(url, {"post": "reis", "funder_type": "fonds", "amount": "1"})
    assert "Kies een van de acht posten." in response.content.decode()
    assert not Contribution.objects.exists()


# --- Two people saving at once ---------------------------------------------------------------


def edit_form_data(plan) -> dict:
    data = {
        "version": plan.version,
        "start_month": plan.start_month.strftime("%Y-%m"),
        "orientatie_months": plan.orientatie_months,
        "overstap_months": plan.overstap_months,
        "leertijd_months": plan.leertijd_months,
        "income_before_source": plan.income_before_source,
        "income_before": "" if plan.income_before is None else str(plan.income_before),
        "new_wage": "",
        "minimum_income": "",
        "inkomen-TOTAL_FORMS": "2",
        "inkomen-INITIAL_FORMS": "0",
        "inkomen-MIN_NUM_FORMS": "0",
        "inkomen-MAX_NUM_FORMS": "24",
    }
    for post in plan.posts.all():
        data[f"estimate_{post.kind}"] = "" if post.estimate is None else str(post.estimate)
        data[f"note_{post.kind}"] = post.note
    return data


def test_the_second_saver_gets_a_conflict_and_keeps_what_they_typed(as_user, open_plan, carla, bea):
    plan = FinancingPlan.objects.get(pk=open_plan.pk)
    carlas = edit_form_data(plan) | {"estimate_onboarding": "11111"}
    beas = edit_form_data(plan) | {"estimate_onboarding": "9000"}
    url = f"/trajecten/{plan.traject_id}/financiering/bewerken/"

    assert as_user(bea).post(url, beas).status_code == 302
    response = as_user(carla).post(url, carlas)

    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft het financieringsplan opgeslagen" in body
    assert 'value="11111,00"' in body or 'value="11111"' in body  # what Carla typed
    assert "€ 9.000,00" in body  # what Bea saved, beside it
    assert Post.objects.get(plan=plan, kind="onboarding").estimate == D("9000")
    new_version = FinancingPlan.objects.get(pk=plan.pk).version
    assert f'name="version" value="{new_version}"' in body
    # With htmx only the form is swapped (htmx swaps 2xx answers only).
    partial = as_user(carla).post(
        url, carlas, headers={"HX-Request": "true", "HX-Target": "plan-form"}
    )
    assert partial.status_code == 200
    assert partial.content.decode().lstrip().startswith('<div id="plan-form">')
    assert "Iemand anders heeft het financieringsplan opgeslagen" in partial.content.decode()
    # Saving again, on purpose, now works.
    assert as_user(carla).post(url, carlas | {"version": new_version}).status_code == 302
    assert Post.objects.get(plan=plan, kind="onboarding").estimate == D("11111")


def test_a_stale_contribution_edit_is_refused(open_plan, carla, bea):
    contribution = pay(open_plan, carla, "vakopleiding", "fonds", 1000, funder_name="Fonds")
    services.contribution_update(contribution=contribution, by=bea, version=1, amount=D("2000"))
    with pytest.raises(services.StaleVersion) as stale:
        services.contribution_update(
            contribution=contribution, by=carla, version=1, amount=D("3000")
        )
    assert stale.value.current_version == 2
    contribution.refresh_from_db()
    assert contribution.amount == D("2000")


# --- Pages: htmx partials and query budgets ------------------------------------------------


def test_the_contribution_form_offers_the_regelingen_for_the_chosen_post(as_user, open_plan, carla):
    url = f"/trajecten/{open_plan.traject_id}/financiering/bijdragen/nieuw/"
    response = as_user(carla).get(
        url,
        {"post": "onboarding", "amount": "250"},
        headers={"HX-Request": "true", "HX-Target": "contribution-form"},
    )
    body = response.content.decode()
    assert 'id="contribution-form"' in body and "<html" not in body
    assert "Stagefonds zorg" in body and "STAP-budget" not in body
    assert 'value="250"' in body  # what was typed stays


def test_plan_pages_render_print_and_pdf(as_user, arjan, carla):
    client = as_user(carla)
    base = f"/trajecten/{arjan.traject.pk}/financiering/"
    for path in (
        "",
        "per-partij/",
        "afdrukken/",
        "subsidiewijzer/",
        "bewerken/",
        "bijdragen/nieuw/",
    ):
        assert client.get(base + path).status_code == 200, path
    funders = client.get(base + "per-partij/").content.decode()
    assert "€ 21.390,00" in funders and "€ 27.450,00" in funders
    pdf = client.get(base + "financieringsplan.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_traject_without_plan_can_be_started_by_its_coach(
    as_user, catalogue, carla, anna, annas_traject
):
    url = f"/trajecten/{annas_traject.pk}/financiering/"
    assert "De coach maakt het financieringsplan" in as_user(anna).get(url).content.decode()
    assert as_user(anna).post(f"{url}starten/").status_code == 403
    assert not FinancingPlan.objects.exists()
    assert as_user(carla).post(f"{url}starten/").status_code == 302
    assert FinancingPlan.objects.filter(traject=annas_traject).exists()
    assert as_user(carla).get(f"{url}subsidiewijzer/").status_code == 200


def test_a_plan_without_target_sector_starts_without_norms(
    as_user, catalogue, carla, annas_traject
):
    plan = services.plan_create(traject=annas_traject, by=carla)
    assert plan.norm_sector == ""
    assert all(p.estimate is None for p in plan.posts.all())
    client = as_user(carla)
    base = f"/trajecten/{annas_traject.pk}/financiering/"
    body = client.get(base).content.decode()
    assert "geen norm" in body and "de kosten zijn nog niet geraamd" in body
    for path in (
        "bewerken/",
        "subsidiewijzer/",
        "per-partij/",
        "afdrukken/",
        "financieringsplan.pdf",
    ):
        assert client.get(base + path).status_code == 200, path


def _many_plans(carla, amsterdam, n):
    for i in range(n):
        person = UserFactory(home_region=amsterdam, full_name=f"Persoon {i}")
        traject = make_traject(overstapper=person, coach=carla, region=amsterdam)
        plan = start_plan(traject, carla, sector="zorg")
        save_plan(
            plan,
            carla,
            income_before=D("3000"),
            periods=[period("salaris_nieuwe_werkgever", 1, 10, 2900)],
        )
        for kind in ("orientatieprogramma", "persoonlijke_begeleiding", "onboarding"):
            pay(plan, carla, kind, "fonds", 500, funder_name="Fonds")
            pay(plan, carla, kind, "gemeente", 400, funder_name="Gemeente", status="aangevraagd")
        give_contract(person, employer(f"Werkgever {i}", "zorg"))


def test_plan_list_keeps_a_fixed_query_budget(
    as_user, catalogue, carla, amsterdam, django_assert_max_num_queries
):
    _many_plans(carla, amsterdam, 12)
    client = as_user(carla)
    with django_assert_max_num_queries(12):
        response = client.get("/financiering/")
    assert response.content.decode().count("nog niet veilig") == 12


def test_plan_page_keeps_a_fixed_query_budget(as_user, arjan, carla, django_assert_max_num_queries):
    for _ in range(3):
        pay(arjan.plan, carla, "leertijd", "fonds", 0.01, status="afgewezen", funder_name="Fonds")
    client = as_user(carla)
    with django_assert_max_num_queries(13):
        response = client.get(f"/trajecten/{arjan.traject.pk}/financiering/")
    assert response.status_code == 200
