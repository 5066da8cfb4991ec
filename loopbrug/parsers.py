"""The API's parsers: DRF's, with a JSON parser that refuses absurdly deep nesting.

Its own module, because DRF reads DEFAULT_PARSER_CLASSES while rest_framework.views loads,
which loopbrug.api imports.
"""

from __future__ import annotations

from rest_framework import exceptions, parsers

# Deeper than any request body of this API (a profile PATCH is three levels deep); a deeper
# body is refused before any code walks it, so no RecursionError can come of it.
MAX_JSON_DEPTH = 32


class TooDeeplyNested(exceptions.ParseError):
    default_detail = "De gegevens zijn te diep genest."
    default_code = "too_deep"


def _deeper_than(data, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing bodies nested deeper than MAX_JSON_DEPTH (400, error shape):
    Python's decoder raises RecursionError on very deep nesting, which was a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise TooDeeplyNested() from exc
        if isinstance(data, dict | list) and _deeper_than(data, MAX_JSON_DEPTH):
            raise TooDeeplyNested()
        return data
