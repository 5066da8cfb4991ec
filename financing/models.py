"""The financieringsplan: eight posts, who pays them, the regelingen catalogue and the norms.

Seed 003 L2140–2152 and L4329–4441: a switch is financieel veilig only when all eight posts are
paid for, income does not drop too far, and there is contract certainty (footnote 40, L4546).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Sector

from .rules.limits import (  # noqa: F401 - MAX_* re-exported for forms and the API
    LEERTIJD_MAX_MONTHS,
    MAX_AMOUNT,
    MAX_MONTHLY,
    MAX_MONTHS,
    ORIENTATIE_MAX_MONTHS,
    OVERSTAP_MAX_MONTHS,
    WW_MAX_MONTHS,
)


class PostKind(models.TextChoices):
    ORIENTATIEPROGRAMMA = "orientatieprogramma", _("Oriëntatie- en keuzeprogramma")
    PERSOONLIJKE_BEGELEIDING = "persoonlijke_begeleiding", _("Persoonlijke begeleiding")
    VAKOPLEIDING = "vakopleiding", _("Vakopleiding")
    ONBOARDING = "onboarding", _("Onboarding")
    ORIENTATIETIJD = "orientatietijd", _("Oriëntatietijd")
    OVERSTAPTIJD = "overstaptijd", _("Overstaptijd")
    LEERTIJD = "leertijd", _("Leertijd")
    IMPRODUCTIVITEIT = "improductiviteit", _("Improductiviteit")


POST_ORDER: list[str] = list(PostKind.values)
TRANSITIEACTIVITEITEN = POST_ORDER[:4]
INKOMEN_TIJDENS_TRANSITIE = POST_ORDER[4:]


class NormItem(models.TextChoices):
    """What a sector norm row is about: one of the eight posts, or the source's total."""

    ORIENTATIEPROGRAMMA = "orientatieprogramma", _("Oriëntatie- en keuzeprogramma")
    PERSOONLIJKE_BEGELEIDING = "persoonlijke_begeleiding", _("Persoonlijke begeleiding")
    VAKOPLEIDING = "vakopleiding", _("Vakopleiding")
    ONBOARDING = "onboarding", _("Onboarding")
    ORIENTATIETIJD = "orientatietijd", _("Oriëntatietijd")
    OVERSTAPTIJD = "overstaptijd", _("Overstaptijd")
    LEERTIJD = "leertijd", _("Leertijd")
    IMPRODUCTIVITEIT = "improductiviteit", _("Improductiviteit")
    TOTAAL = "total_transitieactiviteiten", _("Totaal transitieactiviteiten")


class FunderType(models.TextChoices):
    LATENDE_WERKGEVER = "latende_werkgever", _("Latende werkgever")
    ONTVANGENDE_WERKGEVER = "ontvangende_werkgever", _("Ontvangende werkgever")
    UWV = "uwv", _("Overheid: UWV")
    GEMEENTE = "gemeente", _("Overheid: gemeente")
    MINISTERIE = "ministerie", _("Overheid: ministerie")
    RMT = "rmt", _("Overheid: regionaal mobiliteitsteam")
    FONDS = "fonds", _("Sector- of O&O-fonds")
    OVERSTAPPER = "overstapper", _("De overstapper zelf")
    TRANSITIEVERGOEDING = "transitievergoeding", _("Transitievergoeding van de overstapper")


OVERHEID = {FunderType.UWV, FunderType.GEMEENTE, FunderType.MINISTERIE, FunderType.RMT}
WERKGEVER_FUNDERS = {FunderType.LATENDE_WERKGEVER, FunderType.ONTVANGENDE_WERKGEVER}


class ContributionStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    TOEGEZEGD = "toegezegd", _("Toegezegd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class TargetGroup(models.TextChoices):
    IEDEREEN = "iedereen", _("Iedereen")
    WERKENDEN = "werkenden", _("Mensen met een baan")
    WERKZOEKENDEN = "werkzoekenden", _("Mensen zonder baan (WW, bijstand of geen uitkering)")


class IncomeBefore(models.TextChoices):
    LOON = "loon", _("Loon")
    WW = "ww", _("WW-uitkering")
    BIJSTAND = "bijstand", _("Bijstand")
    GEEN = "geen", _("Geen inkomen")
    ANDERS = "anders", _("Ander inkomen")


class IncomeKind(models.TextChoices):
    SALARIS_LATENDE = (
        "salaris_latende_werkgever",
        _("Salaris, doorbetaald door de latende werkgever"),
    )
    SALARIS_NIEUW = "salaris_nieuwe_werkgever", _("(Leerwerk)salaris van de nieuwe werkgever")
    WW = "ww", _("WW-uitkering")
    BIJSTAND = "bijstand", _("Bijstand")
    AANVULLING = "aanvulling", _("Aanvulling")
    TRANSITIEVERGOEDING = "transitievergoeding", _("Transitievergoeding (ingezet als inkomen)")
    ANDERS = "anders", _("Ander inkomen")


class Household(models.TextChoices):
    """The household types of the bijstandsnorm (Participatiewet art. 21)."""

    ALLEENSTAAND = "alleenstaand", _("Alleenstaand")
    ALLEENSTAANDE_OUDER = "alleenstaande_ouder", _("Alleenstaande ouder")
    GEHUWD = "gehuwd", _("Gehuwd of samenwonend")


class OntheffingStatus(models.TextChoices):
    """UWV's ontheffing of the sollicitatieplicht while WW pays during the switch."""

    NOG_AANVRAGEN = "nog_aanvragen", _("Nog aanvragen")
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    VERLEEND = "verleend", _("Verleend")
    GEWEIGERD = "geweigerd", _("Geweigerd")


class ContractType(models.TextChoices):
    VAST = "vast", _("Vast (onbepaalde tijd)")
    TIJDELIJK = "tijdelijk", _("Tijdelijk (met einddatum)")


class ToeslagKind(models.TextChoices):
    KINDEROPVANGTOESLAG = "kinderopvangtoeslag", _("Kinderopvangtoeslag")
    HUURTOESLAG = "huurtoeslag", _("Huurtoeslag")
    ZORGTOESLAG = "zorgtoeslag", _("Zorgtoeslag")
    KINDGEBONDEN_BUDGET = "kindgebonden_budget", _("Kindgebonden budget")
    ANDERS = "anders", _("Andere toeslag")


def _money(verbose_name, *, null=True, max_value=MAX_AMOUNT, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=2,
        null=null,
        blank=null,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(max_value)],
        **kwargs,
    )


# --- Catalogue: maintained by a beheerder -------------------------------------------------


