from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Region, Sector


class Phase(models.TextChoices):
    AANMELDING = "aanmelding", _("Aanmelding")
    ORIENTATIE = "orientatie", _("Oriëntatie")
    PROFIEL = "profiel", _("Persoonlijk Profiel")
    MATCH = "match", _("Match")
    SELECTIE = "selectie", _("Selectie")
    LEERWERKTRAJECT = "leerwerktraject", _("Leerwerktraject")
    ONBOARDING = "onboarding", _("Onboarding")
    NAZORG = "nazorg", _("Nazorg")
    AFGEROND = "afgerond", _("Afgerond")
    UITGEVALLEN = "uitgevallen", _("Uitgevallen")
    # Closed because the overstapper erased their account: no drop-out, in no uitval or
    # retention figure (issue 14). Only Loopbrug itself moves a traject here.
    VERWIJDERD = "verwijderd", _("Account verwijderd")


# The journey in order; afgerond and uitgevallen both end it.
JOURNEY = [
    Phase.AANMELDING,
    Phase.ORIENTATIE,
    Phase.PROFIEL,
    Phase.MATCH,
    Phase.SELECTIE,
    Phase.LEERWERKTRAJECT,
    Phase.ONBOARDING,
    Phase.NAZORG,
    Phase.AFGEROND,
]
END_PHASES = {Phase.AFGEROND, Phase.UITGEVALLEN, Phase.VERWIJDERD}

# Allowed moves. Every open phase may end in uitgevallen; a few may go back one step
# (a failed meeloopstage returns from selectie to match, 003 / DESIGN.md).
TRANSITIONS: dict[str, set[str]] = {
    Phase.AANMELDING: {Phase.ORIENTATIE},
    Phase.ORIENTATIE: {Phase.PROFIEL},
    Phase.PROFIEL: {Phase.MATCH, Phase.ORIENTATIE},
    Phase.MATCH: {Phase.SELECTIE, Phase.PROFIEL},
    Phase.SELECTIE: {Phase.LEERWERKTRAJECT, Phase.MATCH},
    Phase.LEERWERKTRAJECT: {Phase.ONBOARDING},
    Phase.ONBOARDING: {Phase.NAZORG},
    Phase.NAZORG: {Phase.AFGEROND},
    Phase.AFGEROND: set(),
    Phase.UITGEVALLEN: set(),
    Phase.VERWIJDERD: set(),
}
for _phase, _targets in TRANSITIONS.items():
    if _phase not in END_PHASES:
        _targets.add(Phase.UITGEVALLEN)

# Norms per phase in days (seed 003): oriëntatie ~12 days over 3 months; the overstaptijd
# (profiel, match, selectie) 0–4 months; geschiktheidsonderzoek at most 5 weeks; onboarding
# ~100 days; begeleiding (nazorg) a year; a switch took 4–7 months in the Proeftuinen.
# Aanmelding (two weeks to a first talk) is our own working norm.
PHASE_NORM_DAYS: dict[str, int] = {
    Phase.AANMELDING: 14,
    Phase.ORIENTATIE: 90,
    Phase.PROFIEL: 30,
    Phase.MATCH: 60,
    Phase.SELECTIE: 35,
    Phase.LEERWERKTRAJECT: 210,
    Phase.ONBOARDING: 100,
    Phase.NAZORG: 365,
}
PHASE_NORM_TEXT = {
    Phase.AANMELDING: _("eerste gesprek binnen 2 weken"),
    Phase.ORIENTATIE: _("ongeveer 12 dagen over 3 maanden"),
    Phase.PROFIEL: _("overstaptijd 0–4 maanden"),
    Phase.MATCH: _("overstaptijd 0–4 maanden"),
    Phase.SELECTIE: _("geschiktheidsonderzoek hooguit 5 weken"),
    Phase.LEERWERKTRAJECT: _("overstap 4–7 maanden (Proeftuinen)"),
    Phase.ONBOARDING: _("ongeveer 100 dagen"),
    Phase.NAZORG: _("begeleiding een jaar"),
}


# Without a coach, the next step is someone else's: say whose, and what the person can do.
NO_COACH_YET = _(
    "Je hebt nog geen coach. Je aanmelding staat in de lijst van nieuwe aanmeldingen van je "
    "regio; zodra een coach je oppakt, krijg je bericht. Intussen kun je je Persoonlijk Profiel "
    "invullen."
)
NO_COACH_NO_CONSENT = _(
    "Je hebt nog geen coach. Geef het loket en de coaches van je regio toestemming om je "
    "aanmelding te zien, dan pakt een coach je op."
)

