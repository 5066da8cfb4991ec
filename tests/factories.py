"""Test data: factory_boy factories for the main models that tests build as plain rows, and
helpers that walk the services where the rules matter (a traject through its phases, a
published vacature).

A factory's defaults make a valid, ordinary row; a test names only what it is about, e.g.
`VacatureFactory(organisation=wim.organisation, skills=[(zorg, 3, True)])`. The load
benchmark's loader (bench/load_data.py) builds its rows with the same factories
(`.build(...)`, then bulk_create). The demo world (workspace/demo.py) does not: it runs under
`make run`, where factory_boy (a test dependency) is not installed, and walks the services so
its data obeys the same rules as a user's."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Organisation, Region, Role, Sector, User
from journeys.models import JOURNEY, Appointment, Note, Phase, PhaseChange, Traject
from journeys.services import traject_change_phase, traject_create
from matching import services as matching_services
from matching.models import Application, Vacature, VacatureSkill
from orientatie.models import Event
from profiles.models import Profile
from taxonomy.models import Beroep, BeroepSkill, Skill, SkillKind

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.WERKGEVER
    sector = "zorg"
    region = factory.LazyFunction(lambda: Region.objects.get(code="groot-amsterdam"))


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can log in with PASSWORD; `password=` takes a hash made by make_password
    (the bench loader hashes once for thousands of users)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    role = Role.OVERSTAPPER
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    code = factory.Sequence(lambda n: f"test:skill{n}")
    label_nl = factory.Sequence(lambda n: f"Testvaardigheid {n}")
    kind = SkillKind.HARD


class BeroepFactory(factory.django.DjangoModelFactory):
    """A beroep; `skills=[...]` asks each of them as essential."""

    class Meta:
        model = Beroep
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"test:beroep{n}")
    label_nl = factory.Sequence(lambda n: f"Testberoep {n}")
    sector = Sector.ZORG

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if create and extracted:
            BeroepSkill.objects.bulk_create(
                [BeroepSkill(beroep=obj, skill=skill, essential=True) for skill in extracted]
            )


class ProfileFactory(factory.django.DjangoModelFactory):
    """The Persoonlijk Profiel of an overstapper (one per user)."""

    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


class VacatureFactory(factory.django.DjangoModelFactory):
    """An open vacature of a werkgever in its own sector and region; `skills=[(skill, level,
    essential), ...]` lists what it asks. status=CONCEPT gives a draft (not published)."""

    class Meta:
        model = Vacature
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Vacature {n}")
    sector = factory.LazyAttribute(lambda o: o.organisation.sector or Sector.ZORG)
    region = factory.LazyAttribute(lambda o: o.organisation.region)
    hours_per_week = 32
    salary_min = Decimal("2500")
    salary_max = Decimal("3500")
    status = Vacature.Status.OPEN
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Vacature.Status.OPEN else None
    )

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if create and extracted:
            VacatureSkill.objects.bulk_create(
                [
                    VacatureSkill(vacature=obj, skill=skill, min_level=level, essential=essential)
                    for skill, level, essential in extracted
                ]
            )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A candidate in a vacature's pipeline, at `status` (interesse unless told)."""

    class Meta:
        model = Application

    profile = factory.SubFactory(ProfileFactory)
    vacature = factory.SubFactory(VacatureFactory)


class EventFactory(factory.django.DjangoModelFactory):
    """A published informatiebijeenkomst of two hours, a week from now, in the organiser's
    region."""

    class Meta:
        model = Event

    kind = Event.Kind.INFORMATIEBIJEENKOMST
    title = factory.Sequence(lambda n: f"Informatieavond {n}")
    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.LOKET)
    region = factory.LazyAttribute(lambda o: o.organisation.region)
    place = "Stadhuis"
    capacity = 20
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    published_at = factory.LazyFunction(timezone.now)


class TrajectFactory(factory.django.DjangoModelFactory):
    """A traject as a plain row, in aanmelding unless told (make_traject walks the phases
    through the service instead, with their PhaseChange rows)."""

    class Meta:
        model = Traject

    overstapper = factory.SubFactory(UserFactory)
    region = factory.LazyFunction(lambda: Region.objects.get(code="groot-amsterdam"))


class PhaseChangeFactory(factory.django.DjangoModelFactory):
    """One step of a traject's history: from aanmelding to oriëntatie unless told."""

    class Meta:
        model = PhaseChange

    traject = factory.SubFactory(TrajectFactory)
    from_phase = Phase.AANMELDING
    to_phase = Phase.ORIENTATIE
    by = factory.LazyAttribute(lambda o: o.traject.coach)


class NoteFactory(factory.django.DjangoModelFactory):
    """A coach's note on a traject, not shared with the participant unless told."""

    class Meta:
        model = Note

    traject = factory.SubFactory(TrajectFactory)
    author = factory.LazyAttribute(lambda o: o.traject.coach)
    text = "Goed gesprek gehad."


class AppointmentFactory(factory.django.DjangoModelFactory):
    """A coaching conversation with a traject's participant, two days from now."""

    class Meta:
        model = Appointment

    traject = factory.SubFactory(TrajectFactory)
    coach = factory.LazyAttribute(lambda o: o.traject.coach)
    kind = Appointment.Kind.GESPREK
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))


def make_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def make_traject(*, overstapper: User, coach: User | None = None, region=None, phase=None):
    """A traject walked through the journey to `phase`, the way a coach would."""
    region = region or Region.objects.get(code="groot-amsterdam")
    traject = traject_create(overstapper=overstapper, region=region, coach=coach)
    if phase and phase != Phase.AANMELDING:
        mover = coach or UserFactory(role=Role.BEHEERDER, is_staff=True, is_superuser=True)
        for step in JOURNEY[1 : JOURNEY.index(phase) + 1]:
            traject_change_phase(traject=traject, to_phase=step, by=mover, reason="test")
        traject.refresh_from_db()
    return traject


def make_vacature(*, by: User, title: str, skills, region, landelijk=False, publish=True):
    """A werkgever's vacature in zorg asking each skill as essential at level 3; published
    unless publish=False (then a draft)."""
    vacature = matching_services.vacature_save(
        by=by,
        organisation=by.organisation,
        title=title,
        sector="zorg",
        region=region,
        landelijk=landelijk,
        hours_per_week=32,
        salary_min=Decimal("2800"),
        salary_max=Decimal("3600"),
        skills=[(skill, 3, True) for skill in skills],
    )
    return matching_services.vacature_publish(vacature=vacature, by=by) if publish else vacature
