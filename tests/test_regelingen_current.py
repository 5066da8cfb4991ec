"""The schemes that run now beside the 2022 history: regional schemes stay in their region and a
loan is listed but never suggested as a contribution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from financing.catalogue import current_regeling_rows
from financing.models import Regeling
from financing.rules import posts, subsidies

from .financing_helpers import catalogue_fixture as catalogue  # noqa: F401

D = Decimal


def _suggest(regelingen, *, region, on=date(2026, 3, 1)):
    view = posts.PostView(
        post=SimpleNamespace(kind="vakopleiding", estimate=D("4000")), contributions=[]
    )
    [item] = subsidies.suggest_regelingen(
        views=[view],
        regelingen=regelingen,
        pairs=set(),
        sector="zorg",
        target_group="werkzoekenden",
        on=on,
        region=region,
    )
    return item


def test_the_current_file_names_its_source_and_dates_for_every_scheme():
    rows = current_regeling_rows()
    assert {r["name"] for r in rows} == {
        "Levenlanglerenkrediet",
        "Opijver scholingsvoucher (Achterhoeks Talentenfonds)",
    }
    for row in rows:
        assert row["source_note"] and row["valid_from"] <= date(2026, 1, 1)
        assert row["amount_max"] > 0


def test_a_regional_scheme_is_refused_outside_its_region_and_says_where_it_applies():
    [opijver] = [
        Regeling(pk=1, **row)
        for row in current_regeling_rows()
        if row["name"].startswith("Opijver")
    ]
    args = {"post_kind": "vakopleiding", "sector": "zorg", "target_group": "werkenden"}
    on = date(2026, 3, 1)
    assert subsidies.regeling_refusal(opijver, on=on, region="achterhoek", **args) is None
    assert (
        subsidies.regeling_refusal(opijver, on=on, region="groot-amsterdam", **args)
        == "Opijver scholingsvoucher (Achterhoeks Talentenfonds) geldt alleen in Achterhoek."
    )


def test_suggestions_skip_loans_and_keep_regional_schemes_in_their_region():
    rows = [Regeling(pk=i, **row) for i, row in enumerate(current_regeling_rows(), start=1)]
    loan = next(r for r in rows if r.is_loan)
    assert str(loan) == "Levenlanglerenkrediet (lening)"
    # In the Achterhoek the voucher (max € 2.500) is suggested; the loan never is.
    achterhoek = _suggest(rows, region="achterhoek")
    assert [(s.regeling.name, s.amount) for s in achterhoek.suggestions] == [
        ("Opijver scholingsvoucher (Achterhoeks Talentenfonds)", D("2500"))
    ]
    # Elsewhere nothing of these two is suggested, and the gap stays open: 4.000.
    amsterdam = _suggest(rows, region="groot-amsterdam")
    assert amsterdam.suggestions == []
    assert amsterdam.remaining_gap == D("4000")


@pytest.mark.django_db
def test_the_catalogue_and_the_api_carry_regions_and_loans(as_user, catalogue, wim):  # noqa: F811
    client = as_user(wim)
    achterhoek = client.get("/api/v1/regelingen/?region=achterhoek&on=2026-03-01").json()
    names = {r["name"] for r in achterhoek["results"]}
    assert "Opijver scholingsvoucher (Achterhoeks Talentenfonds)" in names
    assert "STAP-budget" not in names  # ended on 31-12-2023
    llk = next(r for r in achterhoek["results"] if r["name"] == "Levenlanglerenkrediet")
    assert llk["is_loan"] is True and llk["regions"] == []
    amsterdam = client.get("/api/v1/regelingen/?region=groot-amsterdam").json()
    assert "Opijver scholingsvoucher (Achterhoeks Talentenfonds)" not in {
        r["name"] for r in amsterdam["results"]
    }
    bad = client.get("/api/v1/regelingen/?region=atlantis")
    assert bad.status_code == 400
    assert "Onbekende arbeidsmarktregio" in bad.json()["message"]
