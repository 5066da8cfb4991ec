"""The header's main menu: which pages each role finds there. The menu's role rules live here
only (the template loops over what `menu_for` gives); whether a page opens is still the page's
own access check, and tests/test_menu.py checks that every item opens for its roles."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Role


@dataclass(frozen=True)
class MenuItem:
    url_name: str
    label: str | Promise
    roles: frozenset[str]


def _item(url_name: str, label, *roles: Role) -> MenuItem:
    return MenuItem(url_name, label, frozenset(roles))


MENU: tuple[MenuItem, ...] = (
    _item("home", _("Start"), *Role),
    _item("profile_document", _("Mijn profiel"), Role.OVERSTAPPER),
    _item("my_matches", _("Mijn matches"), Role.OVERSTAPPER),
    _item("my_orientation", _("Oriënteren"), Role.OVERSTAPPER),
    _item("my_events", _("Bijeenkomsten"), Role.LOKET, Role.WERKGEVER, Role.OPLEIDER),
    _item("vacature_list", _("Vacatures"), Role.WERKGEVER),
    _item("latende:verdwijnbaan_list", _("Verdwijnbanen"), Role.WERKGEVER),
    _item("match_runs", _("Herberekening"), Role.BEHEERDER, Role.LOKET),
    _item("report_index", _("Rapportages"), Role.BEHEERDER, Role.LOKET),
    _item("intake_list", _("Aanmeldingen"), Role.COACH, Role.LOKET, Role.BEHEERDER),
    _item("caseload", _("Mijn caseload"), Role.COACH),
    _item("intervisie_list", _("Intervisie"), Role.COACH),
    _item("orientatiegroep_list", _("Oriëntatiegroepen"), Role.COACH, Role.LOKET),
    _item("shared_profiles", _("Gedeelde profielen"), Role.COACH, Role.WERKGEVER, Role.OPLEIDER),
    _item("my_route", _("Mijn leerroute"), Role.OVERSTAPPER),
    _item("leerwerktraject_list", _("Superscholing"), Role.OPLEIDER),
    _item("werkgever_onboarding", _("Onboarding"), Role.WERKGEVER),
    _item("signals", _("Signalen"), Role.COACH),
)


def menu_for(user, *, path: str = "") -> list[dict]:
    """The menu items of the user's role, in order, each with its URL and whether it is the
    page shown (for aria-current)."""
    if not user.is_authenticated:
        return []
    items = []
    for item in MENU:
        if user.role not in item.roles:
            continue
        url = reverse(item.url_name)
        items.append({"url": url, "label": item.label, "current": path == url})
    return items
