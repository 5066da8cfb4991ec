"""The role home pages as dashboards: what asks for this user's action, and what waits on
whom, read from the user's real data (issue 19).

Each role gets a list of sections; an empty section says so in a sentence that is true for
the user. Every item links to the page where the action is done. A fixed number of queries per
dashboard, however many items (the tests hold that with django_assert_max_num_queries).
The HTML home pages and GET /api/v1/me/dashboard/ answer the same sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from financing.models import (
    WERKGEVER_FUNDERS,
    Contribution,
    ContributionStatus,
    FunderType,
    PostKind,
)
from financing.selectors import trajecten_for_financing
from journeys.models import END_PHASES, NO_COACH_NO_CONSENT, Phase, Traject
from journeys.selectors import traject_current_for
from loopbrug.money import format_euro
from matching.models import GESCHIKTHEIDSONDERZOEK_MAX, Application, Contract, Vacature
from onboarding.models import (
    CheckIn,
    Inschrijving,
    Leeruitkomst,
    OnboardingItem,
    OwnerRole,
    StartMoment,
)
from onboarding.services import STALLED_AFTER_DAYS
from profiles.models import ProfileShare

# "New" candidates: shared with this werkgever in the last 7 days. A fixed window, not "since
# your last visit": Django's last_login changes at every login, so it cannot tell.
NEW_DAYS = 7
NEXT_START_MOMENTS = 5
# The overstapper sees what others must do for them up to two weeks ahead (and all that is late).
OTHERS_AHEAD_DAYS = 14

S = Application.Status
RUNNING = (Inschrijving.Status.ACTIEF, Inschrijving.Status.GEPAUZEERD)


@dataclass
class Item:
    kind: str
    text: str
    url: str
    action: str
    due: date | None = None
    overdue: bool = False


@dataclass
class Section:
    key: str
    title: str
    empty: str
    items: list[Item] = field(default_factory=list)
    intro: str = ""


def _day(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return date_format(value, "j F Y")


def _meeloopdag_end(application: Application) -> date:
    return application.meeloopdag_on + timedelta(days=(application.meeloopdag_days or 1) - 1)


def _meeloopdag_to_plan(application: Application) -> bool:
    """Interest shown, or a meeloopdag without its date (data from before the date was
    required): the werkgever still has to plan it."""
    return application.status == S.INTERESSE or (
        application.status == S.MEELOOPDAG and application.meeloopdag_on is None
    )


def _meeloopdag_ahead(application: Application, today: date) -> bool:
    return (
        application.status == S.MEELOOPDAG
        and application.meeloopdag_on is not None
        and _meeloopdag_end(application) >= today
    )


def _name(user: User | None) -> str:
    return user.full_name if user is not None else _("een deelnemer (account verwijderd)")


# --- Werkgever ----------------------------------------------------------------------------


def werkgever_dashboard(*, user: User, now: datetime | None = None) -> list[Section]:
    """Open vacatures with their new candidates, the candidate steps that are the werkgever's
    to take, onboarding actions that are late and financing contributions to confirm."""
    if user.role != Role.WERKGEVER or not user.organisation_id:
        return []
    now = now or timezone.now()
    org = user.organisation_id
    # Only candidates who share their profile with this user, as on the candidates page.
    shared = ProfileShare.objects.active(now).filter(grantee=user).values("profile_id")
    return [
        _werkgever_vacatures(org, shared, now),
        _werkgever_actions(org, shared, now),
        _werkgever_onboarding(org, timezone.localdate(now)),
        _werkgever_financing(user, org),
    ]


def _werkgever_vacatures(org: int, shared, now: datetime) -> Section:
    since = now - timedelta(days=NEW_DAYS)
    mine = Q(applications__profile_id__in=shared)
    vacatures = (
        Vacature.objects.open()
        .filter(organisation_id=org)
        .annotate(
            total=Count("applications", filter=mine),
            new=Count("applications", filter=mine & Q(applications__created_at__gte=since)),
        )
        .order_by("-new", "-published_at", "pk")
    )
    items = []
    for v in vacatures:
        if v.new:
            text = ngettext(
                "%(title)s: %(new)d nieuwe kandidaat in de afgelopen 7 dagen, %(total)d in totaal.",
                "%(title)s: %(new)d nieuwe kandidaten in de afgelopen 7 dagen, "
                "%(total)d in totaal.",
                v.new,
            )
        elif v.total:
            text = ngettext(
                "%(title)s: geen nieuwe kandidaten in de afgelopen 7 dagen, %(total)d in totaal.",
                "%(title)s: geen nieuwe kandidaten in de afgelopen 7 dagen, %(total)d in totaal.",
                v.total,
            )
        else:
            text = _("%(title)s: nog geen kandidaten die hun profiel met jou delen.")
        items.append(
            Item(
                kind="vacature",
                text=text % {"title": v.title, "new": v.new, "total": v.total},
                url=reverse("vacature_candidates", args=[v.pk]),
                action=_("Kandidaten van %(title)s") % {"title": v.title},
            )
        )
    return Section(
        key="vacatures",
        title=_("Open vacatures"),
        intro=_(
            "Kandidaten die interesse toonden en hun profiel met jou delen; nieuw is gedeeld "
            "in de afgelopen 7 dagen."
        ),
        empty=_("Je organisatie heeft geen open vacatures."),
        items=items,
    )


def _werkgever_actions(org: int, shared, now: datetime) -> Section:
    today = timezone.localdate(now)
    has_contract = Exists(Contract.objects.filter(application=OuterRef("pk")))
    applications = (
        Application.objects.filter(vacature__organisation_id=org, profile_id__in=shared)
        .annotate(has_contract=has_contract)
        .filter(
            Q(status=S.INTERESSE)
            | Q(status=S.MEELOOPDAG, meeloopdag_on__isnull=True)
            | Q(status=S.MEELOOPDAG, meeloopdag_on__lt=today)
            | Q(status=S.ONDERZOEK, onderzoek_started_at__lt=now - GESCHIKTHEIDSONDERZOEK_MAX)
            | Q(status=S.SELECTIE)
            | Q(status=S.CONTRACT, has_contract=False)
        )
        .select_related("profile__user", "vacature")
        .order_by("created_at", "pk")
    )
    items = []
    for a in applications:
        if _meeloopdag_ahead(a, today):
            continue  # still walking along
        names = {"name": _name(a.profile.user), "title": a.vacature.title}
        candidates = reverse("vacature_candidates", args=[a.vacature_id])
        if _meeloopdag_to_plan(a):
            names["date"] = _day(a.created_at)
            item = Item(
                kind="meeloopdag_plannen",
                text=_(
                    "Plan een meeloopdag met %(name)s voor %(title)s, of laat weten dat het "
                    "niet doorgaat (interesse getoond op %(date)s)."
                )
                % names,
                url=candidates,
                action=_("Meeloopdag plannen met %(name)s") % names,
            )
        elif a.status == S.MEELOOPDAG:
            names["date"] = _day(_meeloopdag_end(a))
            item = Item(
                kind="na_meeloopdag",
                text=_(
                    "Het meelopen van %(name)s voor %(title)s is voorbij (laatste dag "
                    "%(date)s): kies de volgende stap."
                )
                % names,
                url=candidates,
                action=_("Volgende stap voor %(name)s") % names,
            )
        elif a.status == S.ONDERZOEK:
            names["date"] = _day(a.onderzoek_started_at)
            item = Item(
                kind="onderzoek_te_lang",
                text=_(
                    "Het geschiktheidsonderzoek van %(name)s voor %(title)s loopt sinds "
                    "%(date)s, langer dan 5 weken: rond het af."
                )
                % names,
                url=candidates,
                action=_("Onderzoek van %(name)s afronden") % names,
                overdue=True,
            )
        elif a.status == S.SELECTIE:
            item = Item(
                kind="contract_sturen",
                text=_(
                    "%(name)s is in selectie voor %(title)s: bied het voorwaardelijk contract "
                    "aan, of laat weten dat het niet doorgaat."
                )
                % names,
                url=reverse("contract_offer", args=[a.pk]),
                action=_("Contract aanbieden aan %(name)s") % names,
            )
        else:
            item = Item(
                kind="contract_sturen",
                text=_(
                    "Stuur %(name)s het voorwaardelijk contract voor %(title)s: het aanbod "
                    "heeft nog geen inhoud."
                )
                % names,
                url=reverse("contract_offer", args=[a.pk]),
                action=_("Contract aanbieden aan %(name)s") % names,
            )
        items.append(item)
    items.sort(key=lambda i: not i.overdue)  # stable: then the oldest candidate first
    return Section(
        key="acties",
        title=_("Kandidaten: jij bent aan zet"),
        empty=_(
            "Geen kandidaat wacht op jou: geen meeloopdag te plannen, geen onderzoek langer "
            "dan 5 weken en geen contract te sturen."
        ),
        items=items,
    )


def _werkgever_onboarding(org: int, today: date) -> Section:
    overdue = (
        OnboardingItem.objects.filter(
            plan__werkgever_id=org, done_at__isnull=True, due_on__lt=today
        )
        .exclude(plan__traject__phase__in=END_PHASES)
        .select_related("plan__traject__overstapper")
        .order_by("due_on", "pk")
    )
    items = [
        Item(
            kind="onboarding_te_laat",
            text=_("%(title)s (%(owner)s) voor %(name)s: uiterlijk %(date)s, nog niet afgevinkt.")
            % {
                "title": i.title,
                "owner": OwnerRole(i.owner_role).label,
                "name": _name(i.plan.traject.overstapper),
                "date": _day(i.due_on),
            },
            url=reverse("werkgever_plan", args=[i.plan.traject_id]),
            action=_("Onboardingsplan van %(name)s") % {"name": _name(i.plan.traject.overstapper)},
            due=i.due_on,
            overdue=True,
        )
        for i in overdue
    ]
    return Section(
        key="onboarding",
        title=_("Onboarding: te laat"),
        empty=_("Er zijn geen onboardingsacties over hun datum."),
        items=items,
    )


def _werkgever_financing(user: User, org: int) -> Section:
    visible = trajecten_for_financing(user=user).values("pk")
    contributions = (
        Contribution.objects.filter(
            status=ContributionStatus.VOORGESTELD,
            funder_organisation_id=org,
            post__plan__traject__in=visible,
        )
        .filter(
            Q(funder_type=FunderType.ONTVANGENDE_WERKGEVER)
            | Q(
                funder_type=FunderType.LATENDE_WERKGEVER,
                post__plan__traject__latende_werkgever_id=org,
            )
        )
        .select_related("post__plan__traject__overstapper")
        .order_by("created_at", "pk")
    )
    items = []
    for c in contributions:
        traject = c.post.plan.traject
        names = {
            "amount": format_euro(c.amount),
            "post": PostKind(c.post.kind).label,
            "name": _name(traject.overstapper),
            "as": FunderType(c.funder_type).label.lower(),
        }
        items.append(
            Item(
                kind="bijdrage_bevestigen",
                text=_(
                    "%(amount)s voor %(post)s in het financieringsplan van %(name)s is "
                    "voorgesteld als jullie bijdrage (als %(as)s): bevestig of wijs af."
                )
                % names,
                url=reverse("financing_contribution_edit", args=[traject.pk, c.pk]),
                action=_("Bijdrage voor %(name)s bevestigen") % names,
            )
        )
    return Section(
        key="financiering",
        title=_("Financiering: bijdragen te bevestigen"),
        empty=_("Er staan geen voorgestelde bijdragen van je organisatie open."),
        items=items,
    )


# --- Opleider -----------------------------------------------------------------------------


def opleider_dashboard(*, user: User, now: datetime | None = None) -> list[Section]:
    """Cohorts per start moment with the places left, recognition of prior learning not yet
    recorded, participants without progress and the next start moments."""
    if user.role != Role.OPLEIDER or not user.organisation_id:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    org = user.organisation_id
    moments = StartMoment.objects.filter(leerwerktraject__opleider_id=org).annotate(
        # Every inschrijving takes a place, as inschrijving_create counts them.
        taken=Count("inschrijvingen", distinct=True),
        running=Count(
            "inschrijvingen", filter=Q(inschrijvingen__status__in=RUNNING), distinct=True
        ),
    )
    routes = Inschrijving.objects.filter(
        start_moment__leerwerktraject__opleider_id=org
    ).select_related("traject__overstapper", "start_moment__leerwerktraject")
    return [
        _opleider_cohorts(moments, today),
        _opleider_validations(routes),
        _opleider_stalled(routes, now),
        _opleider_next_starts(moments, today),
    ]


def _places(m: StartMoment) -> str:
    left = max(0, m.places - m.taken)
    if not left:
        return _("vol (%(places)d plaatsen)") % {"places": m.places}
    return ngettext(
        "nog %(left)d van %(places)d plaatsen vrij",
        "nog %(left)d van %(places)d plaatsen vrij",
        left,
    ) % {"left": left, "places": m.places}


def _opleider_cohorts(moments, today: date) -> Section:
    cohorts = (
        moments.filter(running__gt=0).select_related("leerwerktraject").order_by("starts_on", "pk")
    )
    items = []
    for m in cohorts:
        names = {"title": m.leerwerktraject.title, "date": _day(m.starts_on), "n": m.running}
        if m.starts_on > today:
            text = ngettext(
                "%(title)s, start %(date)s: %(n)d deelnemer ingeschreven, %(places)s.",
                "%(title)s, start %(date)s: %(n)d deelnemers ingeschreven, %(places)s.",
                m.running,
            ) % (names | {"places": _places(m)})
        else:
            text = (
                ngettext(
                    "%(title)s, gestart op %(date)s: %(n)d deelnemer in de leerroute.",
                    "%(title)s, gestart op %(date)s: %(n)d deelnemers in de leerroute.",
                    m.running,
                )
                % names
            )
        items.append(
            Item(
                kind="cohort",
                text=text,
                url=reverse("leerwerktraject_manage", args=[m.leerwerktraject_id]),
                action=_("%(title)s beheren") % names,
                due=m.starts_on,
            )
        )
    return Section(
        key="cohorten",
        title=_("Cohorten per startmoment"),
        intro=_("Startmomenten met deelnemers die actief of gepauzeerd zijn."),
        empty=_("Er volgt nu niemand een leerroute bij je organisatie."),
        items=items,
    )


def _opleider_validations(routes) -> Section:
    has_outcomes = Exists(
        Leeruitkomst.objects.filter(
            module__leerwerktraject_id=OuterRef("start_moment__leerwerktraject_id")
        )
    )
    waiting = (
        routes.filter(status__in=RUNNING)
        .annotate(n=Count("validations"), has_outcomes=has_outcomes)
        .filter(n=0, has_outcomes=True)
        .order_by("start_moment__starts_on", "pk")
    )
    items = [
        Item(
            kind="erkenning_vastleggen",
            text=_(
                "%(name)s (%(title)s, start %(date)s): nog geen leeruitkomst als eerder geleerd "
                "erkend."
            )
            % {
                "name": _name(r.traject.overstapper),
                "title": r.start_moment.leerwerktraject.title,
                "date": _day(r.start_moment.starts_on),
            },
            url=reverse("route_detail", args=[r.pk]),
            action=_("Erkenning vastleggen voor %(name)s") % {"name": _name(r.traject.overstapper)},
            due=r.start_moment.starts_on,
        )
        for r in waiting
    ]
    return Section(
        key="erkenningen",
        title=_("Eerder geleerd (EVC) vastleggen"),
        intro=_(
            "Deelnemers bij wie nog geen enkele leeruitkomst is erkend met een assessment of "
            "bewijslast. Beheerst iemand nog niets van de route, dan hoeft er niets te gebeuren."
        ),
        empty=_("Bij iedere lopende leerroute is al minstens één leeruitkomst erkend."),
        items=items,
    )


def _opleider_stalled(routes, now: datetime) -> Section:
    today = timezone.localdate(now)
    before = now - timedelta(days=STALLED_AFTER_DAYS)
    stalled = (
        routes.filter(
            status=Inschrijving.Status.ACTIEF,
            start_moment__starts_on__lt=today - timedelta(days=STALLED_AFTER_DAYS),
        )
        .annotate(last=Max("progress__updated_at"))
        .filter(Q(last__isnull=True) | Q(last__lt=before))
        .order_by("start_moment__starts_on", "pk")
    )
    items = []
    for r in stalled:
        names = {
            "name": _name(r.traject.overstapper),
            "title": r.start_moment.leerwerktraject.title,
            "date": _day(r.last or r.start_moment.starts_on),
        }
        if r.last is None:
            text = _("%(name)s (%(title)s): gestart op %(date)s en nog nooit voortgang vastgelegd.")
        else:
            text = _("%(name)s (%(title)s): de laatste voortgang is van %(date)s.")
        items.append(
            Item(
                kind="geen_voortgang",
                text=text % names,
                url=reverse("route_detail", args=[r.pk]),
                action=_("Leerroute van %(name)s") % names,
                overdue=True,
            )
        )
    return Section(
        key="zonder_voortgang",
        title=_("Deelnemers zonder voortgang"),
        intro=ngettext(
            "Actieve leerroutes die langer dan %(d)d dag lopen zonder voortgang in die tijd.",
            "Actieve leerroutes die langer dan %(d)d dagen lopen zonder voortgang in die tijd.",
            STALLED_AFTER_DAYS,
        )
        % {"d": STALLED_AFTER_DAYS},
        empty=ngettext(
            "Geen actieve leerroute staat langer dan %(d)d dag stil.",
            "Geen actieve leerroute staat langer dan %(d)d dagen stil.",
            STALLED_AFTER_DAYS,
        )
        % {"d": STALLED_AFTER_DAYS},
        items=items,
    )


def _opleider_next_starts(moments, today: date) -> Section:
    upcoming = (
        moments.filter(starts_on__gte=today)
        .select_related("leerwerktraject")
        .order_by("starts_on", "pk")[:NEXT_START_MOMENTS]
    )
    items = []
    for m in upcoming:
        names = {"title": m.leerwerktraject.title, "date": _day(m.starts_on)}
        text = _("%(title)s start op %(date)s: %(places)s.") % (names | {"places": _places(m)})
        if not m.leerwerktraject.is_published:
            text += " " + _("Nog niet gepubliceerd: niemand kan zich inschrijven.")
        items.append(
            Item(
                kind="startmoment",
                text=text,
                url=reverse("leerwerktraject_manage", args=[m.leerwerktraject_id]),
                action=_("%(title)s beheren") % names,
                due=m.starts_on,
            )
        )
    return Section(
        key="startmomenten",
        title=_("Volgende startmomenten"),
        empty=_("Er zijn geen startmomenten gepland. Plan ze bij je leerwerktraject."),
        items=items,
    )


# --- Overstapper --------------------------------------------------------------------------

# Where the phase's own next step is done, when nothing more specific waits for the overstapper.
PHASE_PAGES = {
    Phase.ORIENTATIE: "my_orientation",
    Phase.PROFIEL: "profile_document",
    Phase.MATCH: "my_matches",
    Phase.SELECTIE: "my_matches",
    Phase.LEERWERKTRAJECT: "my_route",
    Phase.ONBOARDING: "my_route",
    Phase.NAZORG: "my_route",
}
CLOSED_APPLICATION = (S.GETEKEND, S.AFGEWEZEN, S.INGETROKKEN)


def overstapper_dashboard(
    *, user: User, traject: Traject | None, now: datetime | None = None
) -> list[Section]:
    """The next step first (what the overstapper does), then what waits on others: the named
    party and what they must do, from the traject's real state."""
    if user.role != Role.OVERSTAPPER or traject is None:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    own: list[Item] = []
    others: list[Item] = []
    if traject.is_open:
        _overstapper_coach(user, traject, own, others)
        _overstapper_applications(user, today, own, others)
        _overstapper_onboarding(traject, today, own, others)
        _overstapper_financing(traject, others)
    own.sort(key=lambda i: (i.due is None, i.due or today))
    others.sort(key=lambda i: (not i.overdue, i.due is None, i.due or today))
    if not own:
        page = PHASE_PAGES.get(traject.phase)
        own.append(
            Item(
                kind="fase",
                text=traject.next_step,
                url=reverse(page) if page else reverse("my_timeline"),
                action=_("Naar deze stap") if page else _("Mijn tijdlijn"),
            )
        )
    return [
        Section(
            key="jij",
            title=_("Je volgende stap"),
            empty="",  # never empty: the phase's next step stands in
            items=own,
        ),
        Section(
            key="anderen",
            title=_("Wat anderen voor je doen"),
            empty=_("Er wacht nu niets op een ander: niemand hoeft iets voor je te doen."),
            items=others,
        ),
    ]


