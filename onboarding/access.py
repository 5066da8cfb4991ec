"""Who may see what of the leerwerktrajecten and inschrijvingen: the visibility rules and the
fetch-with-permission selectors that the HTML views and the API both use. A read of someone
else's inschrijving (their leerroute) is audited here."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User
from loopbrug.services import audit_log

from .models import Inschrijving, Leerwerktraject


def leerwerktrajecten_for_opleider(*, user: User) -> QuerySet[Leerwerktraject]:
    if user.role != Role.OPLEIDER or not user.organisation_id:
        return Leerwerktraject.objects.none()
    return Leerwerktraject.objects.filter(opleider_id=user.organisation_id)


def inschrijving_visible_for(*, user: User) -> QuerySet[Inschrijving]:
    """The driehoek: overstapper, schoolbegeleider (opleider), werkbegeleider (werkgever);
    and the coach and beheerder."""
    qs = Inschrijving.objects.select_related(
        "traject__overstapper",
        "traject__coach",
        "start_moment__leerwerktraject__opleider",
        "werkgever",
    )
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.BEHEERDER:
        return qs
    if user.role == Role.OVERSTAPPER:
        return qs.filter(traject__overstapper=user)
    if user.role == Role.COACH:
        return qs.filter(traject__coach=user)
    if user.role == Role.OPLEIDER and user.organisation_id:
        return qs.filter(start_moment__leerwerktraject__opleider_id=user.organisation_id)
    if user.role == Role.WERKGEVER and user.organisation_id:
        return qs.filter(werkgever_id=user.organisation_id)
    return qs.none()


def inschrijving_get_for_user(
    *, user: User, pk: int, action: str | None = "inschrijving.view"
) -> Inschrijving:
    """One inschrijving this user may see (the driehoek, its coach, a beheerder); Http404
    otherwise. A read by someone else than the overstapper is audited; a write passes
    action=None (its service audits the write)."""
    found = inschrijving_visible_for(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("Deze leerroute bestaat niet of je hebt er geen toegang toe."))
    if action and found.traject.overstapper_id != user.pk:
        audit_log(actor=user, action=action, obj=found)
    return found


def leerwerktraject_get_for_opleider(*, user: User, pk: int) -> Leerwerktraject:
    """One leerwerktraject of the opleider's own organisation; Http404 otherwise."""
    lwt = leerwerktrajecten_for_opleider(user=user).filter(pk=pk).first()
    if lwt is None:
        raise Http404(_("Dit leerwerktraject bestaat niet."))
    return lwt
