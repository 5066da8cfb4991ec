"""Who may see and do what with someone's Persoonlijk Profiel: the predicates and the
fetch-with-permission selector that the HTML views and the API both use. Every read of
someone else's profile (and every refused attempt) is audited by the lookup it calls."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User

from .models import Profile, ProfileShare
from .selectors import active_share, profile_for_viewer

# Besides the owner, only the coach sees the financial needs (the minimum net income): the
# financing plan is theirs to make. Werkgevers and opleiders never do (README, Financieringsplan).
FINANCE_VIEWER_ROLES = frozenset({Role.COACH})


def viewer_sees_finances(*, viewer: User, profile: Profile) -> bool:
    return profile.user_id == viewer.pk or viewer.role in FINANCE_VIEWER_ROLES


def can_annotate_profile(user: User, profile: Profile) -> bool:
    """A coach with whom the profile is shared right now may validate skills and add
    assessments."""
    return user.role == Role.COACH and active_share(profile=profile, viewer=user) is not None


def profile_get_for_user(*, user: User, pk: int) -> tuple[Profile, ProfileShare]:
    """Someone else's profile (pk) with the share that lets them see it; Http404 otherwise.

    The lookup audits the view, or the refused attempt (a profile that does not exist or is
    not shared answers the same)."""
    try:
        return profile_for_viewer(viewer=user, profile_id=pk)
    except Profile.DoesNotExist as exc:
        raise Http404(_("Dit profiel bestaat niet of is niet (meer) met je gedeeld.")) from exc
