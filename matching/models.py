from __future__ import annotations

from calendar import monthrange
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Region, Sector
from profiles.models import Profile
from taxonomy.models import Beroep, Drijfveer, Niveau, Skill, Talent

# Seed 001: a geschiktheidsonderzoek should take at most 5 weeks.
GESCHIKTHEIDSONDERZOEK_MAX = timedelta(weeks=5)


class VacatureQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Vacature.Status.OPEN)


class Vacature(models.Model):
    """Work described in skills, talents and drives rather than diplomas (job carving)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        OPEN = "open", _("Open")
        GESLOTEN = "gesloten", _("Gesloten")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="vacatures",
        verbose_name=_("werkgever"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    title = models.CharField(_("functie"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=5000, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    landelijk = models.BooleanField(_("ook voor mensen uit andere regio's"), default=False)
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    salary_min = models.DecimalField(
        _("bruto maandsalaris vanaf (euro)"), max_digits=8, decimal_places=2
    )
    salary_max = models.DecimalField(
        _("bruto maandsalaris tot (euro)"), max_digits=8, decimal_places=2
    )
    niveau = models.CharField(
        _("werk- en denkniveau"), max_length=4, choices=Niveau.choices, blank=True
    )
    is_leerwerkplek = models.BooleanField(_("leerwerkplek"), default=False)
    opleider = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leerwerkplekken",
        limit_choices_to={"kind": Organisation.Kind.OPLEIDER},
        verbose_name=_("opleider"),
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    beroep = models.ForeignKey(
        Beroep,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("beroep"),
    )
    split_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="splits",
        verbose_name=_("afgesplitst van"),
    )
    talents = models.ManyToManyField(
        Talent, blank=True, related_name="+", verbose_name=_("talenten")
    )
    drijfveren = models.ManyToManyField(
        Drijfveer,
        blank=True,
        related_name="+",
        verbose_name=_("drijfveren"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.CONCEPT,
    )
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("gepubliceerd op"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("gesloten op"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("aangemaakt op"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("bijgewerkt op"))

    objects = VacatureQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__lte=models.F("salary_max")),
                name="vacature_salary_min_le_max",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"

    def clean(self) -> None:
        errors = {}
        for name in ("salary_min", "salary_max"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("Een salaris kan niet negatief zijn.")
        if (
            not errors
            and self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            errors["salary_min"] = _("Het minimumsalaris is hoger dan het maximum.")
        if self.is_leerwerkplek and self.opleider_id is None:
            errors["opleider"] = _("Kies bij een leerwerkplek de opleider.")
        if errors:
            raise ValidationError(errors)


class VacatureSkill(models.Model):
    vacature = models.ForeignKey(
        Vacature,
        on_delete=models.CASCADE,
        related_name="vacature_skills",
        verbose_name=_("vacature"),
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("vaardigheid")
    )
    min_level = models.PositiveSmallIntegerField(
        _("minimaal niveau"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    essential = models.BooleanField(_("essentieel"), default=True)

    class Meta:
        verbose_name = _("vaardigheid van een vacature")
        verbose_name_plural = _("vaardigheden van vacatures")
        ordering = ["-essential", "skill__label_nl"]
        constraints = [
            models.UniqueConstraint(fields=["vacature", "skill"], name="vacatureskill_unique")
        ]


class VacatureTask(models.Model):
    """A task of the work, with its level: the unit of job carving."""

    vacature = models.ForeignKey(
        Vacature, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("vacature")
    )
    description = models.CharField(_("taak"), max_length=300)
    niveau = models.CharField(_("niveau"), max_length=4, choices=Niveau.choices, blank=True)

    class Meta:
        verbose_name = _("taak van een vacature")
        verbose_name_plural = _("taken van vacatures")
        ordering = ["pk"]


class Match(models.Model):
    """How well a profile fits a vacature, and why (kept: the top per profile and per vacature)."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="matches", verbose_name=_("profiel")
    )
    vacature = models.ForeignKey(
        Vacature, on_delete=models.CASCADE, related_name="matches", verbose_name=_("vacature")
    )
    score = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(100)], verbose_name=_("score")
    )
    parts = models.JSONField(default=dict, verbose_name=_("deelscores"))
    explanation = models.JSONField(default=dict, verbose_name=_("uitleg"))
    engine_version = models.CharField(
        max_length=20, verbose_name=_("versie van de matchberekening")
    )
    computed_at = models.DateTimeField(default=timezone.now, verbose_name=_("berekend op"))
    # Why the match is kept (a pair can be both): among the person's best vacatures, and among
    # the vacature's best candidates over all profiles. A row kept for neither is removed.
    for_profile = models.BooleanField(default=True, verbose_name=_("bij de beste van het profiel"))
    for_vacature = models.BooleanField(
        default=False, verbose_name=_("bij de beste kandidaten van de vacature")
    )

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score", "vacature_id"]
        constraints = [models.UniqueConstraint(fields=["profile", "vacature"], name="match_unique")]
        indexes = [
            models.Index(fields=["vacature", "-score"]),
            models.Index(fields=["profile", "-score"]),
        ]


