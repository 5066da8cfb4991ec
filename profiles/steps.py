"""The wizard: one step per bouwsteen. Each step knows its form, how to fill it from the
profile, and which service saves it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms

from . import forms as f
from . import services as s
from .models import Profile, ProfileStep


@dataclass(frozen=True)
class Step:
    key: str
    form: type[forms.Form]
    initial: Callable[[Profile], dict]
    # save(profile, form, version): version is the profile version the form was loaded with.
    save: Callable[[Profile, forms.Form, int | None], None]

    @property
    def label(self) -> str:
        return ProfileStep(self.key).label


def _drijfveren_initial(p: Profile) -> dict:
    return {f"rank_{d.rank}": d.drijfveer_id for d in p.ranked_drijfveren.all()}


def _wendbaarheid_initial(p: Profile) -> dict:
    return {f"q{i}": a for i, a in enumerate(p.wendbaarheid_answers)}


STEPS = [
    Step(
        ProfileStep.TALENTEN,
        f.TalentenForm,
        lambda p: {"talents": list(p.talents.all()), "own_words": p.talents_own_words},
        lambda p, form, v: s.profile_save_talenten(
            profile=p,
            talents=list(form.cleaned_data["talents"]),
            own_words=form.cleaned_data["own_words"],
            version=v,
        ),
    ),
    # Skills are added and removed one by one (their own forms); the step has no main form.
    Step(ProfileStep.SKILLS, forms.Form, lambda p: {}, lambda p, form, v: None),
    Step(
        ProfileStep.DRIJFVEREN,
        f.DrijfverenForm,
        _drijfveren_initial,
        lambda p, form, v: s.profile_save_drijfveren(profile=p, ranked=form.ranked(), version=v),
    ),
    Step(
        ProfileStep.WENDBAARHEID,
        f.WendbaarheidForm,
        _wendbaarheid_initial,
        lambda p, form, v: s.profile_save_wendbaarheid(
            profile=p, answers=form.answers(), version=v
        ),
    ),
    Step(
        ProfileStep.NIVEAU,
        f.NiveauForm,
        lambda p: {"niveau": p.niveau, "basis": p.niveau_basis, "evidence": p.niveau_evidence},
        lambda p, form, v: s.profile_save_niveau(
            profile=p,
            niveau=form.cleaned_data["niveau"],
            basis=form.cleaned_data["basis"],
            evidence=form.cleaned_data["evidence"],
            version=v,
        ),
    ),
    Step(
        ProfileStep.DOEL,
        f.DoelForm,
        lambda p: {
            "ambition": p.ambition,
            "motivation": p.motivation,
            "target_sectors": p.target_sectors,
            "target_beroepen": list(p.target_beroepen.all()),
            "min_net_income": p.min_net_income,
            "hours_per_week": p.hours_per_week,
        },
        lambda p, form, v: s.profile_save_doel(profile=p, **form.cleaned_data, version=v),
    ),
    Step(
        ProfileStep.ERVARING,
        f.ProudForm,
        lambda p: {"proud_of": p.proud_of},
        lambda p, form, v: s.profile_save_proud_of(
            profile=p, proud_of=form.cleaned_data["proud_of"], version=v
        ),
    ),
]
STEP_BY_KEY = {step.key: step for step in STEPS}


def next_step(key: str) -> Step | None:
    index = [s.key for s in STEPS].index(key)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(key: str) -> Step | None:
    index = [s.key for s in STEPS].index(key)
    return STEPS[index - 1] if index > 0 else None