def _overstapper_coach(user: User, traject: Traject, own: list, others: list) -> None:
    if traject.coach_id is not None:
        return
    if user.intake_consent_at is None:
        own.append(
            Item(
                kind="toestemming",
                text=str(NO_COACH_NO_CONSENT),
                url=reverse("home") + "#waar-sta-ik",
                action=_("Toestemming geven"),
            )
        )
    else:
        others.append(
            Item(
                kind="coach",
                text=_(
                    "De coaches van %(region)s: een van hen pakt je aanmelding op. Je krijgt "
                    "bericht zodra je een coach hebt."
                )
                % {"region": traject.region},
                url=reverse("my_timeline"),
                action=_("Mijn tijdlijn"),
            )
        )


def _overstapper_applications(user: User, today: date, own: list, others: list) -> None:
    applications = (
        Application.objects.filter(profile__user=user)
        .exclude(status__in=CLOSED_APPLICATION)
        .annotate(has_contract=Exists(Contract.objects.filter(application=OuterRef("pk"))))
        .select_related("vacature__organisation")
        .order_by("created_at", "pk")
    )
    for a in applications:
        names = {"org": a.vacature.organisation.name, "title": a.vacature.title}
        matches = reverse("my_matches")
        if _meeloopdag_to_plan(a):
            others.append(
                Item(
                    kind="meeloopdag_plannen",
                    text=_(
                        "%(org)s plant je meeloopdag voor %(title)s, of laat weten dat het "
                        "niet doorgaat."
                    )
                    % names,
                    url=matches,
                    action=_("Mijn sollicitaties"),
                )
            )
        elif _meeloopdag_ahead(a, today):
            names |= {"date": _day(a.meeloopdag_on), "days": a.meeloopdag_days or 1}
            own.append(
                Item(
                    kind="meeloopdag",
                    text=ngettext(
                        "Loop mee bij %(org)s voor %(title)s: vanaf %(date)s, %(days)d dag.",
                        "Loop mee bij %(org)s voor %(title)s: vanaf %(date)s, %(days)d dagen.",
                        names["days"],
                    )
                    % names,
                    url=matches,
                    action=_("Mijn sollicitaties"),
                    due=a.meeloopdag_on,
                )
            )
        elif a.status == S.MEELOOPDAG:
            others.append(
                Item(
                    kind="na_meeloopdag",
                    text=_("%(org)s kiest na je meeloopdag de volgende stap voor %(title)s.")
                    % names,
                    url=matches,
                    action=_("Mijn sollicitaties"),
                )
            )
        elif a.status == S.ONDERZOEK:
            names["date"] = _day(a.onderzoek_started_at) if a.onderzoek_started_at else "—"
            text = _("%(org)s doet het geschiktheidsonderzoek voor %(title)s (sinds %(date)s).")
            if a.onderzoek_overdue:
                text = _(
                    "%(org)s doet het geschiktheidsonderzoek voor %(title)s (sinds %(date)s, "
                    "langer dan de 5 weken die het hooguit mag duren)."
                )
            others.append(
                Item(
                    kind="onderzoek",
                    text=text % names,
                    url=matches,
                    action=_("Mijn sollicitaties"),
                    overdue=a.onderzoek_overdue,
                )
            )
        elif a.status == S.SELECTIE:
            others.append(
                Item(
                    kind="selectie",
                    text=_(
                        "%(org)s beslist in de selectie voor %(title)s: een voorwaardelijk "
                        "contract aanbieden, of laten weten dat het niet doorgaat."
                    )
                    % names,
                    url=matches,
                    action=_("Mijn sollicitaties"),
                )
            )
        elif a.has_contract:
            own.append(
                Item(
                    kind="contract_tekenen",
                    text=_(
                        "Lees het voorwaardelijk contract van %(org)s voor %(title)s en teken "
                        "als je akkoord bent."
                    )
                    % names,
                    url=reverse("contract_detail", args=[a.pk]),
                    action=_("Contract van %(org)s lezen") % names,
                )
            )
        else:
            others.append(
                Item(
                    kind="contract_sturen",
                    text=_("%(org)s stuurt je het voorwaardelijk contract voor %(title)s.") % names,
                    url=matches,
                    action=_("Mijn sollicitaties"),
                )
            )


