"""Reads of the taxonomy."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import Skill, search_key


def skill_search(*, q: str, limit: int = 20) -> QuerySet[Skill]:
    """Skills whose Dutch or English label contains the text; labels starting with it first."""
    key = search_key(q)
    if len(key) < 2:
        return Skill.objects.none()
    return (
        Skill.objects.filter(search_text__contains=key)
        .annotate(
            starts=Case(
                When(search_text__startswith=key, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts", "label_nl")
        .only("pk", "label_nl", "label_en", "kind")[:limit]
    )
