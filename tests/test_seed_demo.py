from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from journeys.models import Phase, Traject

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
]


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
    assert first["journeys.Traject"] == 11


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


def test_demo_totp_prints_a_code_for_demo_accounts_only(regions, capsys):
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


def test_the_demo_beheerder_is_a_superuser_only_with_debug_on(regions, settings):
    settings.DEBUG = False
    call_command("seed_demo", allow_without_debug=True)
    beheerder = User.objects.get(email="beheerder@demo.loopbrug.nl")
    assert beheerder.is_staff and not beheerder.is_superuser
    assert not User.objects.filter(is_superuser=True).exists()


def test_in_development_the_demo_beheerder_is_a_superuser(regions, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    assert User.objects.get(email="beheerder@demo.loopbrug.nl").is_superuser


def test_demo_second_factor_secrets_are_made_per_database_never_committed(regions):
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
