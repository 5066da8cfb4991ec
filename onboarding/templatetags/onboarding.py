from __future__ import annotations

from django import template

from onboarding.selectors import modules_teaching

register = template.Library()


@register.simple_tag
def modules_for(*label_lists) -> list[dict]:
    """Modules that teach the skills a match explanation says are still to learn."""
    labels = [label for labels in label_lists for label in (labels or [])]
    return modules_teaching(skill_labels=labels)
