"""The Persoonlijk Profiel: building it step by step, bad input, the document and PDF."""

from __future__ import annotations

from decimal import Decimal

import pytest

from profiles.models import Profile, ProfileStep
from profiles.services import profile_get_or_create, profile_skill_upsert
from taxonomy.models import Drijfveer, Skill, Talent

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(as_user, anna):
    return as_user(anna)


def _profile(user) -> Profile:
    return Profile.objects.get(user=user)


def test_the_curated_taxonomy_is_loaded_with_enough_skills_and_beroepen(db):
    from taxonomy.models import Beroep

    assert Skill.objects.filter(code__startswith="lb:").count() >= 300
    assert Beroep.objects.filter(code__startswith="lb:").count() >= 40
    for sector in ["zorg", "onderwijs", "techniek", "ict"]:
        assert Beroep.objects.filter(sector=sector).count() >= 8
    assert Talent.objects.filter(label__iexact="gedreven").exists()
    assert Drijfveer.objects.filter(label__iexact="autonomie").exists()


def test_talenten_step_saves_and_marks_the_step_done(owner, anna):
    talents = list(Talent.objects.all()[:2])
    response = owner.post(
        "/profiel/stap/talenten/",
        {
            "talents": [t.pk for t in talents],
            "own_words": "Ik zie wat mensen nodig hebben.",
            "next": "1",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/profiel/stap/skills/"
    profile = _profile(anna)
    assert set(profile.talents.all()) == set(talents)
    assert ProfileStep.TALENTEN in profile.completed_steps


def test_autosave_with_htmx_answers_with_the_status_only(owner, anna):
    talent = Talent.objects.first()
    response = owner.post(
        "/profiel/stap/talenten/",
        {"talents": [talent.pk], "own_words": "", "autosave": "1"},
        headers={"HX-Request": "true", "HX-Target": "save-status"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<p id="save-status"')
    assert "Automatisch opgeslagen" in body
    assert list(_profile(anna).talents.all()) == [talent]


def test_skill_search_finds_by_prefix_and_inside_labels_and_ignores_accents(owner):
    body = owner.get(
        "/profiel/stap/skills/zoek/?q=plan",
        headers={"HX-Request": "true", "HX-Target": "skill-results"},
    ).content.decode()
    assert body.lstrip().startswith('<div id="skill-results"')
    assert "Plannen en organiseren" in body
    client_labels = [s.label_nl for s in Skill.objects.filter(label_nl__icontains="cliënt")[:1]]
    if client_labels:
        assert client_labels[0] in owner.get("/profiel/stap/skills/zoek/?q=client").content.decode()


def test_without_javascript_the_skill_search_renders_the_whole_step(owner):
    body = owner.get("/profiel/stap/skills/?q=plan").content.decode()
    assert "<html" in body and "Plannen en organiseren" in body


def test_a_skill_is_added_with_level_and_evidence_and_can_be_removed(owner, anna):
    skill = Skill.objects.get(label_nl="Plannen en organiseren")
    response = owner.post(
        "/profiel/stap/skills/toevoegen/",
        {"skill": skill.pk, "level": "4", "evidence_type": "werkervaring"},
        headers={"HX-Request": "true", "HX-Target": "skill-list"},
    )
    assert response.content.decode().lstrip().startswith('<section id="skill-list"')
    item = _profile(anna).profile_skills.get()
    assert (item.skill, item.level, item.evidence_type) == (skill, 4, "werkervaring")
    owner.post(f"/profiel/stap/skills/{skill.pk}/verwijderen/")
    assert not _profile(anna).profile_skills.exists()
    assert ProfileStep.SKILLS not in _profile(anna).completed_steps


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"skill": "999999", "level": "3", "evidence_type": "zelf"}, "Deze skill bestaat niet"),
        (
            {"skill": "SKILL", "level": "9", "evidence_type": "zelf"},
            "Kies een niveau van 1 tot en met 5",
        ),
        (
            {"skill": "SKILL", "level": "0", "evidence_type": "zelf"},
            "Kies een niveau van 1 tot en met 5",
        ),
    ],
)
def test_bad_skill_input_is_explained_and_changes_nothing(owner, anna, data, message):
    skill = Skill.objects.first()
    data = {k: (str(skill.pk) if v == "SKILL" else v) for k, v in data.items()}
    response = owner.post("/profiel/stap/skills/toevoegen/", data, follow=True)
    assert message in response.content.decode()
    assert not _profile(anna).profile_skills.exists()


def test_drijfveren_are_ranked_and_five_complete_the_step(owner, anna):
    drives = list(Drijfveer.objects.all()[:5])
    owner.post("/profiel/stap/drijfveren/", {f"rank_{i + 1}": d.pk for i, d in enumerate(drives)})
    profile = _profile(anna)
    assert [d.drijfveer for d in profile.ranked_drijfveren.all()] == drives
    assert ProfileStep.DRIJFVEREN in profile.completed_steps


