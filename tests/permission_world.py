"""Two parallel worlds for the permission matrix (tests/test_permission_matrix.py).

Side A ("own") belongs to the personas every role is tested as: anna's traject with coach
carla in lars's region, working at wim's Zorggroep, enrolled on olga's Hogeschool offer.
Side B ("other") is the same story for people nobody in the matrix is: otto with coach chris
in Zuid-Limburg, working at a Limburg employer, enrolled on another school's offer. Every
object a URL can name exists once on each side, so "own object" means side A's id and
"someone else's object" side B's, for every role at once. For links that carry a token
(e-mail confirmation, password reset, check-in) the token is the credential: side A holds a
valid one, side B a forged one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Organisation, Role
from accounts.tokens import email_confirmation_token
from financing import services as financing_services
from financing.catalogue import ensure_catalogue
from financing.models import FinancingSettings, Regeling, SectorNorm, WwParameter
from journeys import intervisie, notes
from journeys.models import Phase, Traject
from latende import services as latende_services
from latende.models import InvitationCode, Participation
from matching.models import Application, Contract, MatchRun
from notifications.services import notify
from onboarding import services as onboarding_services
from onboarding.models import CheckIn, Leeruitkomst, OnboardingItem, OwnerRole
from orientatie import services as orientatie_services
from orientatie.models import Event, GroepSessie, Orientatiegroep
from orientatie.tokens import cancel_token
from profiles import services as profile_services
from profiles.models import ProfileShare
from reports import services as report_services
from taxonomy.models import Beroep, Skill

from .factories import (
    ApplicationFactory,
    BeroepFactory,
    OrganisationFactory,
    SkillFactory,
    UserFactory,
    VacatureFactory,
    make_traject,
)
from .onboarding_helpers import enrol, make_offer

# Texts planted in each side's personal data, and who may see side A's. Nobody in the matrix
# but the beheerder may see anything of side B's ("OTTO-...") or otto himself.
MARKERS = {
    "ANNA-GEVOELIG": {"overstapper"},  # sensitive profile data: only its owner
    "ANNA-PRIVENOTITIE": {"coach", "beheerder"},  # a coach's private note
    "ANNA-NIET-VOOR-WERKGEVER": {"overstapper", "coach", "beheerder"},  # hidden hulplijn question
}
SIDE_B = ("OTTO-", "Otto Overstapper", "otto@example.nl")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Side:
    """The ids of one side's objects, as the URLs name them."""

    region: int
    traject: int
    profile: int
    skill: int  # a Skill in the overstapper's profile
    profile_skill: int  # that ProfileSkill row
    experience: int
    share: int  # the overstapper's share with the coach
    vacature: int  # open, of the side's werkgever
    vacature_skill: int  # a Skill the vacature asks for
    application: int  # the overstapper's signed contract (with its Contract) at that vacature
    leerwerktraject: int  # published, of the side's opleider
    inschrijving: int
    validation: int  # with a PDF as bewijslast
    onboarding_item: int  # one the overstapper may tick off
    checkin: int
    checkin_token: str
    alert: int
    contribution: int  # on the traject's financieringsplan
    report_run: int  # done, for the side's region
    match_run: int
    intervisiegroep: int  # of the side's coach, with the traject as member
    orientatiegroep: int  # of the side's coach, with the traject as member (added earlier)
    groepsessie: int  # a session of that group that took place
    buddy: int  # linked to the traject
    appointment: int  # a coaching talk to come, on the traject
    notification: int  # an unread one in the overstapper's inbox
    start_moment: int  # a start moment to come of the side's leerwerktraject
    module: int  # a module of that leerwerktraject
    leeruitkomst: int  # one not yet recognised for the inschrijving
    next_phase: str  # a phase the traject may move to
    reset_uid: str
    reset_token: str
    confirm_uid: str
    confirm_token: str
    event: int  # published, still to come, of the side's loket
    registration: int  # the overstapper's sign-up there, not yet linked to the account
    registration_token: str  # its cancel link's token
    beroep: int  # a beroep of the verkenner (the same on both sides)
    verdwijnbaan: int  # of the side's werkgever
    campaign: int  # for that verdwijnbaan; the overstapper joined it (anonymously)
    invitation_code: str  # an unused code of that campaign


def _skills(n: int) -> list[Skill]:
    skills = list(Skill.objects.order_by("pk")[: n + 2])
    if len(skills) < n:
        skills += SkillFactory.create_batch(n - len(skills))
    return skills


