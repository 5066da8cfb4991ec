"""For data migrations that move models to another app while their tables stay (issue 18):
the rows that name a model by its app label follow it, so permissions, admin log entries and
audit entries keep pointing at the same things."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType


def relabel_models(apps, *, old: str, new: str, models: list[str]) -> None:
    """Rename the app label of `models` (lower-case model names) from `old` to `new` in the
    content types and in AuditEvent.object_type."""
    content_type = apps.get_model("contenttypes", "ContentType")
    audit_event = apps.get_model("loopbrug", "AuditEvent")
    for model in models:
        if content_type.objects.filter(app_label=old, model=model).exists():
            # A content type under the new label can only be an empty one that post_migrate
            # made while the rows were under the old label (after a rollback): the old one,
            # with the permissions and log entries, wins.
            content_type.objects.filter(app_label=new, model=model).delete()
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)
        audit_event.objects.filter(object_type=f"{old}.{model}").update(
            object_type=f"{new}.{model}"
        )
    content_type.objects.clear_cache()
    ContentType.objects.clear_cache()
