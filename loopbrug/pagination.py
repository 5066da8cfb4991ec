"""API paging. Its own module: DRF imports the paging class while it is still loading
rest_framework.generics, so this must not import the schema machinery (loopbrug.api does)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import exceptions, serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response


class PageNotFound(exceptions.NotFound):
    """An offset past the last result: a 404 that says how many results there are."""

    def __init__(self, *, count: int):
        if count:
            detail = (
                f"Deze pagina bestaat niet: er zijn {count} resultaten, "
                f"dus offset moet kleiner zijn dan {count}."
            )
        else:
            detail = "Deze pagina bestaat niet: er zijn geen resultaten, dus laat offset weg."
        super().__init__(detail)
        self.extra = {"count": count}


class Pagination(LimitOffsetPagination):
    """limit/offset paging that refuses a bad value with a message instead of ignoring it,
    and an offset past the end with a 404 instead of an empty page."""

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

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        if self.offset and self.offset >= self.count:
            raise PageNotFound(count=self.count)
        return page

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


class PaginatedListMixin:
    """For an APIView whose GET answers a list: the list goes out page by page, as
    {count, next, previous, results}, like every generic list view, and never cut short.
    The schema shows the paged shape too, because drf-spectacular wraps a `many=True` GET
    response of a view that has a pagination_class (loopbrug.api.AutoSchema keeps POSTs on
    the same view unwrapped)."""

    pagination_class = Pagination

    def paginated_response(self, items, serializer_class, *, prepare=None, **kwargs) -> Response:
        """One page of `items` (a queryset or a list), serialized with `serializer_class`;
        `prepare`, when given, turns the page's items into the rows to serialize (work done
        for one page only, e.g. the reasons for a page of matches)."""
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(_stable(items), self.request, view=self)
        rows = prepare(page) if prepare is not None else page
        return paginator.get_paginated_response(serializer_class(rows, many=True, **kwargs).data)


def _stable(items):
    """A queryset keeps its order with the primary key as the last tie-breaker, so a row
    cannot appear on two pages or on none."""
    if not isinstance(items, QuerySet):
        return items
    ordering = list(items.query.order_by or items.model._meta.ordering)
    if any(isinstance(f, str) and f.lstrip("-") in ("pk", "id") for f in ordering):
        return items
    return items.order_by(*ordering, "pk")
