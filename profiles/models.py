from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector
from taxonomy.models import Beroep, Drijfveer, Niveau, Skill, Talent

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
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("gebruiker"),
    )
    talents = models.ManyToManyField(
        Talent, blank=True, related_name="+", verbose_name=_("talenten")
    )
    talents_own_words = models.TextField(
        _("talenten in eigen woorden"), max_length=2000, blank=True
    )
    drijfveren = models.ManyToManyField(
        Drijfveer, through="ProfileDrijfveer", related_name="+", verbose_name=_("drijfveren")
    )
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
    target_beroepen = models.ManyToManyField(
        Beroep, blank=True, related_name="+", verbose_name=_("doelberoepen")
    )
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
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("aangemaakt op"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("bijgewerkt op"))
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
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="profile_skills", verbose_name=_("profiel")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("vaardigheid")
    )
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
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gevalideerd door"),
    )

    class Meta:
        verbose_name = _("vaardigheid in een profiel")
        verbose_name_plural = _("vaardigheden in profielen")
        ordering = ["skill__label_nl"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profileskill_unique")
        ]


class ProfileDrijfveer(models.Model):
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="ranked_drijfveren",
        verbose_name=_("profiel"),
    )
    drijfveer = models.ForeignKey(
        Drijfveer, on_delete=models.PROTECT, related_name="+", verbose_name=_("drijfveer")
    )
    rank = models.PositiveSmallIntegerField(
        _("plek"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("drijfveer in een profiel")
        verbose_name_plural = _("drijfveren in profielen")
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

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="experiences", verbose_name=_("profiel")
    )
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
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")
        ordering = ["kind", "-start_year", "pk"]


class AssessmentResult(models.Model):
    """A test or assessment a coach adds, e.g. a wendbaarheidsassessment."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("profiel")
    )
    name = models.CharField(_("assessment"), max_length=200)
    taken_on = models.DateField(_("datum"))
    result = models.TextField(_("uitkomst"), max_length=4000)
    is_wendbaarheid = models.BooleanField(_("gaat over wendbaarheid"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    added_at = models.DateTimeField(auto_now_add=True, verbose_name=_("toegevoegd op"))

    class Meta:
        verbose_name = _("testuitslag")
        verbose_name_plural = _("testuitslagen")
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

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="shares", verbose_name=_("profiel")
    )
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile_shares_received",
        verbose_name=_("gedeeld met"),
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
        verbose_name = _("gedeeld profiel")
        verbose_name_plural = _("gedeelde profielen")
        ordering = ["-created_at"]

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)
