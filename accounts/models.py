from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OVERSTAPPER = "overstapper", _("Overstapper")
    WERKGEVER = "werkgever", _("Werkgever")
    COACH = "coach", _("Coach")
    OPLEIDER = "opleider", _("Opleider")
    LOKET = "loket", _("Loket")
    BEHEERDER = "beheerder", _("Beheerder")


# Roles that see many people's data log in with a second factor.
TWO_FACTOR_ROLES = {Role.COACH, Role.LOKET, Role.BEHEERDER}


class Sector(models.TextChoices):
    ZORG = "zorg", _("Zorg en welzijn")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    TECHNIEK = "techniek", _("Techniek")
    ICT = "ict", _("ICT")
    BOUW = "bouw", _("Bouw")
    GROEN = "groen", _("Groen")
    FINANCIEEL = "financieel", _("Financiële dienstverlening")
    TRANSPORT = "transport", _("Transport en logistiek")
    OVERHEID = "overheid", _("Overheid")
    OVERIG = "overig", _("Overig")


class Region(models.Model):
    """One of the 35 Dutch arbeidsmarktregio's (loaded by a data migration)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=60, unique=True)

    class Meta:
        db_table = "profiles_region"  # the table from before the app split
        ordering = ["name"]
        verbose_name = _("arbeidsmarktregio")
        verbose_name_plural = _("arbeidsmarktregio's")

    def __str__(self) -> str:
        return self.name


kvk_validator = RegexValidator(
    r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."), code="invalid_kvk"
)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        WERKGEVER = "werkgever", _("Werkgever")
        OPLEIDER = "opleider", _("Opleider")
        COACHBUREAU = "coachbureau", _("Coachbureau")
        LOKET = "loket", _("Regionaal loket")
        FONDS_OVERHEID = "fonds_overheid", _("Fonds of overheid")

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("regio")
    )
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[kvk_validator]
    )

    class Meta:
        db_table = "profiles_organisation"  # the table from before the app split
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name_kind"),
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(kvk_number=""),
                name="organisation_unique_kvk",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    @staticmethod
    def normalize_email(email: str | None) -> str:
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        return self.get(email__iexact=self.normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True, role=Role.BEHEERDER)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisatie"),
    )
    home_region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("woonregio"),
        help_text=_("Voor overstappers: de arbeidsmarktregio waar ze wonen."),
    )
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Uit tot het e-mailadres is bevestigd.")
    )
    is_staff = models.BooleanField(_("toegang tot beheer"), default=False)
    email_confirmed_at = models.DateTimeField(_("e-mail bevestigd op"), null=True, blank=True)
    # Consent, asked at sign-up, that the loket and the coaches of the region see name, e-mail
    # and region in their intake list until a coach is linked (issue 12).
    intake_consent_at = models.DateTimeField(
        _("toestemming voor de aanmeldlijst op"), null=True, blank=True
    )
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        db_table = "profiles_user"  # the table from before the app split
        ordering = ["full_name", "email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = User.objects.normalize_email(self.email)

    @property
    def requires_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES or self.is_staff

    @property
    def region(self) -> Region | None:
        if self.organisation_id:
            return self.organisation.region
        return self.home_region
