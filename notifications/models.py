"""The inbox of every hand-off between roles, and per person and kind whether it is e-mailed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role


class Kind(models.TextChoices):
    """One kind per hand-off: who must act next is told (issue 12)."""

    INTERESSE = "interesse", _("Interesse in een vacature")
    MEELOOPDAG = "meeloopdag", _("Meeloopdag gepland of verzet")
    CONTRACT_AANGEBODEN = "contract_aangeboden", _("Contract aangeboden")
    CONTRACT_GETEKEND = "contract_getekend", _("Contract getekend")
    AFSPRAAK = "afspraak", _("Afspraak gepland, verzet of afgezegd")
    INTERVISIE = "intervisie", _("Intervisiebijeenkomst gepland, verzet of afgezegd")
    HERINNERING = "herinnering", _("Herinnering de dag van tevoren")
    HULPLIJN = "hulplijn", _("Vraag via de hulplijn")
    SIGNAAL = "signaal", _("Laag werkgeluk of gemiste check-in")
    AANMELDING = "aanmelding", _("Nieuwe aanmelding in de regio")
    COACH_GEKOPPELD = "coach_gekoppeld", _("Coach gekoppeld")
    BIJDRAGE_VOORGESTELD = "bijdrage_voorgesteld", _("Bijdrage voorgesteld in je financieringsplan")


# Which kinds reach which role: the preferences page offers only these.
KINDS_BY_ROLE: dict[str, list[str]] = {
    Role.OVERSTAPPER: [
        Kind.MEELOOPDAG,
        Kind.CONTRACT_AANGEBODEN,
        Kind.AFSPRAAK,
        Kind.INTERVISIE,
        Kind.HERINNERING,
        Kind.COACH_GEKOPPELD,
        Kind.BIJDRAGE_VOORGESTELD,
    ],
    Role.WERKGEVER: [Kind.INTERESSE, Kind.CONTRACT_GETEKEND],
    Role.COACH: [
        Kind.MEELOOPDAG,
        Kind.CONTRACT_GETEKEND,
        Kind.HULPLIJN,
        Kind.SIGNAAL,
        Kind.AANMELDING,
        Kind.COACH_GEKOPPELD,
    ],
    Role.LOKET: [Kind.AANMELDING],
    Role.OPLEIDER: [],
    Role.BEHEERDER: [],
}


class Notification(models.Model):
    """One message in one person's inbox. Title and body name the step, never sensitive data."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), max_length=2000, blank=True)
    link = models.CharField(_("link"), max_length=500, help_text=_("Een pad binnen Loopbrug."))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    ics = models.TextField(_("agenda-bijlage (.ics)"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [
            # The unread count in every page header.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Whether one kind is e-mailed to one person; without a row it is. The inbox is always on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    email = models.BooleanField(_("ook per e-mail"), default=True)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'e-mail' if self.email else 'alleen inbox'}"
