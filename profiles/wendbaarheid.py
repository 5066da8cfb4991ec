"""The short wendbaarheid (agility) self-assessment: statements answered 1–5."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

STATEMENTS = [
    _("Ik leer graag nieuwe dingen, ook als dat moeite kost."),
    _("Als plannen veranderen, pas ik me snel aan."),
    _("Ik vraag anderen om feedback op mijn werk."),
    _("Ik durf fouten te maken en leer ervan."),
    _("Ik zoek zelf nieuwe uitdagingen op."),
    _("Ik kan goed omgaan met onzekerheid."),
    _("Ik zie een verandering eerder als kans dan als bedreiging."),
    _("Ik denk na over hoe ik dingen de volgende keer beter kan doen."),
]

ANSWERS = [
    (1, _("Helemaal niet")),
    (2, _("Een beetje")),
    (3, _("Soms")),
    (4, _("Vaak")),
    (5, _("Bijna altijd")),
]


def score(answers: list[int]) -> int:
    """0–100: the average answer, scaled so that all 1s is 0 and all 5s is 100."""
    return round((sum(answers) / len(answers) - 1) / 4 * 100)
