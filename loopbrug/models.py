from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One sensitive action: who did what to which object, and when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("wie"),
    )
    action = models.CharField(_("actie"), max_length=64, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=64)
    object_id = models.CharField(_("object-id"), max_length=64)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class OutboxMessage(models.Model):
    """A task that could not be queued (Redis unreachable); published again by the outbox flush."""

    task_name = models.CharField(_("taak"), max_length=200)
    args = models.JSONField(_("argumenten"), default=list, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("uitgestelde taak")
        verbose_name_plural = _("uitgestelde taken")

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"
