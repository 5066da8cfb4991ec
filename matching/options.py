"""'Andere mogelijkheden': beroepen a person could switch to, led by the shortage
(doorbraak 6 and 7, issue 13).

Which beroepen: the curated ones the person brings at least one skill for, never the beroep
they have now or had (their werkervaring). How they rank: the engine's score against the
beroep's skills (skill overlap) plus points for how scarce the beroep is in the person's
region (the Tekort table; landelijk when the region has no figure); a beroep in a krimpsector
is marked and comes after all others. Each option says what the person brings, what to
learn, the Superscholing on offer in its sector (route length in months, from the published
leerwerktrajecten), the expected wage from the platform's open vacatures, and whether that
covers the person's minimum net income (estimated net, engine.NET_FACTOR).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Max, Min
from django.utils.translation import gettext as _

from accounts.models import Sector
from profiles.models import Experience, Profile
from taxonomy.models import Beroep, Skill, Spanning, Tekort, search_key

from . import engine, hooks
from .explanations import euro
from .models import Vacature

OPTIONS = 6
MIN_SECTORS = 2
# Score points for how scarce a beroep is (UWV's categories): zeer krap lifts an option by
# 20, zeer ruim lowers it by 20; no figure counts as gemiddeld.
SHORTAGE_POINTS = {1: -20, 2: -10, 3: 0, 4: 10, 5: 20}


def _past_titles(profile: Profile) -> list[str]:
    """The titles of the person's werkervaring (from the instance's prefetch, else a query)."""
    titles = [e.title for e in profile.experiences.all() if e.kind == Experience.Kind.WERK]
    return [t for t in (search_key(title) for title in titles) if len(t) >= 3]


def is_own_beroep(label: str, past_titles: list[str]) -> bool:
    """Whether a beroep is (one of) the person's current or previous jobs: its name and a
    werkervaring title are the same, or one contains the other ("Casting director" and
    "Senior casting director")."""
    name = search_key(label)
    return any(name == t or name in t or t in name for t in past_titles)


def shortage_by_beroep(*, beroep_ids: list[int], region_id: int | None) -> dict[int, Tekort]:
    """The Tekort row per beroep: the person's region when known there, else landelijk."""
    rows = Tekort.objects.filter(beroep_id__in=beroep_ids, region_id=None)
    out = {t.beroep_id: t for t in rows}
    if region_id is not None:
        for t in Tekort.objects.filter(beroep_id__in=beroep_ids, region_id=region_id):
            out[t.beroep_id] = t
    return out


def wages(beroepen: list[Beroep]) -> dict[int, dict]:
    """The gross monthly range of open vacatures for each beroep; else of open vacatures in
    its sector at its niveau; else in its sector. Three queries."""
    open_ = Vacature.objects.open()
    by_beroep = {
        r["beroep_id"]: r
        for r in open_.filter(beroep__in=beroepen)
        .values("beroep_id")
        .annotate(low=Min("salary_min"), high=Max("salary_max"))
    }
    by_niveau = {
        (r["sector"], r["niveau"]): r
        for r in open_.values("sector", "niveau").annotate(
            low=Min("salary_min"), high=Max("salary_max")
        )
    }
    by_sector = {
        r["sector"]: r
        for r in open_.values("sector").annotate(low=Min("salary_min"), high=Max("salary_max"))
    }
    out = {}
    for b in beroepen:
        for row, basis in (
            (by_beroep.get(b.pk), _("open vacatures voor dit beroep")),
            (
                by_niveau.get((b.sector, b.niveau)) if b.niveau else None,
                _("open vacatures in deze sector op dit niveau"),
            ),
            (by_sector.get(b.sector), _("open vacatures in deze sector")),
        ):
            if row is not None:
                out[b.pk] = {"low": row["low"], "high": row["high"], "basis": basis}
                break
    return out


