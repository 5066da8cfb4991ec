from __future__ import annotations

from .menu import menu_for


def main_menu(request) -> dict:
    """The header's menu for the logged-in user's role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"main_menu": menu_for(user, path=request.path)}
