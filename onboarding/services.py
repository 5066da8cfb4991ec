from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Role, User
from journeys.access import can_change_phase
from journeys.models import JOURNEY, Phase, Traject
from journeys.services import traject_advance, traject_change_phase
from loopbrug.services import audit_log
from matching.models import Application
from notifications.models import Kind as NotificationKind
from notifications.services import notify

from . import selectors
from .models import (
    DIMENSIONS,
    Alert,
    CheckIn,
    HulplijnVraag,
    Inschrijving,
    Leeruitkomst,
    Leerwerktraject,
    Module,
    ModuleProgress,
    OnboardingItem,
    OnboardingPlan,
    OnboardingTemplate,
    OwnerRole,
    StartMoment,
    Uitval,
    UsedToken,
    Validation,
)

CHECKIN_SALT = "onboarding.checkin"
CHECKIN_LINK_DAYS = 14
MISSED_AFTER_DAYS = 14
STALLED_AFTER_DAYS = 30
MAX_UPLOAD = 5 * 1024 * 1024
# Recognised by their first bytes, not by their name or the browser's word for it.
MAGIC = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
ACTIVE_PHASES = [Phase.LEERWERKTRAJECT, Phase.ONBOARDING, Phase.NAZORG]

# About 100 days, items for each of the four actors (seed 003 H9, L5540–6150).
DEFAULT_TEMPLATE = [
    ("Warm welkom op de eerste dag", OwnerRole.MANAGEMENT, 0),
    ("Buddy koppelen en voorstellen aan het team", OwnerRole.TEAM, 1),
    ("Werkplek, rooster en toegang geregeld", OwnerRole.MANAGEMENT, 1),
    ("Persoonlijke leerdoelen voor de eerste maand opschrijven", OwnerRole.OVERSTAPPER, 7),
    ("Leerroute afstemmen met werkbegeleider (driehoek)", OwnerRole.OPLEIDER, 14),
    ("Tijdelijk aangepaste targets afspreken", OwnerRole.MANAGEMENT, 14),
    ("Feedbackgesprek na 30 dagen", OwnerRole.TEAM, 30),
    ("Intervisie of lotgenotengesprek", OwnerRole.OVERSTAPPER, 45),
    ("Voortgang leerroute bespreken in de driehoek", OwnerRole.OPLEIDER, 60),
    ("Feedbackgesprek na 60 dagen", OwnerRole.TEAM, 60),
    ("Eindgesprek onboarding na 100 dagen", OwnerRole.MANAGEMENT, 100),
]


def _fail(message: str, field: str | None = None):
    raise ValidationError({field: message} if field else message)


def _is_opleider_of(user: User, lwt: Leerwerktraject) -> bool:
    return user.role == Role.OPLEIDER and user.organisation_id == lwt.opleider_id


def _require_opleider(user: User, lwt: Leerwerktraject) -> None:
    if not (_is_opleider_of(user, lwt) or user.role == Role.BEHEERDER):
        raise PermissionDenied(_("Alleen de opleider van dit leerwerktraject mag dit doen."))


# --- Superscholing: the offer ------------------------------------------------------------


@transaction.atomic
def leerwerktraject_save(
    *, by: User, leerwerktraject: Leerwerktraject | None = None, required_skills=None, **fields
) -> Leerwerktraject:
    """Create or change a leerwerktraject of the opleider's own organisation."""
    if leerwerktraject is None:
        if by.role != Role.OPLEIDER or not by.organisation_id:
            raise PermissionDenied(_("Alleen een opleider kan een leerwerktraject aanbieden."))
        leerwerktraject = Leerwerktraject(opleider=by.organisation)
    else:
        _require_opleider(by, leerwerktraject)
    for name, value in fields.items():
        setattr(leerwerktraject, name, value)
    leerwerktraject.full_clean()
    leerwerktraject.save()
    if required_skills is not None:
        leerwerktraject.required_skills.set(required_skills)
    return leerwerktraject


@transaction.atomic
def leerwerktraject_publish(*, by: User, leerwerktraject: Leerwerktraject) -> Leerwerktraject:
    """Publish: only with at least one module and one start moment to come."""
    _require_opleider(by, leerwerktraject)
    if not leerwerktraject.modules.exists():
        _fail(_("Voeg eerst minstens één module toe."))
    if not leerwerktraject.start_moments.filter(starts_on__gte=selectors.today()).exists():
        _fail(_("Maak eerst startmomenten aan."))
    leerwerktraject.published_at = leerwerktraject.published_at or timezone.now()
    leerwerktraject.save(update_fields=["published_at"])
    return leerwerktraject