def build_side(*, marker, overstapper, coach, loket, werkgever, opleider, region, skills) -> Side:
    today = timezone.localdate()
    traject = make_traject(
        overstapper=overstapper, coach=coach, region=region, phase=Phase.LEERWERKTRAJECT
    )
    traject.target_sector = "zorg"
    traject.save(update_fields=["target_sector"])

    profile = profile_services.profile_get_or_create(user=overstapper)
    skill = skills[0]
    item = profile_services.profile_skill_upsert(
        profile=profile, skill=skill, level=3, evidence_type="zelf", evidence_note=""
    )
    experience = profile_services.profile_experience_add(
        profile=profile, kind="werk", title="Baliemedewerker", organisation="Bank", start_year=2015
    )
    # Marked texts, so a page that shows them where it should not is caught (see MARKERS).
    profile_services.profile_save_proud_of(profile=profile, proud_of=f"{marker}-TROTS")
    profile_services.profile_save_sensitive(
        profile=profile, health=f"{marker}-GEVOELIG", arbeidsbeperking=None, status=""
    )
    share = profile_services.profile_share(
        profile=profile, grantee=coach, purpose=ProfileShare.Purpose.COACH
    )
    profile_services.profile_share(
        profile=profile,
        grantee=werkgever,
        purpose=ProfileShare.Purpose.VACATURE,
        vacature="Helpende",
    )
    profile_services.profile_share(
        profile=profile, grantee=opleider, purpose=ProfileShare.Purpose.TOELATING
    )

    org = werkgever.organisation
    vacature = VacatureFactory(
        organisation=org,
        title="Helpende",
        sector="zorg",
        region=region,
        created_by=werkgever,
        published_at=None,
        skills=[(skills[1], 2, True)],
    )
    application = ApplicationFactory(
        profile=profile,
        vacature=vacature,
        status=Application.Status.GETEKEND,
        contract_conditions="Diploma binnen twee jaar.",
        contract_signed_at=timezone.now(),
    )
    Contract.objects.create(
        application=application,
        werkgever=org,
        function_title="Helpende",
        start_date=today + timedelta(days=30),
        hours_per_week=32,
        salary=Decimal("2800"),
        contract_type=Contract.Type.VAST,
        proeftijd_months=1,
        conditions=application.contract_conditions,
        offered_by=werkgever,
        signed_at=application.contract_signed_at,
        signed_by=overstapper,
    )

    lwt = make_offer(opleider, first=today + timedelta(days=30))
    inschrijving = enrol(traject=traject, lwt=lwt, by=overstapper, werkgever=org)
    outcome = Leeruitkomst.objects.filter(module__leerwerktraject=lwt).order_by("pk").first()
    validation = onboarding_services.validation_record(
        by=opleider,
        inschrijving=inschrijving,
        leeruitkomst=outcome,
        method="bewijslast",
        evidence=SimpleUploadedFile("bewijs.pdf", PDF, content_type="application/pdf"),
    )
    plan = onboarding_services.onboarding_plan_create(
        by=werkgever, traject=traject, starts_on=today
    )
    onboarding_item = OnboardingItem.objects.filter(
        plan=plan, owner_role=OwnerRole.OVERSTAPPER
    ).first()
    checkin = CheckIn.objects.create(traject=traject, due_on=today.replace(day=1))
    alert = onboarding_services.alert_raise(
        traject=traject, kind="laag_werkgeluk", key="matrix", message="Laag werkgeluk."
    )

    financing_plan = financing_services.plan_create(traject=traject, by=coach)
    contribution = financing_services.contribution_create(
        plan=financing_plan,
        by=coach,
        post_kind="onboarding",
        funder_type="ontvangende_werkgever",
        funder_organisation=org,
        amount=Decimal("1000"),
    )

    run = report_services.report_run_start(
        user=loket, region=region, start=date(today.year, 1, 1), end=today, breakdown="none"
    )
    run.refresh_from_db()
    assert run.is_done, run.status
    match_run = MatchRun.objects.create(status=MatchRun.Status.DONE, started_by=loket)

    notes.note_add(traject=traject, author=coach, text=f"{marker}-PRIVENOTITIE", shared=False)
    onboarding_services.hulplijn_ask(
        by=overstapper,
        traject=traject,
        question=f"{marker}-NIET-VOOR-WERKGEVER",
        to="coach",
        hide_from_werkgever=True,
    )
    group = intervisie.group_create(coach=coach, name="Dinsdaggroep", member_ids=[traject.pk])
    buddy = intervisie.buddy_link(traject=traject, by=coach, name="Bert Buddy")
    # Made directly: the traject has moved past oriëntatie, as a member may after joining.
    orientatiegroep = Orientatiegroep.objects.create(owner=coach, name="Verkenners", region=region)
    orientatiegroep.members.set([traject])
    held = timezone.now() - timedelta(days=2)
    groepsessie = GroepSessie.objects.create(
        group=orientatiegroep, starts_at=held, ends_at=held + timedelta(hours=2), place="Hal"
    )
    appointment = notes.appointment_add(
        traject=traject, coach=coach, kind="gesprek", starts_at=timezone.now() + timedelta(days=9)
    )
    outcomes = Leeruitkomst.objects.filter(module__leerwerktraject=lwt).order_by("pk")

    (notification,) = notify(
        recipients=[overstapper],
        kind="afspraak",
        title=f"{marker}-MELDING",
        body="Een afspraak met je coach.",
        link=f"/trajecten/{traject.pk}/",
    )
    soon = timezone.localtime() + timedelta(days=10)
    event = orientatie_services.event_create(
        by=loket,
        kind=Event.Kind.INFORMATIEBIJEENKOMST,
        title="Informatiebijeenkomst zorg",
        sectors=["zorg"],
        sessions=[(soon, soon + timedelta(hours=2))],
        capacity=10,
        place="Stadhuis",
    )
    registration = orientatie_services.registration_create(
        event=event, name=overstapper.full_name, email=overstapper.email
    )
    beroep = Beroep.objects.filter(sector="zorg").order_by("pk").first() or BeroepFactory(
        code="test:helpende", label_nl="Helpende", sector="zorg"
    )

    newcomer = UserFactory(
        full_name="Nieuw Aangemeld", is_active=False, home_region=region
    )  # has a confirmation link waiting

    baan = latende_services.verdwijnbaan_create(
        by=werkgever,
        function_title="Kassamedewerker",
        headcount=20,
        expected_date=today + timedelta(days=200),
        reason="automatisering",
    )
    campaign = latende_services.campaign_create(by=werkgever, verdwijnbaan=baan, name="Campagne")
    used, unused = latende_services.codes_generate(by=werkgever, campaign=campaign, count=2)
    # The overstapper joined with the first code, and gave the employer no consent.
    Participation.objects.create(user=overstapper, campaign=campaign)
    InvitationCode.objects.filter(token_hash=latende_services._hash(used)).update(
        used_at=timezone.now()
    )
    return Side(
        region=region.pk,
        traject=traject.pk,
        profile=profile.pk,
        skill=skill.pk,
        profile_skill=item.pk,
        experience=experience.pk,
        share=share.pk,
        vacature=vacature.pk,
        vacature_skill=skills[1].pk,
        application=application.pk,
        leerwerktraject=lwt.pk,
        inschrijving=inschrijving.pk,
        validation=validation.pk,
        onboarding_item=onboarding_item.pk,
        checkin=checkin.pk,
        checkin_token=onboarding_services.checkin_token(checkin),
        alert=alert.pk,
        contribution=contribution.pk,
        report_run=run.pk,
        match_run=match_run.pk,
        intervisiegroep=group.pk,
        orientatiegroep=orientatiegroep.pk,
        groepsessie=groepsessie.pk,
        buddy=buddy.pk,
        appointment=appointment.pk,
        notification=notification.pk,
        start_moment=lwt.start_moments.order_by("starts_on").last().pk,
        module=outcomes[1].module_id,
        leeruitkomst=outcomes[1].pk,
        # Facts on the way (the onboarding plan) moved the traject on: read where it is now.
        next_phase=Traject.objects.get(pk=traject.pk).allowed_next_phases[0],
        reset_uid=urlsafe_base64_encode(force_bytes(overstapper.pk)),
        reset_token=default_token_generator.make_token(overstapper),
        confirm_uid=urlsafe_base64_encode(force_bytes(newcomer.pk)),
        confirm_token=email_confirmation_token.make_token(newcomer),
        event=event.pk,
        registration=registration.pk,
        registration_token=cancel_token(registration),
        beroep=beroep.pk,
        verdwijnbaan=baan.pk,
        campaign=campaign.pk,
        invitation_code=unused,
    )