def _overstapper_onboarding(traject: Traject, today: date, own: list, others: list) -> None:
    checkin = (
        CheckIn.objects.filter(traject=traject, filled_at__isnull=True).order_by("-due_on").first()
    )
    if checkin is not None:
        own.append(
            Item(
                kind="checkin",
                text=_("Vul je werkgeluk-check-in van %(month)s in.")
                % {"month": date_format(checkin.due_on, "F Y")},
                url=reverse("my_route"),
                action=_("Check-in invullen"),
            )
        )
    horizon = today + timedelta(days=OTHERS_AHEAD_DAYS)
    items = list(
        OnboardingItem.objects.filter(
            plan__traject=traject, done_at__isnull=True, due_on__lte=horizon
        )
        .select_related("plan__werkgever")
        .order_by("due_on", "pk")
    )
    opleider = None
    if any(i.owner_role == OwnerRole.OPLEIDER for i in items):
        route = (
            Inschrijving.objects.filter(traject=traject, status__in=RUNNING)
            .select_related("start_moment__leerwerktraject__opleider")
            .first()
        )
        opleider = route.start_moment.leerwerktraject.opleider.name if route else None
    for i in items:
        late = i.due_on < today
        names = {"title": i.title, "date": _day(i.due_on)}
        if i.owner_role == OwnerRole.OVERSTAPPER:
            text = (
                _("Vink af: %(title)s (was uiterlijk %(date)s).")
                if late
                else _("Vink af: %(title)s, uiterlijk %(date)s.")
            )
            own.append(
                Item(
                    kind="onboarding",
                    text=text % names,
                    url=reverse("my_route"),
                    action=_("Mijn leerroute en onboarding"),
                    due=i.due_on,
                    overdue=late,
                )
            )
            continue
        if i.owner_role == OwnerRole.OPLEIDER:
            names["party"] = opleider or _("Je opleider")
        else:
            names["party"] = f"{i.plan.werkgever.name} ({OwnerRole(i.owner_role).label})"
        text = (
            _("%(party)s: %(title)s, was uiterlijk %(date)s en is nog niet afgevinkt.")
            if late
            else _("%(party)s: %(title)s, uiterlijk %(date)s.")
        )
        others.append(
            Item(
                kind="onboarding",
                text=text % names,
                url=reverse("my_route"),
                action=_("Mijn leerroute en onboarding"),
                due=i.due_on,
                overdue=late,
            )
        )


