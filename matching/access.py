"""Who may see what of vacatures and the voorwaardelijk contract: the predicates and the
fetch-with-permission selectors that the HTML views and the API both use."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User

from . import selectors
from .models import Application, Vacature


def is_vacature_owner(user: User, vacature: Vacature) -> bool:
    """A werkgever of the organisation that posted the vacature."""
    return (
        user.is_authenticated
        and user.role == Role.WERKGEVER
        and vacature.organisation_id == user.organisation_id
    )


def may_apply(user: User) -> bool:
    """An overstapper shows interest in a vacature (and sees their match with it)."""
    return user.is_authenticated and user.role == Role.OVERSTAPPER


def is_candidate_of(user: User, application: Application) -> bool:
    return user.is_authenticated and application.profile.user_id == user.pk


def vacature_get_for_user(*, user: User, pk: int, own: bool = False) -> Vacature:
    """A vacature: an open one for anyone, a closed or draft one only for its werkgever;
    own=True: only the werkgever's own. Http404 otherwise (a vacature is no personal data:
    not audited)."""
    try:
        vacature = selectors.vacature_detail(pk=pk)
    except Vacature.DoesNotExist as exc:
        raise Http404(_("Deze vacature bestaat niet.")) from exc
    is_own = is_vacature_owner(user, vacature)
    if own and not is_own:
        raise Http404(_("Deze vacature bestaat niet."))
    if vacature.status != Vacature.Status.OPEN and not is_own:
        raise Http404(_("Deze vacature is niet (meer) open."))
    return vacature


def application_get_for_contract(*, user: User, pk: int) -> Application:
    """The application, for its candidate or a werkgever of its vacature; for anyone else it
    does not exist (Http404)."""
    application = (
        Application.objects.select_related("vacature__organisation", "profile__user")
        .filter(pk=pk)
        .first()
    )
    if application is None or not (
        is_candidate_of(user, application) or is_vacature_owner(user, application.vacature)
    ):
        raise Http404(_("Dit contract bestaat niet."))
    return application
