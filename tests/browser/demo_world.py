"""The demo world (`seed_demo`) plus what the crawl needs on top of it, so that every page has
something to show: a finished report, a match run, a check-in, notes, appointments, signals,
a contract with co-financing, recognised leeruitkomsten with bewijslast, and users for the
first-time two-factor set-up and for erasing an account."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from workspace.demo import DEMO_PASSWORD, email_for

from ..factories import UserFactory

# The smallest valid PNG: bewijslast is checked by content.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@dataclass
class World:
    """Handles on the seeded objects the pages are about."""

    users: dict = field(default_factory=dict)  # demo key -> User
    trajecten: dict = field(default_factory=dict)  # demo key -> Traject
    objects: dict = field(default_factory=dict)  # name -> any other object

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    @property
    def password(self) -> str:
        return DEMO_PASSWORD


def totp_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in(page, user, password: str, *, at_second_factor: Callable[[], None] | None = None):
    """Log in on the login page as a person would, past the second factor when the user has
    one; at_second_factor runs once the code field shows (the crawl checks that page)."""
    page.goto(reverse("login"))
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)
    if "/account/tweestaps/" in page.url and user.totpdevice_set.filter(confirmed=True).exists():
        code = page.get_by_label("Code uit je authenticator-app")
        code.wait_for()
        if at_second_factor is not None:
            at_second_factor()
        code.fill(totp_code(user))
        page.get_by_role("button", name="Bevestigen").click()
        # The loket lands on its home, whose figures cost seconds on the demo world when
        # nothing computed them before (tests run without the worker that does).
        page.wait_for_url(lambda url: "/account/tweestaps/" not in url, timeout=60_000)


def build_world() -> World:
    from accounts.models import Region, Role, User
    from accounts.regions import ensure_regions
    from financing import services as fs
    from financing.catalogue import ensure_catalogue
    from financing.models import FinancingSettings, Regeling, SectorNorm, WwParameter
    from journeys import notes
    from journeys.models import Appointment, Traject
    from matching.models import Application, Contract, MatchRun, Vacature, VacatureTask
    from onboarding import services as os_
    from onboarding.models import Alert, CheckIn, Inschrijving, Leeruitkomst
    from profiles.models import Profile, ProfileShare
    from profiles.services import profile_get_or_create, profile_share
    from reports.models import ReportRun
    from reports.services import report_run_execute
    from taxonomy.curated import load_curated_taxonomy
    from workspace.demo import seed_demo

    from ..factories import ApplicationFactory

    # Transactional tests flush what the data migrations loaded: put it back first.
    ensure_regions(Region)
    load_curated_taxonomy()
    ensure_catalogue(Regeling, SectorNorm, WwParameter, FinancingSettings)
    seed_demo()

    world = World()
    for user in User.objects.filter(email__endswith="@demo.loopbrug.nl"):
        world.users[user.email.split("@")[0]] = user
    for traject in Traject.objects.select_related("overstapper"):
        world.trajecten[traject.overstapper.email.split("@")[0]] = traject
    users, trajecten, obj = world.users, world.trajecten, world.objects
    coach = users["coach"]

    # Krista signed her contract with Cordaan; her plan has Cordaan's co-financing.
    helpende = Vacature.objects.get(title="Helpende zorg en welzijn")
    krista = trajecten["krista"]
    signed = ApplicationFactory(
        profile=Profile.objects.get(user=krista.overstapper),
        vacature=helpende,
        status=Application.Status.GETEKEND,
        contract_conditions="Diploma Helpende Zorg en Welzijn binnen een jaar.",
        contract_signed_at=timezone.now() - timedelta(days=50),
    )
    obj["signed_contract"] = Contract.objects.create(
        application=signed,
        werkgever=helpende.organisation,
        function_title=helpende.title,
        start_date=timezone.localdate() - timedelta(days=40),
        hours_per_week=28,
        salary=Decimal("2450.00"),
        contract_type=Contract.Type.VAST,
        proeftijd_months=2,
        conditions=signed.contract_conditions,
        offered_by=users["werkgever"],
        signed_at=signed.contract_signed_at,
        signed_by=krista.overstapper,
    )
    # Jitske has a contract from Cordaan to read and sign; Lennard, selected, is still to get
    # one; a task of another level makes the split page say what a split would do.
    offered = ApplicationFactory(
        profile=Profile.objects.get(user=users["jitske"]),
        vacature=helpende,
        status=Application.Status.CONTRACT,
        contract_conditions="Diploma Helpende Zorg en Welzijn vóór 1 september.",
    )
    obj["offered_contract"] = Contract.objects.create(
        application=offered,
        werkgever=helpende.organisation,
        function_title=helpende.title,
        start_date=timezone.localdate() + timedelta(days=60),
        end_date=timezone.localdate() + timedelta(days=60 + 365),
        hours_per_week=24,
        salary=Decimal("2300.00"),
        contract_type=Contract.Type.TIJDELIJK,
        proeftijd_months=1,
        conditions=offered.contract_conditions,
        offered_by=users["werkgever"],
    )
    lennard = profile_get_or_create(user=users["lennard"])
    profile_share(
        profile=lennard,
        grantee=users["werkgever"],
        purpose=ProfileShare.Purpose.VACATURE,
        vacature=helpende.title,
    )
    obj["selected_application"] = ApplicationFactory(
        profile=lennard, vacature=helpende, status=Application.Status.SELECTIE
    )
    VacatureTask.objects.create(vacature=helpende, description="Zorgplan bijhouden", niveau="mbo3")
    plan = fs.plan_create(traject=krista, by=coach)
    obj["contribution"] = fs.contribution_create(
        plan=plan,
        by=coach,
        post_kind="onboarding",
        funder_type="ontvangende_werkgever",
        amount=Decimal("3000"),
        status="toegezegd",
    )
    obj["jitske_application"] = Application.objects.exclude(vacature=helpende).get(
        profile__user=users["jitske"]
    )
    obj["helpende"] = helpende
    obj["teaching"] = Vacature.objects.get(title="Leraar basisonderwijs (zij-instroom)")

    # The route: one leeruitkomst recognised by assessment, one with bewijslast.
    inschrijving = Inschrijving.objects.get(traject=krista)
    obj["inschrijving"] = inschrijving
    lwt = inschrijving.start_moment.leerwerktraject
    obj["leerwerktraject"] = lwt
    uitkomsten = list(Leeruitkomst.objects.filter(module__leerwerktraject=lwt).order_by("pk"))
    opleider = users["opleider-ncoi"]
    os_.validation_record(
        by=opleider, inschrijving=inschrijving, leeruitkomst=uitkomsten[0], method="assessment"
    )
    obj["evidence"] = os_.validation_record(
        by=opleider,
        inschrijving=inschrijving,
        leeruitkomst=uitkomsten[1],
        method="bewijslast",
        evidence=SimpleUploadedFile("bewijs.png", PNG, content_type="image/png"),
    )

    # This month's check-ins (and their alerts), one low werkgeluk alert, and a check-in link.
    os_.daily_run()
    obj["checkin"] = CheckIn.objects.get(traject=krista, filled_at__isnull=True)
    obj["checkin_token"] = os_.checkin_token(obj["checkin"])
    os_.alert_raise(
        traject=krista, kind=Alert.Kind.LOW_WERKGELUK, key="demo", message="Werkgeluk 2 van 5"
    )

    # The coach's workspace on Jitske: a shared and a private note, an appointment.
    jitske = trajecten["jitske"]
    notes.note_add(traject=jitske, author=coach, text="Kennismaking gehad.", shared=True)
    notes.note_add(traject=jitske, author=coach, text="Let op: twijfelt over uren.")
    notes.appointment_add(
        traject=jitske,
        coach=coach,
        kind=Appointment.Kind.GESPREK,
        starts_at=timezone.now() + timedelta(days=3),
        location="Kantoor Amsterdam",
    )

    # An intervisiegroep with a meeting, and a buddy for Jitske.
    from journeys import intervisie

    obj["intervisiegroep"] = intervisie.group_create(
        coach=coach, name="Zij-instromers", member_ids=[jitske.pk, krista.pk]
    )
    intervisie.meeting_plan(
        group=obj["intervisiegroep"],
        by=coach,
        starts_at=timezone.now() + timedelta(days=10),
        location="Buurthuis",
    )
    # An oriëntatiegroep of the coach's participants still orienting, with a session.
    from orientatie import groepen

    orienting = [
        t.pk
        for t in trajecten.values()
        if t.coach_id == coach.pk and t.is_open and t.phase in groepen.ORIENTING_PHASES
    ]
    obj["orientatiegroep"] = groepen.group_create(by=coach, name="Verkenners", member_ids=orienting)
    start = timezone.now() + timedelta(days=6)
    obj["groepsessie"] = groepen.session_plan(
        group=obj["orientatiegroep"],
        by=coach,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Bibliotheek",
    )
    obj["buddy"] = intervisie.buddy_link(
        traject=jitske, by=coach, name="Bart Buddy", email="bart@example.nl"
    )

    # A finished report with figures, and a finished match run.
    run = ReportRun.objects.create(
        region=coach.organisation.region,
        period_start=date(timezone.localdate().year, 1, 1),
        period_end=timezone.localdate(),
        parameters={"breakdown": "sector"},
        requested_by=users["loket"],
    )
    obj["report"] = report_run_execute(run_id=run.pk)
    obj["match_run"] = MatchRun.objects.create(
        started_by=users["beheerder"],
        status=MatchRun.Status.DONE,
        started_at=timezone.now() - timedelta(minutes=3),
        finished_at=timezone.now(),
        chunks_total=1,
        chunks_done=1,
        done_chunk_ids=[0],
        profiles=Profile.objects.count(),
        vacatures=Vacature.objects.open().count(),
        matches_written=12,
    )

    # Oriëntatie: the seeded events, a cancel link, the beroep on Jitske's shortlist.
    from orientatie.models import Event, Registration
    from orientatie.tokens import cancel_token
    from taxonomy.models import Beroep

    obj["event_info"] = Event.objects.get(
        title="Informatiebijeenkomst zij-instroom in het onderwijs"
    )
    obj["expeditie"] = Event.objects.get(title="Expeditie Leerkracht")
    obj["past_event"] = Event.objects.get(title="Informatiebijeenkomst werken in de zorg")
    obj["cancel_token"] = cancel_token(obj["expeditie"].registrations.order_by("pk").first())
    obj["jitske_registration"] = Registration.objects.get(email=users["jitske"].email)
    obj["leraar"] = Beroep.objects.get(code="lb:leraar-basisonderwijs")
    # The leaving employer's side (issue 16): Cordaan has a verdwijnbaan and a campaign that
    # Jitske joined; she lets Cordaan know she takes part and in which phase.
    from latende import services as latende_services
    from latende.models import ConsentLevel, Participation

    cordaan = users["werkgever"]
    obj["verdwijnbaan"] = latende_services.verdwijnbaan_create(
        by=cordaan,
        function_title="Medewerker linnenkamer",
        department="Facilitair",
        headcount=14,
        expected_date=date.today() + timedelta(days=240),
        reason="automatisering",
    )
    obj["campaign"] = latende_services.campaign_create(
        by=cordaan, verdwijnbaan=obj["verdwijnbaan"], name="Linnenkamer 2027"
    )
    latende_services.codes_generate(by=cordaan, campaign=obj["campaign"], count=3)
    Participation.objects.create(user=users["jitske"], campaign=obj["campaign"])
    latende_services.consent_set(
        user=users["jitske"], organisation=cordaan.organisation, level=ConsentLevel.FASE
    )

    # A coach who logs in for the first time (sets up the authenticator app) and an overstapper
    # whose account is erased at the end of the crawl.
    obj["new_coach"] = _user(
        "nieuwe-coach", "Nieuwe Coach", Role.COACH, organisation=coach.organisation
    )
    obj["leaver"] = _user("vertrekker", "Vera Vertrek", Role.OVERSTAPPER, home_region=jitske.region)
    for user in (obj["new_coach"], obj["leaver"]):
        world.users[user.email.split("@")[0]] = user
    return world


def _user(key: str, full_name: str, role: str, **fields):
    return UserFactory(
        email=email_for(key),
        full_name=full_name,
        role=role,
        email_confirmed_at=timezone.now(),
        password=make_password(DEMO_PASSWORD),
        **fields,
    )
