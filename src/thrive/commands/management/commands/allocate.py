"""``thrive allocate``: who should take each waiting child (or a leaving worker's caseload)."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
from django.core.management.base import CommandError, CommandParser

from thrive.centre.centre import Centre
from thrive.commands.allocation_text import print_plan
from thrive.commands.arguments import iso_date
from thrive.commands.base import ThriveCommand
from thrive.commands.result_tables import to_json
from thrive.frames.workforce import WorkforceFrames
from thrive.ingest.extract_import import NoAuthorityError, resolve_authority
from thrive.summaries.allocation_plan import allocation_plan, as_json
from thrive.summaries.results_common import latest_day
from thrive.summaries.worker import UnknownWorkerError, worker_id_for


class Command(ThriveCommand):
    help = (
        "Propose a social worker for each child waiting unallocated (or on a leaving worker's\n"
        "caseload): nobody pushed over their weighted cap, ASYE limits respected, siblings kept\n"
        "together, the same team or locality and a child's previous worker preferred. A child who\n"
        "cannot be placed without pushing someone over their cap is left for the manager, with\n"
        "why. The same input is also given to the 'least loaded first' rule, for comparison.\n\n"
        "Example: thrive allocate\n"
        "         thrive allocate --team 'Child Protection North' --as-at 2025-09-30\n"
        "         thrive allocate --leaver W000123 --format json\n\n"
        "With no arguments it plans every child unallocated on the latest date of the records.\n"
        "Children are shown by their pseudonymous id only, workers by pseudonym.\n"
        "Method and guarantees: docs/allocation.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-at", type=iso_date, help="The date (default: the latest record).")
        parser.add_argument("--team", help="Only this team's children (its name).")
        parser.add_argument(
            "--leaver",
            metavar="PSEUDONYM",
            help="Plan this worker's caseload, as if they left, instead of the waiting children.",
        )
        parser.add_argument("--authority", help="LA number (needed if the store holds several).")
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            frames = Centre.for_authority(resolve_authority(options["authority"])).frames
        except NoAuthorityError as error:
            raise CommandError(str(error)) from error
        as_at = options["as_at"] or latest_date(frames)
        team_id = _team_id(frames, options["team"]) if options["team"] else None
        leaver_id = None
        if options["leaver"]:
            try:
                leaver_id = worker_id_for(frames, options["leaver"])
            except UnknownWorkerError:
                raise CommandError(f"No worker with pseudonym {options['leaver']!r}.") from None
        result = allocation_plan(frames, as_at, team_id=team_id, leaver_id=leaver_id)
        if options["output"] == "json":
            self.stdout.write(to_json(as_json(result)))
        else:
            print_plan(result, self.stdout)


def latest_date(frames: WorkforceFrames) -> date:
    """The last day the records speak for, the allocation records included."""
    days = [latest_day(frames)]
    for column in ("start_date", "end_date"):
        found = frames.allocations[column].max()
        if isinstance(found, date):
            days.append(found)
    return max(days)


def _team_id(frames: WorkforceFrames, name: str) -> int:
    found = frames.teams.filter(pl.col("team").str.to_lowercase() == name.strip().lower())
    if found.is_empty():
        known = ", ".join(sorted(frames.teams["team"].to_list()))
        raise CommandError(f"No team called {name!r}. Teams: {known}.")
    return int(found["team_id"][0])
