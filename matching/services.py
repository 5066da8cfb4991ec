"""Writes for matching: vacatures, the candidate pipeline, storing matches, rescore runs."""

from __future__ import annotations

import io
import json
import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext

from accounts.models import Organisation, Role, User
from journeys.models import Phase, Traject
from journeys.services import traject_advance, traject_change_phase
from loopbrug.queue import enqueue_on_commit
from loopbrug.services import audit_log
from notifications.models import Kind as NotificationKind
from notifications.services import notify
from profiles.models import Profile, ProfileShare
from profiles.selectors import active_share
from profiles.services import profile_share
from taxonomy.models import Niveau, Skill

from . import direction, engine
from .adapters import profile_inputs, vacature_inputs
from .models import (
    Application,
    ApplicationEvent,
    Contract,
    Match,
    MatchCandidate,
    MatchRun,
    Vacature,
    VacatureSkill,
    VacatureTask,
)
from .open_work import open_work

S = Application.Status
# The pipeline of seed 002 steps 3–4: meeloopdag → geschiktheidsonderzoek → selectie →
# voorwaardelijk contract. The onderzoek may be skipped; either side can stop at any time.
PIPELINE: dict[str, set[str]] = {
    S.INTERESSE: {S.MEELOOPDAG, S.AFGEWEZEN, S.INGETROKKEN},
    S.MEELOOPDAG: {S.ONDERZOEK, S.SELECTIE, S.AFGEWEZEN, S.INGETROKKEN},
    S.ONDERZOEK: {S.SELECTIE, S.AFGEWEZEN, S.INGETROKKEN},
    S.SELECTIE: {S.CONTRACT, S.AFGEWEZEN, S.INGETROKKEN},
    S.CONTRACT: {S.GETEKEND, S.AFGEWEZEN, S.INGETROKKEN},
    S.GETEKEND: set(),
    S.AFGEWEZEN: set(),
    S.INGETROKKEN: set(),
}
CANDIDATE_MOVES = {S.GETEKEND, S.INGETROKKEN}  # the overstapper's own decisions
ACTIVE = {S.MEELOOPDAG, S.ONDERZOEK, S.SELECTIE, S.CONTRACT}
TOP_K = 50
logger = logging.getLogger(__name__)


# --- Vacatures ------------------------------------------------------------------------------


def _require_werkgever(user: User, organisation: Organisation) -> None:
    if user.role != Role.WERKGEVER or user.organisation_id != organisation.pk:
        raise PermissionDenied(_("Alleen medewerkers van deze werkgever kunnen dit doen."))


def _set_skills(vacature: Vacature, skills: list[tuple[Skill, int, bool]]) -> None:
    seen = set()
    for skill, level, _essential in skills:
        if skill.pk in seen:
            raise ValidationError(
                {"skills": _("%(skill)s staat er twee keer in.") % {"skill": skill}}
            )
        seen.add(skill.pk)
        if not 1 <= int(level) <= 5:
            raise ValidationError({"skills": _("Een niveau is 1, 2, 3, 4 of 5.")})
    vacature.vacature_skills.all().delete()
    VacatureSkill.objects.bulk_create(
        VacatureSkill(vacature=vacature, skill=skill, min_level=level, essential=essential)
        for skill, level, essential in skills
    )


@transaction.atomic
def vacature_save(
    *,
    by: User,
    vacature: Vacature | None = None,
    organisation: Organisation | None = None,
    skills: list[tuple[Skill, int, bool]] | None = None,
    tasks: list[tuple[str, str]] | None = None,
    talents=None,
    drijfveren=None,
    **fields,
) -> Vacature:
    """Create or change a vacature; a published one is rescored after the change."""
    if vacature is None:
        vacature = Vacature(organisation=organisation, created_by=by)
    _require_werkgever(by, vacature.organisation)
    if vacature.status == Vacature.Status.GESLOTEN:
        raise ValidationError(_("Deze vacature is gesloten en kan niet meer worden gewijzigd."))
    for name, value in fields.items():
        setattr(vacature, name, value)
    vacature.full_clean()
    vacature.save()
    if skills is not None:
        _set_skills(vacature, skills)
    if tasks is not None:
        vacature.tasks.all().delete()
        VacatureTask.objects.bulk_create(
            VacatureTask(vacature=vacature, description=d, niveau=n) for d, n in tasks if d.strip()
        )
    if talents is not None:
        vacature.talents.set(talents)
    if drijfveren is not None:
        vacature.drijfveren.set(drijfveren)
    if vacature.status == Vacature.Status.OPEN:
        _enqueue_vacature_rescore(vacature)
    return vacature


def _enqueue_vacature_rescore(vacature: Vacature) -> None:
    from .tasks import rescore_vacature

    enqueue_on_commit(
        rescore_vacature, vacature.pk, what=_("Het zoeken van kandidaten voor deze vacature")
    )


@transaction.atomic
def vacature_publish(*, vacature: Vacature, by: User) -> Vacature:
    """Open the vacature for matching."""
    _require_werkgever(by, vacature.organisation)
    if vacature.status != Vacature.Status.CONCEPT:
        raise ValidationError(_("Alleen een concept kan worden gepubliceerd."))
    if not vacature.vacature_skills.exists():
        raise ValidationError(_("Voeg eerst de skills toe die het werk vraagt."))
    vacature.status = Vacature.Status.OPEN
    vacature.published_at = timezone.now()
    vacature.save(update_fields=["status", "published_at", "updated_at"])
    _enqueue_vacature_rescore(vacature)
    return vacature


@transaction.atomic
def vacature_close(*, vacature: Vacature, by: User) -> Vacature:
    """Close the vacature: it leaves matching; running applications keep their history."""
    _require_werkgever(by, vacature.organisation)
    if vacature.status == Vacature.Status.GESLOTEN:
        raise ValidationError(_("Deze vacature is al gesloten."))
    vacature.status = Vacature.Status.GESLOTEN
    vacature.closed_at = timezone.now()
    vacature.save(update_fields=["status", "closed_at", "updated_at"])
    vacature.matches.all().delete()
    return vacature


