"""Plumbing of the permission matrix: walk the URLconf, make requests that leave no trace,
and fingerprint the database to prove a refused write changed nothing."""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "overstapper", "coach", "loket", "werkgever", "opleider", "beheerder")
LOGIN_PREFIXES = ("/account/inloggen/", "/beheer/login/")
# A refusal never changes data; these are the outcomes that count as one.
REFUSALS = {"login", "400", "403", "404", "405", "409"}
# Apps whose rows the fingerprint covers. AuditEvent is left out on purpose: a refused attempt
# may be logged; and so are sessions and login traces.
FINGERPRINT_APPS = {
    "accounts",
    "taxonomy",
    "profiles",
    "journeys",
    "orientatie",
    "matching",
    "financing",
    "onboarding",
    "reports",
    "notifications",
}
FINGERPRINT_SKIP_FIELDS = {("accounts", "user"): {"last_login"}}


@dataclass(frozen=True)
class Route:
    """One route found in the URLconf."""

    key: str  # "namespace:name", or the pattern itself when the route has no name
    pattern: str
    namespace: str | None
    name: str | None
    callback: Callable
    default_args: dict = field(default_factory=dict)


def walk_urlconf() -> list[Route]:
    """Every URLPattern, included ones too, in URLconf order."""
    found: list[Route] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str | None) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                pattern = prefix + str(entry.pattern)
                name = entry.name
                key = (f"{namespace}:{name}" if namespace else name) if name else pattern
                found.append(
                    Route(
                        key=key,
                        pattern=pattern,
                        namespace=namespace,
                        name=name,
                        callback=entry.callback,
                        default_args=dict(entry.default_args),
                    )
                )

    walk(get_resolver(), "/", None)
    return found


def outcome(response) -> str:
    """A response as the matrix spells it: "login" for a redirect to a login page, else the
    status code."""
    if response.status_code in (301, 302, 303) and response["Location"].startswith(LOGIN_PREFIXES):
        return "login"
    return str(response.status_code)


def request_and_forget(client, method: str, url: str, data=None, *, json: bool = False):
    """Make a request and undo whatever it did: its rows (a savepoint rolled back) and its
    cookies (a logout or erase must not log the client out for the next request)."""
    cookies = copy.deepcopy(client.cookies)
    kwargs = {}
    if data is not None:
        if json:
            kwargs = {"data": data, "content_type": "application/json"}
        else:
            kwargs = {"data": data}
    try:
        with transaction.atomic():
            response = getattr(client, method)(url, **kwargs)
            after = fingerprint() if method != "get" else None
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response, after


def _model_rows(model) -> list:
    skip = FINGERPRINT_SKIP_FIELDS.get((model._meta.app_label, model._meta.model_name), set())
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
    return list(model._base_manager.order_by("pk").values_list(*names))


def _fingerprinted_models() -> list:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in FINGERPRINT_APPS and not m._meta.proxy
    ]


def _postgres_fingerprint_sql() -> str:
    """One query hashing every table (a request's worth of Python queries would be slow)."""
    qn = connection.ops.quote_name
    parts = []
    for model in _fingerprinted_models():
        skip = FINGERPRINT_SKIP_FIELDS.get((model._meta.app_label, model._meta.model_name), set())
        cols = ", ".join(qn(f.column) for f in model._meta.concrete_fields if f.attname not in skip)
        pk = qn(model._meta.pk.column)
        parts.append(
            f"SELECT {model._meta.label!r} AS t, "
            f"md5(coalesce(string_agg(ROW({cols})::text, ',' ORDER BY {pk}), '')) AS h "
            f"FROM {qn(model._meta.db_table)}"
        )
    return "SELECT string_agg(t || h, '|' ORDER BY t) FROM (" + " UNION ALL ".join(parts) + ") x"


def fingerprint() -> str:
    """A hash of every row of the domain apps: equal before and after means nothing changed."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_postgres_fingerprint_sql())
            return cursor.fetchone()[0]
    digest = hashlib.sha256()
    for model in _fingerprinted_models():
        digest.update(model._meta.label.encode())
        digest.update(repr(_model_rows(model)).encode())
    return digest.hexdigest()


def row(spec: str) -> dict[str, str]:
    """ "login 200 200 404 404 404 200" → {role: expected outcome}, in ROLES order."""
    cells = spec.split()
    if len(cells) != len(ROLES):
        raise ValueError(f"{spec!r}: need {len(ROLES)} cells, one per role {ROLES}")
    return dict(zip(ROLES, cells, strict=True))


_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def fill_pattern(pattern: str, values: dict[str, str]) -> str:
    """Put values into a route pattern (for routes that have no name to reverse)."""
    return _PARAM.sub(lambda m: str(values[m["name"]]), pattern)