class Regeling(models.Model):
    """A subsidy scheme: who issues it, what it may pay for, how much, when, and with what."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    issuer = models.CharField(_("uitgever"), max_length=100)
    funder_type = models.CharField(
        _("soort financier"),
        max_length=24,
        choices=FunderType.choices,
        default=FunderType.MINISTERIE,
        help_text=_("Wie het geld geeft, als een bijdrage via deze regeling loopt."),
    )
    sectors = models.JSONField(
        _("sectoren"), default=list, blank=True, help_text=_("Leeg: alle sectoren.")
    )
    regions = models.JSONField(
        _("arbeidsmarktregio's"),
        default=list,
        blank=True,
        help_text=_("Codes van de regio's waar de regeling geldt. Leeg: heel Nederland."),
    )
    posts = models.JSONField(_("posten die de regeling mag betalen"), default=list)
    target_group = models.CharField(
        _("doelgroep"), max_length=16, choices=TargetGroup.choices, default=TargetGroup.IEDEREEN
    )
    amount_min = _money(_("minimumbedrag (euro)"))
    amount_max = _money(_("maximumbedrag per persoon (euro)"), null=False)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_to = models.DateField(_("geldig tot en met"), null=True, blank=True)
    stackable = models.BooleanField(
        _("stapelbaar"),
        default=False,
        help_text=_("Mag samen met andere stapelbare regelingen voor dezelfde post."),
    )
    stackable_with = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        verbose_name=_("ook te combineren met"),
        help_text=_("Uitzonderingen: regelingen waarmee deze regeling wél samen mag."),
    )
    is_loan = models.BooleanField(
        _("lening"),
        default=False,
        help_text=_(
            "Een lening wordt terugbetaald: Loopbrug stelt haar nooit zelf voor als bijdrage."
        ),
    )
    conditions = models.TextField(_("voorwaarden"), max_length=4000, blank=True)
    source_note = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")

    def __str__(self) -> str:
        return f"{self.name} ({_('lening')})" if self.is_loan else self.name

    def clean(self) -> None:
        errors = {}
        if not self.posts:
            errors["posts"] = _("Kies minstens één post die de regeling mag betalen.")
        elif set(self.posts) - set(POST_ORDER):
            errors["posts"] = _("Onbekende post.")
        if set(self.sectors or []) - set(Sector.values):
            errors["sectors"] = _("Onbekende sector.")
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_min > self.amount_max
        ):
            errors["amount_min"] = _("Het minimumbedrag is hoger dan het maximum.")
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("De einddatum ligt vóór de begindatum.")
        if errors:
            raise ValidationError(errors)

    def applies_to_sector(self, sector: str) -> bool:
        return not self.sectors or sector in self.sectors

    def applies_to_region(self, region: str) -> bool:
        return not self.regions or region in self.regions

    def is_valid_on(self, on) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def sector_labels(self) -> list[str]:
        return [str(Sector(s).label) for s in self.sectors if s in Sector.values]

    @property
    def post_labels(self) -> list[str]:
        return [str(PostKind(p).label) for p in POST_ORDER if p in self.posts]


class SectorNorm(models.Model):
    """Cost and duration norm per sector and post, from the Proeftuinen (003 L4805–4834)."""

    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    item = models.CharField(_("post"), max_length=40, choices=NormItem.choices)
    cost_min = _money(_("kosten vanaf (euro)"))
    cost_max = _money(_("kosten tot (euro)"))
    duration = models.CharField(_("duur"), max_length=100, blank=True)
    duration_months = models.DecimalField(
        _("duur in maanden (bovenkant)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal(MAX_MONTHS))],
    )
    duration_working_days = models.DecimalField(
        _("duur in werkdagen (bovenkant)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("260"))],
        help_text=_("Voor normen in dagen: een maand telt 21,75 werkdagen."),
    )
    improductivity_year1_pct = models.DecimalField(
        _("improductiviteit jaar 1 (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    improductivity_year2_pct = models.DecimalField(
        _("improductiviteit jaar 2 (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    certain = models.BooleanField(
        _("zeker"), default=True, help_text=_("Uit: de bron is hier onleesbaar of onduidelijk.")
    )

    class Meta:
        ordering = ["sector", "item"]
        verbose_name = _("sectornorm")
        verbose_name_plural = _("sectornormen")
        constraints = [
            models.UniqueConstraint(fields=["sector", "item"], name="sectornorm_unique_item")
        ]

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: {self.get_item_display()}"


class WwParameter(models.Model):
    """The WW rule as dated parameters: the cap (maximum maandloon) and the percentages."""

    valid_from = models.DateField(_("geldig vanaf"), unique=True)
    max_monthly_wage = _money(_("maximum maandloon (euro)"), null=False, max_value=MAX_MONTHLY)
    first_months = models.PositiveSmallIntegerField(
        _("aantal maanden met het hoge percentage"),
        default=2,
        validators=[MaxValueValidator(12)],
    )
    pct_first_months = models.DecimalField(
        _("percentage eerste maanden"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("75"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    pct_after = models.DecimalField(
        _("percentage daarna"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    duration_min_months = models.PositiveSmallIntegerField(
        _("WW-duur: minimaal (maanden)"), default=3, validators=[MaxValueValidator(60)]
    )
    duration_max_months = models.PositiveSmallIntegerField(
        _("WW-duur: maximaal (maanden)"), default=24, validators=[MaxValueValidator(60)]
    )
    duration_first_years = models.PositiveSmallIntegerField(
        _("WW-duur: eerste jaren arbeidsverleden"), default=10, validators=[MaxValueValidator(50)]
    )
    duration_months_per_year_first = models.DecimalField(
        _("WW-duur: maanden per jaar in die eerste jaren"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("12"))],
    )
    duration_months_per_year_after = models.DecimalField(
        _("WW-duur: maanden per jaar daarna"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("12"))],
    )
    source_note = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("WW-parameter")
        verbose_name_plural = _("WW-parameters")

    def __str__(self) -> str:
        return f"{self.valid_from:%d-%m-%Y}: € {self.max_monthly_wage}"


class TransitievergoedingParameter(models.Model):
    """The statutory maximum of the transitievergoeding, per date (it changes every January)."""

    valid_from = models.DateField(_("geldig vanaf"), unique=True)
    max_amount = _money(_("maximum (euro)"), null=False)
    source_note = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("transitievergoeding: maximum")
        verbose_name_plural = _("transitievergoeding: maxima")

    def __str__(self) -> str:
        return f"{self.valid_from:%d-%m-%Y}: € {self.max_amount}"


def _pct(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=6,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("-100")), MaxValueValidator(Decimal("100"))],
    )


class LoonheffingParameter(models.Model):
    """One year's loonheffing for the net estimate: the brackets, the algemene heffingskorting
    and the arbeidskorting (below AOW age). Amounts per year."""

    year = models.PositiveSmallIntegerField(
        _("jaar"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    bracket1_upto = _money(_("schijf 1 tot (euro per jaar)"), null=False)
    bracket1_pct = _pct(_("schijf 1 (%)"))
    bracket2_upto = _money(_("schijf 2 tot (euro per jaar)"), null=False)
    bracket2_pct = _pct(_("schijf 2 (%)"))
    bracket3_pct = _pct(_("schijf 3 (%)"))
    ahk_max = _money(_("algemene heffingskorting: maximum"), null=False)
    ahk_phaseout_from = _money(_("algemene heffingskorting: afbouw vanaf"), null=False)
    ahk_phaseout_pct = _pct(_("algemene heffingskorting: afbouw (%)"))
    arbeidskorting = models.JSONField(
        _("arbeidskorting (trappen)"),
        default=list,
        help_text=_(
            "Per trap: vanaf welk arbeidsinkomen, het bedrag daar en het percentage erboven, "
            'bijvoorbeeld [{"from": "0", "base": "0", "pct": "8.324"}, …]. Een negatief '
            "percentage is afbouw."
        ),
    )
    source_note = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("loonheffing (per jaar)")
        verbose_name_plural = _("loonheffing (per jaar)")

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        from .rules.net import arbeidskorting_error

        error = arbeidskorting_error(self.arbeidskorting)
        if error:
            raise ValidationError({"arbeidskorting": error})
        if self.bracket2_upto is not None and self.bracket1_upto is not None:
            if self.bracket2_upto <= self.bracket1_upto:
                raise ValidationError({"bracket2_upto": _("Schijf 2 moet hoger eindigen.")})


class Bijstandsnorm(models.Model):
    """The net bijstandsnorm per month (incl. vakantietoeslag) per household type and date."""

    valid_from = models.DateField(_("geldig vanaf"))
    household = models.CharField(_("huishouden"), max_length=20, choices=Household.choices)
    amount = _money(_("netto per maand (euro)"), null=False, max_value=MAX_MONTHLY)
    source_note = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from", "household"]
        verbose_name = _("bijstandsnorm")
        verbose_name_plural = _("bijstandsnormen")
        constraints = [
            models.UniqueConstraint(
                fields=["valid_from", "household"], name="bijstandsnorm_unique_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%d-%m-%Y} {self.get_household_display()}: € {self.amount}"


DEFAULT_MAX_INCOME_DROP_PCT = Decimal("10")


class FinancingSettings(models.Model):
    """Settings a beheerder sets for every plan (one row)."""

    max_income_drop_pct = models.DecimalField(
        _("grootste aanvaardbare inkomensdaling (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_MAX_INCOME_DROP_PCT,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "Daalt het inkomen van de overstapper in een maand meer dan dit percentage, "
            "dan is de overstap niet financieel veilig."
        ),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("instelling financiering")
        verbose_name_plural = _("instellingen financiering")

    def __str__(self) -> str:
        return str(_("Grens inkomensdaling: %(pct)s%%") % {"pct": self.max_income_drop_pct})


# --- One plan per traject ------------------------------------------------------------------


class FinancingPlan(models.Model):
    """The eight-post plan of one traject; `version` guards against two people saving at once."""

    traject = models.OneToOneField(
        "journeys.Traject",
        on_delete=models.CASCADE,
        related_name="financing_plan",
        verbose_name=_("traject"),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    norm_sector = models.CharField(
        _("normen van sector"), max_length=20, choices=Sector.choices, blank=True
    )
    start_month = models.DateField(_("eerste maand (start oriëntatie)"))
    orientatie_months = models.PositiveSmallIntegerField(
        _("maanden oriëntatie"),
        default=3,
        validators=[MaxValueValidator(ORIENTATIE_MAX_MONTHS)],
    )
    overstap_months = models.PositiveSmallIntegerField(
        _("maanden overstaptijd (zonder werk)"),
        default=0,
        validators=[MaxValueValidator(OVERSTAP_MAX_MONTHS)],
    )
    leertijd_months = models.PositiveSmallIntegerField(
        _("maanden leertijd"),
        default=12,
        validators=[MaxValueValidator(LEERTIJD_MAX_MONTHS)],
    )
    income_before = _money(_("inkomen per maand vóór de overstap"), max_value=MAX_MONTHLY)
    income_before_source = models.CharField(
        _("soort inkomen vóór de overstap"),
        max_length=10,
        choices=IncomeBefore.choices,
        default=IncomeBefore.LOON,
    )
    new_wage = _money(_("loon per maand in de nieuwe baan"), max_value=MAX_MONTHLY)
    minimum_income = _money(_("minimaal nodig per maand (netto)"), max_value=MAX_MONTHLY)
    household = models.CharField(
        _("huishouden"), max_length=20, choices=Household.choices, blank=True
    )
    toeslagen = models.JSONField(
        _("toeslagen"),
        default=list,
        blank=True,
        help_text=_("Per toeslag: soort, netto bedrag per maand en de laatste maand (of leeg)."),
    )
    ww_months_before = models.PositiveSmallIntegerField(
        _("maanden WW al ontvangen vóór het plan"),
        default=0,
        validators=[MaxValueValidator(WW_MAX_MONTHS)],
    )
    arbeidsverleden_years = models.PositiveSmallIntegerField(
        _("arbeidsverleden (jaren)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    ontheffing_status = models.CharField(
        _("ontheffing sollicitatieplicht"),
        max_length=16,
        choices=OntheffingStatus.choices,
        default=OntheffingStatus.NOG_AANVRAGEN,
    )
    ontheffing_date = models.DateField(
        _("datum ontheffing (aanvraag of besluit)"), null=True, blank=True
    )
    contract_type = models.CharField(
        _("soort contract"), max_length=10, choices=ContractType.choices, blank=True
    )
    contract_end = models.DateField(_("einddatum contract"), null=True, blank=True)
    dienstjaren = models.DecimalField(
        _("dienstjaren bij de latende werkgever"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("60"))],
    )
    iob_received = _money(_("IOB al ontvangen (euro)"))
    shared_with_latende_at = models.DateTimeField(
        _("gedeeld met de latende werkgever op"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bijgewerkt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("financieringsplan")
        verbose_name_plural = _("financieringsplannen")

    def __str__(self) -> str:
        return str(_("Financieringsplan van %(traject)s") % {"traject": self.traject})

    def clean(self) -> None:
        if self.start_month and self.start_month.day != 1:
            self.start_month = self.start_month.replace(day=1)
        if self.start_month and not 2000 <= self.start_month.year <= 2100:
            raise ValidationError({"start_month": _("Kies een maand tussen 2000 en 2100.")})
        if self.orientatie_months + self.overstap_months + self.leertijd_months < 1:
            raise ValidationError(
                {"leertijd_months": _("Het plan moet minstens één maand beslaan.")}
            )

    @property
    def total_months(self) -> int:
        return self.orientatie_months + self.overstap_months + self.leertijd_months


class Post(models.Model):
    """One of the eight posts, with the norm it started from and the real estimate."""

    plan = models.ForeignKey(
        FinancingPlan, on_delete=models.CASCADE, related_name="posts", verbose_name=_("plan")
    )
    kind = models.CharField(_("post"), max_length=30, choices=PostKind.choices)
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("volgorde"))
    estimate = _money(_("raming (euro)"))
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    norm_cost_min = _money(_("norm vanaf (euro)"))
    norm_cost_max = _money(_("norm tot (euro)"))
    norm_duration = models.CharField(_("norm duur"), max_length=100, blank=True)
    norm_improductivity_year1_pct = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        verbose_name=_("norm improductiviteit jaar 1 (%)"),
    )
    norm_improductivity_year2_pct = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        verbose_name=_("norm improductiviteit jaar 2 (%)"),
    )
    norm_uncertain = models.BooleanField(_("norm onzeker"), default=False)

    class Meta:
        ordering = ["position"]
        verbose_name = _("post")
        verbose_name_plural = _("posten")
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="post_unique_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_transitieactiviteit(self) -> bool:
        return self.kind in TRANSITIEACTIVITEITEN


class Contribution(models.Model):
    """What one funder pays toward one post, optionally through a regeling."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("post")
    )
    funder_type = models.CharField(_("financier"), max_length=24, choices=FunderType.choices)
    funder_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="financing_contributions",
        verbose_name=_("organisatie"),
    )
    funder_name = models.CharField(
        _("naam financier"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: UWV Amsterdam, gemeente Utrecht, Sectorfonds Zorg."),
    )
    amount = models.DecimalField(
        _("bedrag (euro)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
    )
    regeling = models.ForeignKey(
        Regeling,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("via regeling"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ContributionStatus.choices,
        default=ContributionStatus.VOORGESTELD,
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    pledge = models.ForeignKey(
        "latende.CampaignPledge",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        verbose_name=_("uit de toezegging van de latende werkgever"),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")

    def __str__(self) -> str:
        return f"{self.funder_label}: {self.amount}"

    @property
    def funder_label(self) -> str:
        name = self.funder_name or (
            str(self.funder_organisation) if self.funder_organisation_id else ""
        )
        label = str(FunderType(self.funder_type).label)
        if not name or name.strip().lower() in label.lower():
            return label
        return f"{label} ({name})"

    @property
    def is_active(self) -> bool:
        return self.status != ContributionStatus.AFGEWEZEN


class IncomePeriod(models.Model):
    """An income source during the switch, for a run of months (month 1 = start oriëntatie)."""

    plan = models.ForeignKey(
        FinancingPlan,
        on_delete=models.CASCADE,
        related_name="income_periods",
        verbose_name=_("plan"),
    )
    kind = models.CharField(_("soort inkomen"), max_length=30, choices=IncomeKind.choices)
    payer = models.CharField(
        _("betaald door"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: ING, UWV, gemeente Utrecht."),
    )
    first_month = models.PositiveSmallIntegerField(
        _("vanaf maand"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)]
    )
    last_month = models.PositiveSmallIntegerField(
        _("tot en met maand"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)]
    )
    amount = _money(_("bedrag per maand (euro)"), max_value=MAX_MONTHLY)
    ww_wage = _money(
        _("WW: loon waarop de uitkering is gebaseerd"),
        max_value=MAX_MONTHLY,
        help_text=_("Leeg: het inkomen vóór de overstap."),
    )

    class Meta:
        ordering = ["first_month", "pk"]
        verbose_name = _("inkomstenperiode")
        verbose_name_plural = _("inkomstenperiodes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.first_month}–{self.last_month}"
