"""``thrive published forecast``: every council's next collection year from the published table."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import polars as pl
from django.core.management.base import CommandError, CommandParser

from thrive.commands.base import ThriveCommand
from thrive.commands.result_tables import print_payload
from thrive.forecast.published import (
    BACKTEST_YEARS,
    PublishedForecastError,
    backtest,
    forecast,
    read_published,
    score,
    summarise,
)
from thrive.published.shipped import shipped_table_path

FIELDS = (
    *("la_code", "old_la_code", "la_name", "level", "region_name", "measure", "year"),
    *("last", "p10", "p50", "p90", "note"),
)


class Command(ThriveCommand):
    help = (
        "Every council's, region's and England's next collection year from the Department's\n"
        "published table alone: P10, P50 and P90 of FTE in post, turnover, agency and vacancy\n"
        "rates, caseload, starters and leavers (the table's column names).\n\n"
        "Example: thrive published forecast --year 2025 --format json\n"
        "         thrive published forecast --backtest\n"
        "         thrive published forecast --score csww_indicators_2025.csv\n\n"
        "--year uses only the years before it (default: the year after the table's latest).\n"
        "--backtest forecasts 2022, 2023 and 2024 from the years before each and compares the\n"
        "median with 'next year equals this year' and 'the mean of the last three years'.\n"
        "--score FILE forecasts the latest year of a newer release of the table from the years\n"
        "before it (in --table) and scores the forecast against the release.\n"
        "--table FILE forecasts from another release of the table (default: the shipped\n"
        "2017-2024 one). Method and backtest: docs/forecasting.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["forecast"], help="What to do.")
        parser.add_argument("--year", type=int, help="The collection year to forecast.")
        parser.add_argument("--table", type=Path, help="The published table to forecast from.")
        parser.add_argument("--backtest", action="store_true", help="Print the backtest table.")
        parser.add_argument("--score", type=Path, metavar="FILE", help="A newer release to score.")
        parser.add_argument("--format", choices=["table", "json", "csv"], default="table",
                            dest="output")  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["table"] or shipped_table_path()
        for given in (options["table"], options["score"]):
            if given is not None and not given.is_file():
                raise CommandError(f"{given}: no such file")
        history = read_published(path)
        try:
            if options["backtest"]:
                self._summary(summarise(backtest(history)), options["output"], BACKTEST_YEARS)
            elif options["score"]:
                release = read_published(options["score"])
                year = options["year"] or int(release["year"].max())  # type: ignore[arg-type]
                made = forecast(history, year)
                self._summary(score(made, release, history), options["output"], (year,))
            else:
                year = options["year"] or int(history["year"].max()) + 1  # type: ignore[arg-type]
                self._rows(forecast(history, year).select(FIELDS), options["output"])
        except PublishedForecastError as error:
            raise CommandError(str(error)) from error

    def _rows(self, rows: pl.DataFrame, output: str) -> None:
        records = rows.to_dicts()
        if output == "json":
            self.stdout.write(json.dumps(records, indent=2))
        elif output == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=list(FIELDS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(records)
        else:
            shown = [{k: r[k] for k in FIELDS if k not in ("level", "region_name", "note")}
                     for r in records]  # fmt: skip
            print_payload({"forecast": shown}, self.stdout)  # type: ignore[arg-type]

    def _summary(self, table: pl.DataFrame, output: str, years: tuple[int, ...]) -> None:
        records = table.to_dicts()
        if output == "json":
            self.stdout.write(json.dumps({"years": list(years), "measures": records}, indent=2))
        elif output == "csv":
            columns = list(table.columns)
            writer = csv.DictWriter(self.stdout, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(records)
        else:
            label = ", ".join(str(y) for y in years)
            print_payload({f"councils, {label}": records}, self.stdout)  # type: ignore[arg-type]
