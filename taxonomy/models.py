from __future__ import annotations

import re

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector

# --- Taxonomy: skills, talents, drijfveren and beroepen ------------------------------------


def search_key(text: str) -> str:
    """Lower case without accents, so "creëren" is found by "creeren"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def skill_search_text(label_nl: str, label_en: str = "", alt_labels: str = "") -> str:
    """What the skill search looks in: the labels, then every alternative label."""
    alts = [line.strip() for line in (alt_labels or "").splitlines() if line.strip()]
    return search_key(" | ".join([label_nl or "", label_en or "", *alts]))


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
    alt_labels = models.TextField(
        _("andere namen"),
        blank=True,
        help_text=_("Eén per regel: synoniemen en andere namen (ESCO altLabels)."),
    )
    # Labels and alternative labels, lower case without accents. On PostgreSQL a GIN trigram
    # index (migration 0003) serves the search inside words and with typos.
    search_text = models.TextField(editable=False, verbose_name=_("zoektekst"))

    class Meta:
        db_table = "profiles_skill"  # the table from before the app split
        ordering = ["label_nl"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.label_nl

    def save(self, *args, **kwargs):
        self.search_text = skill_search_text(self.label_nl, self.label_en, self.alt_labels)
        super().save(*args, **kwargs)
        skill_words_add([self.search_text])


_WORD = re.compile(r"\w{3,}")


def search_words(text: str) -> set[str]:
    """The words of a search text worth correcting a typo towards (three letters or more)."""
    return {w for w in _WORD.findall(text or "") if not w.isdigit()}


class SkillWord(models.Model):
    """Every word of every skill's search text: the vocabulary a misspelt query word is
    corrected against (pg_trgm similarity over short words is fast; over whole search texts
    it is not). Words are only added; a word no skill uses any more finds nothing."""

    word = models.CharField(max_length=100, unique=True, verbose_name=_("woord"))

    class Meta:
        verbose_name = _("zoekwoord")
        verbose_name_plural = _("zoekwoorden")

    def __str__(self) -> str:
        return self.word


def skill_words_add(texts, *, model=None) -> None:
    """Add the words of these search texts to the vocabulary (SkillWord)."""
    model = model or SkillWord
    words = set()
    for text in texts:
        words |= search_words(text)
    model.objects.bulk_create(
        [model(word=w[:100]) for w in sorted(words)], batch_size=2000, ignore_conflicts=True
    )


class Talent(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("naam"), max_length=80)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)

    class Meta:
        db_table = "profiles_talent"  # the table from before the app split
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
        db_table = "profiles_drijfveer"  # the table from before the app split
        ordering = ["label"]
        verbose_name = _("drijfveer")
        verbose_name_plural = _("drijfveren")

    def __str__(self) -> str:
        return self.label


class Niveau(models.TextChoices):
    """Werk- en denkniveau: every NLQF level (in brackets), and no diploma at all."""

    GEEN = "geen", _("geen diploma")
    MBO1 = "mbo1", _("mbo 1, entree (NLQF 1)")
    MBO2 = "mbo2", _("mbo 2 (NLQF 2)")
    MBO3 = "mbo3", _("mbo 3 (NLQF 3)")
    MBO4 = "mbo4", _("mbo 4, havo of vwo (NLQF 4)")
    AD = "ad", _("associate degree (NLQF 5)")
    HBO = "hbo", _("hbo-bachelor (NLQF 6)")
    WO = "wo", _("master, hbo of wo (NLQF 7)")
    DR = "dr", _("doctor (NLQF 8)")


# For the match: "geen diploma" counts as the lowest level, so the niveau part still counts
# (the person did fill it in) and a vacature asking a diploma shows the step up.
NIVEAU_NLQF = {
    "geen": 1,
    "mbo1": 1,
    "mbo2": 2,
    "mbo3": 3,
    "mbo4": 4,
    "ad": 5,
    "hbo": 6,
    "wo": 7,
    "dr": 8,
}


class Beroep(models.Model):
    """An occupation with the skills it needs (curated, or imported from ESCO)."""

    code = models.CharField(_("code"), max_length=120, unique=True)
    label_nl = models.CharField(_("naam"), max_length=255)
    label_en = models.CharField(_("naam (Engels)"), max_length=255, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    niveau = models.CharField(_("niveau"), max_length=4, choices=Niveau.choices, blank=True)
    esco_uri = models.CharField(_("ESCO-URI"), max_length=255, blank=True)
    skills = models.ManyToManyField(
        Skill, through="BeroepSkill", related_name="beroepen", verbose_name=_("vaardigheden")
    )

    class Meta:
        db_table = "profiles_beroep"  # the table from before the app split
        ordering = ["label_nl"]
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")

    def __str__(self) -> str:
        return self.label_nl


class BeroepSkill(models.Model):
    beroep = models.ForeignKey(
        Beroep, on_delete=models.CASCADE, related_name="beroep_skills", verbose_name=_("beroep")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="+", verbose_name=_("vaardigheid")
    )
    essential = models.BooleanField(_("essentieel"), default=True)

    class Meta:
        verbose_name = _("vaardigheid van een beroep")
        verbose_name_plural = _("vaardigheden van beroepen")
        db_table = "profiles_beroepskill"  # the table from before the app split
        constraints = [
            models.UniqueConstraint(fields=["beroep", "skill"], name="beroepskill_unique")
        ]


# --- The shortage table (doorbraak 7: tekortsectoren en -beroepen zijn leidend) ------------


class Spanning(models.IntegerChoices):
    """The categories of UWV's spanningsindicator: how hard a beroep is to fill."""

    ZEER_RUIM = 1, _("zeer ruim")
    RUIM = 2, _("ruim")
    GEMIDDELD = 3, _("gemiddeld")
    KRAP = 4, _("krap")
    ZEER_KRAP = 5, _("zeer krap")


class Tekort(models.Model):
    """How scarce a beroep is, landelijk (no region) or in one arbeidsmarktregio, with where
    the figure comes from and when it was measured. Imported from taxonomy/data/tekorten.csv
    (`manage.py import_tekorten`); a beheerder can correct it in the admin."""

    beroep = models.ForeignKey(
        Beroep,
        on_delete=models.CASCADE,
        related_name="tekorten",
        verbose_name=_("beroep"),
    )
    region = models.ForeignKey(
        "accounts.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("regio"),
        help_text=_("Leeg: landelijk."),
    )
    spanning = models.PositiveSmallIntegerField(
        _("spanning"),
        choices=Spanning.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    krimpsector = models.BooleanField(
        _("krimpsector"),
        default=False,
        help_text=_("Het beroep hoort bij een sector die krimpt; in de opties komt het lager."),
    )
    source = models.CharField(_("bron"), max_length=300)
    measured_on = models.DateField(_("peildatum"))

    class Meta:
        ordering = ["beroep__label_nl", "region__name"]
        verbose_name = _("tekort")
        verbose_name_plural = _("tekorten")
        constraints = [
            models.UniqueConstraint(
                fields=["beroep", "region"],
                condition=models.Q(region__isnull=False),
                name="tekort_beroep_region_unique",
            ),
            models.UniqueConstraint(
                fields=["beroep"],
                condition=models.Q(region__isnull=True),
                name="tekort_beroep_landelijk_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(spanning__gte=1, spanning__lte=5), name="tekort_spanning_1_5"
            ),
        ]

    def __str__(self) -> str:
        where = self.region.name if self.region_id else _("landelijk")
        return f"{self.beroep}: {self.get_spanning_display()} ({where})"