# What the overstapper does next, in plain words, per phase.
NEXT_STEP = {
    Phase.AANMELDING: _("Je coach neemt contact met je op voor een kennismakingsgesprek."),
    Phase.ORIENTATIE: _(
        "Ontdek wat bij je past: assessments, meeloopdagen en gesprekken met je coach "
        "(ongeveer 12 dagen, verspreid over 3 maanden)."
    ),
    Phase.PROFIEL: _(
        "Vul je Persoonlijk Profiel in: je talenten, skills, drijfveren, wendbaarheid, "
        "werk- en denkniveau en je doel."
    ),
    Phase.MATCH: _("Bekijk vacatures die passen bij je profiel en kies waar je wilt meelopen."),
    Phase.SELECTIE: _(
        "Loop mee bij de werkgever en rond het geschiktheidsonderzoek af (hooguit 5 weken)."
    ),
    Phase.LEERWERKTRAJECT: _("Je leert en werkt tegelijk. Volg je leerroute en je modules."),
    Phase.ONBOARDING: _("Je eerste 100 dagen: je buddy en je team helpen je op weg."),
    Phase.NAZORG: _("Je coach blijft een jaar beschikbaar. Vul je maandelijkse check-in in."),
    Phase.AFGEROND: _("Je overstap is gelukt. Gefeliciteerd!"),
    Phase.UITGEVALLEN: _("Dit traject is gestopt. Wil je opnieuw beginnen? Neem contact op."),
    Phase.VERWIJDERD: _("Dit account is verwijderd."),
}


class EntryRoute(models.TextChoices):
    ZELF = "zelf", _("Zelf aangemeld")
    UWV = "uwv", _("Via UWV")
    GEMEENTE = "gemeente", _("Via de gemeente")
    LOKET = "loket", _("Via het regionale loket")
    LATENDE_WERKGEVER = "latende_werkgever", _("Via de huidige werkgever")


class OngekendTalent(models.TextChoices):
    """Example groups of Ongekend Talent (seed 003 L2374–2385); they overlap."""

    ARBEIDSBIJZONDERHEID = "arbeidsbijzonderheid", _("Arbeidsbijzonderheid")
    LAAGGELETTERD = "laaggeletterd", _("Laaggeletterd of laaggecijferd")
    VIJFENVIJFTIG_PLUS = "55plus", _("55-plusser")
    PRAKTISCH_GESCHOOLD = "praktisch_geschoold", _("Praktisch geschoold (t/m mbo 1)")
    STATUSHOUDER = "statushouder", _("Statushouder")
    HERKOMST_BUITEN_EUROPA = "herkomst_buiten_europa", _("Herkomstland buiten Europa")
    HERINTREDER = "herintreder", _("Herintreder")
    JONGERE_ZONDER_WERK = "jongere_zonder_werk", _("Jongere zonder werk of opleiding")


class TrajectQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(phase__in=END_PHASES)

    def with_people(self):
        return self.select_related("overstapper", "coach", "region")


