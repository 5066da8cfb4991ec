"""Oriëntatie: events (informatiebijeenkomsten, bootcamps, expedities, open dagen,
meeloopdagen) with their sessions and registrations, the beroepen-verkenner's shortlist and the
regional catalogue of initiatives."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Region, Sector
from taxonomy.models import Beroep

# The shortage sectors the verkenner covers (DESIGN: Zorg, Onderwijs, Techniek, ICT).
SHORTAGE_SECTORS = [Sector.ZORG, Sector.ONDERWIJS, Sector.TECHNIEK, Sector.ICT]
MAX_CAPACITY = 5000


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, cancelled_at__isnull=True)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())


class Event(models.Model):
    """Something a loket, werkgever or opleider organises for people who orient."""

    class Kind(models.TextChoices):
        INFORMATIEBIJEENKOMST = "informatiebijeenkomst", _("Informatiebijeenkomst")
        BOOTCAMP = "bootcamp", _("Bootcamp")
        EXPEDITIE = "expeditie", _("Expeditie")
        OPEN_DAG = "open_dag", _("Open dag")
        MEELOOPDAG = "meeloopdag", _("Meeloopdag")

    kind = models.CharField(_("soort"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=4000, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisator"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    place = models.CharField(_("plaats en adres"), max_length=200, blank=True)
    online_url = models.URLField(_("link voor online deelname"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    confidential_ok = models.BooleanField(
        _("vertrouwelijk aanmelden kan"),
        default=True,
        help_text=_("Mensen met een baan kunnen meedoen zonder dat hun werkgever het ziet."),
    )
    # First start and last end of the sessions, kept by the services for filtering.
    starts_at = models.DateTimeField(_("begint op"), db_index=True)
    ends_at = models.DateTimeField(_("eindigt op"))
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgelast op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="orientatie_event_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="orientatie_event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventSector(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sector_rows", verbose_name=_("bijeenkomst")
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)

    class Meta:
        verbose_name = _("sector van een bijeenkomst")
        verbose_name_plural = _("sectoren van bijeenkomsten")
        constraints = [
            models.UniqueConstraint(fields=["event", "sector"], name="orientatie_event_sector")
        ]


class Session(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("bijeenkomst")
    )
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="orientatie_session_ends_after_start",
            )
        ]


def _nonce() -> str:
    return secrets.token_urlsafe(12)


class Registration(models.Model):
    """A sign-up with only a name and an e-mail address (an account is not needed)."""

    class Status(models.TextChoices):
        CONFIRMED = "aangemeld", _("Aangemeld")
        WAITING = "wachtlijst", _("Op de wachtlijst")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("bijeenkomst")
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)
    # Only for a confidential sign-up: the employer who must not see it.
    employer = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("huidige werkgever"),
    )
    # Consent to link this sign-up to an account made later with the same address (reports).
    link_consent = models.BooleanField(_("toestemming om te koppelen"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("gebruiker"),
    )
    nonce = models.CharField(
        max_length=32, default=_nonce, editable=False, verbose_name=_("eenmalige sleutel")
    )
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))
    promoted_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("van de wachtlijst gehaald op")
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("geannuleerd op"))
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("herinnerd op"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="geannuleerd"),
                name="orientatie_registration_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"


class BeroepInfo(models.Model):
    """What the verkenner tells about a beroep besides its skills (kept in the admin)."""

    beroep = models.OneToOneField(
        Beroep, on_delete=models.CASCADE, related_name="+", verbose_name=_("beroep")
    )
    work = models.TextField(_("wat het werk is"), max_length=2000, blank=True)
    wage_min = models.DecimalField(
        _("bruto maandloon vanaf (euro)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    wage_max = models.DecimalField(
        _("bruto maandloon tot (euro)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("beroepsinformatie")
        verbose_name_plural = _("beroepsinformatie")

    def __str__(self) -> str:
        return str(self.beroep)


class ShortlistItem(models.Model):
    """A beroep an overstapper keeps in mind; their coach sees the list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shortlist",
        verbose_name=_("gebruiker"),
    )
    beroep = models.ForeignKey(
        Beroep, on_delete=models.CASCADE, related_name="+", verbose_name=_("beroep")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("beroep op de shortlist")
        verbose_name_plural = _("shortlist")
        constraints = [
            models.UniqueConstraint(fields=["user", "beroep"], name="orientatie_shortlist_once")
        ]


class Initiative(models.Model):
    """An initiative or opleiding in the region's catalogue, kept by the loket."""

    class Kind(models.TextChoices):
        MOBILITEITSTEAM = "mobiliteitsteam", _("Regionaal mobiliteitsteam")
        SECTORPLATFORM = "sectorplatform", _("Sectorplatform")
        CONSORTIUM = "consortium", _("Consortium")
        OPLEIDING = "opleiding", _("Opleiding")
        OVERIG = "overig", _("Overig")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    offer = models.TextField(_("wat ze bieden"), max_length=2000, blank=True)
    # Names of the regelingen (financing's catalogue) that can pay for it.
    regelingen = models.JSONField(_("regelingen"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="orientatie_initiative_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Orientatiegroep(models.Model):
    """People still orienting who meet as peers (doorbraak 2: "met gelijken"), formed by a
    coach from their caseload or by the loket for its region; members see first names only."""

    name = models.CharField(_("naam"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="orientatiegroepen",
        verbose_name=_("gevormd door"),
    )
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("regio"),
    )
    members = models.ManyToManyField(
        "journeys.Traject",
        related_name="orientatiegroepen",
        blank=True,
        verbose_name=_("leden"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("oriëntatiegroep")
        verbose_name_plural = _("oriëntatiegroepen")

    def __str__(self) -> str:
        return self.name


class GroepSessie(models.Model):
    """A meeting of an oriëntatiegroep, at a place or online; members get a reminder."""

    group = models.ForeignKey(
        Orientatiegroep,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("oriëntatiegroep"),
    )
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    place = models.CharField(_("plaats en adres"), max_length=200, blank=True)
    online_url = models.URLField(_("link voor online deelname"), max_length=500, blank=True)
    # The members who were there (marked afterwards by whoever formed the group).
    present = models.ManyToManyField(
        "journeys.Traject", related_name="+", blank=True, verbose_name=_("aanwezig")
    )
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("herinnerd op"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("groepsbijeenkomst")
        verbose_name_plural = _("groepsbijeenkomsten")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="orientatie_groepsessie_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.starts_at:%Y-%m-%d}"

    @property
    def has_begun(self) -> bool:
        return self.starts_at <= timezone.now()
