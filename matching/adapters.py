"""Database rows → the engine's inputs, in a fixed number of queries however many rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from profiles.models import Profile, ProfileDrijfveer, ProfileSkill
from taxonomy.models import NIVEAU_NLQF, Beroep

from . import engine
from .models import Vacature, VacatureSkill


def _net_income(value) -> float | None:
    return float(value) if value is not None else None


def profile_inputs(profile_ids: Iterable[int]) -> list[engine.ProfileInput]:
    ids = list(profile_ids)
    skills: dict[int, dict] = defaultdict(dict)
    for pid, sid, level, evidence, validated in ProfileSkill.objects.filter(
        profile_id__in=ids
    ).values_list("profile_id", "skill_id", "level", "evidence_type", "validated_at"):
        skills[pid][sid] = (level, evidence, validated is not None)
    drives: dict[int, list] = defaultdict(list)
    for pid, did in (
        ProfileDrijfveer.objects.filter(profile_id__in=ids)
        .order_by("profile_id", "rank")
        .values_list("profile_id", "drijfveer_id")
    ):
        drives[pid].append(did)
    talents: dict[int, list] = defaultdict(list)
    for pid, tid in Profile.talents.through.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "talent_id"
    ):
        talents[pid].append(tid)
    rows = Profile.objects.filter(pk__in=ids).values_list(
        "pk", "niveau", "user__home_region_id", "hours_per_week", "min_net_income"
    )
    return [
        engine.ProfileInput(
            id=pk,
            skills=skills[pk],
            drijfveren=drives[pk],
            talents=talents[pk],
            nlqf=NIVEAU_NLQF.get(niveau),
            region_id=region_id,
            reach={region_id} if region_id else set(),
            hours=hours,
            min_net_income=_net_income(income),
        )
        for pk, niveau, region_id, hours, income in rows
    ]


def vacature_inputs(vacatures) -> list[engine.VacatureInput]:
    ids = [v.pk if hasattr(v, "pk") else v for v in vacatures]
    skills: dict[int, dict] = defaultdict(dict)
    for vid, sid, level, essential in VacatureSkill.objects.filter(vacature_id__in=ids).values_list(
        "vacature_id", "skill_id", "min_level", "essential"
    ):
        skills[vid][sid] = (level, essential)
    drives: dict[int, list] = defaultdict(list)
    for vid, did in Vacature.drijfveren.through.objects.filter(vacature_id__in=ids).values_list(
        "vacature_id", "drijfveer_id"
    ):
        drives[vid].append(did)
    talents: dict[int, list] = defaultdict(list)
    for vid, tid in Vacature.talents.through.objects.filter(vacature_id__in=ids).values_list(
        "vacature_id", "talent_id"
    ):
        talents[vid].append(tid)
    rows = Vacature.objects.filter(pk__in=ids).values_list(
        "pk", "niveau", "region_id", "landelijk", "hours_per_week", "salary_min", "salary_max"
    )
    return [
        engine.VacatureInput(
            id=pk,
            skills=skills[pk],
            drijfveren=drives[pk],
            talents=talents[pk],
            nlqf=NIVEAU_NLQF.get(niveau),
            region_id=region_id,
            landelijk=landelijk,
            hours=hours,
            salary_min=float(smin) if smin is not None else None,
            salary_max=float(smax) if smax is not None else None,
        )
        for pk, niveau, region_id, landelijk, hours, smin, smax in rows
    ]


def beroep_inputs(beroepen: Iterable[Beroep]) -> list[engine.VacatureInput]:
    """Beroepen as open-ended 'vacatures': no region, hours or salary, so no hard filter."""
    beroepen = list(beroepen)
    skills: dict[int, dict] = defaultdict(dict)
    for bid, sid, essential in Beroep.skills.through.objects.filter(
        beroep_id__in=[b.pk for b in beroepen]
    ).values_list("beroep_id", "skill_id", "essential"):
        skills[bid][sid] = (3, essential)
    return [
        engine.VacatureInput(
            id=b.pk,
            skills=skills[b.pk],
            drijfveren=[],
            talents=[],
            nlqf=NIVEAU_NLQF.get(b.niveau),
            region_id=None,
            landelijk=True,
            hours=None,
            salary_min=None,
            salary_max=None,
        )
        for b in beroepen
    ]
