"""Superscholing (seed 003 H8), onboarding (H9: about 100 days, four actors) and nazorg."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Sector
from journeys.models import Phase, Traject
from taxonomy.models import Niveau, Skill


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    LOCATIE = "locatie", _("Op locatie")
    WERKPLEK = "werkplek", _("Op de werkplek")


class Leerwerktraject(models.Model):
    """An opleiding offered as Superscholing: modules, leeruitkomsten and start moments."""

    opleider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="leerwerktrajecten",
        limit_choices_to={"kind": Organisation.Kind.OPLEIDER},
        verbose_name=_("opleider"),
    )
    title = models.CharField(_("naam"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    description = models.TextField(_("omschrijving"), max_length=4000, blank=True)
    # Admission on the Persoonlijk Profiel, not a diploma (seed 003 L4934–5449).
    required_niveau = models.CharField(
        _("vereist werk- en denkniveau"), max_length=4, choices=Niveau.choices, blank=True
    )
    required_skills = models.ManyToManyField(
        Skill, blank=True, related_name="+", verbose_name=_("vereiste skills")
    )
    weekly_hours = models.PositiveSmallIntegerField(
        _("studielast in uren per week"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    start_every_months = models.PositiveSmallIntegerField(
        _("start elke … maanden"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    places_per_start = models.PositiveSmallIntegerField(
        _("plaatsen per startmoment"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("aangemaakt op"))

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("leerwerktraject")
        verbose_name_plural = _("leerwerktrajecten")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Module(models.Model):
    leerwerktraject = models.ForeignKey(
        Leerwerktraject,
        on_delete=models.CASCADE,
        related_name="modules",
        verbose_name=_("leerwerktraject"),
    )
    title = models.CharField(_("naam"), max_length=200)
    hours = models.PositiveSmallIntegerField(
        _("uren"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    cost = models.DecimalField(
        _("kosten (euro)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    mode = models.CharField(_("vorm"), max_length=10, choices=Mode.choices, default=Mode.LOCATIE)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title


class Leeruitkomst(models.Model):
    """What a participant can do after a module; recognised when already mastered."""

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="leeruitkomsten", verbose_name=_("module")
    )
    description = models.CharField(_("leeruitkomst"), max_length=300)
    skill = models.ForeignKey(
        Skill,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leeruitkomsten",
        verbose_name=_("vaardigheid"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("leeruitkomst")
        verbose_name_plural = _("leeruitkomsten")

    def __str__(self) -> str:
        return self.description


class StartMoment(models.Model):
    leerwerktraject = models.ForeignKey(
        Leerwerktraject,
        on_delete=models.CASCADE,
        related_name="start_moments",
        verbose_name=_("leerwerktraject"),
    )
    starts_on = models.DateField(_("start op"))
    places = models.PositiveSmallIntegerField(_("plaatsen"))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("startmoment")
        verbose_name_plural = _("startmomenten")
        constraints = [
            models.UniqueConstraint(
                fields=["leerwerktraject", "starts_on"], name="startmoment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.leerwerktraject} · {self.starts_on:%d-%m-%Y}"


class Inschrijving(models.Model):
    """A participant on a start moment, with an individual route."""

    class Status(models.TextChoices):
        ACTIEF = "actief", _("Actief")
        GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")
        AFGEROND = "afgerond", _("Afgerond")
        GESTOPT = "gestopt", _("Gestopt")

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="inschrijvingen", verbose_name=_("traject")
    )
    start_moment = models.ForeignKey(
        StartMoment,
        on_delete=models.PROTECT,
        related_name="inschrijvingen",
        verbose_name=_("startmoment"),
    )
    werkgever = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("werkgever (leerwerkplek)"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.ACTIEF,
    )
    paused_since = models.DateField(_("gepauzeerd sinds"), null=True, blank=True)
    pause_reason = models.CharField(_("reden van pauze"), max_length=300, blank=True)
    paused_days = models.PositiveIntegerField(_("dagen gepauzeerd (afgesloten pauzes)"), default=0)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(fields=["traject", "start_moment"], name="inschrijving_unique")
        ]

    def __str__(self) -> str:
        return f"{self.traject.overstapper} · {self.start_moment}"


class Validation(models.Model):
    """A leeruitkomst recognised for a participant: by whom, on what evidence."""

    class Method(models.TextChoices):
        ASSESSMENT = "assessment", _("Assessment")
        BEWIJSLAST = "bewijslast", _("Bewijslast")

    inschrijving = models.ForeignKey(
        Inschrijving,
        on_delete=models.CASCADE,
        related_name="validations",
        verbose_name=_("inschrijving"),
    )
    leeruitkomst = models.ForeignKey(
        Leeruitkomst, on_delete=models.CASCADE, related_name="+", verbose_name=_("leeruitkomst")
    )
    method = models.CharField(_("manier"), max_length=12, choices=Method.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    # Under MEDIA_ROOT (var/media), never under static; served by a checked view only.
    evidence = models.FileField(_("bewijs"), upload_to="bewijslast/%Y/%m/", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(default=timezone.now, verbose_name=_("op"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("validatie")
        verbose_name_plural = _("validaties")
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving", "leeruitkomst"], name="validation_unique"
            )
        ]


class ModuleProgress(models.Model):
    inschrijving = models.ForeignKey(
        Inschrijving,
        on_delete=models.CASCADE,
        related_name="progress",
        verbose_name=_("inschrijving"),
    )
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="+", verbose_name=_("module")
    )
    percent = models.PositiveSmallIntegerField(
        _("voortgang (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    updated_at = models.DateTimeField(default=timezone.now, verbose_name=_("bijgewerkt op"))

    class Meta:
        verbose_name = _("voortgang in een module")
        verbose_name_plural = _("voortgang in modules")
        constraints = [
            models.UniqueConstraint(fields=["inschrijving", "module"], name="progress_unique")
        ]


class OwnerRole(models.TextChoices):
    """The four actors of onboarding (seed 003 H9)."""

    OVERSTAPPER = "overstapper", _("Overstapper")
    OPLEIDER = "opleider", _("Opleider")
    TEAM = "team", _("Team en buddy")
    MANAGEMENT = "management", _("HR en management")


class OnboardingTemplate(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    days = models.PositiveSmallIntegerField(_("duur in dagen"), default=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("onboardingsjabloon")
        verbose_name_plural = _("onboardingsjablonen")

    def __str__(self) -> str:
        return self.name


class OnboardingTemplateItem(models.Model):
    template = models.ForeignKey(
        OnboardingTemplate,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("sjabloon"),
    )
    title = models.CharField(_("actie"), max_length=200)
    owner_role = models.CharField(_("wie"), max_length=12, choices=OwnerRole.choices)
    due_day = models.PositiveSmallIntegerField(_("dag na de start"))

    class Meta:
        verbose_name = _("onderdeel van een onboardingsjabloon")
        verbose_name_plural = _("onderdelen van onboardingsjablonen")
        ordering = ["due_day", "pk"]


class OnboardingPlan(models.Model):
    traject = models.OneToOneField(
        Traject, on_delete=models.CASCADE, related_name="onboarding_plan", verbose_name=_("traject")
    )
    werkgever = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("werkgever")
    )
    template = models.ForeignKey(
        OnboardingTemplate,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sjabloon"),
    )
    starts_on = models.DateField(_("eerste werkdag"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        verbose_name = _("onboardingsplan")
        verbose_name_plural = _("onboardingsplannen")


class OnboardingItem(models.Model):
    plan = models.ForeignKey(
        OnboardingPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    title = models.CharField(_("actie"), max_length=200)
    owner_role = models.CharField(_("wie"), max_length=12, choices=OwnerRole.choices)
    due_on = models.DateField(_("uiterlijk op"))
    done_at = models.DateTimeField(null=True, blank=True, verbose_name=_("afgevinkt op"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("afgevinkt door"),
    )

    class Meta:
        verbose_name = _("onboardingonderdeel")
        verbose_name_plural = _("onboardingonderdelen")
        ordering = ["due_on", "pk"]

    def is_overdue(self, today) -> bool:
        return self.done_at is None and self.due_on < today


# The four werkgeluk dimensions of seed 003 L5714–5717.
DIMENSIONS = [
    ("motivatie", _("Motivatie")),
    ("betrokkenheid", _("Betrokkenheid")),
    ("team", _("Prettig in het team")),
    ("uitdaging", _("Gezonde uitdaging")),
]
LOW_SCORE = 2


def _score(*, verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class CheckIn(models.Model):
    """The monthly werkgeluk check-in (one per traject per month)."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("traject")
    )
    due_on = models.DateField(_("maand"))
    motivatie = _score(verbose_name=_("motivatie"))
    betrokkenheid = _score(verbose_name=_("betrokkenheid"))
    team = _score(verbose_name=_("team"))
    uitdaging = _score(verbose_name=_("uitdaging"))
    comment = models.TextField(_("toelichting"), max_length=2000, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("gemaild op"))
    filled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ingevuld op"))

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-due_on"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "due_on"], name="checkin_one_per_month")
        ]

    @property
    def scores(self) -> list[tuple[str, int | None]]:
        return [(label, getattr(self, name)) for name, label in DIMENSIONS]

    @property
    def is_low(self) -> bool:
        return self.filled_at is not None and any(
            getattr(self, name) is not None and getattr(self, name) <= LOW_SCORE
            for name, _label in DIMENSIONS
        )