class Application(models.Model):
    """A candidate in a werkgever's pipeline for one vacature."""

    class Status(models.TextChoices):
        INTERESSE = "interesse", _("Interesse getoond")
        MEELOOPDAG = "meeloopdag", _("Meeloopdag gepland")
        ONDERZOEK = "onderzoek", _("Geschiktheidsonderzoek")
        SELECTIE = "selectie", _("Selectie")
        CONTRACT = "contract", _("Voorwaardelijk contract aangeboden")
        GETEKEND = "getekend", _("Contract getekend")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        INGETROKKEN = "ingetrokken", _("Ingetrokken door kandidaat")

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="applications", verbose_name=_("profiel")
    )
    vacature = models.ForeignKey(
        Vacature, on_delete=models.CASCADE, related_name="applications", verbose_name=_("vacature")
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.INTERESSE, verbose_name=_("status")
    )
    meeloopdag_on = models.DateField(_("meeloopdag op"), null=True, blank=True)
    meeloopdag_days = models.PositiveSmallIntegerField(
        _("aantal dagen meelopen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    onderzoek_started_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("geschiktheidsonderzoek gestart op")
    )
    contract_conditions = models.TextField(_("voorwaarden"), max_length=2000, blank=True)
    contract_signed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("contract getekend op")
    )
    rejection_reason = models.TextField(_("reden van afwijzing"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("aangemaakt op"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("bijgewerkt op"))

    class Meta:
        verbose_name = _("sollicitatie")
        verbose_name_plural = _("sollicitaties")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "vacature"], name="application_unique")
        ]

    @property
    def onderzoek_overdue(self) -> bool:
        return (
            self.status == self.Status.ONDERZOEK
            and self.onderzoek_started_at is not None
            and timezone.now() - self.onderzoek_started_at > GESCHIKTHEIDSONDERZOEK_MAX
        )


# Burgerlijk Wetboek 7:652: at most two months of proeftijd, one month for a temporary contract
# shorter than two years, none for one of six months or less.
PROEFTIJD_MAX = 2
PROEFTIJD_MESSAGES = {
    0: _("Bij een tijdelijk contract van zes maanden of korter mag geen proeftijd."),
    1: _("Bij een tijdelijk contract korter dan twee jaar is de proeftijd hooguit 1 maand."),
    2: _("De proeftijd is hooguit 2 maanden (de wettelijke grens)."),
}


