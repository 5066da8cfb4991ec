from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from journeys.models import Phase, Traject

pytestmark = pytest.mark.django_db

MODELS = [
    "profiles.User",
    "profiles.Organisation",
    "profiles.Region",
    "journeys.Traject",
    "journeys.PhaseChange",
    "otp_totp.TOTPDevice",
    "profiles.Profile",
    "profiles.ProfileSkill",
    "profiles.ProfileShare",
    "profiles.Experience",
]


def _counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in MODELS}


def test_seed_demo_twice_gives_the_same_row_counts(regions, capsys):
    call_command("seed_demo")
    first = _counts()
    out = capsys.readouterr().out
    for role in ["Overstapper", "Coach", "Werkgever", "Opleider", "Loket", "Beheerder"]:
        assert role in out
    call_command("seed_demo")
    assert _counts() == first
    assert first["journeys.Traject"] == 10


def test_demo_trajecten_are_spread_over_the_phases(regions):
    call_command("seed_demo")
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

    call_command("seed_demo")
    capsys.readouterr()
    call_command("demo_totp", "coach@demo.loopbrug.nl")
    assert capsys.readouterr().out.strip().isdigit()
    with pytest.raises(CommandError):
        call_command("demo_totp", "iemand@gemeente.nl")
