"""API plumbing: one error shape, {"message": ..., "extra": {...}}, for every failure."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views import defaults
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    exceptions.NotAuthenticated: "Log in om deze gegevens te zien.",
    exceptions.AuthenticationFailed: "Inloggen is mislukt.",
    exceptions.NotFound: "Niet gevonden.",
    exceptions.MethodNotAllowed: "Deze methode is hier niet toegestaan.",
    exceptions.ParseError: "De gegevens konden niet worden gelezen (geen geldige JSON).",
    exceptions.UnsupportedMediaType: "Dit gegevensformaat wordt niet ondersteund.",
    exceptions.Throttled: "Te veel verzoeken. Probeer het straks opnieuw.",
}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    extra: dict = {}
    if isinstance(exc, exceptions.ValidationError):
        # Lead with the first concrete problem; all of them stay in extra.fields.
        message = _first_message(response.data) or "De invoer is niet geldig."
        extra = {"fields": response.data}
    elif isinstance(exc, exceptions.PermissionDenied):
        message = (
            str(exc.detail)
            if exc.detail != exceptions.PermissionDenied.default_detail
            else ("Je hebt geen toegang tot deze gegevens.")
        )
    elif isinstance(exc, exceptions.Throttled):
        message = MESSAGES[exceptions.Throttled]
        if exc.wait is not None:
            extra = {"retry_after": max(1, round(exc.wait))}  # also in the Retry-After header
    else:
        message = MESSAGES.get(type(exc), str(getattr(exc, "detail", exc)))
        extra = dict(getattr(exc, "extra", None) or {})  # e.g. the count for a page past the end
    response.data = {"message": message, "extra": extra}
    return response


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """A URL that matches no route: under /api/ the error shape, elsewhere the 404 page."""
    if _is_api(request):
        return JsonResponse({"message": MESSAGES[exceptions.NotFound], "extra": {}}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """An unhandled error: under /api/ the error shape (no traceback), elsewhere the 500 page."""
    if _is_api(request):
        message = "Er ging iets mis aan onze kant. Probeer het later opnieuw."
        return JsonResponse({"message": message, "extra": {}}, status=500)
    return defaults.server_error(request)


def bad_request(request, exception):
    """A request Django itself refuses (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many
    fields): under /api/ the error shape, 413 for a body that is too large; elsewhere the 400
    page."""
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return JsonResponse(
            {
                "message": (
                    f"Het verzoek is te groot: hooguit {limit // 1024} kB aan gegevens "
                    "(bestanden tellen apart, tot 5 MB)."
                ),
                "extra": {"max_bytes": limit},
            },
            status=413,
        )
    return JsonResponse(
        {"message": "Dit verzoek kon niet worden verwerkt.", "extra": {}}, status=400
    )


def _first_message(detail) -> str | None:
    if isinstance(detail, dict):
        for value in detail.values():
            found = _first_message(value)
            if found:
                return found
    elif isinstance(detail, list):
        for value in detail:
            found = _first_message(value)
            if found:
                return found
    elif detail:
        return str(detail)
    return None


class ErrorSerializer(serializers.Serializer):
    """The shape of every API error."""

    message = serializers.CharField()
    extra = serializers.DictField(required=False)


# The error responses every endpoint documents in the schema.
ERROR_RESPONSES = {
    400: ErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
}

# What each error means, in the schema; AutoSchema adds the ones an operation leaves out.
ERROR_DESCRIPTIONS = {
    400: "De invoer is niet geldig; extra.fields noemt per veld wat er mis is.",
    401: "Niet ingelogd of het token klopt niet.",
    403: "Geen toegang (of de tweestapscode is nog niet bevestigd).",
    404: "Niet gevonden, of niet zichtbaar voor deze gebruiker.",
    415: "Dit gegevensformaat wordt niet ondersteund (gebruik JSON).",
    429: "Te veel verzoeken; het Retry-After-kopje zegt na hoeveel seconden het weer kan.",
}


class AutoSchema(SpectacularAutoSchema):
    """Every operation documents the shared error shape for every failure the API can give:
    invalid input, not logged in, no access, not found, throttled, and for operations that
    take a body an unsupported media type."""

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            # An optional filter left empty (?sector=) counts as not given, as in an HTML form;
            # paging is the exception (loopbrug.pagination refuses an empty limit or offset).
            if (
                parameter["in"] == "query"
                and not parameter.get("required")
                and parameter["name"] not in ("limit", "offset")
            ):
                parameter["allowEmptyValue"] = True
        return parameters

    def _get_paginator(self):
        # A list is paged on GET only; a POST that answers the rows it made stays a plain array.
        if self.method != "GET":
            return None
        return super()._get_paginator()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        codes = [400, 401, 403, 404, 429]
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append(415)
        for code in codes:
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    str(code),
                    direction=direction,
                )
        return dict(sorted(responses.items()))
