from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import Region, User
from journeys.models import JOURNEY, PHASE_NORM_DAYS, TRANSITIONS, Phase, PhaseChange, Traject
from reports.selectors import HIDDEN, HIDDEN_TOTAL, compute_report, loket_home
from workspace import demo, history

pytestmark = pytest.mark.django_db

MODELS = [
    "accounts.User",
    "accounts.Organisation",
    "accounts.Region",
    "journeys.Traject",
    "journeys.PhaseChange",
    "otp_totp.TOTPDevice",
    "profiles.Profile",
    "profiles.ProfileSkill",
    "profiles.ProfileShare",
    "profiles.Experience",
    "orientatie.Event",
    "orientatie.Session",
    "orientatie.Registration",
    "orientatie.ShortlistItem",
    "orientatie.BeroepInfo",
    "orientatie.Initiative",
    "matching.Vacature",
    "matching.Match",
    "matching.Application",
    "matching.ApplicationEvent",
    "financing.FinancingPlan",
    "financing.Post",
    "financing.Contribution",
    "financing.IncomePeriod",
    "onboarding.Uitval",
]
PERSONAS = len(demo.OVERSTAPPERS)
SUPPRESSED = {HIDDEN, HIDDEN_TOTAL, "–"}


@pytest.fixture
def no_history(monkeypatch):
    """For tests about something else than the history: the named personas only (faster)."""
    monkeypatch.setattr(demo, "build_history", lambda **kwargs: False)


def _counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in MODELS}


def test_seed_demo_twice_gives_the_same_row_counts(regions, capsys):
    call_command("seed_demo", allow_without_debug=True)
    first = _counts()
    out = capsys.readouterr().out
    for role in ["Overstapper", "Coach", "Werkgever", "Opleider", "Loket", "Beheerder"]:
        assert role in out
    call_command("seed_demo", allow_without_debug=True)
    assert _counts() == first
    assert first["journeys.Traject"] == PERSONAS + history.TRAJECTEN
    assert "2100 trajecten uit de geschiedenis" in capsys.readouterr().out


def test_demo_trajecten_are_spread_over_the_phases(regions):
    call_command("seed_demo", allow_without_debug=True)
    phases = set(Traject.objects.values_list("phase", flat=True))
    # Every phase but "account verwijderd": the demo erases no accounts.
    assert phases == set(Phase.values) - {Phase.VERWIJDERD}
    names = set(Traject.objects.values_list("overstapper__full_name", flat=True))
    for first_name in [
        "Arjan",
        "Jenny",
        "Jitske",
        "Krista",
        "Miranda",
        "Frans",
        "Qizhi",
        "Lennard",
    ]:
        assert any(n.startswith(first_name) for n in names)


def test_demo_totp_prints_a_code_for_demo_accounts_only(regions, capsys, no_history):
    from django.core.management.base import CommandError

    call_command("seed_demo", allow_without_debug=True)
    capsys.readouterr()
    call_command("demo_totp", "coach@demo.loopbrug.nl")
    assert capsys.readouterr().out.strip().isdigit()
    with pytest.raises(CommandError):
        call_command("demo_totp", "iemand@gemeente.nl")


def test_seed_demo_refuses_with_debug_off_unless_told_so(regions, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="allow-without-debug"):
        call_command("seed_demo")
    assert not Traject.objects.exists()
    assert not User.objects.exists()


def test_the_demo_beheerder_is_a_superuser_only_with_debug_on(regions, settings, no_history):
    settings.DEBUG = False
    call_command("seed_demo", allow_without_debug=True)
    beheerder = User.objects.get(email="beheerder@demo.loopbrug.nl")
    assert beheerder.is_staff and not beheerder.is_superuser
    assert not User.objects.filter(is_superuser=True).exists()


def test_in_development_the_demo_beheerder_is_a_superuser(regions, settings, no_history):
    settings.DEBUG = True
    call_command("seed_demo")
    assert User.objects.get(email="beheerder@demo.loopbrug.nl").is_superuser


def test_demo_second_factor_secrets_are_made_per_database_never_committed(regions, no_history):
    from pathlib import Path

    from django_otp.plugins.otp_totp.models import TOTPDevice

    import workspace.demo

    call_command("seed_demo", allow_without_debug=True)
    first = dict(TOTPDevice.objects.values_list("user__email", "key"))
    assert set(first) == {
        f"{k}@demo.loopbrug.nl" for k in ("coach", "coach2", "loket", "beheerder")
    }
    assert len(set(first.values())) == len(first)  # each its own random key
    source = Path(workspace.demo.__file__).read_text()
    assert not any(key in source for key in first.values())

    TOTPDevice.objects.all().delete()  # as on another database
    call_command("seed_demo", allow_without_debug=True)
    second = dict(TOTPDevice.objects.values_list("user__email", "key"))
    assert all(second[email] != key for email, key in first.items())


# --- the demo region's history (issue 19) ----------------------------------------------------


