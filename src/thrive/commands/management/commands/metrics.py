"""``thrive metrics``: the measures of success for one authority, as a table, JSON or CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import CommandError, CommandParser
from rich.console import Console

from thrive.centre.centre import Centre
from thrive.commands.arguments import iso_date
from thrive.commands.base import ThriveCommand
from thrive.commands.measure_tables import table, to_csv, to_json, trend_table
from thrive.metrics import DIMENSIONS, MetricsError, Options, compute, trend
from thrive.workforce.models import Authority

HEADLINE = (
    "fte_in_post",
    "turnover_rate",
    "agency_rate",
    "vacancy_rate",
    "average_caseload",
    "absence_rate",
)


class Command(ThriveCommand):
    help = (
        "Compute the measures of success (DfE definitions, strategy targets) as at a date.\n\n"
        "Example: thrive metrics --as-at 2018-09-30 --by team --format json\n"
        "         thrive metrics --period 2018\n"
        "         thrive metrics trend --from 2015-10-01 --to 2018-09-30 --every month\n\n"
        "Formulas, sources and edge cases for every measure: docs/metrics.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        self._shared(parser)
        parser.add_argument("--as-at", type=iso_date, help="The date, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--period", type=int, help="A collection year: 2018 = 1 Oct 2017 to 30 Sep 2018."
        )
        actions = parser.add_subparsers(dest="action", title="actions")
        monthly = actions.add_parser(
            "trend",
            help="Every month end from --from to --to.",
            description="The measures at every month end, e.g. "
            "thrive metrics trend --from 2015-10-01 --to 2018-09-30 --every month",
        )
        self._shared(monthly)
        monthly.add_argument("--from", dest="start", type=iso_date, required=True)
        monthly.add_argument("--to", dest="end", type=iso_date, required=True)
        monthly.add_argument("--every", choices=["month"], default="month")

    @staticmethod
    def _shared(parser: Any) -> None:
        parser.add_argument(
            "--by",
            choices=list(DIMENSIONS),
            help="Slice as well as the whole (staff_group: other staff beside social workers).",
        )
        parser.add_argument(
            "--format", choices=["table", "json", "csv"], default="table", dest="output"
        )
        parser.add_argument("--authority", help="LA number (needed if the store holds several).")
        parser.add_argument(
            "--measure",
            action="append",
            dest="names",
            help="Only this measure (repeatable); default all (a trend table: the headline six).",
        )
        parser.add_argument("--targets", type=Path, help="A targets TOML file to use.")
        parser.add_argument(
            "--hr", action="store_true", help="Show small groups unsuppressed (HR use only)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        authority = self._authority(options["authority"])
        centre = Centre.for_authority(authority)
        frames = centre.frames
        try:
            targets = centre.targets(options["targets"])
            if options.get("action") == "trend":
                names = options["names"] or (
                    list(HEADLINE) if options["output"] == "table" else None
                )
                results = trend(
                    frames,
                    options["start"],
                    options["end"],
                    options["every"],
                    by=options["by"],
                    names=names,
                    targets=targets,
                    hr=options["hr"],
                )
                title = f"{authority.name}: month ends {options['start']} to {options['end']}"
            else:
                if options["as_at"] and options["period"]:
                    raise CommandError("Give --as-at or --period, not both.")
                as_at = None if options["period"] else (options["as_at"] or date.today())
                results = compute(
                    frames,
                    as_at,
                    period=options["period"],
                    by=options["by"],
                    names=options["names"],
                    targets=targets,
                    hr=options["hr"],
                )
                title = f"{authority.name}: as at {results[0].as_at}" if results else authority.name
        except MetricsError as error:
            raise CommandError(str(error)) from error
        if options["output"] == "json":
            self.stdout.write(to_json(results))
        elif options["output"] == "csv":
            self.stdout.write(to_csv(results), ending="")
        else:
            console = Console(file=cast(IO[str], self.stdout), width=160, soft_wrap=False)
            if options.get("action") == "trend":
                console.print(trend_table(results, title))
            else:
                below = targets.apply_to(Options()).suppress_below
                console.print(table(results, title, below))

    @staticmethod
    def _authority(la_number: str | None) -> Authority:
        if la_number:
            found = Authority.objects.filter(la_number=la_number).first()
            if found is None:
                raise CommandError(f"No authority with LA number {la_number} in the store.")
            return found
        authorities = list(Authority.objects.all()[:2])
        if not authorities:
            raise CommandError("The store holds no authority: run `thrive demo` or import one.")
        if len(authorities) > 1:
            raise CommandError("The store holds several authorities: choose one with --authority.")
        return authorities[0]
