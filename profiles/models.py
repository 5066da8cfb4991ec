from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
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
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
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


# --- Taxonomy: skills, talents, drijfveren and beroepen ------------------------------------


def search_key(text: str) -> str:
    """Lower case without accents, so "creëren" is found by "creeren"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


class SkillKind(models.TextChoices):
    SOFT = "soft", _("Soft skill")
    HARD = "hard", _("Hard skill")


class Skill(models.Model):
    code = models.CharField(_("code"), max_length=120, unique=True)
    label_nl = models.CharField(_("naam"), max_length=255)
    label_en = models.CharField(_("naam (Engels)"), max_length=255, blank=True)
    kind = models.CharField(_("soort"), max_length=4, choices=SkillKind.choices)
    esco_uri = models.CharField(_("ESCO-URI"), max_length=255, blank=True)
    sectors = models.JSONField(_("sectoren"), default=list, blank=True)
    search_text = models.CharField(max_length=520, db_index=True, editable=False)

    class Meta:
        ordering = ["label_nl"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.label_nl

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.label_nl} | {self.label_en}")
        super().save(*args, **kwargs)


class Talent(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("naam"), max_length=80)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("talent")
        verbose_name_plural = _("talenten")

    def __str__(self) -> str:
        return self.label


class Drijfveer(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("naam"), max_length=80)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("drijfveer")
        verbose_name_plural = _("drijfveren")

    def __str__(self) -> str:
        return self.label


class Niveau(models.TextChoices):
    """Werk- en denkniveau; NLQF level in brackets."""

    MBO1 = "mbo1", _("mbo 1 (NLQF 1)")
    MBO2 = "mbo2", _("mbo 2 (NLQF 2)")
    MBO3 = "mbo3", _("mbo 3 (NLQF 3)")
    MBO4 = "mbo4", _("mbo 4 (NLQF 4)")
    HBO = "hbo", _("hbo (NLQF 6)")
    WO = "wo", _("wo (NLQF 7)")


NIVEAU_NLQF = {"mbo1": 1, "mbo2": 2, "mbo3": 3, "mbo4": 4, "hbo": 6, "wo": 7}


class Beroep(models.Model):
    """An occupation with the skills it needs (curated, or imported from ESCO)."""

    code = models.CharField(_("code"), max_length=120, unique=True)
    label_nl = models.CharField(_("naam"), max_length=255)
    label_en = models.CharField(_("naam (Engels)"), max_length=255, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    niveau = models.CharField(_("niveau"), max_length=4, choices=Niveau.choices, blank=True)
    esco_uri = models.CharField(_("ESCO-URI"), max_length=255, blank=True)
    skills = models.ManyToManyField(Skill, through="BeroepSkill", related_name="beroepen")

    class Meta:
        ordering = ["label_nl"]
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")

    def __str__(self) -> str:
        return self.label_nl


class BeroepSkill(models.Model):
    beroep = models.ForeignKey(Beroep, on_delete=models.CASCADE, related_name="beroep_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    essential = models.BooleanField(_("essentieel"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["beroep", "skill"], name="beroepskill_unique")
        ]


# --- The Persoonlijk Profiel -----------------------------------------------------------------


class ProfileStep(models.TextChoices):
    TALENTEN = "talenten", _("Talenten")
    SKILLS = "skills", _("Skills")
    DRIJFVEREN = "drijfveren", _("Drijfveren")
    WENDBAARHEID = "wendbaarheid", _("Wendbaarheid")
    NIVEAU = "niveau", _("Werk- en denkniveau")
    DOEL = "doel", _("Doel & motivatie")
    ERVARING = "ervaring", _("Ervaring en trots")


BOUWSTENEN = [s for s in ProfileStep.values if s != ProfileStep.ERVARING]


class Profile(models.Model):
    """The overstapper's Persoonlijk Profiel: theirs, and shown to others only by consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    talents = models.ManyToManyField(Talent, blank=True, related_name="+")
    talents_own_words = models.TextField(
        _("talenten in eigen woorden"), max_length=2000, blank=True
    )
    drijfveren = models.ManyToManyField(Drijfveer, through="ProfileDrijfveer", related_name="+")
    wendbaarheid_answers = models.JSONField(_("antwoorden wendbaarheid"), default=list, blank=True)
    wendbaarheid_score = models.PositiveSmallIntegerField(
        _("wendbaarheidsscore"), null=True, blank=True
    )
    niveau = models.CharField(
        _("werk- en denkniveau"), max_length=4, choices=Niveau.choices, blank=True
    )
    niveau_basis = models.CharField(
        _("aangetoond met"),
        max_length=10,
        choices=[("diploma", _("Diploma")), ("informeel", _("Informeel leren (werk, leven)"))],
        blank=True,
    )
    niveau_evidence = models.TextField(_("bewijs van niveau"), max_length=2000, blank=True)
    ambition = models.TextField(_("ambitie"), max_length=2000, blank=True)
    motivation = models.TextField(_("waarom"), max_length=2000, blank=True)
    target_sectors = models.JSONField(_("doelsectoren"), default=list, blank=True)
    target_beroepen = models.ManyToManyField(Beroep, blank=True, related_name="+")
    min_net_income = models.DecimalField(
        _("minimaal netto maandinkomen (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    proud_of = models.TextField(_("waar ik trots op ben"), max_length=2000, blank=True)
    completed_steps = models.JSONField(_("afgeronde stappen"), default=list, blank=True)
    # Sensitive (AVG art. 9): optional, never shown to werkgevers, never in others' exports.
    sensitive_health = models.TextField(_("gezondheid (gevoelig)"), max_length=2000, blank=True)
    sensitive_arbeidsbeperking = models.BooleanField(
        _("arbeidsbeperking (gevoelig)"), null=True, blank=True
    )
    sensitive_status = models.CharField(
        _("verblijfsstatus of nationaliteit (gevoelig)"), max_length=200, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every save: an edit based on an older version is refused (optimistic locking).
    version = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("Persoonlijk Profiel")
        verbose_name_plural = _("Persoonlijke Profielen")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def progress(self) -> int:
        done = [s for s in self.completed_steps if s in BOUWSTENEN]
        return round(100 * len(done) / len(BOUWSTENEN))

    @property
    def target_sector_labels(self) -> list[str]:
        """The target sectors by their names, for people to read (the field holds codes)."""
        return [str(Sector(s).label) if s in Sector.values else s for s in self.target_sectors]


class EvidenceType(models.TextChoices):
    """How a skill is shown (seed 003 H6 L3711–3759)."""

    ZELF = "zelf", _("Zelf ingeschat")
    GESPREK = "gesprek", _("Gesprek (STARR)")
    PRAKTIJK = "praktijk", _("Praktijk (meelopen, simulatie)")
    ASSESSMENT = "assessment", _("Assessment")
    FEEDBACK = "feedback", _("Feedback of referentie")
    DIPLOMA = "diploma", _("Diploma of certificaat")
    WERKERVARING = "werkervaring", _("Werkervaring")


SKILL_LEVELS = [
    (1, _("1 — beginner")),
    (2, _("2 — basis")),
    (3, _("3 — gevorderd")),
    (4, _("4 — ervaren")),
    (5, _("5 — expert")),
]


class ProfileSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="profile_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("niveau"),
        choices=SKILL_LEVELS,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    evidence_type = models.CharField(
        _("bewijs"), max_length=12, choices=EvidenceType.choices, default=EvidenceType.ZELF
    )
    evidence_note = models.CharField(_("toelichting bij het bewijs"), max_length=500, blank=True)
    validated_at = models.DateTimeField(_("gevalideerd op"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["skill__label_nl"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profileskill_unique")
        ]


class ProfileDrijfveer(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="ranked_drijfveren")
    drijfveer = models.ForeignKey(Drijfveer, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(
        _("plek"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "rank"], name="drijfveer_unique_rank"),
            models.UniqueConstraint(fields=["profile", "drijfveer"], name="drijfveer_unique"),
        ]


class Experience(models.Model):
    class Kind(models.TextChoices):
        WERK = "werk", _("Werkervaring")
        OPLEIDING = "opleiding", _("Opleiding of cursus")
        VRIJWILLIG = "vrijwillig", _("Vrijwilligerswerk")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="experiences")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("functie of opleiding"), max_length=200)
    organisation = models.CharField(_("organisatie of school"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("van (jaar)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("tot (jaar)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )
    description = models.TextField(_("wat deed je?"), max_length=2000, blank=True)

    class Meta:
        ordering = ["kind", "-start_year", "pk"]


class AssessmentResult(models.Model):
    """A test or assessment a coach adds, e.g. a wendbaarheidsassessment."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="assessments")
    name = models.CharField(_("assessment"), max_length=200)
    taken_on = models.DateField(_("datum"))
    result = models.TextField(_("uitkomst"), max_length=4000)
    is_wendbaarheid = models.BooleanField(_("gaat over wendbaarheid"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-taken_on", "-pk"]


class ProfileShareQuerySet(models.QuerySet):
    def active(self, at=None):
        """Not revoked and not expired: the consent holds right now."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=at)
        )


class ProfileShare(models.Model):
    """The overstapper's consent: this person may see my profile, for this purpose, until then."""

    class Purpose(models.TextChoices):
        COACH = "coach", _("Begeleiding door mijn coach")
        VACATURE = "vacature", _("Sollicitatie bij een werkgever")
        TOELATING = "toelating", _("Toelating tot een opleiding")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="shares")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_shares_received"
    )
    purpose = models.CharField(_("doel"), max_length=10, choices=Purpose.choices)
    vacature = models.CharField(_("vacature"), max_length=200, blank=True)
    for_vacature = models.ForeignKey(
        "matching.Vacature",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shares",
        verbose_name=_("voor vacature"),
    )
    created_at = models.DateTimeField(_("gedeeld op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ProfileShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)