def test_the_same_drijfveer_twice_is_refused(owner, anna):
    drive = Drijfveer.objects.first()
    body = owner.post(
        "/profiel/stap/drijfveren/", {"rank_1": drive.pk, "rank_2": drive.pk}
    ).content.decode()
    assert "twee keer gekozen" in body
    assert not _profile(anna).ranked_drijfveren.exists()


def test_wendbaarheid_gives_a_score_only_when_all_statements_are_answered(owner, anna):
    owner.post("/profiel/stap/wendbaarheid/", {"q0": "5", "q1": "5"})
    assert _profile(anna).wendbaarheid_score is None
    owner.post("/profiel/stap/wendbaarheid/", {f"q{i}": "4" for i in range(8)})
    profile = _profile(anna)
    assert profile.wendbaarheid_score == 75
    assert ProfileStep.WENDBAARHEID in profile.completed_steps


def test_a_wendbaarheid_answer_out_of_range_is_refused(owner, anna):
    body = owner.post("/profiel/stap/wendbaarheid/", {"q0": "7"}).content.decode()
    assert "geldige keuze" in body
    assert _profile(anna).wendbaarheid_answers == []


def test_doel_stores_income_as_decimal_euros_with_a_dutch_comma(owner, anna):
    owner.post(
        "/profiel/stap/doel/",
        {
            "ambition": "Verpleegkundige worden",
            "motivation": "Ik wil zorgen",
            "target_sectors": ["zorg"],
            "min_net_income": "2150,50",
            "hours_per_week": "32",
        },
    )
    profile = _profile(anna)
    assert profile.min_net_income == Decimal("2150.50")
    assert profile.hours_per_week == 32
    assert ProfileStep.DOEL in profile.completed_steps


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hours_per_week": "80"}, "hoogstens 60"),
        ({"min_net_income": "veel"}, "Vul een bedrag in euro in"),
        ({"target_sectors": ["ruimtevaart"]}, "geldige keuze"),
        ({"ambition": "x" * 2001}, "niet meer dan 2000 tekens"),
    ],
)
def test_bad_doel_input_is_explained_and_changes_nothing(owner, anna, data, message):
    body = owner.post("/profiel/stap/doel/", {"ambition": "Leraar", **data}).content.decode()
    assert message in body
    profile = _profile(anna)
    assert profile.ambition == "" and profile.hours_per_week is None


def test_a_10_mb_text_field_is_refused_with_a_dutch_page(owner, anna):
    response = owner.post("/profiel/stap/ervaring/", {"proud_of": "x" * (10 * 1024 * 1024)})
    assert response.status_code == 400
    assert "Dit ging niet goed" in response.content.decode()
    assert _profile(anna).proud_of == ""


def test_html_in_free_text_is_escaped_on_the_document(owner, anna):
    owner.post(
        "/profiel/stap/ervaring/",
        {"proud_of": '<script>alert(1)</script>"><img src=x onerror=alert(2)>'},
    )
    body = owner.get("/profiel/").content.decode()
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_experience_with_end_before_start_is_refused(owner, anna):
    body = owner.post(
        "/profiel/stap/ervaring/toevoegen/",
        {"kind": "werk", "title": "Kassamedewerker", "start_year": "2010", "end_year": "2005"},
    ).content.decode()
    assert "eindjaar ligt voor het beginjaar" in body
    assert not _profile(anna).experiences.exists()


def test_unknown_step_is_404(owner):
    assert owner.get("/profiel/stap/vakantie/").status_code == 404


def test_only_overstappers_have_a_profile(as_user, wim):
    assert as_user(wim).get("/profiel/").status_code == 403


def test_the_document_shows_every_part(owner, anna):
    profile = profile_get_or_create(user=anna)
    profile_skill_upsert(
        profile=profile, skill=Skill.objects.get(label_nl="Plannen en organiseren"), level=4
    )
    profile.proud_of = "Mijn eerste marathon"
    profile.save()
    body = owner.get("/profiel/").content.decode()
    for heading in [
        "Talenten",
        "Skills",
        "Drijfveren",
        "Wendbaarheid",
        "Werk- en denkniveau",
        "Doel &",
        "Ervaring",
        "Waar ik trots op ben",
    ]:
        assert heading in body
    assert "Plannen en organiseren" in body and "Mijn eerste marathon" in body


@pytest.mark.parametrize(
    "name",
    ["Anaïs Müller-Ëlberg van den Broeck-Wijnaendts tot Ruïne " * 4, "Zoë", "<b>Ö</b> & co"],
)
def test_the_pdf_never_breaks_on_long_names_diacritics_markup_or_empty_sections(owner, anna, name):
    anna.full_name = name[:200]
    anna.save()
    response = owner.get("/profiel/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_sensitive_data_is_optional_and_marked(owner, anna):
    assert owner.get("/profiel/gevoelig/").status_code == 200
    owner.post(
        "/profiel/gevoelig/", {"health": "Rugklachten", "arbeidsbeperking": "true", "status": ""}
    )
    profile = _profile(anna)
    assert profile.sensitive_health == "Rugklachten" and profile.sensitive_arbeidsbeperking is True