_NIVEAUS = list(Niveau.values)  # low to high: the original keeps the lowest level


class ConfirmationRequired(ValidationError):
    """A change that touches people (candidates, a signed contract) waits for a yes."""


def vacature_split_impact(*, vacature: Vacature) -> dict:
    """What a split touches: the candidates and signed contracts that stay with the original,
    the tasks that move and the niveau the original keeps."""
    levels = sorted({t.niveau for t in vacature.tasks.all() if t.niveau}, key=_NIVEAUS.index)
    return {
        "applications": vacature.applications.count(),
        "signed_contracts": Contract.objects.filter(
            application__vacature=vacature, signed_at__isnull=False
        ).count(),
        "keep_niveau": levels[0] if levels else "",
        "moving_tasks": [t for t in vacature.tasks.all() if t.niveau and t.niveau != levels[0]]
        if levels
        else [],
        "new_levels": levels[1:],
    }


def split_impact_text(impact: dict) -> str:
    """'3 kandidaten en 1 getekend contract', for the confirmation."""
    parts = [
        ngettext("%(n)s kandidaat", "%(n)s kandidaten", impact["applications"])
        % {"n": impact["applications"]}
    ]
    if impact["signed_contracts"]:
        parts.append(
            ngettext(
                "%(n)s getekend contract", "%(n)s getekende contracten", impact["signed_contracts"]
            )
            % {"n": impact["signed_contracts"]}
        )
    return _(" en ").join(parts)