def _overstapper_financing(traject: Traject, others: list) -> None:
    waiting = (
        Contribution.objects.filter(post__plan__traject=traject)
        .filter(
            Q(
                status=ContributionStatus.VOORGESTELD,
                funder_type__in=WERKGEVER_FUNDERS,
                funder_organisation__isnull=False,
            )
            | Q(status=ContributionStatus.AANGEVRAAGD)
        )
        .select_related("funder_organisation", "post")
        .order_by("created_at", "pk")
    )
    for c in waiting:
        names = {"amount": format_euro(c.amount), "post": PostKind(c.post.kind).label}
        if c.status == ContributionStatus.VOORGESTELD:
            names["party"] = c.funder_organisation.name
            text = _(
                "%(party)s moet de voorgestelde bijdrage van %(amount)s voor %(post)s nog "
                "bevestigen."
            )
        else:
            names["party"] = c.funder_label
            text = _(
                "%(party)s beslist over de aangevraagde bijdrage van %(amount)s voor %(post)s."
            )
        others.append(
            Item(
                kind="bijdrage",
                text=text % names,
                url=reverse("financing_plan", args=[traject.pk]),
                action=_("Mijn financieringsplan"),
            )
        )


def dashboard_for(*, user: User) -> list[Section] | None:
    """The sections of the logged-in user's home page; None: this role has none here."""
    if user.role == Role.WERKGEVER:
        return werkgever_dashboard(user=user)
    if user.role == Role.OPLEIDER:
        return opleider_dashboard(user=user)
    if user.role == Role.OVERSTAPPER:
        return overstapper_dashboard(user=user, traject=traject_current_for(overstapper=user))
    return None
