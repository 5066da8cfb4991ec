from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Sector

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
        db_table = "profiles_skill"  # the table from before the app split
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
        db_table = "profiles_beroep"  # the table from before the app split
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
        db_table = "profiles_beroepskill"  # the table from before the app split
        constraints = [
            models.UniqueConstraint(fields=["beroep", "skill"], name="beroepskill_unique")
        ]
