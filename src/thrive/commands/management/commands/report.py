"""``thrive report``: the six-monthly workforce board pack as PDF, XLSX or HTML."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from thrive import audit
from thrive.centre.centre import Centre
from thrive.commands.arguments import iso_date
from thrive.commands.base import ThriveCommand
from thrive.commands.management.commands.metrics import Command as MetricsCommand
from thrive.summaries import pack_files
from thrive.summaries.board_pack import board_pack_for
from thrive.summaries.half_years import NotAHalfYearError


class Command(ThriveCommand):
    help = (
        "Make the board pack for the half-year ending --to (31 March or 30 September): a\n"
        "summary against target, the Department's measures beside England and comparators,\n"
        "trends, starters and leavers, caseloads, ASYE and careers, retention, the capacity\n"
        "forecast and a method page. Rates are over the 12 months to --to, so the pack to\n"
        "30 September agrees with that year's census figures. Small numbers are withheld as on\n"
        "the pages unless --hr is given (then not for publication). Making a pack is audited.\n\n"
        "Example: thrive report --to 2025-09-30 --format pdf --out board-pack.pdf\n"
        "         thrive report --to 2025-03-31 --format xlsx --out pack.xlsx --no-forecast\n\n"
        "What is in it and what was checked: docs/reports.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to", type=iso_date, required=True, help="The half-year's end, YYYY-MM-DD."
        )
        parser.add_argument(
            "--format", choices=pack_files.FORMATS, default="pdf", dest="form", help="File type."
        )
        parser.add_argument("--out", type=Path, required=True, help="The file to write.")
        parser.add_argument("--authority", help="LA number (needed if the store holds several).")
        parser.add_argument(
            "--hr", action="store_true", help="Show small numbers (a pack for HR only)."
        )
        parser.add_argument(
            "--no-forecast",
            action="store_false",
            dest="forecast",
            help="Leave out the capacity forecast (10,000 runs the first time).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        authority = MetricsCommand._authority(options["authority"])
        centre = Centre.for_authority(authority)
        try:
            pack = board_pack_for(
                centre, options["to"], named=options["hr"], forecast=options["forecast"]
            )
        except NotAHalfYearError as problem:
            raise CommandError(str(problem)) from problem
        out: Path = options["out"]
        out.write_bytes(pack_files.render(pack, options["form"]))
        audit.write(
            user_id=None,
            username=f"{getpass.getuser()} (command line)",
            action=audit.AuditEvent.Action.REPORT,
            authority_id=authority.pk,
            subject=f"Board pack to {pack.to} ({options['form']}"
            f"{', with small numbers' if pack.named else ''})",
            path=str(out),
        )
        self.stdout.write(f"Wrote {pack.title} to {out}.")
