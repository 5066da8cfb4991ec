"""Monitoring reports: every figure of a small hand-computed fixture, suppression, access,
the monthly job and bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from journeys.models import Phase, PhaseChange
from onboarding.models import Uitval
from reports import selectors, services
from reports.models import ReportRun

from .factories import TrajectFactory, UserFactory
from .financing_helpers import catalogue_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def at(y, m, d):
    return datetime(y, m, d, 12, 0, tzinfo=UTC)


def _traject(region, sector="", **kwargs):
    return TrajectFactory(region=region, target_sector=sector, **kwargs)


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
    assert funnel["chart"]["items"][0] == {"label": "Aanmelding", "values": [11]}


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
    # Two hidden cells (3 and 1): the total tells only their sum (4 = 1 + 3, 2 + 2, 3 + 1),
    # so it is shown; no further suppression than the rule.
    assert orientatie[total] == 12
    assert orientatie[-1] == "–"  # no conversion from a hidden total
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
    assert row[-1] == "<5"  # the total of 2 is itself small, not a revealing total
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


@pytest.mark.parametrize(
    "parts, total, shown",
    [
        ([8, 3, 0], 11, "*"),  # one hidden cell: 11 - 8 would reveal the 3
        ([8, 3, 1], 12, 12),  # two hidden cells: only their sum 4 is known
        ([8, 1, 1], 10, "*"),  # two hidden cells summing to 2: both must be 1
        ([8, 4, 4], 16, "*"),  # two hidden cells summing to 8: both must be 4
        ([6, 0, 0], 6, 6),  # nothing hidden, nothing to reveal
        ([3, 0], 3, "<5"),  # a small total is itself hidden
        ([5, 2, 3, 4], 14, 14),  # three hidden cells summing to 9: many possibilities
    ],
)
def test_a_total_is_hidden_only_when_it_reveals_a_hidden_cell(parts, total, shown):
    assert selectors.total_cell(total, parts) == shown


@pytest.mark.parametrize(
    "total, part, shown",
    [
        (7, 6, (7, "*", "<5")),  # 6 retained would give the 1 dropped away: hidden
        (7, 1, (7, "<5", "*")),  # and the other way round (this was shown before)
        (12, 6, (12, 6, 6)),
        (6, 3, (6, "<5", "<5")),  # 1 + 5, 2 + 4, 3 + 3 ...: not given away
        (8, 4, ("*", "<5", "<5")),  # both hidden and only 4 + 4 adds up to 8
        (3, 3, ("<5", "<5", 0)),
    ],
)
def test_a_part_and_its_complement(total, part, shown):
    assert selectors.complement_cells(total, part) == shown


def test_funders_without_contributions_show_zero_euro_not_a_hidden_cell(amsterdam):
    funders = _table(_report(amsterdam), "financing_funders")
    assert funders["rows"]
    for row in funders["rows"]:
        assert row[1:] == [0, "€ 0,00", "–"]


# --- charts ---------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _charts(html: str) -> dict:
    """Every chart on a page by its table key: its title, description and per item the
    figures beside its bars, with whether each bar is hatched (hidden)."""
    import re
    import xml.etree.ElementTree as ET

    found = {}
    for match in re.finditer(r"<svg .*?</svg>", html, re.S):
        root = ET.fromstring(match.group(0))
        assert root.get("role") == "img"
        items = {}
        for group in root.iter(f"{SVG}g"):
            label = group.find(f"{SVG}text").text
            values = [
                t.text for t in group.iter(f"{SVG}text") if t.get("class") == "lb-chart-value"
            ]
            hatched = ["hatch" in r.get("fill") for r in group.iter(f"{SVG}rect")]
            norms = len([line for line in group.iter(f"{SVG}line")])
            items[label] = {"values": values, "hatched": hatched, "norms": norms}
        found[root.get("data-chart")] = {
            "title": root.find(f"{SVG}title").text,
            "desc": root.find(f"{SVG}desc").text,
            "labelledby": root.get("aria-labelledby"),
            "items": items,
        }
    return found


def _report_page(client, region, breakdown="none") -> str:
    client.post(
        reverse("report_index"),
        {
            "region": region.pk,
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "breakdown": breakdown,
        },
    )
    run = ReportRun.objects.latest("pk")
    return client.get(reverse("report_detail", args=[run.pk])).content.decode()


def test_report_page_draws_the_fixtures_figures_as_charts(fixture_data, lars, amsterdam, as_user):
    html = _report_page(as_user(lars), amsterdam)
    charts = _charts(html)
    assert {"funnel", "lead_time", "uitval", "retention"} <= set(charts)

    funnel = charts["funnel"]
    assert funnel["title"] == "Trechter: trajecten die een fase bereikten"
    assert funnel["labelledby"] == "chart-funnel-title chart-funnel-desc"
    assert funnel["items"]["Aanmelding"] == {"values": ["11"], "hatched": [False], "norms": 0}
    assert funnel["items"]["Oriëntatie"]["values"] == ["12"]
    assert funnel["items"]["Persoonlijk Profiel"]["values"] == ["6"]
    assert funnel["items"]["Match"] == {"values": ["0"], "hatched": [], "norms": 0}
    # 2 uitgevallen: a "<5" bar with the hatching, not an asterisk and not a length of 2.
    assert funnel["items"]["Uitgevallen"] == {"values": ["<5"], "hatched": [True], "norms": 0}
    assert "Aanmelding: 11; Oriëntatie: 12; Persoonlijk Profiel: 6;" in funnel["desc"]
    assert "Uitgevallen: minder dan 5 (verborgen)." in funnel["desc"]

    lead = charts["lead_time"]
    # Medians of 10 and 30 days, each with its norm (14 and 90 days) as a marker.
    assert lead["items"]["Aanmelding"] == {"values": ["10"], "hatched": [False], "norms": 1}
    assert lead["items"]["Oriëntatie"]["values"] == ["30"]
    assert lead["items"]["Match"]["values"] == ["–"]
    assert "Aanmelding: 10 dagen, Norm: 14 dagen" in lead["desc"]
    assert "Oriëntatie: 30 dagen, Norm: 90 dagen" in lead["desc"]

    uitval = charts["uitval"]
    assert uitval["items"]["Oriëntatie"] == {"values": ["<5"], "hatched": [True], "norms": 0}
    assert uitval["items"]["Aanmelding"]["values"] == ["0"]

    # 7 started, 1 dropped (hidden), so the 6 retained is left out too: two hatched bars.
    retention = charts["retention"]
    assert retention["items"]["Na 100 dagen"] == {
        "values": ["verborgen", "<5"],
        "hatched": [True, True],
        "norms": 0,
    }
    assert retention["items"]["Na 12 maanden"]["values"] == ["0", "0"]
    # The table with the same figures stands beside each chart.
    assert (
        'id="t-funnel"' in html
        and '<th class="utrecht-table__header-cell" scope="row">Uitgevallen' in html
    )


def test_a_dutch_number_in_a_chart():
    from reports import charts

    assert charts.nl_number(1234567) == "1.234.567"
    assert charts.nl_number(34.75, 1) == "34,8"
    assert charts.format_value(34.8, "days") == "34,8"
    assert charts.format_value(75, "pct") == "75%"
    assert charts.format_value("<5", "count") == "<5"
    assert charts.format_value("*", "count") == "verborgen"


def test_a_report_stored_before_the_charts_still_draws_its_bars():
    from reports import charts

    legacy = [{"label": "Aanmelding", "value": 8}, {"label": "Oriëntatie", "value": "*"}]
    drawn = charts.bars(legacy)
    assert [(b.item, b.text, b.hidden) for b in drawn] == [
        ("Aanmelding", "8", False),
        ("Oriëntatie", "verborgen", True),
    ]
    assert "Oriëntatie: verborgen, omdat het een klein aantal zou onthullen" in charts.svg(
        legacy, key="funnel", title="Trechter"
    )


@pytest.fixture
def covered_plans(income_plans):
    """The six income plans, with hand-set estimates and contributions:
    - vakopleiding € 4.000 in each plan (€ 24.000), the new employer promised € 3.000 in each
      (€ 18.000): 75% covered; a gemeente's € 1.000 only proposed (not counted);
    - onboarding € 1.000 in two plans, UWV promised € 500 in both: 2 plans, hidden."""
    from financing.models import Contribution, FinancingPlan, Post

    Post.objects.update(estimate=None)
    plans = list(FinancingPlan.objects.order_by("pk"))
    for index, plan in enumerate(plans):
        vak = Post.objects.get(plan=plan, kind="vakopleiding")
        vak.estimate = Decimal("4000")
        vak.save()
        Contribution.objects.create(
            post=vak, funder_type="ontvangende_werkgever", amount=3000, status="toegezegd"
        )
        if index == 0:
            Contribution.objects.create(
                post=vak, funder_type="gemeente", amount=1000, status="voorgesteld"
            )
        if index < 2:
            onboarding = Post.objects.get(plan=plan, kind="onboarding")
            onboarding.estimate = Decimal("1000")
            onboarding.save()
            Contribution.objects.create(
                post=onboarding, funder_type="uwv", amount=500, status="toegezegd"
            )


def test_financing_coverage_per_post(covered_plans, amsterdam, lars, as_user):
    table = _table(_report(amsterdam), "financing_coverage")
    assert table["rows"] == [
        ["Vakopleiding", 6, "€ 24.000,00", "€ 18.000,00", "75%"],
        ["Onboarding", "<5", "<5", "<5", "<5"],  # euro hidden exactly where the count is
    ]
    funders = _table(_report(amsterdam), "financing_funders")
    # One hidden funder type: the shares would give its share away, so none is shown.
    assert _row(funders, "Ontvangende werkgever")[1:] == [6, "€ 18.000,00", "*"]
    assert _row(funders, "Overheid: UWV")[1:] == ["<5", "<5", "–"]
    assert _row(funders, "Overheid: gemeente")[1:] == [0, "€ 0,00", "0%"]

    coverage = _charts(_report_page(as_user(lars), amsterdam))["financing_coverage"]
    assert coverage["items"]["Vakopleiding"] == {"values": ["75%"], "hatched": [False], "norms": 0}
    assert coverage["items"]["Onboarding"] == {"values": ["<5"], "hatched": [True], "norms": 0}
    assert coverage["desc"] == "Vakopleiding: 75%; Onboarding: minder dan 5 (verborgen)."


def test_xlsx_has_dutch_sheets_with_native_charts_of_the_figures(fixture_data, amsterdam):
    import io
    import zipfile

    from openpyxl import load_workbook

    from reports.exports import report_xlsx

    content = report_xlsx(_report(amsterdam))
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == [
        "Trechter",
        "Doorlooptijd",
        "Uitval",
        "Behoud",
        "Financiering",
        "Kosten per post",
        "Dekking per post",
        "Financiers",
        "Inkomensdaling",
        "Matching",
        "Oriëntatie per soort",
        "Oriëntatie per bijeenkomst",
        "Businesscase",
    ]

    def rows(name):
        return [list(r) for r in book[name].iter_rows(values_only=True)]

    funnel = rows("Trechter")
    start = next(i for i, r in enumerate(funnel) if r[0] == "Grafiekgegevens") + 1
    assert funnel[start][:3] == ["Fase", "Trajecten", "Weergave"]
    figures = {r[0]: r[1:3] for r in funnel[start + 1 :]}
    assert figures["Aanmelding"] == [11, "11"]
    assert figures["Oriëntatie"] == [12, "12"]
    assert figures["Uitgevallen"] == [None, "<5"]  # no bar that tells the hidden number
    lead = rows("Doorlooptijd")
    header = next(i for i, r in enumerate(lead) if r[:3] == ["Fase", "Mediaan", "Norm"])
    assert lead[header + 1][:4] == ["Aanmelding", 10, 14, "10"]
    assert lead[header + 2][:4] == ["Oriëntatie", 30, 90, "30"]

    # The charts themselves: one native bar chart per charted table, titled as the table.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = [archive.read(n).decode() for n in names]
    assert len(names) == 4  # funnel, lead time, uitval, retention (no plans: no coverage)
    assert all("<barChart>" in x and '<barDir val="bar" />' in x for x in xml)
    assert all("<cat><strRef><f>" in x for x in xml)  # bars named by their labels
    titles = " ".join(xml)
    for title in (
        "Trechter: trajecten die een fase bereikten",
        "Doorlooptijd per fase in dagen",
        "Uitval per fase en reden",
        "Behoud na de start van het leerwerktraject",
    ):
        assert title in titles
    assert "'Trechter'!$B$" in titles or "Trechter!$B$" in titles


def test_pdf_shows_the_charts_text(fixture_data, amsterdam):
    from reports.exports import report_pdf

    from .pdf_helpers import pdf_text

    text = pdf_text(report_pdf(_report(amsterdam)))
    # The legends and the figures beside the bars (the tables do not have these words).
    for shown in ("Mediaan", "verborgen (<5)", "Behouden Uitgevallen"):
        assert shown in text, shown
    assert "Dezelfde cijfers staan in de tabel bij deze grafiek" in text