@transaction.atomic
def module_add(*, by: User, leerwerktraject: Leerwerktraject, **fields) -> Module:
    _require_opleider(by, leerwerktraject)
    fields.setdefault("order", leerwerktraject.modules.count() + 1)
    module = Module(leerwerktraject=leerwerktraject, **fields)
    module.full_clean()
    module.save()
    return module


@transaction.atomic
def leeruitkomst_add(*, by: User, module: Module, description: str, skill=None) -> Leeruitkomst:
    _require_opleider(by, module.leerwerktraject)
    outcome = Leeruitkomst(module=module, description=(description or "").strip(), skill=skill)
    outcome.full_clean()
    outcome.save()
    return outcome


@transaction.atomic
def start_moments_generate(
    *, by: User, leerwerktraject: Leerwerktraject, first: date, count: int
) -> list[StartMoment]:
    """Start moments in the traject's rhythm (monthly by default); existing ones are kept."""
    _require_opleider(by, leerwerktraject)
    if first < selectors.today():
        _fail(_("De eerste start ligt in het verleden."), "first")
    if not 1 <= count <= 24:
        _fail(_("Kies tussen 1 en 24 startmomenten."), "count")
    created = []
    for n in range(count):
        day = selectors.add_months(first, n * leerwerktraject.start_every_months)
        moment, made = StartMoment.objects.get_or_create(
            leerwerktraject=leerwerktraject,
            starts_on=day,
            defaults={"places": leerwerktraject.places_per_start},
        )
        if made:
            created.append(moment)
    return created


# --- Inschrijving and the route ----------------------------------------------------------


def _werkgever_from_contract(traject: Traject) -> Organisation | None:
    application = (
        Application.objects.filter(
            profile__user_id=traject.overstapper_id, status=Application.Status.GETEKEND
        )
        .select_related("vacature__organisation")
        .order_by("-contract_signed_at")
        .first()
    )
    return application.vacature.organisation if application else None


@transaction.atomic
def inschrijving_create(
    *, by: User, traject: Traject, start_moment: StartMoment, werkgever: Organisation | None = None
) -> Inschrijving:
    """Enrol a participant on a start moment that is to come and has a place left."""
    own = by.role == Role.OVERSTAPPER and traject.overstapper_id == by.pk
    if not (own or can_change_phase(user=by, traject=traject)):
        raise PermissionDenied(_("Je kunt alleen jezelf of je eigen deelnemers inschrijven."))
    moment = StartMoment.objects.select_for_update().get(pk=start_moment.pk)
    if not moment.leerwerktraject.is_published:
        _fail(_("Dit leerwerktraject is nog niet gepubliceerd."), "start_moment")
    if moment.starts_on < selectors.today():
        _fail(_("Dit startmoment is al voorbij. Kies een later startmoment."), "start_moment")
    if moment.inschrijvingen.count() >= moment.places:
        _fail(_("Dit startmoment is vol. Kies een ander startmoment."), "start_moment")
    if not traject.is_open:
        _fail(_("Dit traject is afgesloten."))
    gaps = selectors.admission_gaps(leerwerktraject=moment.leerwerktraject, traject=traject)
    if gaps:
        _fail(
            _("Voor toelating vraagt deze opleiding nog in je Persoonlijk Profiel: %(gaps)s.")
            % {"gaps": ", ".join(gaps)},
            "start_moment",
        )
    if traject.inschrijvingen.filter(
        status__in=[Inschrijving.Status.ACTIEF, Inschrijving.Status.GEPAUZEERD]
    ).exists():
        _fail(_("Je bent al ingeschreven voor een leerwerktraject."), "start_moment")
    inschrijving = Inschrijving(
        traject=traject,
        start_moment=moment,
        werkgever=werkgever or _werkgever_from_contract(traject),
    )
    inschrijving.full_clean()
    inschrijving.save()
    audit_log(actor=by, action="inschrijving.create", obj=inschrijving)
    return inschrijving


def check_upload(upload: UploadedFile) -> str:
    """PDF or image only, by content, and not too large."""
    if upload.size > MAX_UPLOAD:
        _fail(_("Het bestand is te groot (hooguit 5 MB)."), "evidence")
    head = upload.read(16)
    upload.seek(0)
    for magic, kind in MAGIC.items():
        if head.startswith(magic):
            return kind
    _fail(_("Alleen een PDF, PNG of JPG is toegestaan."), "evidence")
    return ""


