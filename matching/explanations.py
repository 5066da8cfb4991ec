"""A match explained in plain Dutch. Pure Python over the engine's inputs, no database.

Every sentence has one rule, written next to it, and tests/test_match_truth.py checks each
rule with Hypothesis over random profiles and vacatures:

- drijfveren, talenten, niveau: a fit sentence only when both sides have that part (then it
  counts in the score, see engine.OPTIONAL_PARTS); when the person lacks it, a sentence says
  what to fill in; when only the vacature lacks it, a sentence says it does not count.
- region: "in jouw regio" only for the person's own region; "landelijk" for a landelijke
  vacature elsewhere; "binnen je reisbereik" for another region the person accepts
  (ProfileInput.reach); otherwise no region sentence.
- skills: every skill the vacature asks is in exactly one list: held at the asked level
  (matched), held below it (below_level: "je hebt X op niveau 2, gevraagd 3"), or not held.
- salary: the person's minimum is net, the vacature's scale gross; the sentence compares the
  estimated net (engine.NET_FACTOR of gross) and says it is an estimate.
- section: a vacature where the person has none of the essential skills (or, when it marks
  none essential, none of its skills) and that scores under LOOK_THRESHOLD is not a match
  "die bij je past" but goes to "Ook het bekijken waard", with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from . import engine

# Under this score, a vacature without any essential skill in common is "ook het bekijken
# waard", not "past bij je": 50 is what a perfect fit on everything but skills reaches.
LOOK_THRESHOLD = 50

SECTION_FIT = "passend"
SECTION_LOOK = "bekijken"

FILL_IN = {
    "drijfveren": N_("Vul je drijfveren in, dan zie je of ze passen."),
    "talenten": N_("Vul je talenten in, dan zie je of ze passen."),
    "niveau": N_("Vul je werk- en denkniveau in, dan zie je of het niveau past."),
    "inkomen": N_("Vul je minimale netto inkomen in, dan zie je of het salaris genoeg is."),
}
NOT_ASKED = {
    "drijfveren": N_("De werkgever noemt geen drijfveren; die tellen niet mee in de score."),
    "talenten": N_("De werkgever noemt geen talenten; die tellen niet mee in de score."),
    "niveau": N_("De werkgever noemt geen niveau; dat telt niet mee in de score."),
}
FIT = {
    "drijfveren": (
        N_("Je drijfveren passen goed bij dit werk."),
        N_("Je drijfveren passen maar deels bij dit werk."),
    ),
    "talenten": (
        N_("Je talenten passen goed bij wat dit werk vraagt."),
        N_("Je hebt een deel van de talenten die dit werk vraagt."),
    ),
}
NIVEAU_FIT = N_("Het niveau past bij je werk- en denkniveau.")
NIVEAU_CLOSE = N_("Het niveau ligt dicht bij je werk- en denkniveau.")
NIVEAU_HIGHER = N_("Het werk vraagt een hoger niveau dan je nu laat zien.")
REGION_OWN = N_("Het werk is in jouw regio.")
REGION_LANDELIJK = N_("Dit is een landelijke vacature: je kunt vanuit elke regio reageren.")
REGION_REACH = N_("Het werk is binnen je reisbereik.")


@dataclass
class Explanation:
    """A match in plain Dutch: what you bring, what you still learn, and the practical fit."""

    matched: list[str] = field(default_factory=list)
    below_level: list[dict] = field(default_factory=list)  # skill, level, asked, essential
    missing_essential: list[str] = field(default_factory=list)
    missing_optional: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    to_fill_in: list[str] = field(default_factory=list)
    section: str = SECTION_FIT
    section_reason: str = ""
    teaching: list[dict] | None = None  # modules that teach what is missing (with_teaching)

    @property
    def below_level_sentences(self) -> list[str]:
        return [below_level_sentence(**b) for b in self.below_level]

    @property
    def to_learn_labels(self) -> list[str]:
        """Every skill still to learn or to deepen, for the modules that teach them."""
        return (
            [b["skill"] for b in self.below_level] + self.missing_essential + self.missing_optional
        )


def below_level_sentence(*, skill: str, level: int, asked: int, essential: bool = True) -> str:
    return _("je hebt %(skill)s op niveau %(level)s, gevraagd %(asked)s") % {
        "skill": skill,
        "level": level,
        "asked": asked,
    }


def euro(value: float) -> str:
    """€ 2.300 (whole euros, Dutch thousands separator)."""
    return "€ " + f"{round(value):,}".replace(",", ".")


def _present(profile: engine.ProfileInput, vacature: engine.VacatureInput) -> dict[str, tuple]:
    """(person has it, vacature has it) for each optional part."""
    return {
        "drijfveren": (bool(engine._ranked_drijfveren(profile)), bool(vacature.drijfveren)),
        "talenten": (bool(profile.talents), bool(vacature.talents)),
        "niveau": (profile.nlqf is not None, vacature.nlqf is not None),
    }


def region_sentence(profile: engine.ProfileInput, vacature: engine.VacatureInput) -> str | None:
    home = profile.region_id
    if home is not None and vacature.region_id == home:
        return _(REGION_OWN)
    if vacature.landelijk:
        return _(REGION_LANDELIJK)
    if vacature.region_id is not None and vacature.region_id in profile.reach:
        return _(REGION_REACH)
    return None


def _income_sentence(profile: engine.ProfileInput, vacature: engine.VacatureInput) -> str | None:
    need = profile.min_net_income
    top = float(vacature.salary_max) if vacature.salary_max is not None else None
    low = float(vacature.salary_min) if vacature.salary_min is not None else top
    if need is None or low is None:
        return None
    need = float(need)
    pct = round(100 * engine.NET_FACTOR)
    if engine.NET_FACTOR * low >= need:
        return _(
            "Geschat netto (ongeveer %(pct)s%% van het bruto salaris vanaf %(gross)s) verdien je "
            "zo'n %(net)s per maand: genoeg voor je minimale netto inkomen van %(need)s."
        ) % {
            "pct": pct,
            "gross": euro(low),
            "net": euro(engine.NET_FACTOR * low),
            "need": euro(need),
        }
    if top is not None and engine.NET_FACTOR * top >= need:
        return _(
            "Alleen bovenin de schaal (bruto %(gross)s, geschat netto zo'n %(net)s) haal je je "
            "minimale netto inkomen van %(need)s; onderin (geschat netto %(low)s) niet."
        ) % {
            "gross": euro(top),
            "net": euro(engine.NET_FACTOR * top),
            "need": euro(need),
            "low": euro(engine.NET_FACTOR * low),
        }
    return _(
        "Geschat netto (ongeveer %(pct)s%% van bruto, tot %(net)s) is het salaris lager dan je "
        "minimale netto inkomen van %(need)s."
    ) % {"pct": pct, "net": euro(engine.NET_FACTOR * (top or low)), "need": euro(need)}


def _hours_sentence(profile: engine.ProfileInput, vacature: engine.VacatureInput) -> str | None:
    if profile.hours is None or vacature.hours is None:
        return None
    if vacature.hours <= profile.hours:
        return _("Het aantal uren (%(asked)s per week) past bij wat je wilt.") % {
            "asked": vacature.hours
        }
    return _("Het werk vraagt %(asked)s uur per week, %(more)s meer dan je wilt.") % {
        "asked": vacature.hours,
        "more": vacature.hours - profile.hours,
    }


def has_essential_in_common(profile: engine.ProfileInput, vacature: engine.VacatureInput) -> bool:
    """Whether the person holds (at any level) an essential skill of the vacature; when it
    marks none essential, any skill it asks."""
    essential = [s for s, (_m, e) in vacature.skills.items() if e] or list(vacature.skills)
    return any(s in profile.skills for s in essential)


def explain_pair(
    profile: engine.ProfileInput,
    vacature: engine.VacatureInput,
    *,
    score: int,
    labels: dict[int, str],
) -> Explanation:
    """The explanation of one pair from the same facts the engine scored."""
    ex = Explanation()
    for skill_id in sorted(vacature.skills):
        asked, essential = vacature.skills[skill_id]
        asked = engine._level(asked)
        label = labels.get(skill_id)
        if label is None:
            continue
        held = profile.skills.get(skill_id)
        if held is None:
            (ex.missing_essential if essential else ex.missing_optional).append(label)
        elif engine._level(held[0]) < asked:
            ex.below_level.append(
                {
                    "skill": label,
                    "level": engine._level(held[0]),
                    "asked": asked,
                    "essential": bool(essential),
                }
            )
        else:
            ex.matched.append(label)

    present = _present(profile, vacature)
    for part, (mine, theirs) in present.items():
        if not mine:
            ex.to_fill_in.append(_(FILL_IN[part]))
        elif not theirs:
            ex.sentences.append(_(NOT_ASKED[part]))
        elif part == "niveau":
            value = engine._niveau(profile.nlqf, vacature.nlqf)
            ex.sentences.append(
                _(NIVEAU_FIT)
                if value >= 0.99
                else _(NIVEAU_HIGHER)
                if value < 0.5
                else _(NIVEAU_CLOSE)
            )
        else:
            fn = engine._drijfveren if part == "drijfveren" else engine._talenten
            good, partly = FIT[part]
            ex.sentences.append(_(good) if fn(profile, vacature) >= 0.5 else _(partly))

    for sentence in (
        region_sentence(profile, vacature),
        _hours_sentence(profile, vacature),
        _income_sentence(profile, vacature),
    ):
        if sentence:
            ex.sentences.append(sentence)
    if profile.min_net_income is None:
        ex.to_fill_in.append(_(FILL_IN["inkomen"]))

    if not has_essential_in_common(profile, vacature) and score < LOOK_THRESHOLD:
        ex.section = SECTION_LOOK
        ex.section_reason = _(
            "Je hebt nog geen van de belangrijkste skills voor dit werk, en de match is "
            "%(score)s%% (onder de %(threshold)s%%). Wel iets om te bekijken als je wilt leren."
        ) % {"score": score, "threshold": LOOK_THRESHOLD}
    return ex
