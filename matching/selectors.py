"""Reads for matching: matches with their reasons, options across sectors, candidates."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Organisation, User
from profiles.models import Profile, ProfileShare
from taxonomy.models import Skill, Tekort

from . import hooks
from .explanations import SECTION_FIT, SECTION_LOOK, Explanation, explain_pair
from .models import Application, Contract, Match, MatchRun, Vacature, VacatureSkill

PART_LABELS = {
    "skills": "Skills",
    "drijfveren": "Drijfveren",
    "talenten": "Talenten",
    "niveau": "Werk- en denkniveau",
    "praktisch": "Praktisch",
}


def _skill_labels(ids: set[int]) -> dict[int, str]:
    return dict(Skill.objects.filter(pk__in=ids).values_list("pk", "label_nl"))


def explain(
    matches: list[Match],
    *,
    min_net_income=None,
    hours=None,
    with_teaching: bool = False,
    people: dict | None = None,
) -> dict[int, Explanation]:
    """Explanations for many matches, from the same facts the engine scores (the adapters:
    a fixed number of queries however many matches), with one query for all the skill names
    (and, with with_teaching, one for the modules that teach what is still to learn). The
    sentences follow the rules in matching/explanations.py. `people`: the engine inputs of
    the profiles, when the caller has read them already (adapters.profile_inputs)."""
    from .adapters import profile_inputs, vacature_inputs

    matches = [m for m in matches if m is not None]
    if not matches:
        return {}
    wanted = {m.profile_id for m in matches}
    if people is None or not wanted <= people.keys():
        people = {p.id: p for p in profile_inputs(wanted)}
    work = {v.id: v for v in vacature_inputs(list({m.vacature_id for m in matches}))}
    labels = _skill_labels({s for v in work.values() for s in v.skills})
    out = {
        m.pk: explain_pair(people[m.profile_id], work[m.vacature_id], score=m.score, labels=labels)
        for m in matches
        if m.profile_id in people and m.vacature_id in work
    }
    if with_teaching:
        explained = list(out.values())
        lists = [ex.to_learn_labels for ex in explained]
        teachings = hooks.modules_teaching_many(label_lists=lists)
        for ex, teaching in zip(explained, teachings, strict=True):
            ex.teaching = teaching
    return out


def open_matches_for_profile(*, profile: Profile) -> list[Match]:
    """All the person's matches with an open vacature, in their direction first
    (matching/direction.py: doelberoep, doelsector, shortage, the rest, krimpsector, their own
    beroep last), best score first within each. Three queries however many matches."""
    from . import direction

    landelijk = Tekort.objects.filter(beroep_id=OuterRef("vacature__beroep_id"), region=None)
    matches = list(
        Match.objects.filter(profile=profile, vacature__status=Vacature.Status.OPEN)
        .select_related(
            "vacature__organisation", "vacature__region", "vacature__opleider", "vacature__beroep"
        )
        .annotate(
            beroep_spanning=Subquery(landelijk.values("spanning")[:1]),
            beroep_krimp=Subquery(landelijk.values("krimpsector")[:1]),
        )
        .order_by("-score", "vacature_id")
    )
    facts = {
        m.vacature_id: direction.WorkFacts.of(
            sector=m.vacature.sector,
            beroep_id=m.vacature.beroep_id,
            names=[m.vacature.title, m.vacature.beroep.label_nl if m.vacature.beroep else ""],
            spanning=m.beroep_spanning,
            krimp=bool(m.beroep_krimp),
        )
        for m in matches
    }
    return direction.order(
        matches,
        direction=direction.direction_of(profile),
        facts=facts,
        score=lambda m: m.score,
        vacature_id=lambda m: m.vacature_id,
    )


def matches_for_profile(*, profile: Profile, limit: int = 50) -> list[Match]:
    return open_matches_for_profile(profile=profile)[:limit]


def matches_with_explanations(
    *, profile: Profile, with_teaching: bool = False, limit: int = 50, person=None
) -> dict[str, list[tuple[Match, Explanation]]]:
    """The person's matches, explained, split into "Vacatures die bij je passen"
    (SECTION_FIT) and "Ook het bekijken waard" (SECTION_LOOK, see explanations.py)."""
    matches = matches_for_profile(profile=profile, limit=limit)
    people = {profile.pk: person} if person is not None else None
    explanations = explain(matches, with_teaching=with_teaching, people=people)
    out: dict[str, list[tuple[Match, Explanation]]] = {SECTION_FIT: [], SECTION_LOOK: []}
    for m in matches:
        if m.pk in explanations:
            out[explanations[m.pk].section].append((m, explanations[m.pk]))
    return out


def options_for_profile(*, profile: Profile, person=None) -> list[dict]:
    """'Andere mogelijkheden', led by the shortage: see matching/options.py."""
    from .options import options_for_profile as options

    return options(profile=profile, person=person)


def my_matches_page(*, profile: Profile) -> dict:
    """What /mijn-matches/ shows: the matches explained (two sections), the other options
    and the applications; the profile's engine input is read once for both."""
    from .adapters import profile_inputs

    person = profile_inputs([profile.pk])[0]
    sections = matches_with_explanations(profile=profile, with_teaching=True, person=person)
    return {
        "rows": sections[SECTION_FIT],
        "look_rows": sections[SECTION_LOOK],
        "options": options_for_profile(profile=profile, person=person),
        "applications": applications_for_profile(profile=profile),
    }


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