@transaction.atomic
def validation_record(
    *,
    by: User,
    inschrijving: Inschrijving,
    leeruitkomst: Leeruitkomst,
    method: str,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> Validation:
    """Recognise a leeruitkomst (assessment or bewijslast); its module may drop out."""
    lwt = inschrijving.start_moment.leerwerktraject
    _require_opleider(by, lwt)
    if leeruitkomst.module.leerwerktraject_id != lwt.pk:
        _fail(_("Deze leeruitkomst hoort niet bij dit leerwerktraject."), "leeruitkomst")
    if inschrijving.validations.filter(leeruitkomst=leeruitkomst).exists():
        _fail(_("Deze leeruitkomst is al erkend."), "leeruitkomst")
    if method == Validation.Method.BEWIJSLAST and evidence is None:
        _fail(_("Voeg het bewijs toe (PDF of afbeelding)."), "evidence")
    if evidence is not None:
        kind = check_upload(evidence)
        evidence.name = f"{secrets.token_hex(12)}.{kind}"
    validation = Validation(
        inschrijving=inschrijving, leeruitkomst=leeruitkomst, method=method, note=note, by=by
    )
    validation.full_clean(exclude=["evidence"])
    if evidence is not None:
        validation.evidence = evidence
    validation.save()
    audit_log(actor=by, action="validation.record", obj=validation)
    return validation


def _require_running(inschrijving: Inschrijving) -> None:
    if inschrijving.status in (Inschrijving.Status.AFGEROND, Inschrijving.Status.GESTOPT):
        _fail(_("Deze leerroute is afgelopen; er kan niets meer aan veranderen."))


@transaction.atomic
def progress_record(
    *, by: User, inschrijving: Inschrijving, module: Module, percent: int
) -> ModuleProgress:
    _require_opleider(by, inschrijving.start_moment.leerwerktraject)
    _require_running(inschrijving)
    if module.leerwerktraject_id != inschrijving.start_moment.leerwerktraject_id:
        _fail(_("Deze module hoort niet bij dit leerwerktraject."), "module")
    if not 0 <= percent <= 100:
        _fail(_("Voortgang is een getal van 0 tot en met 100."), "percent")
    progress, _made = ModuleProgress.objects.get_or_create(inschrijving=inschrijving, module=module)
    progress.percent = percent
    progress.updated_at = timezone.now()
    progress.save()
    route = selectors.route_for(inschrijving)
    if route.to_follow and all(m.percent == 100 for m in route.to_follow):
        inschrijving.status = Inschrijving.Status.AFGEROND
        inschrijving.save(update_fields=["status"])
    return progress


@transaction.atomic
def inschrijving_pause(*, by: User, inschrijving: Inschrijving, reason: str) -> Inschrijving:
    """Pause (pregnancy, illness): the planned end date shifts for as long as it lasts."""
    _require_opleider(by, inschrijving.start_moment.leerwerktraject)
    _require_running(inschrijving)
    if inschrijving.status == Inschrijving.Status.GEPAUZEERD:
        _fail(_("Deze leerroute is al gepauzeerd."))
    reason = (reason or "").strip()
    if not reason:
        _fail(_("Geef een reden voor de pauze."), "reason")
    inschrijving.status = Inschrijving.Status.GEPAUZEERD
    inschrijving.paused_since = selectors.today()
    if len(reason) > 300:
        _fail(_("Houd de reden kort: hooguit 300 tekens."), "reason")
    inschrijving.pause_reason = reason
    inschrijving.save()
    return inschrijving


@transaction.atomic
def inschrijving_resume(*, by: User, inschrijving: Inschrijving) -> Inschrijving:
    _require_opleider(by, inschrijving.start_moment.leerwerktraject)
    if inschrijving.status != Inschrijving.Status.GEPAUZEERD:
        _fail(_("Deze leerroute is niet gepauzeerd."))
    inschrijving.paused_days = selectors.paused_days(inschrijving)
    inschrijving.paused_since = None
    inschrijving.status = Inschrijving.Status.ACTIEF
    inschrijving.save()
    return inschrijving


# --- Onboarding plan ---------------------------------------------------------------------


def default_template() -> OnboardingTemplate:
    template, made = OnboardingTemplate.objects.get_or_create(
        name="Onboarding in 100 dagen", defaults={"days": 100}
    )
    if made:
        for title, role, day in DEFAULT_TEMPLATE:
            template.items.create(title=title, owner_role=role, due_day=day)
    return template


@transaction.atomic
def onboarding_plan_create(
    *, by: User, traject: Traject, starts_on: date, template: OnboardingTemplate | None = None
) -> OnboardingPlan:
    """A werkgever starts the onboarding plan of a participant who works with them."""
    if by.role != Role.WERKGEVER or not by.organisation_id:
        raise PermissionDenied(_("Alleen de werkgever maakt het onboardingsplan."))
    if not selectors.werkgever_trajecten(user=by).filter(pk=traject.pk).exists():
        raise PermissionDenied(_("Deze deelnemer werkt niet bij jouw organisatie."))
    if OnboardingPlan.objects.filter(traject=traject).exists():
        _fail(_("Er is al een onboardingsplan voor deze deelnemer."))
    template = template or default_template()
    plan = OnboardingPlan.objects.create(
        traject=traject, werkgever=by.organisation, template=template, starts_on=starts_on
    )
    OnboardingItem.objects.bulk_create(
        OnboardingItem(
            plan=plan,
            title=item.title,
            owner_role=item.owner_role,
            due_on=starts_on + timedelta(days=item.due_day),
        )
        for item in template.items.all()
    )
    traject_advance(
        traject=traject,
        to_phase=Phase.ONBOARDING,
        fact=_("onboardingsplan gestart bij %(w)s") % {"w": by.organisation},
    )
    return plan


@transaction.atomic
def onboarding_item_toggle(*, by: User, item: OnboardingItem) -> OnboardingItem:
    plan = item.plan
    allowed = (by.role == Role.WERKGEVER and by.organisation_id == plan.werkgever_id) or (
        by.role == Role.OVERSTAPPER
        and plan.traject.overstapper_id == by.pk
        and item.owner_role == OwnerRole.OVERSTAPPER
    )
    if not allowed:
        raise PermissionDenied(_("Je kunt deze actie niet afvinken."))
    if item.done_at:
        item.done_at, item.done_by = None, None
    else:
        item.done_at, item.done_by = timezone.now(), by
    item.save(update_fields=["done_at", "done_by"])
    return item


# --- Werkgeluk, hulplijn, alerts ---------------------------------------------------------


def alert_raise(*, traject: Traject, kind: str, key: str, message: str) -> Alert | None:
    """One alert per traject, kind and subject, however often the job runs."""
    alert, made = Alert.objects.get_or_create(
        traject=traject,
        kind=kind,
        key=key,
        defaults={"coach_id": traject.coach_id, "message": message[:300]},
    )
    if made and kind in (Alert.Kind.LOW_WERKGELUK, Alert.Kind.MISSED_CHECKIN):
        # The coach hears of it now; the e-mail names the signal, not the scores.
        notify(
            recipients=[traject.coach],
            kind=NotificationKind.SIGNAAL,
            title=_("Signaal: %(kind)s") % {"kind": Alert.Kind(kind).label},
            body=_("Een deelnemer in je caseload heeft aandacht nodig. Bekijk de begeleiding."),
            link=reverse("begeleiding", kwargs={"pk": traject.pk}),
        )
    return alert if made else None


@transaction.atomic
def alerts_resolve(
    *, traject: Traject, kind: str, keys: Iterable[str] = (), message: str = ""
) -> int:
    """Resolve a signal: its open alerts, and each fact behind it (keys) as a resolved alert,
    so neither the daily job nor the computed signal brings the same fact back."""
    now = timezone.now()
    for key in keys:
        Alert.objects.get_or_create(
            traject=traject,
            kind=kind,
            key=key[:60],
            defaults={"coach_id": traject.coach_id, "message": message[:300], "resolved_at": now},
        )
    return Alert.objects.filter(traject=traject, kind=kind, resolved_at__isnull=True).update(
        resolved_at=now
    )


@transaction.atomic
def checkin_submit(*, checkin: CheckIn, scores: dict[str, int], comment: str = "") -> CheckIn:
    """Fill in a check-in once; a low score on any dimension alerts the coach."""
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    if checkin.filled_at:
        _fail(_("Deze check-in is al ingevuld."))
    for name, label in DIMENSIONS:
        value = scores.get(name)
        if not isinstance(value, int) or not 1 <= value <= 5:
            _fail(_("Geef bij %(d)s een score van 1 tot en met 5.") % {"d": label}, name)
        setattr(checkin, name, value)
    comment = (comment or "").strip()
    if len(comment) > 2000:
        _fail(_("Je toelichting is te lang: hooguit 2000 tekens."), "comment")
    checkin.comment = comment
    checkin.filled_at = timezone.now()
    checkin.full_clean()
    checkin.save()
    if checkin.is_low:
        low = [str(label) for name, label in DIMENSIONS if getattr(checkin, name) <= 2]
        alert_raise(
            traject=checkin.traject,
            kind=Alert.Kind.LOW_WERKGELUK,
            key=f"checkin-{checkin.pk}",
            message=_("Laag werkgeluk: %(d)s.") % {"d": ", ".join(low)},
        )
    return checkin


def checkin_token(checkin: CheckIn) -> str:
    return signing.dumps({"c": checkin.pk, "n": secrets.token_hex(16)}, salt=CHECKIN_SALT)


def checkin_from_token(token: str) -> tuple[CheckIn, str]:
    """The check-in a link is for; it works once and expires."""
    try:
        data = signing.loads(token, salt=CHECKIN_SALT, max_age=timedelta(days=CHECKIN_LINK_DAYS))
    except signing.SignatureExpired:
        _fail(_("Deze link is verlopen. Log in om je check-in in te vullen."))
    except signing.BadSignature:
        _fail(_("Deze link is niet geldig."))
    if UsedToken.objects.filter(nonce=data["n"]).exists():
        _fail(_("Deze link is al gebruikt."))
    checkin = CheckIn.objects.filter(pk=data["c"]).select_related("traject").first()
    if checkin is None:
        _fail(_("Deze link is niet geldig."))
    return checkin, data["n"]


@transaction.atomic
def checkin_submit_by_token(*, token: str, scores: dict, comment: str = "") -> CheckIn:
    checkin, nonce = checkin_from_token(token)
    try:
        with transaction.atomic():
            UsedToken.objects.create(nonce=nonce)
    except IntegrityError:
        _fail(_("Deze link is al gebruikt."))
    return checkin_submit(checkin=checkin, scores=scores, comment=comment)


@transaction.atomic
def hulplijn_ask(
    *, by: User, traject: Traject, question: str, to: str, hide_from_werkgever: bool
) -> HulplijnVraag:
    if traject.overstapper_id != by.pk:
        raise PermissionDenied(_("Alleen de deelnemer zelf stelt een vraag aan de hulplijn."))
    vraag = HulplijnVraag(
        traject=traject,
        question=(question or "").strip(),
        to=to,
        hide_from_werkgever=hide_from_werkgever,
    )
    vraag.full_clean()
    vraag.save()
    if to == HulplijnVraag.To.COACH:
        # A signal for the coach at once; the question itself stays on the hulplijn page.
        alert_raise(
            traject=traject,
            kind=Alert.Kind.HULPLIJN,
            key=f"vraag-{vraag.pk}",
            message=_("Nieuwe vraag via de hulplijn."),
        )
        notify(
            recipients=[traject.coach],
            kind=NotificationKind.HULPLIJN,
            title=_("Nieuwe vraag via de hulplijn"),
            body=_("Een deelnemer in je caseload heeft een vraag gesteld via de hulplijn."),
            link=reverse("begeleiding", kwargs={"pk": traject.pk}),
        )
    return vraag


@transaction.atomic
def traject_close(
    *, by: User, traject: Traject, outcome: str, reason: str = "", text: str = ""
) -> Traject:
    """Register a successful landing (afgerond) or uitval with phase and reason."""
    phase = traject.phase
    if outcome == "landing":
        # Landing means they work there: nazorg is reached first, then the coach closes it.
        traject_advance(traject=traject, to_phase=Phase.NAZORG, fact=_("landing geregistreerd"))
        traject.refresh_from_db()
        traject_change_phase(
            traject=traject,
            to_phase=Phase.AFGEROND,
            by=by,
            reason=(text or _("Succesvol geland")).strip(),
        )
    elif outcome == "uitval":
        if reason not in Uitval.Reason.values:
            _fail(_("Kies een reden voor de uitval."), "reason")
        traject_change_phase(
            traject=traject,
            to_phase=Phase.UITGEVALLEN,
            by=by,
            reason=f"{Uitval.Reason(reason).label}. {text}".strip(),
        )
        Uitval.objects.create(traject=traject, phase=phase, reason=reason, text=text, by=by)
        traject.inschrijvingen.filter(
            status__in=[Inschrijving.Status.ACTIEF, Inschrijving.Status.GEPAUZEERD]
        ).update(status=Inschrijving.Status.GESTOPT)
    else:
        _fail(_("Kies geland of uitgevallen."), "outcome")
    traject.refresh_from_db()
    return traject


# --- The daily job -----------------------------------------------------------------------


def _send_checkin_mail(checkin: CheckIn) -> None:
    user = checkin.traject.overstapper
    link = settings.SITE_URL.rstrip("/") + reverse(
        "checkin_link", kwargs={"token": checkin_token(checkin)}
    )
    send_mail(
        _("Hoe gaat het? Je maandelijkse check-in"),
        render_to_string(
            "emails/checkin.txt",
            {"user": user, "link": link, "days": CHECKIN_LINK_DAYS},
        ),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def inschrijvingen_started(*, on: date) -> int:
    """A route whose start moment has come moves its traject to leerwerktraject."""
    before = JOURNEY[: JOURNEY.index(Phase.LEERWERKTRAJECT)]
    moved = 0
    for inschrijving in Inschrijving.objects.filter(
        status=Inschrijving.Status.ACTIEF,
        start_moment__starts_on__lte=on,
        traject__phase__in=before,
    ).select_related("start_moment__leerwerktraject", "traject"):
        fact = _("leerroute %(t)s gestart op %(d)s") % {
            "t": inschrijving.start_moment.leerwerktraject,
            "d": inschrijving.start_moment.starts_on.strftime("%d-%m-%Y"),
        }
        moved += bool(
            traject_advance(traject=inschrijving.traject, to_phase=Phase.LEERWERKTRAJECT, fact=fact)
        )
    return moved


def daily_run(*, on: date | None = None) -> dict:
    """Create this month's check-ins and mail them; raise alerts. Safe to run twice a day."""
    on = on or selectors.today()
    month = on.replace(day=1)
    counts = {"checkins": 0, "mails": 0, "alerts": 0, "started": 0}
    counts["started"] = inschrijvingen_started(on=on)
    trajecten = Traject.objects.filter(
        phase__in=ACTIVE_PHASES, overstapper__isnull=False
    ).select_related("overstapper", "coach")
    for traject in trajecten:
        with transaction.atomic():
            checkin, made = CheckIn.objects.get_or_create(traject=traject, due_on=month)
            counts["checkins"] += made
            # Claim the mail in the same row update, so a parallel run cannot send it too.
            claimed = CheckIn.objects.filter(pk=checkin.pk, emailed_at__isnull=True).update(
                emailed_at=timezone.now()
            )
            if claimed and traject.overstapper.email:
                transaction.on_commit(lambda c=checkin: _send_checkin_mail(c))
                counts["mails"] += 1
    for checkin in CheckIn.objects.filter(
        filled_at__isnull=True,
        emailed_at__lt=timezone.now() - timedelta(days=MISSED_AFTER_DAYS),
        traject__phase__in=ACTIVE_PHASES,
    ).select_related("traject"):
        counts["alerts"] += bool(
            alert_raise(
                traject=checkin.traject,
                kind=Alert.Kind.MISSED_CHECKIN,
                key=f"checkin-{checkin.pk}",
                message=_("Check-in van %(m)s niet ingevuld.") % {"m": f"{checkin.due_on:%m-%Y}"},
            )
        )
    for item in OnboardingItem.objects.filter(
        done_at__isnull=True, due_on__lt=on, plan__traject__phase__in=ACTIVE_PHASES
    ).select_related("plan__traject"):
        counts["alerts"] += bool(
            alert_raise(
                traject=item.plan.traject,
                kind=Alert.Kind.OVERDUE_ITEM,
                key=f"item-{item.pk}",
                message=_("Onboarding-actie te laat: %(t)s.") % {"t": item.title},
            )
        )
    stalled_before = timezone.now() - timedelta(days=STALLED_AFTER_DAYS)
    for inschrijving in Inschrijving.objects.filter(
        status=Inschrijving.Status.ACTIEF,
        start_moment__starts_on__lt=on - timedelta(days=STALLED_AFTER_DAYS),
    ).select_related("traject"):
        last = inschrijving.progress.order_by("-updated_at").first()
        if last is None or last.updated_at < stalled_before:
            counts["alerts"] += bool(
                alert_raise(
                    traject=inschrijving.traject,
                    kind=Alert.Kind.STALLED_ROUTE,
                    key=f"route-{inschrijving.pk}-{on:%Y-%m}",
                    message=_("Al %(d)s dagen geen voortgang in de leerroute.")
                    % {"d": STALLED_AFTER_DAYS},
                )
            )
    return counts