class Contract(models.Model):
    """The voorwaardelijk arbeidscontract of one application: what the werkgever offers and
    the overstapper signs (seed 002 step 4)."""

    class Type(models.TextChoices):
        VAST = "vast", _("Vast contract (onbepaalde tijd)")
        TIJDELIJK = "tijdelijk", _("Tijdelijk contract (met einddatum)")

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="contract",
        verbose_name=_("sollicitatie"),
    )
    function_title = models.CharField(
        _("functie"), max_length=200, error_messages={"blank": _("Vul de functie in.")}
    )
    werkgever = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("werkgever"),
    )
    start_date = models.DateField(
        _("eerste werkdag"), error_messages={"null": _("Kies de eerste werkdag.")}
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"),
        error_messages={"null": _("Vul het aantal uren per week in (1 tot en met 40).")},
    )
    salary = models.DecimalField(
        _("bruto maandsalaris (euro)"),
        max_digits=8,
        decimal_places=2,
        error_messages={"null": _("Vul het bruto maandsalaris in.")},
    )
    contract_type = models.CharField(
        _("soort contract"),
        max_length=10,
        choices=Type.choices,
        error_messages={
            "blank": _("Kies vast of tijdelijk."),
            "invalid_choice": _("Kies vast of tijdelijk."),
        },
    )
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    proeftijd_months = models.PositiveSmallIntegerField(_("proeftijd in maanden"), default=0)
    conditions = models.TextField(
        _("voorwaarden"),
        max_length=2000,
        error_messages={
            "blank": _("Schrijf de voorwaarden op, bijvoorbeeld: diploma behaald vóór 1 september.")
        },
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangeboden door"),
    )
    signed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("getekend op"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("getekend door"),
    )

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary__gt=0), name="contract_salary_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=1, hours_per_week__lte=40),
                name="contract_hours_1_40",
            ),
            models.CheckConstraint(
                condition=models.Q(proeftijd_months__lte=PROEFTIJD_MAX),
                name="contract_proeftijd_max",
            ),
            models.CheckConstraint(
                condition=models.Q(contract_type="vast", end_date__isnull=True)
                | models.Q(contract_type="tijdelijk", end_date__gt=models.F("start_date")),
                name="contract_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.function_title} ({self.werkgever})"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def clean(self) -> None:
        errors = {}
        if self.salary is not None and self.salary <= 0:
            errors["salary"] = _("Het salaris moet hoger zijn dan € 0.")
        if self.hours_per_week is not None and not 1 <= self.hours_per_week <= 40:
            errors["hours_per_week"] = _("Het aantal uren per week is 1 tot en met 40.")
        if self.contract_type == self.Type.TIJDELIJK:
            if self.end_date is None:
                errors["end_date"] = _("Geef bij een tijdelijk contract de einddatum.")
            elif self.start_date is not None and self.end_date <= self.start_date:
                errors["end_date"] = _("De einddatum moet na de eerste werkdag liggen.")
        elif self.contract_type == self.Type.VAST and self.end_date is not None:
            errors["end_date"] = _("Een vast contract heeft geen einddatum. Kies 'tijdelijk'.")
        proeftijd = self.proeftijd_months
        if proeftijd is not None and "end_date" not in errors:
            limit = self.proeftijd_limit
            if proeftijd > limit:
                errors["proeftijd_months"] = PROEFTIJD_MESSAGES[limit]
        if errors:
            raise ValidationError(errors)

    @property
    def proeftijd_limit(self) -> int:
        """The legal maximum for this contract (BW 7:652)."""
        if self.contract_type != self.Type.TIJDELIJK or not (self.start_date and self.end_date):
            return PROEFTIJD_MAX
        ends = self.end_date + timedelta(days=1)  # the end date is the last working day
        if ends <= _add_months(self.start_date, 6):
            return 0
        if ends < _add_months(self.start_date, 24):
            return 1
        return PROEFTIJD_MAX


def _add_months(day, months: int):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


class ApplicationEvent(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("sollicitatie")
    )
    from_status = models.CharField(
        max_length=12, choices=Application.Status.choices, blank=True, verbose_name=_("van status")
    )
    to_status = models.CharField(
        max_length=12, choices=Application.Status.choices, verbose_name=_("naar status")
    )
    at = models.DateTimeField(default=timezone.now, verbose_name=_("op"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    note = models.TextField(blank=True, verbose_name=_("toelichting"))

    class Meta:
        verbose_name = _("stap in een sollicitatie")
        verbose_name_plural = _("stappen in sollicitaties")
        ordering = ["at", "pk"]


class MatchRun(models.Model):
    """One rescore: all profiles × open vacatures, in chunks over the workers."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")
        CANCELLED = "cancelled", _("Geannuleerd")

    class Scope(models.TextChoices):
        ALLE = "alle", _("Alle profielen")
        GEWIJZIGD = "gewijzigd", _("Profielen gewijzigd sinds de vorige herberekening")

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    # The page says "wacht op een worker" when no worker has shown itself for this long.
    WAITING_AFTER = timedelta(seconds=30)

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status")
    )
    # Which profiles: all, or those saved since the last finished run started (a profile saved
    # while a run ran is counted again; vacatures rescore themselves when they change).
    scope = models.CharField(
        max_length=10, choices=Scope.choices, default=Scope.ALLE, verbose_name=_("omvang")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("gestart op"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("klaar op"))
    chunks_total = models.PositiveIntegerField(default=0, verbose_name=_("delen in totaal"))
    chunks_done = models.PositiveIntegerField(default=0, verbose_name=_("delen klaar"))
    done_chunk_ids = models.JSONField(default=list, verbose_name=_("klare delen"))
    profiles = models.PositiveIntegerField(default=0, verbose_name=_("profielen"))
    vacatures = models.PositiveIntegerField(default=0, verbose_name=_("vacatures"))
    # Rows inserted or changed; a match that came out the same is not written again.
    matches_written = models.PositiveIntegerField(default=0, verbose_name=_("matches geschreven"))
    error = models.TextField(blank=True, verbose_name=_("fout"))
    # The lease: a queued or running run is alive while a worker renews it (each chunk does, as
    # it starts and as it ends). When it runs out, the watchdog (matching.match_run_watchdog)
    # queues the run again, or after MATCH_RUN_MAX_ATTEMPTS gives up with the reason.
    lease_expires_at = models.DateTimeField(_("lease tot"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("laatste teken van een worker"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("keren in de wachtrij gezet"), default=1)

    class Meta:
        verbose_name = _("herberekening")
        verbose_name_plural = _("herberekeningen")
        ordering = ["-created_at"]
        constraints = [
            # At most one run queued or running at a time.
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status__in=["queued", "running"]),
                name="matchrun_one_active",
            )
        ]

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def waiting_for_worker(self) -> bool:
        """Queued or running, and no worker has renewed the lease for a while."""
        last_sign = self.heartbeat_at or self.created_at
        return self.is_active and timezone.now() - last_sign > self.WAITING_AFTER

    @property
    def progress(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return round(100 * self.chunks_done / self.chunks_total) if self.chunks_total else 0

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class MatchCandidate(models.Model):
    """While a run is on: a vacature's best profiles within one chunk (or, for a run of the
    changed profiles, a candidate the vacature kept from before). The run's last step keeps
    each vacature's best over all of them as its Match rows, then removes them."""

    # No database constraint: a chunk writes up to a million of these scratch rows, and the
    # deferred check of each would run at commit (seconds); the run deletes its own, and
    # Django's cascade still removes them with the run.
    run = models.ForeignKey(
        MatchRun,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("herberekening"),
        db_constraint=False,
    )
    vacature_id = models.IntegerField(_("vacature"))
    profile_id = models.IntegerField(_("profiel"))
    score = models.PositiveSmallIntegerField(_("score"))
    stored = models.BooleanField(_("al opgeslagen als match"), default=False)

    class Meta:
        verbose_name = _("kandidaat tijdens een herberekening")
        verbose_name_plural = _("kandidaten tijdens een herberekening")
        indexes = [models.Index(fields=["run", "profile_id", "vacature_id"])]