def _refuse_too_long(*, title: str, description: str) -> None:
    """A split copy is refused (the whole split rolls back), never stored cut short."""
    errors = {}
    for field, text in (("title", title), ("description", description)):
        limit = Vacature._meta.get_field(field).max_length
        if len(text) > limit:
            errors[field] = _(
                "Splitsen kan niet: de nieuwe %(field)s wordt %(n)s tekens, hooguit %(limit)s. "
                "Maak de %(field)s van deze vacature eerst korter."
            ) % {
                "field": Vacature._meta.get_field(field).verbose_name,
                "n": len(text),
                "limit": limit,
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def vacature_split_by_level(
    *, vacature: Vacature, by: User, confirm: bool = False
) -> list[Vacature]:
    """Job carving: the tasks of each other level move into a new concept vacature. With
    candidates or a signed contract on the original, only after an explicit confirmation."""
    _require_werkgever(by, vacature.organisation)
    vacature = Vacature.objects.select_for_update().get(pk=vacature.pk)
    if vacature.status == Vacature.Status.GESLOTEN:
        raise ValidationError(_("Deze vacature is gesloten en kan niet meer worden gesplitst."))
    levels = sorted({t.niveau for t in vacature.tasks.all() if t.niveau}, key=_NIVEAUS.index)
    if len(levels) < 2:
        raise ValidationError(
            _("Geef taken van minstens twee niveaus op om de vacature te splitsen.")
        )
    impact = vacature_split_impact(vacature=vacature)
    if (impact["applications"] or impact["signed_contracts"]) and not confirm:
        raise ConfirmationRequired(
            _(
                "Op deze vacature staan %(who)s. Zij blijven bij deze vacature; de taken van de "
                "andere niveaus gaan naar nieuwe vacatures. Bevestig dat je wilt splitsen."
            )
            % {"who": split_impact_text(impact)},
            code="confirm",
            params={k: impact[k] for k in ("applications", "signed_contracts")},
        )
    keep, *others = levels
    created = []
    skills = [
        (vs.skill, vs.min_level, vs.essential)
        for vs in vacature.vacature_skills.select_related("skill")
    ]
    for niveau in others:
        moved = [t.description for t in vacature.tasks.all() if t.niveau == niveau]
        origin = _("Gesplitst uit '%(title)s' (job carving): de taken op niveau %(niveau)s.") % {
            "title": vacature.title,
            "niveau": Niveau(niveau).label,
        }
        description = f"{origin}\n\n{vacature.description}".strip()
        title = f"{vacature.title} ({niveau})"
        _refuse_too_long(title=title, description=description)
        copy = Vacature.objects.create(
            organisation=vacature.organisation,
            created_by=by,
            title=title,
            description=description,
            sector=vacature.sector,
            region=vacature.region,
            landelijk=vacature.landelijk,
            hours_per_week=vacature.hours_per_week,
            salary_min=vacature.salary_min,
            salary_max=vacature.salary_max,
            niveau=niveau,
            is_leerwerkplek=vacature.is_leerwerkplek,
            opleider=vacature.opleider,
            start_date=vacature.start_date,
            beroep=vacature.beroep,
            split_from=vacature,
        )
        _set_skills(copy, skills)
        copy.talents.set(vacature.talents.all())
        copy.drijfveren.set(vacature.drijfveren.all())
        vacature.tasks.filter(niveau=niveau).update(vacature=copy)
        created.append(copy)
        audit_log(actor=by, action="vacature.split", obj=copy, split_from=vacature.pk, tasks=moved)
    vacature.niveau = keep
    vacature.save(update_fields=["niveau", "updated_at"])
    if vacature.status == Vacature.Status.OPEN:
        _enqueue_vacature_rescore(vacature)  # its niveau changed: its matches may too
    return created


# --- The candidate pipeline ---------------------------------------------------------------


@transaction.atomic
def application_show_interest(*, profile: Profile, vacature: Vacature, by: User) -> Application:
    """The overstapper marks interest and shares the profile with the werkgever for it."""
    if profile.user_id != by.pk:
        raise PermissionDenied(_("Alleen de overstapper zelf kan interesse tonen."))
    if vacature.status != Vacature.Status.OPEN:
        raise ValidationError(_("Deze vacature is niet (meer) open."))
    if Application.objects.filter(profile=profile, vacature=vacature).exists():
        raise ValidationError(_("Je hebt al interesse getoond in deze vacature."))
    grantee = vacature.created_by
    if grantee is None or not grantee.is_active:
        raise ValidationError(_("Deze werkgever is niet bereikbaar via Loopbrug."))
    application = Application.objects.create(profile=profile, vacature=vacature)
    ApplicationEvent.objects.create(application=application, to_status=S.INTERESSE, by=by)
    if active_share(profile=profile, viewer=grantee) is None:
        share = profile_share(
            profile=profile,
            grantee=grantee,
            purpose=ProfileShare.Purpose.VACATURE,
            vacature=vacature.title,
        )
        share.for_vacature = vacature
        share.save(update_fields=["for_vacature"])
    notify(
        recipients=[grantee],
        kind=NotificationKind.INTERESSE,
        title=_("Nieuwe interesse in je vacature %(title)s") % {"title": vacature.title},
        body=_("Een kandidaat toont interesse en deelt het profiel met je. Bekijk de kandidaten."),
        link=reverse("vacature_candidates", kwargs={"pk": vacature.pk}),
    )
    return application


def _traject(application: Application) -> Traject | None:
    return (
        Traject.objects.filter(overstapper_id=application.profile.user_id)
        .open()
        .order_by("-attempt")
        .first()
    )


def _move_traject(traject: Traject | None, to_phase: str, reason: str) -> None:
    if traject is None or traject.phase == to_phase:
        return
    try:
        traject_change_phase(traject=traject, to_phase=to_phase, by=None, reason=reason)
    except ValidationError:
        # The coach moved the traject elsewhere already; the pipeline does not override that.
        pass


@transaction.atomic
def application_move(
    *,
    application: Application,
    to_status: str,
    by: User,
    note: str = "",
    meeloopdag_on: date | None = None,
    meeloopdag_days: int | None = None,
    conditions: str = "",
) -> Application:
    """Move a candidate through the pipeline; the traject follows (seed 002 steps 3–4)."""
    application = (
        Application.objects.select_for_update()
        .select_related("vacature", "profile")
        .get(pk=application.pk)
    )
    vacature = application.vacature
    if to_status not in S.values:
        raise ValidationError({"to_status": _("Onbekende stap.")})
    if to_status in CANDIDATE_MOVES:
        if application.profile.user_id != by.pk:
            raise PermissionDenied(_("Alleen de kandidaat zelf kan dit doen."))
    else:
        _require_werkgever(by, vacature.organisation)
        if active_share(profile=application.profile, viewer=by) is None:
            raise PermissionDenied(
                _("Deze kandidaat heeft het profiel niet (meer) met je gedeeld.")
            )
    if to_status not in PIPELINE[application.status]:
        raise ValidationError(
            {
                "to_status": _("Van '%(from)s' naar '%(to)s' is geen toegestane stap.")
                % {"from": S(application.status).label, "to": S(to_status).label}
            }
        )
    note = (note or "").strip()
    if to_status == S.MEELOOPDAG:
        if meeloopdag_on is None or meeloopdag_days is None:
            raise ValidationError(
                {"meeloopdag_on": _("Plan de meeloopdag: kies een datum en het aantal dagen.")}
            )
        if not 1 <= meeloopdag_days <= 5:
            raise ValidationError(
                {"meeloopdag_days": _("Meelopen duurt 1 tot 5 dagen (hooguit een week).")}
            )
        if meeloopdag_on < timezone.localdate():
            raise ValidationError({"meeloopdag_on": _("Kies een datum vanaf vandaag.")})
        application.meeloopdag_on, application.meeloopdag_days = meeloopdag_on, meeloopdag_days
    if to_status == S.ONDERZOEK:
        application.onderzoek_started_at = timezone.now()
    if to_status == S.CONTRACT:
        if not conditions.strip():
            raise ValidationError(
                {
                    "conditions": _(
                        "Schrijf de voorwaarden op, bijvoorbeeld: diploma behaald vóór 1 september."
                    )
                }
            )
        application.contract_conditions = conditions.strip()
    if to_status == S.AFGEWEZEN:
        if not note:
            raise ValidationError({"note": _("Geef de reden van de afwijzing.")})
        application.rejection_reason = note
    if to_status == S.GETEKEND:
        application.contract_signed_at = timezone.now()
    ApplicationEvent.objects.create(
        application=application,
        from_status=application.status,
        to_status=to_status,
        by=by,
        note=note,
    )
    application.status = to_status
    application.save()
    audit_log(actor=by, action="application.move", obj=application, to_status=to_status)

    traject = _traject(application)
    reason = _("%(status)s bij %(werkgever)s") % {
        "status": S(to_status).label,
        "werkgever": vacature.organisation,
    }
    # Facts move the traject forward from whatever earlier phase it is in (issue 12).
    if to_status == S.MEELOOPDAG and traject:
        traject_advance(traject=traject, to_phase=Phase.SELECTIE, fact=reason)
    elif to_status == S.GETEKEND and traject:
        traject_advance(traject=traject, to_phase=Phase.LEERWERKTRAJECT, fact=reason)
    elif to_status in (S.AFGEWEZEN, S.INGETROKKEN) and traject and traject.phase == Phase.SELECTIE:
        still_active = Application.objects.filter(
            profile=application.profile, status__in=ACTIVE
        ).exists()
        if not still_active:
            _move_traject(traject, Phase.MATCH, reason)
    _notify_move(application, traject)
    return application


def _notify_move(application: Application, traject: Traject | None) -> None:
    """Tell the one who acts next: the candidate and coach of a meeloopdag, the candidate of a
    contract offer, the werkgever and coach of a signature."""
    vacature, candidate = application.vacature, application.profile.user
    coach = traject.coach if traject else None
    names = {"title": vacature.title, "werkgever": vacature.organisation}
    own_page = (
        reverse("traject_detail", kwargs={"pk": traject.pk}) if traject else reverse("my_matches")
    )
    if application.status == S.MEELOOPDAG:
        notify(
            recipients=[candidate, coach],
            kind=NotificationKind.MEELOOPDAG,
            title=_("Meeloopdag gepland bij %(werkgever)s") % names,
            body=ngettext(
                "Meelopen voor %(title)s vanaf %(date)s, %(days)s dag.",
                "Meelopen voor %(title)s vanaf %(date)s, %(days)s dagen.",
                application.meeloopdag_days,
            )
            % {
                **names,
                "date": f"{application.meeloopdag_on:%d-%m-%Y}",
                "days": application.meeloopdag_days,
            },
            link=own_page,
        )
    elif application.status == S.CONTRACT:
        notify(
            recipients=[candidate],
            kind=NotificationKind.CONTRACT_AANGEBODEN,
            title=_("Voorwaardelijk contract aangeboden door %(werkgever)s") % names,
            body=_("Lees de voorwaarden voor %(title)s en teken als je akkoord bent.") % names,
            link=reverse("contract_detail", kwargs={"pk": application.pk}),
        )
    elif application.status == S.GETEKEND:
        title = _("Contract getekend voor %(title)s") % names
        body = _("De kandidaat heeft het voorwaardelijk contract bij %(werkgever)s getekend.")
        notify(
            recipients=[vacature.created_by],
            kind=NotificationKind.CONTRACT_GETEKEND,
            title=title,
            body=body % names,
            link=reverse("vacature_candidates", kwargs={"pk": vacature.pk}),
        )
        if traject is not None:
            notify(
                recipients=[coach],
                kind=NotificationKind.CONTRACT_GETEKEND,
                title=title,
                body=body % names,
                link=own_page,
            )


CONTRACT_STEPS = {
    S.CONTRACT: _l(
        "Een contract bied je aan met de inhoud erbij: functie, eerste werkdag, uren, salaris, "
        "soort contract en voorwaarden (het contractformulier; in de API: POST …/contract/)."
    ),
    S.GETEKEND: _l(
        "Lees het contract en onderteken het op de contractpagina "
        "(in de API: POST …/contract/sign/)."
    ),
}


def pipeline_step(*, application: Application, to_status: str, by: User, **kwargs) -> Application:
    """A step from the pipeline form or the move API; the contract has its own forms, so
    offering and signing always carry the content of the contract."""
    if to_status in CONTRACT_STEPS:
        raise ValidationError({"to_status": str(CONTRACT_STEPS[to_status])})
    return application_move(application=application, to_status=to_status, by=by, **kwargs)


# --- The voorwaardelijk contract -------------------------------------------------------------

CONTRACT_FIELDS = (
    "function_title",
    "start_date",
    "hours_per_week",
    "salary",
    "contract_type",
    "end_date",
    "proeftijd_months",
    "conditions",
)


@transaction.atomic
def contract_offer(*, application: Application, by: User, **fields) -> Contract:
    """The werkgever offers a voorwaardelijk contract with its content; the candidate moves to
    'contract' through the pipeline (an offer made before contracts had content gets it now)."""
    unknown = set(fields) - set(CONTRACT_FIELDS)
    if unknown:
        raise TypeError(f"contract_offer() got unexpected fields: {sorted(unknown)}")
    application = (
        Application.objects.select_for_update()
        .select_related("vacature__organisation", "profile")
        .get(pk=application.pk)
    )
    _require_werkgever(by, application.vacature.organisation)
    if Contract.objects.filter(application=application).exists():
        raise ValidationError(_("Deze kandidaat heeft al een contract aangeboden gekregen."))
    if application.status != S.CONTRACT and S.CONTRACT not in PIPELINE[application.status]:
        raise ValidationError(
            _("Een contract bied je aan na de selectie; de stap is nu '%(status)s'.")
            % {"status": S(application.status).label}
        )
    conditions = (fields.pop("conditions", "") or "").strip()
    contract = Contract(
        application=application,
        werkgever=application.vacature.organisation,
        offered_by=by,
        conditions=conditions,
        **fields,
    )
    if isinstance(contract.function_title, str):
        contract.function_title = contract.function_title.strip()
    contract.full_clean(exclude=["application"])
    if application.status == S.CONTRACT:
        if active_share(profile=application.profile, viewer=by) is None:
            raise PermissionDenied(
                _("Deze kandidaat heeft het profiel niet (meer) met je gedeeld.")
            )
        application.contract_conditions = conditions
        application.save(update_fields=["contract_conditions", "updated_at"])
    else:
        application = application_move(
            application=application, to_status=S.CONTRACT, by=by, conditions=conditions
        )
    contract.application = application
    contract.save()
    audit_log(actor=by, action="contract.offer", obj=contract)
    return contract


@transaction.atomic
def contract_sign(*, contract: Contract, by: User) -> Contract:
    """The overstapper signs; the application becomes 'getekend' through the pipeline, so the
    traject follows from one place."""
    contract = (
        Contract.objects.select_for_update()
        .select_related("application__profile", "werkgever")
        .get(pk=contract.pk)
    )
    application = contract.application
    if application.profile.user_id != by.pk:
        raise PermissionDenied(_("Alleen de kandidaat zelf kan dit contract ondertekenen."))
    if contract.signed_at is not None:
        raise ValidationError(
            _("Je hebt dit contract al ondertekend op %(date)s.")
            % {"date": date_format(timezone.localtime(contract.signed_at), "j F Y")}
        )
    if application.status != S.CONTRACT:
        raise ValidationError(
            _("Dit contractaanbod geldt niet meer: de stap is nu '%(status)s'.")
            % {"status": S(application.status).label}
        )
    application = application_move(application=application, to_status=S.GETEKEND, by=by)
    contract.signed_at = application.contract_signed_at
    contract.signed_by = by
    contract.application = application
    contract.save(update_fields=["signed_at", "signed_by"])
    audit_log(actor=by, action="contract.sign", obj=contract)
    return contract


# --- Storing matches and rescore runs ----------------------------------------------------


def _explanation(r: engine.MatchResult) -> dict:
    return {
        "matched": r.matched,
        "missing_essential": r.missing_essential,
        "missing_optional": r.missing_optional,
        "practical": r.practical,
    }


# Why a match is kept (Match.for_profile, Match.for_vacature): the side a write speaks for.
PROFILE_SIDE, VACATURE_SIDE = "for_profile", "for_vacature"


def _flags(r: engine.MatchResult, side: str, candidates) -> tuple[bool, bool]:
    """(for_profile, for_vacature) of a new row."""
    pair = (r.profile_id, r.vacature_id)
    return side == PROFILE_SIDE, side == VACATURE_SIDE or pair in candidates


def _match_rows(results: list[engine.MatchResult], now, side: str, candidates) -> list[Match]:
    rows = []
    for r in results:
        own, wanted = _flags(r, side, candidates)
        rows.append(
            Match(
                profile_id=r.profile_id,
                vacature_id=r.vacature_id,
                score=r.score,
                parts=r.parts,
                explanation=_explanation(r),
                engine_version=engine.ENGINE_VERSION,
                computed_at=now,
                for_profile=own,
                for_vacature=wanted,
            )
        )
    return rows


def matches_upsert(
    results: list[engine.MatchResult],
    *,
    replace_for: list[int] | None = None,
    side: str = PROFILE_SIDE,
    candidates: set[tuple[int, int]] = frozenset(),
) -> int:
    """Write matches so that running the same work twice leaves the same rows, each marked as
    kept for `side` (a row the other side keeps stays kept for it too). Only a match that is
    new or came out different is written (its computed_at is then the moment it last
    changed); returns how many were. With `replace_for` (profile side), the matches those
    profiles kept for themselves that `results` no longer holds are released first: removed,
    or only unmarked when a vacature still keeps them. A new row whose (profile, vacature)
    is in `candidates` starts as kept for the vacature too (a run's last step decides). On
    PostgreSQL the rows go in by COPY into a temporary table and one INSERT ... ON CONFLICT
    that skips unchanged rows; elsewhere (SQLite in development) the stored rows are read
    and compared first, and only the changed ones are upserted."""
    if side not in (PROFILE_SIDE, VACATURE_SIDE):
        raise ValueError(side)
    if connection.vendor != "postgresql":
        if replace_for:
            _prune(replace_for, results)
        rows = _changed(_match_rows(results, timezone.now(), side, candidates), side)
        Match.objects.bulk_create(
            rows,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["profile", "vacature"],
            update_fields=["score", "parts", "explanation", "engine_version", "computed_at", side],
        )
        return len(rows)
    table = connection.ops.quote_name(Match._meta.db_table)
    compared = ["score", "parts", "explanation", "engine_version"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS match_incoming (profile_id integer, "
            "vacature_id integer, score smallint, parts jsonb, explanation jsonb, "
            "engine_version varchar(20), for_profile boolean, for_vacature boolean) "
            "ON COMMIT DROP"
        )
        cursor.execute("TRUNCATE match_incoming")
        cursor.cursor.copy_expert(
            "COPY match_incoming FROM STDIN",
            io.StringIO(_copy_text(results, side, candidates)),
        )
        if replace_for:
            gone = (
                "m.profile_id = ANY(%s) AND m.for_profile AND NOT EXISTS (SELECT 1 FROM "
                "match_incoming i WHERE i.profile_id = m.profile_id AND "
                "i.vacature_id = m.vacature_id)"
            )
            ids = [list(replace_for)]
            cursor.execute(f"DELETE FROM {table} m WHERE NOT m.for_vacature AND {gone}", ids)
            cursor.execute(f"UPDATE {table} m SET for_profile = FALSE WHERE {gone}", ids)
        columns = ", ".join(["profile_id", "vacature_id", *compared])
        cursor.execute(
            f"INSERT INTO {table} ({columns}, computed_at, for_profile, for_vacature) "
            f"SELECT {columns}, %s, for_profile, for_vacature FROM match_incoming "
            "ON CONFLICT (profile_id, vacature_id) DO UPDATE SET "
            + ", ".join(f"{c} = EXCLUDED.{c}" for c in [*compared, "computed_at"])
            + f", {side} = TRUE"
            + f" WHERE ({', '.join(f'{table}.{c}' for c in [*compared, side])}) IS DISTINCT "
            f"FROM ({', '.join(f'EXCLUDED.{c}' for c in compared)}, TRUE)",
            [timezone.now()],
        )
        return cursor.rowcount


def _changed(rows: list[Match], side: str) -> list[Match]:
    """The rows that are new or differ from the stored ones (what ON CONFLICT ... WHERE ...
    IS DISTINCT FROM leaves to write on PostgreSQL)."""
    compared = ["score", "parts", "explanation", "engine_version", side]
    stored = {
        (pid, vid): values
        for pid, vid, *values in Match.objects.filter(
            profile_id__in={r.profile_id for r in rows},
            vacature_id__in={r.vacature_id for r in rows},
        ).values_list("profile_id", "vacature_id", *compared)
    }
    return [
        r
        for r in rows
        if stored.get((r.profile_id, r.vacature_id))
        != [r.score, r.parts, r.explanation, r.engine_version, True]
    ]


_compact_json = json.JSONEncoder(separators=(",", ":")).encode


def _copy_text(results: list[engine.MatchResult], side: str, candidates) -> str:
    """The results as COPY text: tab-separated, backslashes doubled (JSON escapes its own
    control characters, so no raw tab or newline is left in a value)."""
    version = engine.ENGINE_VERSION
    lines = []
    for r in results:
        parts = _compact_json(r.parts).replace("\\", "\\\\")
        explained = _compact_json(_explanation(r)).replace("\\", "\\\\")
        own, wanted = ("t" if flag else "f" for flag in _flags(r, side, candidates))
        lines.append(
            f"{r.profile_id}\t{r.vacature_id}\t{r.score}\t{parts}\t{explained}\t{version}"
            f"\t{own}\t{wanted}\n"
        )
    return "".join(lines)


def _prune(profile_ids: list[int], keep: list[engine.MatchResult]) -> None:
    kept = {(r.profile_id, r.vacature_id) for r in keep}
    stale = [
        pk
        for pk, pid, vid in Match.objects.filter(
            profile_id__in=profile_ids, for_profile=True
        ).values_list("pk", "profile_id", "vacature_id")
        if (pid, vid) not in kept
    ]
    Match.objects.filter(pk__in=stale, for_vacature=False).delete()
    Match.objects.filter(pk__in=stale).update(for_profile=False)


@transaction.atomic
def rescore_profile(*, profile_id: int, version: int | None = None) -> int:
    """A changed profile: its top matches against all open vacatures, replacing the ones it
    kept for itself; the matches open vacatures keep for it are scored afresh. Asked for
    `version` of the profile while a newer one exists, it does nothing: the newer
    version's rescore follows (the debounce of quick edits; see matching.receivers)."""
    if version is not None and Profile.objects.filter(pk=profile_id, version__gt=version).exists():
        return 0

    profiles = profile_inputs([profile_id])
    if not profiles:
        return 0
    work = open_work()
    # The best TOP_K in the person's direction (doelsector first, own beroep last), not the
    # best TOP_K by score alone: see matching/direction.py.
    results = direction.select_for_profile(
        profiles[0],
        work.index,
        direction=direction.directions_for([profile_id]).get(profile_id, direction.Direction()),
        facts=work.facts,
        top_k=TOP_K,
    )
    written = matches_upsert(results, replace_for=[profile_id])
    # A match an open vacature keeps (the person is among its best candidates) stays, scored
    # afresh, until the vacature's next rescore; one a hard filter now excludes goes.
    own = {r.vacature_id for r in results}
    kept = [
        vid
        for vid in Match.objects.filter(profile_id=profile_id, for_vacature=True).values_list(
            "vacature_id", flat=True
        )
        if vid not in own and vid in work.inputs
    ]
    if kept:
        pairs = [(profile_id, vid) for vid in kept]
        rescored = engine.score_pairs(profiles, [work.inputs[vid] for vid in kept], pairs)
        excluded = set(kept) - {r.vacature_id for r in rescored}
        written += Match.objects.filter(profile_id=profile_id, vacature_id__in=excluded).delete()[0]
        written += matches_upsert(list(rescored), side=VACATURE_SIDE)
    return written


@transaction.atomic
def rescore_vacature(*, vacature_id: int) -> int:
    """A published or changed vacature: its top candidates among all profiles."""
    vacature = Vacature.objects.filter(pk=vacature_id).first()
    if vacature is None or vacature.status != Vacature.Status.OPEN:
        Match.objects.filter(vacature_id=vacature_id).delete()
        return 0
    profiles = profile_inputs(Profile.objects.values_list("pk", flat=True))
    results = engine.match_vacature(vacature_inputs([vacature_id])[0], profiles, top_k=TOP_K)
    Match.objects.filter(vacature_id=vacature_id).exclude(
        profile_id__in=[r.profile_id for r in results]
    ).delete()
    return matches_upsert(results, side=VACATURE_SIDE)


def _lease_until(now):
    return now + timedelta(seconds=settings.MATCH_RUN_LEASE_SECONDS)


def match_run_start(*, by: User | None, scope: str = MatchRun.Scope.ALLE) -> MatchRun:
    """Start a rescore of all profiles, or of those changed since the last finished run
    (scope GEWIJZIGD); a second one while one runs is refused."""
    if scope not in MatchRun.Scope.values:
        raise ValidationError(_("Kies alle profielen of de gewijzigde profielen."))
    if by is not None and by.role not in (Role.BEHEERDER, Role.LOKET):
        raise PermissionDenied(
            _("Alleen een beheerder of loketmedewerker start een herberekening.")
        )
    if MatchRun.objects.filter(status__in=MatchRun.ACTIVE).exists():
        raise ValidationError(_("Er loopt al een herberekening. Wacht tot die klaar is."))
    try:
        with transaction.atomic():
            run = MatchRun.objects.create(
                started_by=by, scope=scope, lease_expires_at=_lease_until(timezone.now())
            )
    except IntegrityError as exc:
        raise ValidationError(_("Er loopt al een herberekening. Wacht tot die klaar is.")) from exc
    from .tasks import match_run_execute

    enqueue_on_commit(match_run_execute, run.pk, what=_("De herberekening"))
    return run


def match_run_heartbeat(*, run_id: int) -> bool:
    """A worker works on the run: renew its lease. False when the run is no longer queued or
    running (cancelled, failed or done): the worker then leaves it alone."""
    now = timezone.now()
    return bool(
        MatchRun.objects.filter(pk=run_id, status__in=MatchRun.ACTIVE).update(
            heartbeat_at=now, lease_expires_at=_lease_until(now)
        )
    )


# Profiles per chunk of a full rescore (MATCH_RUN_CHUNK_SIZE; smaller shows progress sooner).
CHUNK_SIZE = settings.MATCH_RUN_CHUNK_SIZE


def _run_profiles(run: MatchRun):
    """The profiles a run scores: all, or (GEWIJZIGD) those saved since the last finished run
    started; all when no run has finished yet."""
    profiles = Profile.objects.order_by("pk")
    if run.scope == MatchRun.Scope.GEWIJZIGD:
        last = (
            MatchRun.objects.filter(status=MatchRun.Status.DONE, started_at__isnull=False)
            .order_by("-started_at")
            .first()
        )
        if last is not None:
            profiles = profiles.filter(updated_at__gte=last.started_at)
    return profiles


def match_run_plan(*, run_id: int) -> list[list[int]] | None:
    """Mark the run as running and split the profiles into chunks (the same split on a rerun).
    None when the run is no longer queued or running (cancelled, or ended by an earlier try)."""
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run_id)
        if not run.is_active:
            return None
        profile_ids = list(_run_profiles(run).values_list("pk", flat=True))
        chunks = [
            profile_ids[i : i + CHUNK_SIZE] for i in range(0, len(profile_ids), CHUNK_SIZE)
        ] or [[]]
        now = timezone.now()
        if run.status == MatchRun.Status.QUEUED:
            run.status = MatchRun.Status.RUNNING
            run.started_at = now
        run.heartbeat_at, run.lease_expires_at = now, _lease_until(now)
        run.chunks_total = len(chunks)
        run.profiles = len(profile_ids)
        run.vacatures = Vacature.objects.open().count()
        run.save()
    return chunks


def match_run_chunk(*, run_id: int, index: int, profile_ids: list[int]) -> int:
    """Score one chunk of profiles against every open vacature; idempotent per chunk. Renews the
    run's lease as it starts and as it ends; a chunk of a cancelled run does nothing."""
    if not match_run_heartbeat(run_id=run_id):
        return 0
    work = open_work()
    vacatures = work.vacatures
    results, candidates = [], None
    if profile_ids:
        people = profile_inputs(profile_ids)
        found = engine.match_all(people, work.index, top_k=TOP_K, vacature_floor=_floors(run_id))
        # Each person's best, plus their best in the shortage and in their doelsector
        # (direction.py). A vacature's best in this chunk are only candidates: the run's last
        # step keeps its best over all chunks.
        results = direction.widen_bulk(
            people,
            vacatures,
            found.select(found.profile_side),
            directions=direction.directions_for(profile_ids),
            facts=work.facts,
            top_k=TOP_K,
        )
        candidates = found.select(found.vacature_side)
    with transaction.atomic():
        # Before the run's lock: chunks write side by side.
        written = matches_upsert(results, replace_for=profile_ids, candidates=_pairs(candidates))
        _candidates_save(run_id, profile_ids, candidates)
        run = MatchRun.objects.select_for_update().get(pk=run_id)
        if not run.is_active:  # cancelled while this chunk ran (its scores are still right)
            return written
        now = timezone.now()
        run.heartbeat_at, run.lease_expires_at = now, _lease_until(now)
        fields = ["heartbeat_at", "lease_expires_at"]
        if index not in run.done_chunk_ids:
            run.done_chunk_ids = sorted([*run.done_chunk_ids, index])
            run.chunks_done = len(run.done_chunk_ids)
            run.matches_written += written
            fields += ["done_chunk_ids", "chunks_done", "matches_written"]
        run.save(update_fields=fields)
    return written


def _pairs(found) -> set[tuple[int, int]]:
    if found is None:
        return set()
    return set(zip(found.profile_ids.tolist(), found.vacature_ids.tolist(), strict=True))


def _candidates_save(run_id: int, profile_ids: list[int], found) -> None:
    """A chunk's candidates for the vacatures' best (again, on a second try of the chunk)."""
    MatchCandidate.objects.filter(run_id=run_id, profile_id__in=profile_ids).delete()
    if found is None or not len(found):
        return
    columns = (found.vacature_ids.tolist(), found.profile_ids.tolist(), found.scores.tolist())
    if connection.vendor != "postgresql":
        MatchCandidate.objects.bulk_create(
            [
                MatchCandidate(run_id=run_id, vacature_id=v, profile_id=p, score=score)
                for v, p, score in zip(*columns, strict=True)
            ],
            batch_size=2000,
        )
        return
    rows = zip(*columns, strict=True)
    text = "".join(f"{run_id}\t{v}\t{p}\t{score}\tf\n" for v, p, score in rows)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {MatchCandidate._meta.db_table} (run_id, vacature_id, profile_id, score, "
            "stored) FROM STDIN",
            io.StringIO(text),
        )


def _floors(run_id: int) -> dict[int, int]:
    """Per vacature, the TOP_K-th best score among the candidates the chunks done so far
    handed on: a profile scoring below it cannot be among that vacature's best over all
    chunks, so the next chunk leaves it out (engine.match_all's vacature_floor) and the
    candidates do not grow by TOP_K per vacature with every chunk."""
    candidate = connection.ops.quote_name(MatchCandidate._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT vacature_id, score FROM (SELECT vacature_id, score, ROW_NUMBER() OVER "
            f"(PARTITION BY vacature_id ORDER BY score DESC) AS place FROM {candidate} "
            "WHERE run_id = %s) ranked WHERE place = %s",
            [run_id, TOP_K],
        )
        return dict(cursor.fetchall())


def _vacature_side(run: MatchRun) -> int:
    """The run's last step: each open vacature's TOP_K best profiles over all chunks (for a
    run of changed profiles, together with the candidates it kept from before), stored as
    matches kept for the vacature; a match no vacature keeps any more is released. Returns
    the rows written. A run of changed profiles does not look at unchanged profiles outside a
    vacature's best: one that should move up when a candidate got worse waits for the next
    full run."""
    candidate = connection.ops.quote_name(MatchCandidate._meta.db_table)
    match = connection.ops.quote_name(Match._meta.db_table)
    with connection.cursor() as cursor:
        if run.scope == MatchRun.Scope.GEWIJZIGD:
            # The others' places among a vacature's best still count (they did not change).
            kept = (
                Match.objects.filter(for_vacature=True, vacature__status=Vacature.Status.OPEN)
                .exclude(profile_id__in=_run_profiles(run).values("pk"))
                .values_list("vacature_id", "profile_id", "score")
            )
            sql, params = kept.query.sql_with_params()
            cursor.execute(
                f"INSERT INTO {candidate} (run_id, stored, vacature_id, profile_id, score) "
                f"SELECT %s, %s, kept.* FROM ({sql}) kept",
                [run.pk, True, *params],
            )
        # Keep each vacature's best: the highest score, then the lowest profile id (as the
        # engine breaks ties).
        cursor.execute(
            f"DELETE FROM {candidate} WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() "
            "OVER (PARTITION BY vacature_id ORDER BY score DESC, profile_id) AS place FROM "
            f"{candidate} WHERE run_id = %s) ranked WHERE place > %s)",
            [run.pk, TOP_K],
        )
        same_pair = f"c.profile_id = {match}.profile_id AND c.vacature_id = {match}.vacature_id"
        # Scored afresh: a candidate this run found that no chunk stored for its profile.
        cursor.execute(
            f"SELECT c.profile_id, c.vacature_id FROM {candidate} c WHERE c.run_id = %s AND "
            f"NOT c.stored AND NOT EXISTS (SELECT 1 FROM {match} WHERE {same_pair} AND "
            f"{match}.for_profile)",
            [run.pk],
        )
        pairs = cursor.fetchall()
        written = 0
        if pairs:
            results = engine.score_pairs(
                profile_inputs({p for p, _v in pairs}),
                vacature_inputs({v for _p, v in pairs}),
                pairs,
            )
            written = matches_upsert(results, side=VACATURE_SIDE)
        chosen = f"EXISTS (SELECT 1 FROM {candidate} c WHERE c.run_id = %s AND {same_pair})"
        cursor.execute(
            f"UPDATE {match} SET for_vacature = %s WHERE NOT for_vacature AND {chosen}",
            [True, run.pk],
        )
        written += cursor.rowcount
        cursor.execute(
            f"DELETE FROM {match} WHERE for_vacature AND NOT for_profile AND NOT {chosen}",
            [run.pk],
        )
        written += cursor.rowcount
        cursor.execute(
            f"UPDATE {match} SET for_vacature = %s WHERE for_vacature AND NOT {chosen}",
            [False, run.pk],
        )
        written += cursor.rowcount
    MatchCandidate.objects.filter(run=run).delete()
    return written


@transaction.atomic
def match_run_finish(*, run_id: int) -> MatchRun:
    """Done only when every chunk is (each chunk stored its profiles' own best and its
    vacatures' candidates); then each vacature's best over all chunks is kept. A run that
    ended already (cancelled, or finished by an earlier try) stays as it is."""
    run = MatchRun.objects.select_for_update().get(pk=run_id)
    if not run.is_active:
        return run
    if run.chunks_done < run.chunks_total:
        run.status = MatchRun.Status.FAILED
        run.error = _("Niet alle delen zijn berekend (%(done)s van %(total)s).") % {
            "done": run.chunks_done,
            "total": run.chunks_total,
        }
        MatchCandidate.objects.filter(run=run).delete()
    else:
        run.matches_written += _vacature_side(run)
        run.status = MatchRun.Status.DONE
    run.finished_at = timezone.now()
    run.lease_expires_at = None
    run.save()
    return run


def match_run_watchdog() -> dict[str, list[int]]:
    """Runs whose lease ran out: queue each again (the same run; done chunks are skipped), or
    after MATCH_RUN_MAX_ATTEMPTS mark it failed with the reason. Celery beat runs this every
    minute. A run that was never picked up (its message lost) is caught the same way."""
    now = timezone.now()
    requeued: list[int] = []
    failed: list[int] = []
    from .tasks import match_run_execute

    with transaction.atomic():
        expired = MatchRun.objects.select_for_update(skip_locked=True).filter(
            Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True),
            status__in=MatchRun.ACTIVE,
        )
        for run in expired:
            if run.attempts < settings.MATCH_RUN_MAX_ATTEMPTS:
                run.attempts += 1
                run.lease_expires_at = _lease_until(now)
                run.save(update_fields=["attempts", "lease_expires_at"])
                enqueue_on_commit(match_run_execute, run.pk, what=_("De herberekening"))
                requeued.append(run.pk)
            else:
                run.status = MatchRun.Status.FAILED
                run.error = _(
                    "Opgegeven: geen worker heeft deze herberekening afgemaakt, ook niet na "
                    "%(attempts)s keer in de wachtrij (telkens %(minutes)s minuten zonder "
                    "teken van een worker). Controleer of de workers en Redis draaien en start "
                    "opnieuw."
                ) % {
                    "attempts": run.attempts,
                    "minutes": round(settings.MATCH_RUN_LEASE_SECONDS / 60, 1),
                }
                run.finished_at, run.lease_expires_at = now, None
                run.save(update_fields=["status", "error", "finished_at", "lease_expires_at"])
                failed.append(run.pk)
    for pk in requeued:
        logger.warning("Match run %s: lease expired, queued again", pk)
    for pk in failed:
        logger.error("Match run %s: lease expired too often, marked failed", pk)
    return {"requeued": requeued, "failed": failed}


def match_run_cancel(*, run: MatchRun, by: User) -> MatchRun:
    """A beheerder stops a queued or running run; chunks still queued then do nothing."""
    if by.role != Role.BEHEERDER:
        raise PermissionDenied(_("Alleen een beheerder annuleert een herberekening."))
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        if not run.is_active:
            raise ValidationError(_("Deze herberekening loopt niet meer."))
        run.status = MatchRun.Status.CANCELLED
        run.error = _("Geannuleerd door %(name)s.") % {"name": by.full_name or by.email}
        run.finished_at, run.lease_expires_at = timezone.now(), None
        run.save(update_fields=["status", "error", "finished_at", "lease_expires_at"])
        audit_log(actor=by, action="match_run_cancel", obj=run)
    return run


def match_run_fail(*, run_id: int, error: str) -> None:
    MatchRun.objects.filter(pk=run_id, status__in=MatchRun.ACTIVE).update(
        status=MatchRun.Status.FAILED,
        error=error[:2000],
        finished_at=timezone.now(),
        lease_expires_at=None,
    )
