"""``thrive onboard DIR``: a council's first load (census returns and extracts) in one step."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import CommandError, CommandParser
from rich.console import Console

from thrive.commands.base import ThriveCommand
from thrive.commands.onboard_page import print_page


class Command(ThriveCommand):
    help = (
        "Load a folder of a council's files in one step: census returns and extracts.\n\n"
        "Thrive works out what each file is (a census return from its XML header; a staff,\n"
        "posts, leavers, absence, caseloads... extract or an applicant-tracking export from\n"
        "its heading row, or from a file name that names the kind), loads the census returns\n"
        "by collection year and then the extracts in the order their records depend on each\n"
        "other, each as its own import batch, and prints one page: what came in, what was\n"
        "refused or warned about, and the headline measures by year beside the Department's\n"
        "published figures for the council.\n\n"
        "If any file cannot be read, or any file is refused, nothing is written (every file is\n"
        "still checked, so you see every problem at once). A file whose kind cannot be told\n"
        "is reported and left out. Exit status: 0 when the load went in, 1 when nothing was\n"
        "written.\n\n"
        "Examples:\n"
        "  thrive onboard council-files/\n"
        "  thrive onboard council-files/ --profile itrent-csv --authority 933\n"
        "  thrive onboard council-files/ --skip-invalid --errors problems.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="The folder of files (subfolders too).")
        parser.add_argument(
            "--authority",
            help="The council's 3-digit LA number (default: the census returns' LA).",
        )
        parser.add_argument(
            "--profile",
            action="append",
            default=[],
            metavar="PROFILE",
            help="A mapping profile to try first (a shipped name or a YAML file); repeatable. "
            "The shipped profiles are always tried.",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Load the valid rows; keep the rejected ones in quarantine with their errors.",
        )
        parser.add_argument("--errors", type=Path, help="Where to write every problem (CSV).")
        parser.add_argument("--user", help="Who is importing (default: your login).")
        parser.add_argument(
            "--no-published",
            action="store_true",
            help="Do not load the Department's shipped table when none is loaded yet.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from thrive.ingest.onboard import onboard

        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder: give the folder holding the files")
        console = Console(file=cast(IO[str], self.stdout), width=140)
        result = onboard(
            folder,
            authority=options.get("authority"),
            profiles=options["profile"],
            skip_invalid=options["skip_invalid"],
            user=options.get("user"),
            with_published=not options["no_published"],
        )
        print_page(console, result, options.get("errors"))
        if result.refused:
            sys.stdout.flush()
            raise CommandError(f"nothing was written: {result.reason}")
