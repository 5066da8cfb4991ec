from __future__ import annotations

from django import template

from onboarding.selectors import modules_teaching

register = template.Library()


@register.simple_tag
def modules_for(*label_lists, ex=None) -> list[dict]:
    """Modules that teach the skills a match explanation says are still to learn (or those
    explain() already fetched for the explanation `ex`, all matches of a page in one query)."""
    if ex is not None and getattr(ex, "teaching", None) is not None:
        return ex.teaching
    labels = [label for labels in label_lists for label in (labels or [])]
    return modules_teaching(skill_labels=labels)
