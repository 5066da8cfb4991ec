"""Monitoring reports: every figure of a small hand-computed fixture, suppression, access,
the monthly job and bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from journeys.models import Phase, PhaseChange, Traject
from onboarding.models import Uitval
from reports import selectors, services
from reports.models import ReportRun

from .factories import UserFactory
from .financing_helpers import catalogue_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def at(y, m, d):
    return datetime(y, m, d, 12, 0, tzinfo=UTC)


def _traject(region, sector="", **kwargs):
    return Traject.objects.create(region=region, target_sector=sector, **kwargs)


def _move(traject, to_phase, when, from_phase=""):
    PhaseChange.objects.create(traject=traject, from_phase=from_phase, to_phase=to_phase, at=when)


@pytest.fixture
def fixture_data(amsterdam, limburg):
    """
    Amsterdam, period 2026-01-01 .. 2026-06-30:
    - 8 zorg: aanmelding 1 jan, oriëntatie 11 jan (10 days); 6 of them profiel 10 feb
      (30 days), 2 uitgevallen 1 mar in oriëntatie (49 days), reason werk;
    - 3 ict: aanmelding 1 jan, oriëntatie 21 jan (20 days);
    - 1 without sector: aanmelding 1 dec 2025 (before the period), oriëntatie 5 jan (35 days);
    - 7 techniek: leerwerktraject 1 sep 2025; one uitgevallen 1 oct 2025 (retention).
    Limburg: 5 zorg aanmelding 1 jan (never counted for Amsterdam).
    """
    for i in range(8):
        t = _traject(amsterdam, "zorg")
        _move(t, Phase.AANMELDING, at(2026, 1, 1))
        _move(t, Phase.ORIENTATIE, at(2026, 1, 11), Phase.AANMELDING)
        if i < 6:
            _move(t, Phase.PROFIEL, at(2026, 2, 10), Phase.ORIENTATIE)
        else:
            _move(t, Phase.UITGEVALLEN, at(2026, 3, 1), Phase.ORIENTATIE)
            Uitval.objects.create(
                traject=t, phase=Phase.ORIENTATIE, reason=Uitval.Reason.WERK, at=at(2026, 3, 1)
            )
    for _ in range(3):
        t = _traject(amsterdam, "ict")
        _move(t, Phase.AANMELDING, at(2026, 1, 1))
        _move(t, Phase.ORIENTATIE, at(2026, 1, 21), Phase.AANMELDING)
    t = _traject(amsterdam)
    _move(t, Phase.AANMELDING, at(2025, 12, 1))
    _move(t, Phase.ORIENTATIE, at(2026, 1, 5), Phase.AANMELDING)
    for i in range(7):
        t = _traject(amsterdam, "techniek")
        _move(t, Phase.LEERWERKTRAJECT, at(2025, 9, 1), Phase.SELECTIE)
        if i == 0:
            _move(t, Phase.UITGEVALLEN, at(2025, 10, 1), Phase.LEERWERKTRAJECT)
    for _ in range(5):
        t = _traject(limburg, "zorg")
        _move(t, Phase.AANMELDING, at(2026, 1, 1))


def _report(region, breakdown="none"):
    return selectors.compute_report(
        region=region,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        breakdown=breakdown,
    )


def _table(result, key):
    return next(t for t in result["tables"] if t["key"] == key)


def _row(table, label):
    return next(r for r in table["rows"] if r[0] == label)


def test_funnel_without_breakdown(fixture_data, amsterdam):
    funnel = _table(_report(amsterdam), "funnel")
    assert funnel["headers"] == ["Fase", "Totaal", "Conversie"]
    assert _row(funnel, "Aanmelding") == ["Aanmelding", 11, "–"]
    assert _row(funnel, "Oriëntatie") == ["Oriëntatie", 12, "109%"]
    assert _row(funnel, "Persoonlijk Profiel") == ["Persoonlijk Profiel", 6, "50%"]
    assert _row(funnel, "Match") == ["Match", 0, "0%"]
    assert _row(funnel, "Uitgevallen") == ["Uitgevallen", "<5", "–"]
    assert funnel["chart"][0] == {"label": "Aanmelding", "value": 11}


def test_funnel_by_sector_suppresses_small_cells_and_revealing_totals(fixture_data, amsterdam):
    funnel = _table(_report(amsterdam, "sector"), "funnel")
    headers = funnel["headers"]
    zorg, ict, unknown = (
        headers.index("Zorg en welzijn"),
        headers.index("ICT"),
        headers.index("Onbekend"),
    )
    total = headers.index("Totaal")
    aanmelding = _row(funnel, "Aanmelding")
    assert (aanmelding[zorg], aanmelding[ict], aanmelding[unknown]) == (8, "<5", 0)
    assert aanmelding[total] == "*"  # 8 + ict would reveal the ict cell
    orientatie = _row(funnel, "Oriëntatie")
    assert (orientatie[zorg], orientatie[ict], orientatie[unknown]) == (8, "<5", "<5")
    assert orientatie[total] == "*"
    assert orientatie[-1] == "–"  # no conversion from hidden totals
    profiel = _row(funnel, "Persoonlijk Profiel")
    assert (profiel[zorg], profiel[ict], profiel[total]) == (6, 0, 6)


def test_lead_times_median_and_p75(fixture_data, amsterdam):
    lead = _table(_report(amsterdam), "lead_time")
    # aanmelding: 8 x 10, 3 x 20, 1 x 35 days -> median 10, p75 20
    assert _row(lead, "Aanmelding")[1:5] == [12, 10.0, 20.0, 14]
    # oriëntatie: 6 x 30, 2 x 49 -> median 30, p75 30 + 0.25 * 19
    assert _row(lead, "Oriëntatie")[1:5] == [8, 30.0, 34.8, 90]
    assert _row(lead, "Match")[1:4] == [0, "–", "–"]


def test_uitval_per_phase_and_reason(fixture_data, amsterdam):
    table = _table(_report(amsterdam), "uitval")
    werk = table["headers"].index("Het werk past niet")
    row = _row(table, "Oriëntatie")
    assert row[werk] == "<5"
    assert row[-1] == "*"
    assert _row(table, "Aanmelding")[1:] == [0] * (len(table["headers"]) - 1)


def test_retention_hides_the_complement_of_a_small_drop_out(fixture_data, amsterdam):
    table = _table(_report(amsterdam), "retention")
    # 7 started 1 sep 2025, 1 dropped within 100 days: 6 retained, but 1 dropped is hidden,
    # so the retained count (7 - 6) is hidden too.
    assert _row(table, "Na 100 dagen") == ["Na 100 dagen", 7, "*", "<5", "–"]
    assert _row(table, "Na 12 maanden") == ["Na 12 maanden", 0, 0, 0, "–"]


def test_ongekend_talent_is_counted_only_with_consent(amsterdam):
    from django.utils import timezone

    for _ in range(5):
        t = _traject(
            amsterdam,
            ongekend_talent=["55plus"],
            ongekend_talent_consent_at=timezone.now(),
        )
        _move(t, Phase.AANMELDING, at(2026, 2, 1))
    funnel = _table(_report(amsterdam, "ongekend_talent"), "funnel")
    row = _row(funnel, "Aanmelding")
    assert row[funnel["headers"].index("55-plusser")] == 5
    assert row[funnel["headers"].index("Statushouder")] == 0


def test_national_report_counts_every_region(fixture_data):
    funnel = _table(_report(None), "funnel")
    assert _row(funnel, "Aanmelding")[1] == 16


def test_report_has_no_names(fixture_data, amsterdam, anna, annas_traject):
    from reports.exports import report_csv, report_pdf, report_xlsx

    result = _report(amsterdam, "sector")
    assert anna.full_name not in str(result)
    assert anna.email not in str(result)
    assert anna.full_name.encode() not in report_csv(result)
    assert report_xlsx(result)[:2] == b"PK"
    assert report_pdf(result)[:4] == b"%PDF"


def test_loket_runs_a_report_for_own_region_and_downloads(
    fixture_data, lars, amsterdam, limburg, as_user
):
    client = as_user(lars)
    response = client.post(
        reverse("report_index"),
        {
            "region": amsterdam.pk,
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "breakdown": "sector",
        },
    )
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert run.status == ReportRun.Status.DONE and run.progress == 100
    page = client.get(reverse("report_detail", args=[run.pk]))
    assert "Trechter" in page.content.decode()
    for fmt, start in (("csv", b"\xef\xbb\xbf"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        download = client.get(reverse("report_download", args=[run.pk, fmt]))
        assert download.status_code == 200
        assert download.content.startswith(start)

    # Another region: refused, nothing made.
    response = client.post(
        reverse("report_index"),
        {
            "region": limburg.pk,
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "breakdown": "none",
        },
    )
    assert response.status_code == 400
    assert "eigen regio" in response.content.decode()
    assert ReportRun.objects.count() == 1


def test_loket_cannot_see_another_regions_run(lars, limburg, bea, as_user):
    run = services.report_run_start(
        user=bea, region=limburg, start=date(2026, 1, 1), end=date(2026, 1, 31)
    )
    assert as_user(lars).get(reverse("report_detail", args=[run.pk])).status_code == 404
    assert as_user(lars).get(f"/api/v1/reports/{run.pk}/").status_code == 404


def test_coach_has_no_reports(carla, as_user):
    assert as_user(carla).get(reverse("report_index")).status_code == 403
    assert (
        as_user(carla).post("/api/v1/reports/", {}, content_type="application/json").status_code
        == 403
    )


@pytest.mark.parametrize(
    "payload, message",
    [
        (
            {"period_start": "2026-02-01", "period_end": "2026-01-01"},
            "De periode eindigt voordat hij begint.",
        ),
        (
            {
                "period_start": "2026-01-01",
                "period_end": "2026-02-01",
                "breakdown": "sector; DROP TABLE journeys_traject",
            },
            "Onbekende uitsplitsing: sector; DROP TABLE journeys_traject.",
        ),
    ],
)
def test_api_bad_input_changes_nothing(lars, amsterdam, as_user, payload, message):
    response = as_user(lars).post(
        "/api/v1/reports/", {"region": amsterdam.pk, **payload}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == message
    assert not ReportRun.objects.exists()


def test_api_region_not_served(lars, limburg, as_user):
    response = as_user(lars).post(
        "/api/v1/reports/",
        {"region": limburg.pk, "period_start": "2026-01-01", "period_end": "2026-01-31"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "eigen regio" in response.json()["message"]
    response = as_user(lars).post(
        "/api/v1/reports/",
        {"region": None, "period_start": "2026-01-01", "period_end": "2026-01-31"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not ReportRun.objects.exists()


def test_api_start_status_and_download(fixture_data, bea, as_user):
    client = as_user(bea)
    response = client.post(
        "/api/v1/reports/",
        {"period_start": "2026-01-01", "period_end": "2026-06-30", "breakdown": "entry_route"},
        content_type="application/json",
    )
    assert response.status_code == 202
    run_id = response.json()["id"]
    detail = client.get(f"/api/v1/reports/{run_id}/").json()
    assert detail["status"] == "done" and detail["progress"] == 100
    assert detail["region"] is None
    assert _row(_table(detail["result"], "funnel"), "Aanmelding")[-2] == 16
    assert client.get(detail["downloads"]["pdf"]).content[:4] == b"%PDF"


def test_export_of_an_unfinished_run_is_refused(lars, amsterdam, as_user):
    run = ReportRun.objects.create(
        region=amsterdam, period_start=date(2026, 1, 1), period_end=date(2026, 1, 31)
    )
    client = as_user(lars)
    response = client.get(f"/api/v1/reports/{run.pk}/download/xlsx/")
    assert response.status_code == 409
    assert response.json()["message"] == "Deze rapportage is nog niet klaar."
    page = client.get(reverse("report_download", args=[run.pk, "pdf"]))
    assert page.status_code == 409
    assert "nog niet klaar" in page.content.decode()
    assert 'role="status"' in page.content.decode()  # the progress bar


def test_monthly_job_twice_stores_one_report_per_region_and_mails_once(
    fixture_data, lars, amsterdam, regions
):
    from accounts.models import Region

    colleague = UserFactory(role="loket", organisation=lars.organisation)
    made = services.monthly_reports(today=date(2026, 2, 3))
    again = services.monthly_reports(today=date(2026, 2, 3))
    assert made == Region.objects.count() and again == 0
    assert ReportRun.objects.filter(monthly=True).count() == Region.objects.count()
    run = ReportRun.objects.get(region=amsterdam, monthly=True)
    assert (run.period_start, run.period_end) == (date(2026, 1, 1), date(2026, 1, 31))
    figures = run.result
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lars.email, colleague.email])
    assert all(m.attachments[0][2] == "application/pdf" for m in mail.outbox)
    # A month's figures stay as they were, even when new events arrive.
    t = _traject(amsterdam, "zorg")
    _move(t, Phase.AANMELDING, at(2026, 1, 15))
    services.monthly_reports(today=date(2026, 2, 20))
    run.refresh_from_db()
    assert run.result == figures
    assert len(mail.outbox) == 2


def test_period_bounds_follow_dutch_time(amsterdam):
    """Half past midnight on 1 January in Amsterdam is still 31 December in UTC."""
    inside = _traject(amsterdam, "zorg")
    _move(inside, Phase.AANMELDING, datetime(2025, 12, 31, 23, 30, tzinfo=UTC))
    _move(inside, Phase.ORIENTATIE, datetime(2026, 1, 10, 23, 30, tzinfo=UTC))
    outside = _traject(amsterdam, "zorg")
    _move(outside, Phase.AANMELDING, datetime(2025, 12, 31, 22, 30, tzinfo=UTC))
    result = selectors.compute_report(
        region=amsterdam, period_start=date(2026, 1, 1), period_end=date(2026, 1, 31)
    )
    funnel = _table(result, "funnel")
    assert _row(funnel, "Aanmelding")[1] == "<5"
    lead = _table(result, "lead_time")
    assert _row(lead, "Aanmelding")[1] == "<5"
    # The count behind "<5" is 1: only the traject inside the period.
    from django.db import connection

    from reports.selectors import _bounds, _db

    start, end = _bounds(date(2026, 1, 1), date(2026, 1, 31))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM journeys_phasechange WHERE to_phase = 'aanmelding' "
            "AND at >= %s AND at < %s",
            [_db(start), _db(end)],
        )
        assert cursor.fetchone()[0] == 1


@pytest.fixture
def income_plans(catalogue, amsterdam, carla):
    """Six Amsterdam plans, income before €3,000, months 1–3 paid by the new employer at
    3000, 2850, 2700, 2400, 2100 and 3000: largest drops 0, 5, 10, 20, 30 and 0 percent."""
    from financing.models import FinancingPlan

    from .factories import make_traject
    from .financing_helpers import period, save_plan, start_plan

    for amount in (3000, 2850, 2700, 2400, 2100, 3000):
        traject = make_traject(overstapper=UserFactory(), coach=carla, region=amsterdam)
        plan = start_plan(traject, carla, sector="zorg")
        save_plan(
            plan,
            carla,
            income_before=Decimal("3000"),
            orientatie_months=1,
            overstap_months=1,
            leertijd_months=1,
            periods=[period("salaris_nieuwe_werkgever", 1, 3, amount, "Zorggroep")],
        )
    FinancingPlan.objects.update(created_at=at(2026, 2, 1))


def test_financing_income_drop_during_the_switch(income_plans, amsterdam):
    table = _table(_report(amsterdam), "financing_income")
    assert _row(table, "Plannen met een inkomensplaatje")[1] == 6
    assert _row(table, "Inkomen daalt in een of meer maanden")[1] == "<5"  # 4 plans
    assert _row(table, "Daling boven de grens van het plan")[1] == "<5"  # 20% and 30% > 10%
    # Sorted drops 0, 0, 5, 10, 20, 30 %: median (5 + 10) / 2, p75 10 + 0.75 × 10.
    assert _row(table, "Grootste daling per plan (procent)")[2:] == ["7.5%", "17.5%"]
    # In euro 0, 0, 150, 300, 600, 900: median 225, p75 300 + 0.75 × 300.
    assert _row(table, "Grootste daling per plan (euro per maand)")[2:] == ["225", "525"]


def test_financing_income_drop_hides_spread_of_few_plans(income_plans, amsterdam):
    from financing.models import FinancingPlan

    FinancingPlan.objects.filter(pk__in=FinancingPlan.objects.values("pk")[:2]).delete()
    table = _table(_report(amsterdam), "financing_income")
    assert _row(table, "Plannen met een inkomensplaatje")[1] == "<5"
    assert _row(table, "Grootste daling per plan (procent)")[2:] == ["<5", "<5"]
