"""Every PDF is its HTML page rendered by WeasyPrint (loopbrug/pdf.py): the same content as the
page without what paper cannot do, tagged for screen readers, in the self-hosted sans font, and
fetching nothing but Loopbrug's own static files."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static

from loopbrug import pdf
from profiles.services import profile_get_or_create, profile_skill_upsert
from reports.exports import report_pdf
from taxonomy.models import Skill

from .financing_helpers import (
    arjans_plan,
    catalogue_fixture,  # noqa: F401 - the fixture "catalogue"
)
from .pdf_helpers import pdf_fonts, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db

SANS = {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Italic", "Noto-Sans-Bold-Italic"}


def _filled_profile(anna):
    profile = profile_get_or_create(user=anna)
    profile_skill_upsert(
        profile=profile, skill=Skill.objects.get(label_nl="Plannen en organiseren"), level=4
    )
    profile.proud_of = "Mijn eerste marathon"
    profile.ambition = "Wijkverpleegkundige in Zaandam"
    profile.sensitive_health = "Rugklachten"
    profile.save()
    return profile


def test_the_profile_pdf_shows_what_the_page_shows_and_no_navigation(as_user, anna):
    _filled_profile(anna)
    owner = as_user(anna)
    response = owner.get("/profiel/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="persoonlijk-profiel.pdf"'
    text = pdf_text(response.content)
    for shown in (
        "Persoonlijk Profiel",
        anna.full_name,
        "Talenten",
        "Skills",
        "Plannen en organiseren",
        "Drijfveren",
        "Wendbaarheid",
        "Werk- en denkniveau",
        "Doel & motivatie",
        "Wijkverpleegkundige in Zaandam",
        "Ervaring",
        "Waar ik trots op ben",
        "Mijn eerste marathon",
        "Gemaakt met Loopbrug op",
    ):
        assert shown in text, shown
    # Navigation, buttons and links to other pages stay on the screen; the sensitive data
    # stays out of the PDF one applies with.
    for hidden in ("Mijn matches", "Uitloggen", "Download als PDF", "Profiel aanvullen"):
        assert hidden not in text, hidden
    assert "Rugklachten" not in text and "Gevoelige gegevens" not in text


def test_all_my_data_as_pdf_adds_account_sensitive_data_shares_and_views(as_user, anna):
    _filled_profile(anna)
    response = as_user(anna).get("/profiel/export.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="loopbrug-mijn-gegevens.pdf"'
    text = pdf_text(response.content)
    for shown in (
        "Mijn eerste marathon",
        "Account",
        anna.email,
        "Gevoelige gegevens (alleen voor jou)",
        "Rugklachten",
        "Trajecten",
        "Met wie je deelt",
        "Wie je profiel bekeek",
    ):
        assert shown in text, shown


def test_a_pdf_is_tagged_has_a_title_and_language_and_uses_only_the_sans_font(as_user, anna):
    _filled_profile(anna)
    content = as_user(anna).get("/profiel/pdf/").content
    reader = pdf_reader(content)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == f"Persoonlijk Profiel · {anna.full_name} · Loopbrug"
    fonts = pdf_fonts(content)
    assert fonts and fonts <= SANS, fonts


def test_the_plan_pdf_is_the_print_page(as_user, catalogue, carla, amsterdam):
    plan, _ing, _inergy = arjans_plan(carla, amsterdam=amsterdam)
    coach = as_user(carla)
    base = f"/trajecten/{plan.traject.pk}/financiering/"
    response = coach.get(base + "financieringsplan.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="financieringsplan.pdf"'
    text = pdf_text(response.content)
    for shown in (
        "Financieringsplan van Arjan",
        "Financieel veilig",
        "De acht posten",
        "Vakopleiding",
        "€ 48.840,00",
        "Wie betaalt wat",
        "€ 21.390,00",
        "€ 27.450,00",
        "Inkomen tijdens de overstap",
    ):
        assert shown in text, shown
    assert "Afdrukken" not in text and "Naar het traject" not in text
    # The check marks come from the system's sans font: Noto Sans has none.
    assert pdf_fonts(response.content) <= SANS | {"DejaVu-Sans", "DejaVu-Sans-Bold"}


def test_the_report_pdf_shows_the_report_pages_figures_on_landscape_paper(db):
    result = {
        "region": "Groot Amsterdam",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "breakdown_label": "Doelsector",
        "tables": [
            {
                "key": "funnel",
                "title": "Trechter: trajecten die een fase bereikten",
                "headers": ["Fase", "Zorg en welzijn", "Totaal"],
                "rows": [["Aanmelding", 8, "*"], ["Oriëntatie", "<5", "*"]],
                "chart": [
                    {"label": "Aanmelding", "value": 8},
                    {"label": "Oriëntatie", "value": "*"},
                ],
            }
        ],
    }
    content = report_pdf(result)
    text = pdf_text(content)
    for shown in (
        "Rapportage Groot Amsterdam",
        "01-01-2026 – 30-06-2026",
        "uitgesplitst naar doelsector",
        "Aantallen onder de 5 staan als <5",
        "Trechter: trajecten die een fase bereikten",
        "Zorg en welzijn",
        "<5",
    ):
        assert shown in text, shown
    width, height = pdf_reader(content).pages[0].mediabox.upper_right
    assert width > height
    assert "width" not in result["tables"][0]["chart"][0], "the stored result stays as it was"


def test_a_pdf_fetches_only_loopbrugs_own_static_files():
    fetcher = pdf.StaticFilesFetcher(origins={"https://loopbrug.test"})
    response = fetcher.fetch("https://loopbrug.test" + static("css/print.css"))
    assert response.content_type == "text/css" and b"@page" in response.read()
    for url in (
        "https://elders.example/static/css/print.css",
        "https://loopbrug.test/profiel/",
        "file:///etc/passwd",
        "https://loopbrug.test/static/../../pyproject.toml",
        "https://loopbrug.test/static/%2e%2e/%2e%2e/pyproject.toml",
        "data:text/css,p{}",
    ):
        with pytest.raises((ValueError, FileNotFoundError)):
            fetcher.fetch(url)


def test_without_pango_a_pdf_names_the_debian_packages(monkeypatch):
    monkeypatch.setattr(pdf, "PANGO_ERROR", OSError("cannot load library 'libpango-1.0-0'"))
    with pytest.raises(ImproperlyConfigured, match="libpango-1.0-0 libpangoft2-1.0-0"):
        pdf.render_pdf(template="pdf/base.html", context={})