class Traject(models.Model):
    """One overstapper's journey, one per attempt."""

    # Null once the overstapper erased their account: the journey facts stay, anonymous.
    overstapper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trajecten",
        verbose_name=_("overstapper"),
    )
    attempt = models.PositiveSmallIntegerField(_("poging"), default=1)
    phase = models.CharField(
        _("fase"), max_length=20, choices=Phase.choices, default=Phase.AANMELDING
    )
    phase_since = models.DateTimeField(_("in deze fase sinds"), default=timezone.now)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
        verbose_name=_("coach"),
        limit_choices_to={"role": "coach"},
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="trajecten", verbose_name=_("regio")
    )
    target_sector = models.CharField(
        _("doelsector"), max_length=20, choices=Sector.choices, blank=True
    )
    herkomst_sector = models.CharField(
        _("herkomstsector"), max_length=20, choices=Sector.choices, blank=True
    )
    latende_werkgever = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leaving_trajecten",
        verbose_name=_("latende werkgever"),
        limit_choices_to={"kind": Organisation.Kind.WERKGEVER},
    )
    entry_route = models.CharField(
        _("instroomroute"), max_length=20, choices=EntryRoute.choices, default=EntryRoute.ZELF
    )
    # Sensitive: recorded only with explicit consent, never shown to werkgevers.
    ongekend_talent = models.JSONField(_("Ongekend Talent"), default=list, blank=True)
    ongekend_talent_consent_at = models.DateTimeField(
        _("toestemming Ongekend Talent op"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = TrajectQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        constraints = [
            models.UniqueConstraint(
                fields=["overstapper", "attempt"], name="traject_unique_attempt"
            ),
            models.CheckConstraint(
                condition=models.Q(ongekend_talent=[])
                | models.Q(ongekend_talent_consent_at__isnull=False),
                name="traject_ongekend_talent_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.overstapper} ({self.get_phase_display()})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.ongekend_talent:
            unknown = set(self.ongekend_talent) - set(OngekendTalent.values)
            if unknown:
                raise ValidationError({"ongekend_talent": _("Onbekende categorie.")})
            if not self.ongekend_talent_consent_at:
                raise ValidationError(
                    {"ongekend_talent": _("Alleen vastleggen met toestemming van de overstapper.")}
                )

    @property
    def is_open(self) -> bool:
        return self.phase not in END_PHASES

    @property
    def days_in_phase(self) -> int:
        return (timezone.now() - self.phase_since).days

    @property
    def days_waiting(self) -> int:
        """Days since the traject was opened (the intake list's waiting time)."""
        return (timezone.now() - self.created_at).days

    @property
    def allowed_next_phases(self) -> list[str]:
        return [p for p in Phase.values if p in TRANSITIONS[self.phase]]

    @property
    def next_step(self) -> str:
        """The next step in plain words, true for this traject (never "your coach" without one)."""
        if self.is_open and self.coach_id is None:
            if self.overstapper is not None and self.overstapper.intake_consent_at is None:
                return str(NO_COACH_NO_CONSENT)
            return str(NO_COACH_YET)
        if self.phase == Phase.AANMELDING:
            step = _("Je coach %(coach)s neemt contact met je op voor een kennismakingsgesprek.")
            return str(step) % {"coach": self.coach.full_name}
        return NEXT_STEP[self.phase]


class PhaseChange(models.Model):
    """A move of a traject from one phase to another: who, when, why."""

    traject = models.ForeignKey(
        Traject,
        on_delete=models.CASCADE,
        related_name="phase_changes",
        verbose_name=_("traject"),
    )
    from_phase = models.CharField(_("van"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("naar"), max_length=20, choices=Phase.choices)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("door"),
    )
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")
        # Reports walk each traject's history in order (lead time per phase).
        indexes = [models.Index(fields=["traject", "at", "id"], name="phasechange_history")]

    def __str__(self) -> str:
        return f"{self.from_phase or '—'} → {self.to_phase}"

    @property
    def participant_reason(self) -> str:
        """The reason as the overstapper may read it: facts Loopbrug recorded (by nobody),
        never a reason typed by staff, which is meant for colleagues ("Demo: …")."""
        return self.reason if self.by_id is None else ""


class Note(models.Model):
    """A coach's note on a traject: private to coaches, or shared with the participant."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="notes", verbose_name=_("traject")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("auteur"),
    )
    text = models.TextField(_("notitie"), max_length=4000)
    shared = models.BooleanField(_("delen met de deelnemer"), default=False)
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")


class Intervisiegroep(models.Model):
    """A group of participants that meet for intervisie with a coach."""

    name = models.CharField(_("naam"), max_length=200)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="intervisiegroepen",
        verbose_name=_("coach"),
    )
    members = models.ManyToManyField(
        Traject, related_name="intervisiegroepen", blank=True, verbose_name=_("leden")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervisiegroep")
        verbose_name_plural = _("intervisiegroepen")

    def __str__(self) -> str:
        return self.name


class Appointment(models.Model):
    """An appointment with a participant (or an intervisiegroep), with a reminder."""

    class Kind(models.TextChoices):
        GESPREK = "gesprek", _("Coachingsgesprek")
        INTERVISIE = "intervisie", _("Intervisie")
        MEELOOPDAG = "meeloopdag", _("Meeloopdag")
        ASSESSMENT = "assessment", _("Assessment")

    traject = models.ForeignKey(
        Traject,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="appointments",
        verbose_name=_("traject"),
    )
    group = models.ForeignKey(
        Intervisiegroep,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("groep"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="appointments",
        verbose_name=_("coach"),
    )
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    starts_at = models.DateTimeField(_("begint om"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    remind_before_hours = models.PositiveSmallIntegerField(
        _("herinnering (uren vooraf)"), default=24
    )
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("herinnerd op"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("aangemaakt op"))

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(traject__isnull=False) | models.Q(group__isnull=False),
                name="appointment_has_traject_or_group",
            )
        ]


class Buddy(models.Model):
    """A buddy linked to a participant (a colleague or an earlier overstapper)."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="buddies", verbose_name=_("traject")
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    since = models.DateField(_("sinds"), default=timezone.localdate)

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("buddy")
        verbose_name_plural = _("buddy's")
