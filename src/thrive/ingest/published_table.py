"""Reading the Department's local-authority statistics table (and later releases of it).

Each row is one year and area (England, a region, an authority); each measure column becomes a
:class:`~thrive.published.models.PublishedFigure`. A cell with one of the Department's markers
(``z x c u low :``) is kept as "not available" with the marker; anything else that is not a
number is an error naming the row, column and value.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from thrive.ingest.textfile import csv_refusal, detect_encoding
from thrive.problems import Problem, UnreadableFileError
from thrive.published.markers import MARKER_REASONS, is_marker

ID_COLUMNS = (
    "time_period",
    "geographic_level",
    "country_code",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)
MEASURES = (
    "inpost_fte",
    "inpost_headcount",
    "starters_fte",
    "starters_headcount",
    "leavers_fte",
    "leavers_headcount",
    "turnover_rate_fte",
    "turnover_rate_headcount",
    "agency_fte",
    "agency_headcount",
    "agency_rate_fte",
    "agency_rate_headcount",
    "agency_cover_fte",
    "agency_cover_rate_fte",
    "vacancy_fte",
    "vacancy_rate_fte",
    "vacancy_agency_cover_rate_fte",
    "case_holders_fte",
    "cases",
    "caseload_fte",
    "working_days_lost_fte",
    "absence_rate_fte",
)
LEVELS = ("National", "Regional", "Local authority")
# Every figure is a count, an FTE, a rate or a caseload: none is negative, England's largest
# (cases held) is under 400,000; the store keeps 4 decimal places.
MAX_FIGURE = Decimal(10_000_000)
PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Figure:
    year: int
    level: str
    area_code: str
    la_number: str
    area_name: str
    region_code: str
    region_name: str
    measure: str
    value: Decimal | None
    marker: str


def _area(row: dict[str, str]) -> tuple[str, str]:
    level = row["geographic_level"]
    if level == "National":
        return row["country_code"], row["country_name"] or "England"
    if level == "Regional":
        return row["region_code"], row["region_name"]
    return row["new_la_code"], row["la_name"]


def read_table(path: Path, name: str | None = None) -> tuple[list[Figure], list[Problem]]:
    """Every figure in the table, and every problem found (nothing stops at the first)."""
    file = name or path.name
    if path.stat().st_size == 0:
        raise UnreadableFileError(file, "the file is empty (0 bytes)")
    text = path.read_text(encoding=detect_encoding(path, file))
    reader = csv.DictReader(text.splitlines())
    try:
        return _figures(file, reader)
    except csv.Error as broken:
        raise csv_refusal(file, broken, reader.line_num) from None


def _figures(file: str, reader: csv.DictReader[str]) -> tuple[list[Figure], list[Problem]]:
    columns = set(reader.fieldnames or ())
    missing = [c for c in ID_COLUMNS if c not in columns]
    if missing:
        raise UnreadableFileError(
            file,
            "this is not the Department's children's social work workforce table: it has no "
            + ", ".join(missing)
            + (" columns" if len(missing) > 1 else " column"),
        )
    measures = [m for m in MEASURES if m in columns]
    figures: list[Figure] = []
    problems: list[Problem] = []
    markers = ", ".join(MARKER_REASONS)
    for number, row in enumerate(reader, start=2):
        where = f"row {number}"
        if not re.fullmatch(r"[0-9]{4}", row["time_period"] or ""):
            problems.append(
                Problem(file, where, "time_period", row["time_period"], "a year, e.g. 2024")
            )
            continue
        if row["geographic_level"] not in LEVELS:
            problems.append(
                Problem(
                    file,
                    where,
                    "geographic_level",
                    row["geographic_level"],
                    "one of " + ", ".join(LEVELS),
                )
            )
            continue
        code, area_name = _area(row)
        for measure in measures:
            cell = (row.get(measure) or "").strip()
            value: Decimal | None = None
            marker = ""
            if is_marker(cell):
                marker = cell
            else:
                try:
                    value = Decimal(cell.replace(",", "")) if len(cell) <= 40 else None
                except InvalidOperation:
                    value = None
                if value is None or not value.is_finite() or not 0 <= value <= MAX_FIGURE:
                    problems.append(
                        Problem(
                            file,
                            where,
                            measure,
                            cell,
                            f"a number from 0 to {MAX_FIGURE:,} or one of the markers {markers}",
                        )
                    )
                    continue
                exponent = value.as_tuple().exponent
                if isinstance(exponent, int) and exponent < -4:  # more places than the store keeps
                    value = value.quantize(PLACES, rounding=ROUND_HALF_UP)
            figures.append(
                Figure(
                    year=int(row["time_period"]),
                    level=row["geographic_level"],
                    area_code=code,
                    la_number=row["old_la_code"],
                    area_name=area_name,
                    region_code=row["region_code"],
                    region_name=row["region_name"],
                    measure=measure,
                    value=value,
                    marker=marker,
                )
            )
    return figures, problems