def build_world(*, anna, otto, carla, chris, lars, wim, olga, amsterdam, limburg):
    """Side A around the personas, side B around people outside the matrix."""
    ensure_catalogue(Regeling, SectorNorm, WwParameter, FinancingSettings)
    skills = _skills(4)
    own = build_side(
        marker="ANNA",
        overstapper=anna,
        coach=carla,
        loket=lars,
        werkgever=wim,
        opleider=olga,
        region=amsterdam,
        skills=skills[:2],
    )
    limburg_loket = UserFactory(
        full_name="Lotte Loket",
        role=Role.LOKET,
        organisation=OrganisationFactory(
            name="Loket Zuid-Limburg", kind=Organisation.Kind.LOKET, region=limburg
        ),
    )
    other_werkgever = UserFactory(
        full_name="Walter Werkgever",
        role=Role.WERKGEVER,
        organisation=OrganisationFactory(name="Zorg Limburg", region=limburg),
    )
    other_opleider = UserFactory(
        full_name="Oscar Opleider",
        role=Role.OPLEIDER,
        organisation=OrganisationFactory(
            name="ROC Limburg", kind=Organisation.Kind.OPLEIDER, region=limburg
        ),
    )
    other = build_side(
        marker="OTTO",
        overstapper=otto,
        coach=chris,
        loket=limburg_loket,
        werkgever=other_werkgever,
        opleider=other_opleider,
        region=limburg,
        skills=skills[2:4],
    )
    other = replace(
        other,
        checkin_token=_forged(other.checkin_token),
        reset_token=_forged(other.reset_token),
        confirm_token=_forged(other.confirm_token),
        registration_token=_forged(other.registration_token),
        invitation_code=_forged(other.invitation_code),
    )
    return own, other


def _forged(token: str) -> str:
    # Same shape, wrong signature.
    return token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
