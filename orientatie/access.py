"""Who may see which oriëntatie data: the fetch-with-permission selectors that the HTML views
and the API both use. A coach's look at a participant's orientation is audited here."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from journeys.access import is_assigned_coach
from journeys.models import Traject
from loopbrug.services import audit_log

from . import selectors
from .models import Event


def traject_orientation_get_for_user(*, user: User, pk: int) -> Traject:
    """A traject whose orientation the user may see: their own, or as its own coach (not a
    beheerder: orientation stays between the person and their coach). Http404 otherwise; a
    coach's read is audited."""
    traject = Traject.objects.select_related("overstapper").filter(pk=pk).first()
    if traject is not None and traject.overstapper_id is not None:
        if user.pk == traject.overstapper_id:
            return traject
        if is_assigned_coach(user, traject):
            audit_log(actor=user, action="orientatie.view", obj=traject)
            return traject
    raise Http404(_("Dit traject bestaat niet of je hebt er geen toegang toe."))


def event_get_public(*, pk: int) -> Event:
    """A published event anyone may see; Http404 otherwise."""
    event = selectors.event_public(pk=pk)
    if event is None:
        raise Http404(_("Deze bijeenkomst bestaat niet."))
    return event


def event_get_for_organiser(*, user: User, pk: int) -> Event:
    """An event of the organiser's own organisation; Http404 otherwise."""
    event = selectors.event_for_organiser(user=user, pk=pk)
    if event is None:
        raise Http404(_("Deze bijeenkomst bestaat niet of is niet van jouw organisatie."))
    return event
