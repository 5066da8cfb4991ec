"""Dutch formats in nl and en: money, amounts typed in, dates, plurals, durations, CSV decimals."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from loopbrug.formats import decimal_comma, format_duration
from loopbrug.money import EuroField, format_euro


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_money_is_written_the_dutch_way_in_both_languages(language):
    with translation.override(language):
        assert format_euro(Decimal("2400")) == "€ 2.400,00"
        assert format_euro(Decimal("1450.5")) == "€ 1.450,50"
    assert render("{% load financing %}{{ v|euro }}", language, v=Decimal("2400")) == "€ 2.400,00"


@pytest.mark.parametrize("typed", ["1.450", "1450", "€ 1.450", "1450,00"])
def test_amounts_are_read_as_a_dutch_user_types_them(typed):
    assert EuroField().clean(typed) == Decimal("1450.00")


@pytest.mark.parametrize("typed", ["1.450,50", "1450.50", "1450,5", "€ 1.450,50"])
def test_amounts_with_cents_are_read_either_way(typed):
    assert EuroField().clean(typed) == Decimal("1450.50")


def test_the_money_forms_use_the_euro_field():
    from matching.forms import VacatureForm
    from profiles.forms import DoelForm

    assert isinstance(VacatureForm().fields["salary_min"], EuroField)
    assert isinstance(DoelForm.base_fields["min_net_income"], EuroField)


def test_months_are_dutch_and_lower_case():
    template = '{{ d|date:"j b Y" }}'
    assert render(template, "nl", d=date(2026, 10, 4)) == "4 okt 2026"
    assert render(template, "nl", d=date(2026, 3, 4)) == "4 mrt 2026"
    assert render(template, "en", d=date(2026, 10, 4)) == "4 oct 2026"


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [("nl", "1 dag", "2 dagen"), ("en", "1 day", "2 days")],
)
def test_plurals_are_words_not_brackets(language, one, two):
    source = (
        "{% load i18n %}{% blocktranslate count n=n %}{{ n }} dag{% plural %}"
        "{{ n }} dagen{% endblocktranslate %}"
    )
    assert render(source, language, n=1) == one
    assert render(source, language, n=2) == two


def test_no_template_writes_a_plural_in_brackets():
    from pathlib import Path

    from django.conf import settings

    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        if "(en)" in path.read_text() or "dag(en)" in path.read_text()
    ]
    assert not offenders


@pytest.mark.parametrize("language", ["nl", "en"])
def test_durations_are_words(language):
    with translation.override(language):
        assert format_duration(timedelta(microseconds=23288)) == "23 ms"
        assert format_duration(timedelta(seconds=4.2)) == "4 s"
        assert format_duration(timedelta(minutes=4, seconds=10)) == "4 min"
        assert format_duration(timedelta(hours=2, minutes=5)).endswith(" 5 min")
        assert format_duration(None) == "—"
    rendered = render(
        "{% load loopbrug %}{{ d|duration }}", language, d=timedelta(microseconds=23288)
    )
    assert rendered == "23 ms"


def test_csv_decimals_use_a_comma():
    assert decimal_comma(12.5) == "12,5"
    assert decimal_comma(Decimal("0.75")) == "0,75"
    assert decimal_comma(3) == 3
    assert decimal_comma("a.b") == "a.b"


def test_counts_are_grouped_the_way_the_language_writes_them():
    from loopbrug.templatetags.loopbrug import count

    with translation.override("nl"):
        assert (count(1057), count(785), count(1234567)) == ("1.057", "785", "1.234.567")
        html = Template("{% load loopbrug %}{{ n|count }}").render(Context({"n": 2400}))
        assert html == "2.400"
    with translation.override("en"):
        assert count(1057) == "1,057"
    assert count("<5") == "<5" and count(True) is True  # not a count: left alone