class UsedToken(models.Model):
    """A check-in link that was used: each link works once."""

    nonce = models.CharField(max_length=64, unique=True, verbose_name=_("eenmalige sleutel"))
    used_at = models.DateTimeField(default=timezone.now, verbose_name=_("gebruikt op"))

    class Meta:
        verbose_name = _("gebruikte link")
        verbose_name_plural = _("gebruikte links")


class Alert(models.Model):
    class Kind(models.TextChoices):
        LOW_WERKGELUK = "laag_werkgeluk", _("Laag werkgeluk")
        MISSED_CHECKIN = "checkin_gemist", _("Check-in gemist")
        OVERDUE_ITEM = "actie_te_laat", _("Onboarding-actie te laat")
        STALLED_ROUTE = "route_stil", _("Leerroute staat stil")
        HULPLIJN = "hulplijn", _("Vraag via de hulplijn")
        # Kinds whose fact is computed (workspace.selectors.signals_for); an alert of these
        # kinds records that the coach dealt with the fact (resolved), or the daily job saw it.
        ONDERZOEK = "onderzoek", _("Geschiktheidsonderzoek langer dan 5 weken")
        FINANCING = "financiering", _("Financiering niet veilig")
        STALLED_PHASE = "stilstand", _("Te lang in deze fase")

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("traject")
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
        verbose_name=_("coach"),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("soort"))
    # What the alert is about; with traject and kind it makes a rerun create nothing new.
    key = models.CharField(max_length=60, verbose_name=_("sleutel"))
    message = models.CharField(max_length=300, verbose_name=_("bericht"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))
    resolved_at = models.DateTimeField(null=True, blank=True, verbose_name=_("afgehandeld op"))

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "kind", "key"], name="alert_unique")
        ]


