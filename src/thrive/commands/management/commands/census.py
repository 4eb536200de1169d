"""``thrive census export``: the census return for a collection year, from the store."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from thrive.census.rules import SUPPORTED_YEARS
from thrive.commands.base import ThriveCommand
from thrive.workforce.models import Authority


class Command(ThriveCommand):
    help = (
        "Write a collection year's census return (CSWW XML), checked against that year's rules\n"
        "and schema (the Department's order of the items): nothing is written if it fails.\n\n"
        "Example: thrive census export --year 2025 --out csww_2025.xml --authority 933"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
        export = sub.add_parser("export", help="Write the return for a collection year.")
        export.add_argument(
            "--year",
            type=int,
            required=True,
            help=(
                f"Collection year, {SUPPORTED_YEARS[0]}-{SUPPORTED_YEARS[-1]} (the 2017-2021 "
                "rules and schemas are not the Department's own text: see docs/importing.md)."
            ),
        )
        export.add_argument("--out", type=Path, required=True, help="The XML file to write.")
        export.add_argument("--authority", help="LA number (default: the only authority).")
        export.add_argument(
            "--la-flag",
            action="append",
            default=[],
            metavar="NAME=CODE",
            help=(
                "A 2025 LA-level answer, e.g. RecruitmentBonus=1 (0 no; 1 yes, every LA-employed "
                "social worker eligible; 2 yes, some eligible)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from thrive.census.export import ReturnNotValidError, export_return
        from thrive.census.rules import UnknownCollectionYearError
        from thrive.census.schema import NoSchemaError
        from thrive.ingest.extract_import import NoAuthorityError, resolve_authority

        console = Console(file=cast(IO[str], self.stdout), width=120)
        la = options.get("authority")
        try:
            authority = Authority.objects.get(la_number=la) if la else resolve_authority(None)
        except (Authority.DoesNotExist, NoAuthorityError) as missing:
            raise CommandError(f"no such authority: {missing}") from None
        flags = {}
        for item in options["la_flag"]:
            name, _, code = item.partition("=")
            flags[name.strip()] = code.strip()
        try:
            census = export_return(authority, options["year"], options["out"], la_flags=flags)
        except (UnknownCollectionYearError, NoSchemaError) as unknown:
            raise CommandError(str(unknown)) from None
        except ReturnNotValidError as invalid:
            table = Table(title="The return breaks its year's rules or schema: nothing was written")
            for heading in ("where", "field", "found", "expected"):
                table.add_column(heading, overflow="fold")
            for p in invalid.errors[:25]:
                table.add_row(p.location, p.field, p.value, p.expected)
            console.print(table)
            raise CommandError(f"{len(invalid.errors)} error(s): fix them in the store") from None
        agency = sum(1 for w in census.workers if w.values.get("AgencyWorker") == "1")
        console.print(
            f"Wrote {options['out']}: the {options['year']} return for {authority} with "
            f"{len(census.workers) - agency} worker records and {agency} agency worker records."
        )
