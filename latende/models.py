"""The leaving employer's side (issue 16): verdwijnbanen, confidential invitation campaigns
with single-use codes, and the overstapper's consent to be known by that employer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from taxonomy.models import Skill


class Reason(models.TextChoices):
    AUTOMATISERING = "automatisering", _("Automatisering")
    REORGANISATIE = "reorganisatie", _("Reorganisatie")
    SLUITING = "sluiting", _("Sluiting")


class Verdwijnbaan(models.Model):
    """A function at a werkgever that will disappear, registered before anyone is redundant."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="verdwijnbanen",
        verbose_name=_("organisatie"),
        limit_choices_to={"kind": Organisation.Kind.WERKGEVER},
    )
    function_title = models.CharField(_("functie"), max_length=200)
    department = models.CharField(_("afdeling"), max_length=200, blank=True)
    headcount = models.PositiveIntegerField(_("aantal mensen"))
    expected_date = models.DateField(_("verwachte datum"))
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="verdwijnbanen", verbose_name=_("vaardigheden")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["expected_date", "pk"]
        verbose_name = _("verdwijnbaan")
        verbose_name_plural = _("verdwijnbanen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(headcount__gte=1), name="verdwijnbaan_headcount_positive"
            )
        ]

    def __str__(self) -> str:
        return self.function_title


class Campaign(models.Model):
    """An invitation campaign for one verdwijnbaan; the employer hands out its codes."""

    verdwijnbaan = models.ForeignKey(
        Verdwijnbaan,
        on_delete=models.CASCADE,
        related_name="campaigns",
        verbose_name=_("verdwijnbaan"),
    )
    name = models.CharField(_("naam"), max_length=200)
    code_valid_days = models.PositiveSmallIntegerField(_("codes geldig (dagen)"), default=90)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("uitnodigingscampagne")
        verbose_name_plural = _("uitnodigingscampagnes")

    def __str__(self) -> str:
        return self.name


class InvitationCode(models.Model):
    """A single-use code; only its hash is stored, the code itself is shown once."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="codes", verbose_name=_("campagne")
    )
    token_hash = models.CharField(_("hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodigingscode")
        verbose_name_plural = _("uitnodigingscodes")


class Participation(models.Model):
    """The person who redeemed a code. Never shown to the employer without consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="latende_participation",
        verbose_name=_("overstapper"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("campagne"),
    )
    joined_at = models.DateTimeField(_("aangesloten op"), auto_now_add=True)

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")


class ConsentLevel(models.TextChoices):
    """What the current employer may know; each level includes the ones before it."""

    GEEN = "geen", _("Niets: mijn werkgever weet niet dat ik meedoe")
    DEELNAME = "deelname", _("Alleen dat ik meedoe")
    FASE = "fase", _("Dat ik meedoe en in welke fase ik ben")
    PLAN = "plan", _("Ook de posten van mijn financieringsplan die mijn werkgever betaalt")


LEVEL_ORDER = [ConsentLevel.GEEN, ConsentLevel.DEELNAME, ConsentLevel.FASE, ConsentLevel.PLAN]


class EmployerConsent(models.Model):
    """Per overstapper and employer, revocable: absent means GEEN."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="employer_consents",
        verbose_name=_("overstapper"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="employee_consents",
        verbose_name=_("werkgever"),
    )
    level = models.CharField(
        _("mag zien"), max_length=10, choices=ConsentLevel.choices, default=ConsentLevel.GEEN
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("toestemming werkgever")
        verbose_name_plural = _("toestemmingen werkgever")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="employer_consent_unique")
        ]

    def allows(self, level: str) -> bool:
        return LEVEL_ORDER.index(self.level) >= LEVEL_ORDER.index(level)
