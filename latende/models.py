"""The leaving employer's side (issue 16): verdwijnbanen, confidential invitation campaigns
with single-use codes, and the overstapper's consent to be known by that employer."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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


# --- Co-financing and the business case ---------------------------------------------------

MAX_PLEDGE_AMOUNT = Decimal("250000")
MAX_ORIENTATIE_DAYS = 260


class TransitievergoedingPolicy(models.TextChoices):
    """What the employer does with the statutory transitievergoeding (as in financing: the
    overstapper's transitievergoeding may pay the vakopleiding, BW 7:673 lid 6)."""

    GEEN = "geen", _("Niet van toepassing: de overstap gaat zonder ontslag")
    SCHOLING = "scholing", _("Vooraf ingezet voor de vakopleiding (verrekend)")
    UITBETALEN = "uitbetalen", _("Uitbetaald bij vertrek")


def _euro_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PLEDGE_AMOUNT)],
        **kwargs,
    )


class CampaignPledge(models.Model):
    """What the leaving employer pledges per person of a campaign. Applied as proposed
    contributions only to the plans of participants who allow the employer to see its posts
    (financing.pledges); otherwise it stays the campaign's pledge."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="pledge", verbose_name=_("campagne")
    )
    orientatie_days = models.PositiveSmallIntegerField(
        _("oriëntatietijd met behoud van salaris (dagen)"),
        default=0,
        validators=[MaxValueValidator(MAX_ORIENTATIE_DAYS)],
    )
    scholingsbudget = _euro_field(_("scholingsbudget per persoon (euro)"))
    coaching_budget = _euro_field(_("coaching per persoon (euro)"))
    transitievergoeding_policy = models.CharField(
        _("transitievergoeding"),
        max_length=12,
        choices=TransitievergoedingPolicy.choices,
        default=TransitievergoedingPolicy.GEEN,
    )
    process_costs = _euro_field(
        _("eigen kosten van een gedwongen ontslag per persoon (euro)"),
        help_text=_("Bijvoorbeeld advies, procedure en begeleiding bij ontslag."),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bijgewerkt door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")

    def __str__(self) -> str:
        return str(_("Toezegging voor %(campaign)s") % {"campaign": self.campaign})


class BusinessCaseAssumptions(models.Model):
    """The assumptions of every business case (one row), shown on the page and editable by
    the beheerder in the admin."""

    monthly_salary = models.DecimalField(
        _("bruto maandloon van een deelnemer (euro)"),
        max_digits=9,
        decimal_places=2,
        default=Decimal("3500"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("50000"))],
    )
    years_of_service = models.DecimalField(
        _("dienstjaren (gemiddeld)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("12"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("60"))],
    )
    notice_months = models.DecimalField(
        _("opzegtermijn (maanden)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("3"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("12"))],
        help_text=_("BW 7:672: 1 tot 4 maanden, naar dienstjaren."),
    )
    employer_charges_pct = models.DecimalField(
        _("werkgeverslasten bovenop het loon (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("30"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    working_days_per_month = models.DecimalField(
        _("werkdagen per maand"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("21.75"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("31"))],
    )
    transitievergoeding_max = models.DecimalField(
        _("maximum transitievergoeding (euro)"),
        max_digits=9,
        decimal_places=2,
        default=Decimal("102000"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000000"))],
        help_text=_("Of een jaarsalaris, als dat hoger is (BW 7:673)."),
    )
    expected_ww_months = models.PositiveSmallIntegerField(
        _("WW-duur zonder overstap (maanden)"),
        default=12,
        validators=[MaxValueValidator(38)],
        help_text=_("Hoe lang iemand na gedwongen ontslag WW zou krijgen; hooguit het WW-recht."),
    )
    source_note = models.CharField(_("bron en toelichting"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("aannames businesscase")
        verbose_name_plural = _("aannames businesscase")

    def __str__(self) -> str:
        return str(_("Aannames businesscase"))
