from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from taxonomy.esco import esco_import


class Command(BaseCommand):
    help = (
        "Importeer beroepen, skills en hun relaties uit de ESCO-download (CSV). "
        "Twee keer draaien maakt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Map met de uitgepakte ESCO-CSV-bestanden.")
        parser.add_argument(
            "--language", default="nl", help="Taal van de bestanden, bijvoorbeeld nl (standaard)."
        )

    def handle(self, *args, folder: Path, language: str, **options):
        try:
            counts = esco_import(folder=folder, language=language)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"ESCO-import klaar ({language})."))
        self.stdout.write(
            f"  Skills:   {counts['skills_created']} nieuw, {counts['skills_updated']} bijgewerkt"
        )
        self.stdout.write(
            f"  Beroepen: {counts['beroepen_created']} nieuw, "
            f"{counts['beroepen_updated']} bijgewerkt"
        )
        self.stdout.write(
            f"  Relaties: {counts['relations_created']} nieuw, "
            f"{counts['relations_updated']} bijgewerkt, "
            f"{counts['relations_skipped']} overgeslagen (beroep of skill onbekend)"
        )