class HulplijnVraag(models.Model):
    class To(models.TextChoices):
        COACH = "coach", _("Mijn coach")
        LOKET = "loket", _("Het regionale loket")

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="hulplijn", verbose_name=_("traject")
    )
    to = models.CharField(_("aan"), max_length=10, choices=To.choices, default=To.COACH)
    question = models.TextField(_("je vraag"), max_length=2000)
    hide_from_werkgever = models.BooleanField(_("niet zichtbaar voor mijn werkgever"), default=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        verbose_name = _("vraag aan de hulplijn")
        verbose_name_plural = _("vragen aan de hulplijn")
        ordering = ["-created_at"]


class Uitval(models.Model):
    class Reason(models.TextChoices):
        WERK = "werk", _("Het werk past niet")
        OPLEIDING = "opleiding", _("De opleiding is te zwaar")
        FINANCIEEL = "financieel", _("Financiële redenen")
        PERSOONLIJK = "persoonlijk", _("Persoonlijke omstandigheden")
        GEZONDHEID = "gezondheid", _("Gezondheid")
        TEAM = "team", _("Team of begeleiding")
        ANDERS = "anders", _("Anders")

    traject = models.OneToOneField(
        Traject, on_delete=models.CASCADE, related_name="uitval", verbose_name=_("traject")
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    reason = models.CharField(_("reden"), max_length=12, choices=Reason.choices)
    text = models.TextField(_("toelichting"), max_length=2000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(default=timezone.now, verbose_name=_("op"))

    class Meta:
        verbose_name = _("uitval")
        verbose_name_plural = _("uitval")
