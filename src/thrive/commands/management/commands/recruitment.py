"""``thrive recruitment``: the recruitment pipeline (from the Try Before You Apply visit), and
importing an applicant-tracking export."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from thrive.centre.centre import Centre
from thrive.commands.arguments import iso_date
from thrive.commands.base import ThriveCommand
from thrive.commands.result_tables import as_payload, print_payload, to_json
from thrive.ingest.applicant_file import load_applicant_profile
from thrive.ingest.applicant_import import import_applicants
from thrive.ingest.extract_import import NoAuthorityError, resolve_authority
from thrive.problems import ImportValidationError, UnreadableFileError
from thrive.retention.errors import RetentionError
from thrive.retention.funnel import SLICES
from thrive.summaries.results import recruitment_summary


class Command(ThriveCommand):
    help = (
        "Recruitment pipeline: funnel (from the Try Before You Apply visit, where visits are "
        "recorded: visit_funnel, and visit to application by source and by career stage), time "
        "and cost per hire, declined offers, who stays, disabled applicants at each stage; "
        "'interviews' lists the disabled applicants who met the minimum criteria and were not "
        "interviewed (the guaranteed-interview check). Visits are imported with 'thrive import "
        "visits FILE' after the applicant export.\n\n"
        "Example: thrive recruitment funnel --by source --format json\n"
        "         thrive recruitment interviews\n"
        "         thrive recruitment import applicants.csv --profile talentlink-csv\n\n"
        "An import checks every row first and writes nothing if any is wrong; it is recorded "
        "as an import batch, so 'thrive import undo BATCH' takes it back. Columns and profiles: "
        "docs/retention.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["funnel", "interviews", "import"],
            help="Show the funnel, check disabled applicants had their interview, or import.",
        )
        parser.add_argument("file", nargs="?", type=Path, help="import: the CSV or XLSX export.")
        parser.add_argument("--profile", help="import: a shipped profile name or a YAML file "
                            "(default: Thrive's own column names).")  # fmt: skip
        parser.add_argument("--by", choices=list(SLICES), default="source",
                            help="funnel: slice by (default source).")  # fmt: skip
        parser.add_argument("--as-at", type=iso_date, help="The date (default: the latest record).")
        parser.add_argument("--authority", help="LA number (needed if the store holds several).")
        parser.add_argument("--format", choices=["table", "json"], default="table", dest="output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            authority = resolve_authority(options["authority"])
            if options["action"] == "import":
                payload = self._import(authority, options)
            elif options["action"] == "interviews":
                summary = recruitment_summary(
                    Centre.for_authority(authority).records(), by=None, as_at=options["as_at"]
                )
                payload = _interviews(summary.interview_check)
            else:
                payload = as_payload(
                    recruitment_summary(
                        Centre.for_authority(authority).records(),
                        by=options["by"],
                        as_at=options["as_at"],
                    )
                )
        except ImportValidationError as error:
            for problem in error.problems:
                self.stderr.write(problem.message())
            raise CommandError(f"{len(error.errors)} error(s): nothing was imported") from error
        except (NoAuthorityError, RetentionError, UnreadableFileError) as error:
            raise CommandError(str(error)) from error
        if options["output"] == "json":
            self.stdout.write(to_json(payload))
        else:
            print_payload(payload, self.stdout)  # type: ignore[arg-type]

    @staticmethod
    def _import(authority: Any, options: dict[str, Any]) -> dict[str, Any]:
        if options["file"] is None:
            raise CommandError("import needs the export file: thrive recruitment import FILE")
        outcome = import_applicants(
            options["file"], authority, load_applicant_profile(options["profile"])
        )
        assert outcome.batch is not None
        return {
            "file": outcome.file,
            "batch": outcome.batch.pk,
            "added": outcome.counts.added,
            "updated": outcome.counts.updated,
            "unchanged": outcome.counts.unchanged,
            "warnings": [p.message() for p in outcome.warnings],
        }


def _interviews(checked: list[Any]) -> dict[str, Any]:
    """The guaranteed-interview check as the command prints it: who was not interviewed, and
    who withdrew before an interview (not counted against the guarantee)."""
    rows = [asdict(row) for row in checked]

    def part(flagged: bool) -> list[dict[str, Any]] | str:
        found = [
            {k: v for k, v in r.items() if k != "flagged"} for r in rows if r["flagged"] is flagged
        ]
        return found or "none"

    return {
        "not_interviewed_count": sum(1 for r in rows if r["flagged"]),
        "not_interviewed": part(True),
        "withdrew_before_an_interview": part(False),
    }
