from __future__ import annotations

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Organisation, Region, Role, User
from journeys.models import Phase
from journeys.services import traject_change_phase, traject_create

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.WERKGEVER
    sector = "zorg"
    region = factory.LazyFunction(lambda: Region.objects.get(code="groot-amsterdam"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    role = Role.OVERSTAPPER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def make_traject(*, overstapper: User, coach: User | None = None, region=None, phase=None):
    """A traject walked through the journey to `phase`, the way a coach would."""
    from journeys.models import JOURNEY

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
    from decimal import Decimal

    from matching import services

    vacature = services.vacature_save(
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
    return services.vacature_publish(vacature=vacature, by=by) if publish else vacature
