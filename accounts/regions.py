"""The 35 arbeidsmarktregio's of the Netherlands (loaded by migration 0002_regions)."""

from __future__ import annotations

from django.utils.text import slugify

REGIONS = [
    "Achterhoek",
    "Amersfoort",
    "Drechtsteden",
    "Drenthe",
    "Flevoland",
    "Food Valley",
    "Friesland",
    "Gooi en Vechtstreek",
    "Gorinchem",
    "Groningen",
    "Groot Amsterdam",
    "Haaglanden",
    "Helmond-De Peel",
    "Holland Rijnland",
    "Midden-Brabant",
    "Midden-Gelderland",
    "Midden-Holland",
    "Midden-Limburg",
    "Midden-Utrecht",
    "Noord-Holland Noord",
    "Noord-Limburg",
    "Noordoost-Brabant",
    "Regio Zwolle",
    "Rijk van Nijmegen",
    "Rijnmond",
    "Rivierenland",
    "Stedendriehoek en Noordwest Veluwe",
    "Twente",
    "West-Brabant",
    "Zaanstreek/Waterland",
    "Zeeland",
    "Zuid-Holland Centraal",
    "Zuid-Kennemerland en IJmond",
    "Zuid-Limburg",
    "Zuidoost-Brabant",
]


def ensure_regions(region_model) -> None:
    """Create any missing region; safe to run again."""
    for name in REGIONS:
        region_model.objects.update_or_create(code=slugify(name), defaults={"name": name})
