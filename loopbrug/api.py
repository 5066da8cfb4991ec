"""API plumbing: one error shape, {"message": ..., "extra": {...}}, for every failure."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
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
    else:
        message = MESSAGES.get(type(exc), str(getattr(exc, "detail", exc)))
    response.data = {"message": message, "extra": extra}
    return response


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
