"""Reads for matching: matches with their reasons, options across sectors, candidates."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Organisation, Sector, User
from onboarding.selectors import modules_teaching_many
from profiles.models import Profile, ProfileShare
from taxonomy.models import Beroep, Skill

from .models import Application, Contract, Match, MatchRun, Vacature, VacatureSkill

PART_LABELS = {
    "skills": "Skills",
    "drijfveren": "Drijfveren",
    "talenten": "Talenten",
    "niveau": "Werk- en denkniveau",
    "praktisch": "Praktisch",
}


@dataclass
class Explanation:
    """A match in plain Dutch: what you bring, what you still learn, and the practical fit."""

    matched: list[str] = field(default_factory=list)
    missing_essential: list[str] = field(default_factory=list)
    missing_optional: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    teaching: list[dict] | None = None  # modules that teach what is missing (with_teaching)


def _skill_labels(ids: set[int]) -> dict[int, str]:
    return dict(Skill.objects.filter(pk__in=ids).values_list("pk", "label_nl"))


def explain(
    matches: list[Match], *, min_net_income=None, hours=None, with_teaching: bool = False
) -> dict[int, Explanation]:
    """Explanations for many matches with one query for all the skill names (and, with
    with_teaching, one for the modules that teach the missing skills)."""
    ids: set[int] = set()
    for m in matches:
        for key in ("matched", "missing_essential", "missing_optional"):
            ids.update(m.explanation.get(key, []))
    labels = _skill_labels(ids)
    out = {}
    for m in matches:
        e = m.explanation
        ex = Explanation(
            matched=[labels[i] for i in e.get("matched", []) if i in labels],
            missing_essential=[labels[i] for i in e.get("missing_essential", []) if i in labels],
            missing_optional=[labels[i] for i in e.get("missing_optional", []) if i in labels],
        )
        parts = m.parts or {}
        if parts.get("drijfveren", 0) >= 0.5:
            ex.sentences.append(_("Je drijfveren passen goed bij dit team."))
        elif parts.get("drijfveren") is not None:
            ex.sentences.append(_("Je drijfveren passen maar deels bij dit team."))
        niveau = parts.get("niveau")
        if niveau is not None:
            ex.sentences.append(
                _("Het niveau past bij je werk- en denkniveau.")
                if niveau >= 0.99
                else _("Het werk vraagt een hoger niveau dan je nu laat zien.")
                if niveau < 0.5
                else _("Het niveau ligt dicht bij je werk- en denkniveau.")
            )
        practical = e.get("practical", {})
        for key, yes, no in (
            ("regio", _("Het werk is in jouw regio."), _("Het werk is buiten je regio.")),
            (
                "uren",
                _("Het aantal uren past bij wat je wilt."),
                _("Het werk vraagt meer uren dan je wilt."),
            ),
            (
                "inkomen",
                _("Het salaris dekt je minimale inkomen."),
                _("Het salaris is waarschijnlijk lager dan wat je minimaal nodig hebt."),
            ),
        ):
            if practical.get(key) is True:
                ex.sentences.append(yes)
            elif practical.get(key) is False:
                ex.sentences.append(no)
        out[m.pk] = ex
    if with_teaching:
        explained = list(out.values())
        lists = [ex.missing_essential + ex.missing_optional for ex in explained]
        for ex, teaching in zip(explained, modules_teaching_many(label_lists=lists), strict=True):
            ex.teaching = teaching
    return out


def matches_for_profile(*, profile: Profile, limit: int = 50) -> list[Match]:
    matches = list(
        Match.objects.filter(profile=profile, vacature__status=Vacature.Status.OPEN)
        .select_related("vacature__organisation", "vacature__region", "vacature__opleider")
        .order_by("-score", "vacature_id")[:limit]
    )
    return matches


def options_for_profile(*, profile: Profile, minimum: int = 3) -> list[dict]:
    """At least three options across at least two sectors: beroepen whose skills overlap with
    the person's ('similar skills, minimal extra preparation', after O*NET's career changers)."""
    from . import engine
    from .adapters import beroep_inputs, profile_inputs

    person = profile_inputs([profile.pk])[0]
    beroepen = list(Beroep.objects.filter(code__startswith="lb:"))
    scored = []
    for b, vi in zip(beroepen, beroep_inputs(beroepen), strict=True):
        result = engine.score_pair(person, vi)
        if result is not None and result.matched:
            scored.append((result, b))
    scored.sort(key=lambda rb: (-rb[0].score, rb[1].label_nl))
    chosen, sectors = [], set()
    for result, beroep in scored:  # the best per sector first, so the options span sectors
        if beroep.sector not in sectors:
            chosen.append((result, beroep))
            sectors.add(beroep.sector)
    for result, beroep in scored:
        if len(chosen) >= max(minimum, 6):
            break
        if (result, beroep) not in chosen:
            chosen.append((result, beroep))
    chosen.sort(key=lambda rb: -rb[0].score)
    labels = _skill_labels({i for r, _b in chosen for i in r.matched + r.missing_essential})
    return [
        {
            "beroep": b,
            "sector": str(Sector(b.sector).label) if b.sector else "",
            "score": r.score,
            "matched": [labels[i] for i in r.matched if i in labels],
            "to_learn": [labels[i] for i in r.missing_essential if i in labels],
        }
        for r, b in chosen[: max(minimum, 6)]
    ]


def vacatures_for_organisation(*, organisation: Organisation) -> QuerySet[Vacature]:
    return (
        Vacature.objects.filter(organisation=organisation)
        .select_related("region")
        .order_by("status", "-created_at")
    )


def vacature_detail(*, pk: int) -> Vacature:
    return (
        Vacature.objects.select_related(
            "organisation", "region", "opleider", "beroep", "split_from"
        )
        .prefetch_related(
            Prefetch("vacature_skills", queryset=VacatureSkill.objects.select_related("skill")),
            "tasks",
            "talents",
            "drijfveren",
        )
        .get(pk=pk)
    )


def open_vacatures() -> QuerySet[Vacature]:
    return (
        Vacature.objects.open().select_related("organisation", "region").order_by("-published_at")
    )


def candidates_for_vacature(
    *, vacature: Vacature, viewer: User
) -> list[tuple[Application, Match | None]]:
    """Only candidates who shared their profile with this werkgever, ranked like their match."""
    shared = ProfileShare.objects.active().filter(grantee=viewer)
    applications = list(
        Application.objects.filter(vacature=vacature, profile_id__in=shared.values("profile_id"))
        .select_related("profile__user")
        .order_by("-updated_at")
    )
    matches = {
        m.profile_id: m
        for m in Match.objects.filter(
            vacature=vacature, profile_id__in=[a.profile_id for a in applications]
        )
    }
    ranked = [(a, matches.get(a.profile_id)) for a in applications]
    ranked.sort(key=lambda am: -(am[1].score if am[1] else -1))
    return ranked


def applications_for_profile(*, profile: Profile) -> QuerySet[Application]:
    return (
        profile.applications.select_related("vacature__organisation")
        .annotate(has_contract=Exists(Contract.objects.filter(application=OuterRef("pk"))))
        .order_by("-updated_at")
    )


def match_runs() -> QuerySet[MatchRun]:
    return MatchRun.objects.select_related("started_by").order_by("-created_at")


# --- The voorwaardelijk contract -------------------------------------------------------------


def contract_for_application(*, application_id: int) -> Contract | None:
    """The contract of one application, with what its pages and PDF show."""
    return (
        Contract.objects.select_related(
            "werkgever",
            "offered_by",
            "signed_by",
            "application__profile__user",
            "application__vacature",
        )
        .filter(application_id=application_id)
        .first()
    )


def contracts_for_applications(*, application_ids: list[int]) -> dict[int, Contract]:
    """application id -> its contract, in one query (the candidates page)."""
    return {
        c.application_id: c for c in Contract.objects.filter(application_id__in=application_ids)
    }


def signed_contract_for(*, overstapper_id: int) -> Contract | None:
    """The overstapper's most recently signed contract (type and end date give financing its
    contract certainty), or None."""
    return (
        Contract.objects.select_related("werkgever", "application__vacature")
        .filter(application__profile__user_id=overstapper_id, signed_at__isnull=False)
        .order_by("-signed_at", "-pk")
        .first()
    )


def contract_rows(contract: Contract) -> list[tuple[str, str]]:
    """Every field of the contract in plain Dutch, for its page and its PDF alike."""
    from django.utils.formats import date_format

    def day(value) -> str:
        return date_format(value, "j F Y") if value else "—"

    if contract.contract_type == Contract.Type.TIJDELIJK:
        duration = _("Tijdelijk: van %(start)s tot en met %(end)s.") % {
            "start": day(contract.start_date),
            "end": day(contract.end_date),
        }
    else:
        duration = _("Vast: voor onbepaalde tijd, vanaf %(start)s.") % {
            "start": day(contract.start_date)
        }
    proeftijd = (
        _("Geen proeftijd.")
        if not contract.proeftijd_months
        else ngettext(
            "%(n)s maand. In die tijd kunnen jij en de werkgever het contract direct stoppen.",
            "%(n)s maanden. In die tijd kunnen jij en de werkgever het contract direct stoppen.",
            contract.proeftijd_months,
        )
        % {"n": contract.proeftijd_months}
    )
    return [
        (_("Werknemer"), contract.application.profile.user.full_name),
        (_("Werkgever"), contract.werkgever.name),
        (_("Functie"), contract.function_title),
        (_("Eerste werkdag"), day(contract.start_date)),
        (_("Soort contract"), duration),
        (
            _("Uren per week"),
            ngettext("%(n)s uur per week", "%(n)s uur per week", contract.hours_per_week)
            % {"n": contract.hours_per_week},
        ),
        (
            _("Salaris"),
            _("€ %(amount)s bruto per maand") % {"amount": _euro(contract.salary)},
        ),
        (_("Proeftijd"), proeftijd),
        (_("Voorwaarden"), contract.conditions),
        (
            _("Aangeboden"),
            _("Op %(date)s door %(who)s")
            % {
                "date": day(timezone.localtime(contract.created_at).date()),
                "who": contract.offered_by.full_name
                if contract.offered_by
                else contract.werkgever.name,
            },
        ),
        (
            _("Ondertekend"),
            _("Op %(date)s door %(who)s")
            % {
                "date": day(timezone.localtime(contract.signed_at).date()),
                "who": contract.signed_by.full_name if contract.signed_by else "—",
            }
            if contract.signed_at
            else _("Nog niet ondertekend."),
        ),
    ]


def _euro(amount) -> str:
    """2750.5 -> '2.750,50' (Dutch notation)."""
    whole, cents = f"{amount:,.2f}".split(".")
    return f"{whole.replace(',', '.')},{cents}"