def _history() -> list[Traject]:
    return list(
        Traject.objects.filter(overstapper__email__endswith="@" + history.DOMAIN).order_by("pk")
    )


def test_the_history_has_thousands_of_trajecten_over_three_years(regions):
    call_command("seed_demo", allow_without_debug=True)
    trajecten = _history()
    assert len(trajecten) >= 2000
    now = timezone.now()
    per_year = [0, 0, 0]
    for traject in trajecten:
        age = (now - traject.created_at).days
        assert 0 <= age <= 3 * 365 + 1
        per_year[min(age // 365, 2)] += 1
    assert all(n >= 400 for n in per_year), per_year
    region = Region.objects.get(code=history.REGION)
    assert {t.region_id for t in trajecten} == {region.pk}
    phases = {t.phase for t in trajecten}
    assert phases == set(JOURNEY) | {Phase.UITGEVALLEN}
    # Retention and drop-out both happen: finished, dropped out and still on the way.
    done = sum(t.phase == Phase.AFGEROND for t in trajecten)
    dropped = sum(t.phase == Phase.UITGEVALLEN for t in trajecten)
    assert done >= 100 and dropped >= 300 and len(trajecten) - done - dropped >= 500


def test_every_history_traject_walks_the_journey_in_order(regions):
    call_command("seed_demo", allow_without_debug=True)
    trajecten = {t.pk: t for t in _history()}
    changes: dict[int, list[PhaseChange]] = {}
    for change in PhaseChange.objects.filter(traject_id__in=trajecten).order_by("at", "pk"):
        changes.setdefault(change.traject_id, []).append(change)
    uitval = dict(
        apps.get_model("onboarding.Uitval")
        .objects.filter(traject_id__in=trajecten)
        .values_list("traject_id", "phase")
    )
    went_back = 0
    for pk, traject in trajecten.items():
        steps = changes[pk]
        assert (steps[0].from_phase, steps[0].to_phase) == ("", Phase.AANMELDING)
        assert steps[0].at == traject.created_at
        for previous, change in zip(steps, steps[1:], strict=False):
            assert change.from_phase == previous.to_phase
            assert change.to_phase in TRANSITIONS[change.from_phase]
            assert change.at > previous.at
            went_back += (change.from_phase, change.to_phase) == (Phase.SELECTIE, Phase.MATCH)
        assert steps[-1].to_phase == traject.phase and steps[-1].at == traject.phase_since
        assert steps[-1].at < timezone.now()
        if traject.phase == Phase.UITGEVALLEN:
            assert uitval[pk] == steps[-1].from_phase
        else:
            assert pk not in uitval
    assert went_back > 0  # a failed meeloopstage sends a few back from selectie to match


def test_the_history_is_the_same_from_the_same_seed():
    now = timezone.now()
    first = history.simulate(now=now, rng=random.Random(history.SEED), count=300)
    second = history.simulate(now=now, rng=random.Random(history.SEED), count=300)
    assert first == second
    other = history.simulate(now=now, rng=random.Random(history.SEED + 1), count=300)
    assert first != other


def test_lead_times_lie_around_the_norms(regions):
    call_command("seed_demo", allow_without_debug=True)
    today = timezone.localdate()
    report = compute_report(
        region=Region.objects.get(code=history.REGION),
        period_start=today - timedelta(days=3 * 365),
        period_end=today,
    )
    lead = next(t for t in report["tables"] if t["key"] == "lead_time")
    for phase, row in zip(JOURNEY[:-1], lead["rows"], strict=True):
        _label, count, median, p75, norm, _text = row
        assert norm == PHASE_NORM_DAYS[phase]
        assert count not in SUPPRESSED and count >= 100, row
        # Most make the norm; a quarter takes longer, but not twice as long.
        assert norm / 3 <= median <= norm, row
        assert median < p75 <= 1.5 * norm, row


def test_the_loket_report_and_home_show_real_figures_for_the_demo_region(regions):
    call_command("seed_demo", allow_without_debug=True)
    region = Region.objects.get(code=history.REGION)
    today = timezone.localdate()
    report = compute_report(
        region=region, period_start=today - timedelta(days=364), period_end=today
    )
    tables = {t["key"]: t for t in report["tables"]}
    funnel = {row[0]: row[-2] for row in tables["funnel"]["rows"]}
    assert all(isinstance(n, int) and n >= 20 for n in funnel.values()), funnel
    for row in tables["lead_time"]["rows"]:
        assert isinstance(row[2], float), row
    uitval_totals = [row[-1] for row in tables["uitval"]["rows"]]
    assert sum(isinstance(n, int) and n >= 5 for n in uitval_totals) >= 5, uitval_totals
    for row in tables["retention"]["rows"][:2]:
        _label, started, retained, dropped, share = row
        assert all(isinstance(n, int) for n in (started, retained, dropped)), row
        assert started >= 50 and 0 < dropped < retained
        assert 70 <= int(share.rstrip("%")) < 100
    plans = {row[0]: row[1] for row in tables["financing"]["rows"]}
    assert plans["Financieringsplannen"] >= 500
    assert 40 <= int(plans["Aandeel financieel veilig"].rstrip("%")) <= 90
    coverage = tables["financing_coverage"]["rows"]
    assert len(coverage) == 8
    for row in coverage:
        assert row[1] not in SUPPRESSED and row[-1].endswith("%"), row
    kinds = {row[0]: row for row in tables["orientatie-soort"]["rows"]}
    assert kinds["Informatiebijeenkomst"][1] >= 10 and kinds["Informatiebijeenkomst"][4] >= 50
    matching = [row for row in tables["matching"]["rows"] if isinstance(row[2], int)]
    assert sum(row[4] for row in matching if isinstance(row[4], int)) >= 100  # contracts

    home = loket_home(region=region, today=today)
    figures = {str(f["label"]): f["value"] for f in home["figures"]}
    assert len(figures) == 6
    for label, value in figures.items():
        assert value not in SUPPRESSED, (label, value)
    assert figures["Aanmeldingen"] >= 500


def test_the_named_coaches_keep_a_caseload_of_about_25(regions):
    call_command("seed_demo", allow_without_debug=True)
    for key in ("coach", "coach2"):
        coach = User.objects.get(email=demo.email_for(key))
        open_ = Traject.objects.open().filter(coach=coach).count()
        assert 20 <= open_ <= 30, (key, open_)
        assert Traject.objects.filter(coach=coach).count() <= 45
    coaches = User.objects.filter(email__endswith="@" + history.DOMAIN, role="coach")
    assert coaches.count() == history.HISTORY_COACHES
    loads = [Traject.objects.open().filter(coach=c).count() for c in coaches]
    assert min(loads) > 0
    # Nobody from the history waits in the intake list; nobody logs in as them.
    assert not Traject.objects.open().filter(
        coach__isnull=True, overstapper__email__endswith="@" + history.DOMAIN
    )
    assert not any(
        u.has_usable_password() for u in User.objects.filter(email__endswith="@" + history.DOMAIN)
    )


def _personas() -> dict:
    """What a persona's user sees of their own world, without ids or exact moments."""
    from financing.models import Contribution, Post
    from matching.models import Application, Match
    from profiles.models import Profile

    facts = {}
    now = timezone.now()
    for person in [*demo.OVERSTAPPERS, *demo.STAFF]:
        user = User.objects.get(email=demo.email_for(person.key))
        trajecten = []
        for t in Traject.objects.filter(overstapper=user).order_by("attempt"):
            trajecten.append(
                (
                    t.phase,
                    t.coach.email if t.coach else None,
                    t.region.code,
                    t.entry_route,
                    t.target_sector,
                    round((now - t.phase_since).total_seconds() / 3600),
                    [
                        (c.from_phase, c.to_phase, round((now - c.at).total_seconds() / 3600))
                        for c in t.phase_changes.order_by("at", "pk")
                    ],
                    sorted(
                        (p.kind, str(p.estimate), str(sum(c.amount for c in p.contributions.all())))
                        for p in Post.objects.filter(plan__traject=t)
                    ),
                )
            )
        profile = Profile.objects.filter(user=user).first()
        facts[person.key] = {
            "user": (user.full_name, user.role, user.organisation_id and user.organisation.name),
            "trajecten": trajecten,
            "caseload": sorted(
                (t.overstapper.email, t.phase)
                for t in Traject.objects.filter(
                    coach=user, overstapper__email__endswith="@" + demo.DEMO_DOMAIN
                )
            ),
            "matches": sorted(
                Match.objects.filter(profile=profile).values_list("vacature__title", flat=True)
            )
            if profile
            else [],
            "applications": sorted(
                Application.objects.filter(profile=profile).values_list("vacature__title", "status")
            )
            if profile
            else [],
            "contributions": Contribution.objects.filter(
                post__plan__traject__overstapper=user
            ).count(),
        }
    return facts


class _Rollback(Exception):
    pass


def _rescore_all() -> None:
    """What the rescore after the commit and the nightly match run do."""
    from matching.models import Vacature
    from matching.services import rescore_vacature

    for vacature in Vacature.objects.open():
        rescore_vacature(vacature_id=vacature.pk)


def test_the_named_personas_stay_as_they_are(regions, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(demo, "build_history", lambda **kwargs: False)
        try:
            with transaction.atomic():
                demo.seed_demo()
                alone = _personas()
                _rescore_all()
                alone_rescored = _personas()
                raise _Rollback
        except _Rollback:
            pass
    assert not Traject.objects.exists()
    demo.seed_demo()
    assert len(_history()) == history.TRAJECTEN
    assert _personas() == alone
    # The history's profiles do not push a persona out of a match when the engine scores
    # every open vacature against everyone.
    _rescore_all()
    assert _personas() == alone_rescored