def income_verdict(
    *, low: Decimal | None, high: Decimal | None, need: Decimal | None
) -> tuple[str, str]:
    """(code, sentence): whether the estimated net of a gross range covers a net need."""
    if low is None or high is None:
        return "onbekend", _("Nog geen loongegevens voor dit beroep op Loopbrug.")
    if need is None:
        return "onbekend", _("Vul je minimale netto inkomen in, dan zie je of dit genoeg is.")
    net_low, net_high = engine.NET_FACTOR * float(low), engine.NET_FACTOR * float(high)
    values = {"low": euro(net_low), "high": euro(net_high), "need": euro(float(need))}
    if net_low >= float(need):
        return "dekt", _(
            "Geschat netto %(low)s tot %(high)s: dat dekt je minimale netto inkomen van %(need)s."
        ) % values
    if net_high >= float(need):
        return "bovenin", _(
            "Geschat netto %(low)s tot %(high)s: alleen bovenin haal je je minimale netto "
            "inkomen van %(need)s."
        ) % values
    return "niet", _(
        "Geschat netto %(low)s tot %(high)s: minder dan je minimale netto inkomen van %(need)s."
    ) % values


def rank_key(*, score: int, spanning: int | None, krimp: bool, label: str) -> tuple:
    """Krimpsector last; then skill overlap plus scarcity, best first; then by name."""
    points = SHORTAGE_POINTS.get(spanning, 0) if spanning is not None else 0
    return (krimp, -(score + points), label)


def options_for_profile(
    *, profile: Profile, limit: int = OPTIONS, person: engine.ProfileInput | None = None
) -> list[dict]:
    """The options, best first (see the module docstring); `person` is the profile's engine
    input when the caller has read it already."""
    from .adapters import beroep_inputs, profile_inputs

    if person is None:
        person = profile_inputs([profile.pk])[0]
    past = _past_titles(profile)
    beroepen = [
        b
        for b in Beroep.objects.filter(code__startswith="lb:")
        if not is_own_beroep(b.label_nl, past)
    ]
    shortage = shortage_by_beroep(beroep_ids=[b.pk for b in beroepen], region_id=person.region_id)
    scored = []
    for b, vi in zip(beroepen, beroep_inputs(beroepen), strict=True):
        result = engine.score_pair(person, vi)
        if result is None or not result.matched:
            continue
        t = shortage.get(b.pk)
        key = rank_key(
            score=result.score,
            spanning=t.spanning if t else None,
            krimp=bool(t and t.krimpsector),
            label=b.label_nl,
        )
        scored.append((key, result, b, vi))
    scored.sort(key=lambda row: row[0])
    chosen = scored[:limit]
    # Perspective across sectors: when the best all share a sector, the best option of
    # another sector takes the last place.
    if len({b.sector for _k, _r, b, _v in chosen}) < MIN_SECTORS:
        other = next((row for row in scored[limit:] if row[2].sector != chosen[0][2].sector), None)
        if other is not None and chosen:
            chosen = [*chosen[: limit - 1], other] if len(chosen) >= limit else [*chosen, other]
    chosen_beroepen = [b for _k, _r, b, _v in chosen]
    schooling = hooks.superscholing_by_sector({b.sector for b in chosen_beroepen})
    wage = wages(chosen_beroepen)
    labels = dict(
        Skill.objects.filter(
            pk__in={s for _k, _r, _b, vi in chosen for s in vi.skills}
        ).values_list("pk", "label_nl")
    )
    out = []
    for _key, result, b, vi in chosen:
        t = shortage.get(b.pk)
        held = [s for s in sorted(vi.skills) if s in person.skills]
        to_learn = [s for s in sorted(vi.skills) if vi.skills[s][1] and s not in person.skills]
        w = wage.get(b.pk, {})
        verdict, sentence = income_verdict(
            low=w.get("low"), high=w.get("high"), need=profile.min_net_income
        )
        out.append(
            {
                "beroep": b,
                "sector": str(Sector(b.sector).label) if b.sector else "",
                "score": result.score,
                "spanning": t.spanning if t else None,
                "spanning_label": str(Spanning(t.spanning).label) if t else "",
                "spanning_where": (
                    ""
                    if t is None
                    else _("in jouw regio")
                    if t.region_id is not None
                    else _("landelijk")
                ),
                "krimpsector": bool(t and t.krimpsector),
                "shortage_source": t.source if t else "",
                "shortage_date": t.measured_on if t else None,
                "matched": [labels[s] for s in held if s in labels],
                "to_learn": [labels[s] for s in to_learn if s in labels],
                "superscholing": schooling.get(b.sector, [])[:2],
                "wage_min": w.get("low"),
                "wage_max": w.get("high"),
                "wage_basis": w.get("basis", ""),
                "income": verdict,
                "income_sentence": sentence,
            }
        )
    return out
