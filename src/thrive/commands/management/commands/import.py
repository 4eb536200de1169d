"""``thrive import``: census returns, HR extracts, published statistics; templates; undo."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from thrive.commands.base import ThriveCommand
from thrive.commands.problem_report import problem_table, report_problems
from thrive.ingest.fields import KINDS, kind_label
from thrive.ingest.outcome import FileOutcome, current_user
from thrive.problems import ImportValidationError, IngestError, Problem

SHOWN_PROBLEMS = 15


class Command(ThriveCommand):
    help = (
        "Import census returns, HR extracts or published statistics; write templates; undo.\n\n"
        "Examples:\n"
        "  thrive import census csww_2023.xml csww_2024.xml\n"
        "  thrive import staff staff.csv --profile itrent-csv --authority 933\n"
        "  thrive import caseloads caseloads.xlsx --skip-invalid\n"
        "  thrive import line_management line_managers.csv\n"
        "  thrive import template staff --out staff.xlsx\n"
        "  thrive import dfe-stats csww_indicators.csv\n"
        "  thrive import undo 12\n"
        "  thrive import batches"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
        census = sub.add_parser(
            "census", help="Census returns (CSWW XML), years 2017-2025, e.g. returns/*.xml."
        )
        census.add_argument("files", nargs="+", type=Path)
        self._common(census)
        for kind in KINDS:
            extract = sub.add_parser(kind, help=f"{kind_label(kind)} (CSV or XLSX).")
            extract.add_argument("file", type=Path)
            extract.add_argument(
                "--profile", help="Mapping profile: a shipped name or a YAML file."
            )
            extract.add_argument("--authority", help="LA number the extract belongs to.")
            self._common(extract)
        template = sub.add_parser("template", help="Write an empty template for a kind.")
        template.add_argument("kind", choices=KINDS)
        template.add_argument("--out", type=Path, help="File to write (.csv or .xlsx).")
        stats = sub.add_parser("dfe-stats", help="The DfE published table (default: shipped).")
        stats.add_argument("file", type=Path, nargs="?")
        stats.add_argument("--user", help="Who is importing (default: your login).")
        stats.add_argument(
            "--if-none",
            action="store_true",
            help="Only if no published figures are loaded yet (what `make run` does).",
        )
        undo = sub.add_parser("undo", help="Undo an import batch as a whole.")
        undo.add_argument("batch", type=int)
        undo.add_argument("--user", help="Who is undoing (default: your login).")
        sub.add_parser("batches", help="List the import batches.")

    @staticmethod
    def _common(parser: CommandParser) -> None:
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows; keep the rejected ones in quarantine with their errors.",
        )
        parser.add_argument("--errors", type=Path, help="Where to write every problem (CSV).")
        parser.add_argument("--user", help="Who is importing (default: your login).")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), width=120)
        what = options["what"]
        try:
            if what == "template":
                self._template(console, options)
            elif what == "undo":
                from thrive.ingest.undo import undo_batch

                batch = undo_batch(options["batch"], options.get("user") or current_user())
                console.print(f"Undid import batch #{batch.pk} ({batch.kind}, {batch.file_name}).")
            elif what == "batches":
                self._batches(console)
            elif what == "dfe-stats":
                from thrive.ingest.published_figures import import_dfe_stats
                from thrive.published.models import PublishedFigure

                if options["if_none"] and PublishedFigure.objects.exists():
                    console.print("The published statistics are already loaded: nothing to do.")
                    return
                outcome = import_dfe_stats(options.get("file"), user=options.get("user"))
                self._summary(console, [outcome], options)
            elif what == "census":
                self._census(console, options)
            else:
                self._extract(console, what, options)
        except ImportValidationError as invalid:
            self._refuse(console, invalid.problems, options)
        except IngestError as refused:
            raise CommandError(str(refused)) from None

    def _census(self, console: Console, options: dict[str, Any]) -> None:
        from thrive.ingest.census_import import import_census
        from thrive.ingest.progress import LazyProgress

        files = options["files"]
        with LazyProgress("Census returns", total=len(files)) as tick:
            outcomes = import_census(
                files, skip_invalid=options["skip_invalid"], user=options.get("user"), tick=tick
            )
        self._summary(console, outcomes, options)

    def _extract(self, console: Console, kind: str, options: dict[str, Any]) -> None:
        from thrive.ingest.extract_import import import_extract
        from thrive.ingest.progress import LazyProgress

        with LazyProgress(f"Checking {options['file'].name}") as tick:
            outcome = import_extract(
                kind,
                options["file"],
                authority=options.get("authority"),
                profile=options.get("profile"),
                skip_invalid=options["skip_invalid"],
                user=options.get("user"),
                tick=tick,
            )
        self._summary(console, [outcome], options)

    def _template(self, console: Console, options: dict[str, Any]) -> None:
        from thrive.ingest.templates import column_rows, write_template

        kind = options["kind"]
        out = options.get("out") or Path(f"{kind}-template.csv")
        write_template(kind, out)
        table = Table(title=f"Columns of a {kind} extract (written to {out})")
        for heading in ("column", "required", "meaning", "accepts", "example"):
            table.add_column(heading, overflow="fold")
        for row in column_rows(kind):
            table.add_row(*row)
        console.print(table)

    def _batches(self, console: Console) -> None:
        from thrive.import_records.models import ImportBatch

        table = Table(title="Import batches")
        for heading in (
            "batch",
            "when",
            "who",
            "kind",
            "file",
            "added",
            "updated",
            "unchanged",
            "rejected",
            "status",
        ):
            table.add_column(heading)
        for b in ImportBatch.objects.order_by("-pk")[:50]:
            table.add_row(
                str(b.pk),
                b.imported_at.strftime("%Y-%m-%d %H:%M"),
                b.imported_by,
                b.kind,
                b.file_name,
                str(b.added),
                str(b.updated),
                str(b.unchanged),
                str(b.rejected),
                str(b.status),
            )
        console.print(table)

    def _problem_table(self, console: Console, problems: list[Problem], title: str) -> None:
        shown = problems[:SHOWN_PROBLEMS]
        console.print(
            problem_table(
                title,
                ((p.is_error, p.file, p.location, p.field, p.value, p.expected) for p in shown),
            )
        )
        if len(problems) > SHOWN_PROBLEMS:
            console.print(f"... and {len(problems) - SHOWN_PROBLEMS} more.")

    def _summary(
        self, console: Console, outcomes: list[FileOutcome], options: dict[str, Any]
    ) -> None:
        table = Table(title="Imported")
        for heading in (
            "file",
            "batch",
            "added",
            "updated",
            "unchanged",
            "rejected",
            "warnings",
            "note",
        ):
            table.add_column(heading)
        for o in outcomes:
            table.add_row(
                o.file,
                f"#{o.batch.pk}" if o.batch else "-",
                str(o.counts.added),
                str(o.counts.updated),
                str(o.counts.unchanged),
                str(o.counts.rejected),
                str(len(o.warnings)),
                o.note,
            )
        console.print(table)
        problems = [p for o in outcomes for p in o.problems]
        if problems:
            self._problem_table(console, problems, "Problems (the import went ahead)")
            where = report_problems(console, problems, options.get("errors"), "problems")
            console.print(f"Every problem is {where}")

    def _refuse(self, console: Console, problems: list[Problem], options: dict[str, Any]) -> None:
        errors = [p for p in problems if p.is_error]
        self._problem_table(console, errors, "Errors: nothing was written")
        where = report_problems(console, problems, options.get("errors"), "problems")
        sys.stdout.flush()
        raise CommandError(f"nothing was written: {len(errors)} error(s); every problem is {where}")
