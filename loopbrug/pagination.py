"""API paging. Its own module: DRF imports the paging class while it is still loading
rest_framework.generics, so this must not import the schema machinery (loopbrug.api does)."""

from __future__ import annotations

from rest_framework import exceptions, serializers
from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """limit/offset paging that refuses a bad value with a message instead of ignoring it."""

    max_limit = 200
    max_offset = 1_000_000

    def get_limit(self, request):
        return self._number(request, self.limit_query_param, 1, self.max_limit, self.default_limit)

    def get_offset(self, request):
        return self._number(request, self.offset_query_param, 0, self.max_offset, 0)

    def _number(self, request, name: str, low: int, high: int, default: int) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        message = f"Geef {name} als heel getal van {low} tot en met {high}."
        field = serializers.IntegerField(
            min_value=low,
            max_value=high,
            error_messages={key: message for key in ("invalid", "min_value", "max_value")},
        )
        try:
            return field.run_validation(raw)
        except serializers.ValidationError as exc:
            raise exceptions.ValidationError({name: exc.detail}) from exc

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: (1, self.max_limit),
            self.offset_query_param: (0, self.max_offset),
        }
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"] = {"type": "integer", "minimum": low, "maximum": high}
        return parameters
