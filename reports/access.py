"""Who may see the monitoring reports: the loket (its own region) and the beheerder (every
region). The predicate and the fetch-with-permission selector that the HTML views and the API
both use. Reports hold aggregates only (small counts suppressed), no person: not audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User

from . import selectors
from .models import ReportRun

REPORTER_ROLES = (Role.LOKET, Role.BEHEERDER)


def is_reporter(user: User) -> bool:
    return user.is_authenticated and user.role in REPORTER_ROLES


def require_reporter(user: User) -> None:
    if not is_reporter(user):
        raise PermissionDenied(_("Alleen loketten en beheerders zien rapportages."))


def runs_visible_for(user: User) -> QuerySet[ReportRun]:
    if user.role == Role.BEHEERDER:
        return ReportRun.objects.select_related("region")
    if user.role == Role.LOKET:
        return ReportRun.objects.select_related("region").filter(
            region__in=selectors.regions_for(user=user)
        )
    return ReportRun.objects.none()


def run_get_for_user(*, user: User, pk: int) -> ReportRun:
    """One report run of the user's regions; Http404 otherwise."""
    run = runs_visible_for(user).filter(pk=pk).first()
    if run is None:
        raise Http404(_("Deze rapportage bestaat niet of je hebt er geen toegang toe."))
    return run
