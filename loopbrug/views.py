"""Plumbing shared by the HTML views of every app."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET


def role_required(*roles: str, message=None):
    """Logged in, and in one of these roles; anyone else gets a 403 with a Dutch message."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.role not in roles:
                raise PermissionDenied(message or _("Deze pagina is niet voor jouw rol."))
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def throttled_like_api(view):
    """Count a page that shows people's profiles against the API's rate, with its counters.

    Pages that show someone else's profile (shared profiles, candidates) could be harvested
    as easily as the API: they share the API's per-account counter (API_THROTTLE_USER) and,
    when anonymous, its per-address one, so switching from the API to the pages gains nothing.
    Over the rate the page answers 429 with Retry-After.
    """
    from .throttling import AnonRateThrottle, UserRateThrottle

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        for throttle in (UserRateThrottle(), AnonRateThrottle()):
            if not throttle.allow_request(request, None):
                wait = max(1, round(throttle.wait() or 1))
                response = render(request, "429.html", {"retry_after": wait}, status=429)
                response["Retry-After"] = str(wait)
                return response
        return view(request, *args, **kwargs)

    return wrapped


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it can, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_error_text(form) -> str:
    """All of a form's errors as one sentence, for a flash message."""
    return " ".join(e for errors in form.errors.values() for e in errors)


@require_GET
def favicon(request):
    """Browsers ask /favicon.ico of pages that name no icon (a PDF, a JSON answer)."""
    return redirect(static("favicon.svg"), permanent=True)


@require_GET
def health(request):
    """The app answers: for a load balancer, and the trivial view bench/load.py measures as
    its ceiling. No database query, no template; the middleware still runs as for any page."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


_migrations_applied = False  # once true it stays true in this process (no rollback while serving)


def _check_database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_redis() -> str:
    if not settings.REDIS_URL:
        return "niet ingesteld: taken lopen in het proces zelf"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def _check_migrations() -> str:
    global _migrations_applied
    if _migrations_applied:
        return "ok"
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} niet toegepast")
    _migrations_applied = True
    return "ok"


@require_GET
def health_ready(request):
    """Ready for traffic: PostgreSQL answers, Redis answers (when set) and every migration is
    applied. For load balancers and the compose health check; 503 with what failed otherwise.
    Only the names of what failed and the kind of error: no host names or messages."""
    checks: dict[str, str] = {}
    failed: list[str] = []
    for name, check in (
        ("database", _check_database),
        ("redis", _check_redis),
        ("migrations", _check_migrations),
    ):
        if name == "migrations" and "database" in failed:
            checks[name] = "niet gecontroleerd: de database antwoordt niet"
            failed.append(name)
            continue
        try:
            checks[name] = check() or "ok"
        except Exception as exc:  # whatever failed, the answer is a 503 that names it
            checks[name] = f"fout: {exc.__class__.__name__}" + (
                f" ({exc})" if name == "migrations" else ""
            )
            failed.append(name)
    return JsonResponse(
        {"status": "fout" if failed else "ok", "failed": failed, "checks": checks},
        status=503 if failed else 200,
        headers={"Cache-Control": "no-store"},
    )


# The footer's public pages: the same for everyone, logged in or not.
@require_GET
def privacy_statement(request):
    return render(request, "public/privacy.html")


@require_GET
def accessibility_statement(request):
    return render(request, "public/toegankelijkheid.html")


@require_GET
def contact(request):
    return render(request, "public/contact.html")


def admin_login(request):
    """The admin's login: the portal's login page, or a 403 for someone logged in already.

    The admin sends anyone it does not let in to its login page; the portal's login sends a
    logged-in person back to `next`, the admin, which loops. A logged-in user without staff
    rights is told they may not use the admin; a beheerder goes on to its index.
    """
    user = request.user
    if user.is_authenticated and user.is_active and user.is_staff:
        return redirect("admin:index")
    if user.is_authenticated:
        raise PermissionDenied(_("Je hebt geen toegang tot het beheer."))
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("login") + (f"?{query}" if query else ""))
