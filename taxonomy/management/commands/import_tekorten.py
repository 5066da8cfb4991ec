from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from taxonomy.tekorten import DEFAULT_CSV, tekorten_import


class Command(BaseCommand):
    help = (
        "Lees de tekortentabel (spanning per beroep, landelijk of per regio, met bron en "
        "peildatum) uit een CSV-bestand. Eén foute regel: niets wordt ingelezen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=DEFAULT_CSV,
            help="Het CSV-bestand (standaard taxonomy/data/tekorten.csv).",
        )

    def handle(self, *args, path: Path, **options):
        try:
            counts = tekorten_import(path=path)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Tekortentabel ingelezen: {counts['imported']} regels "
                f"({counts['removed']} oude vervangen)."
            )
        )
