"""``thrive export records``: every record of an authority as the import templates' CSV files."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from thrive.commands.base import ThriveCommand
from thrive.workforce.models import Authority


class Command(ThriveCommand):
    help = (
        "Write every record of an authority out as the import templates' CSV, one file a kind.\n\n"
        "Example: thrive export records --out somervale-records --authority 933\n\n"
        "The folder gets README.txt and manifest.csv saying what each file holds and the order "
        "to import them in (thrive import KIND FILE, thrive recruitment import FILE), so another "
        "Thrive, or any other system, can take the council's records straight back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
        records = sub.add_parser("records", help="Every record, one CSV per import kind.")
        records.add_argument("--out", type=Path, required=True, help="A new or empty folder.")
        records.add_argument("--authority", help="LA number (default: the only authority).")

    def handle(self, *args: Any, **options: Any) -> None:
        from thrive.ingest.extract_import import NoAuthorityError, resolve_authority
        from thrive.ingest.record_export import ExportError, export_records

        console = Console(file=cast(IO[str], self.stdout), width=120)
        la = options.get("authority")
        try:
            authority = Authority.objects.get(la_number=la) if la else resolve_authority(None)
        except Authority.DoesNotExist:
            raise CommandError(f"no authority with LA number {la} in the store") from None
        except NoAuthorityError as missing:
            raise CommandError(str(missing)) from None
        try:
            written = export_records(authority, options["out"])
        except ExportError as refused:
            raise CommandError(str(refused)) from None
        table = Table(title=f"{authority}: records written to {options['out']}")
        for heading in ("order", "file", "rows", "import with"):
            table.add_column(heading, overflow="fold")
        for number, f in enumerate(written, start=1):
            table.add_row(str(number), f.file, f"{f.rows:,}", f.command)
        console.print(table)
        console.print(
            f"What each file holds, and what is not in the folder: {options['out']}/README.txt"
        )
