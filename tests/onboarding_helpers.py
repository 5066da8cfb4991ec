"""A Superscholing offer by olga's Hogeschool, and anna enrolled on it while working at wim's."""

from __future__ import annotations

from datetime import date

from journeys.models import Phase
from onboarding import services
from onboarding.models import Leerwerktraject, StartMoment

from .factories import make_traject


def make_offer(
    olga, *, first: date, modules=(("Zorg basis", 80), ("Hygiëne", 40), ("Dossier", 40))
):
    lwt = services.leerwerktraject_save(
        by=olga, title="Helpende Zorg en Welzijn", sector="zorg", weekly_hours=8
    )
    for title, hours in modules:
        module = services.module_add(by=olga, leerwerktraject=lwt, title=title, hours=hours)
        services.leeruitkomst_add(by=olga, module=module, description=f"Kan {title.lower()}")
    services.start_moments_generate(by=olga, leerwerktraject=lwt, first=first, count=3)
    services.leerwerktraject_publish(by=olga, leerwerktraject=lwt)
    return lwt


def enrol(*, traject, lwt: Leerwerktraject, by, werkgever=None):
    moment = StartMoment.objects.filter(leerwerktraject=lwt).order_by("starts_on").first()
    return services.inschrijving_create(
        by=by, traject=traject, start_moment=moment, werkgever=werkgever
    )


def working_traject(anna, carla, amsterdam):
    return make_traject(
        overstapper=anna, coach=carla, region=amsterdam, phase=Phase.LEERWERKTRAJECT
    )
