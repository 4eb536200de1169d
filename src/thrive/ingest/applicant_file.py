"""Reading an applicant-tracking export (CSV or XLSX) through a YAML mapping profile.

The profile has the same shape as the HR extract profiles (:mod:`thrive.ingest.profiles`), with
one kind, ``applicants``::

    name: talentlink-csv
    delimiter: ","
    date_formats: ["%d/%m/%Y"]
    kinds:
      applicants:
        columns: {requisition: "Vacancy ID", candidate: "Applicant ID", source: "Source"}
        codes:
          source: {"Indeed": job_board, "Open day": recruitment_fair}

The heading row is found among the first 20 rows. Each cell is checked with the HR extract
importer's own converters (dates, numbers, codes), and every problem is reported with its row and
column; nothing is returned for writing unless the whole file is clean.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from thrive.codes.lifecycle import FUNNEL
from thrive.ingest.applicant_fields import (
    APPLICANT_FIELDS,
    BY_NAME,
    CANDIDATE_ONLY,
    REQUISITION_FIELDS,
)
from thrive.ingest.cells import BadCell, blank, convert, shown
from thrive.ingest.profiles import DEFAULT_DATE_FORMATS, normalise
from thrive.ingest.textfile import csv_refusal, detect_encoding
from thrive.problems import Problem, UnreadableFileError
from thrive.safe_cells import unescape

KIND = "applicants"
HEADING_SEARCH_ROWS = 20
_YES = {"yes", "y", "true"}


@dataclass(frozen=True)
class ApplicantProfile:
    """How one tracking system's export maps onto the applicant columns."""

    name: str
    delimiter: str = ","
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    sheet: str | None = None
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)

    def headings(self) -> dict[str, str]:
        accepted = {}
        for spec in APPLICANT_FIELDS:
            accepted[normalise(spec.name)] = spec.name
            accepted[normalise(spec.label)] = spec.name
        for name, headings in self.columns.items():
            accepted.update({normalise(h): name for h in headings})
        return accepted


class ApplicantProfileError(UnreadableFileError):
    """A profile that cannot be used."""


def parse_applicant_profile(text: str, file: str) -> ApplicantProfile:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ApplicantProfileError(file, f"the profile is not valid YAML ({error})") from None
    if not isinstance(raw, dict) or "name" not in raw:
        raise ApplicantProfileError(file, "a profile is a YAML mapping with at least a name")
    body = (raw.get("kinds") or {}).get(KIND) or {}
    columns: dict[str, tuple[str, ...]] = {}
    for name, headings in (body.get("columns") or {}).items():
        if name not in BY_NAME:
            raise ApplicantProfileError(file, f"columns names {name!r}, not an applicant column")
        columns[name] = (headings,) if isinstance(headings, str) else tuple(map(str, headings))
    codes = {
        name: {str(k).strip().casefold(): str(v) for k, v in table.items()}
        for name, table in (body.get("codes") or {}).items()
    }
    return ApplicantProfile(
        name=str(raw["name"]),
        delimiter=str(raw.get("delimiter", ",")),
        date_formats=tuple(raw.get("date_formats") or DEFAULT_DATE_FORMATS),
        sheet=raw.get("sheet"),
        columns=columns,
        codes=codes,
        defaults={str(k): str(v) for k, v in (body.get("defaults") or {}).items()},
    )


def shipped_profiles() -> dict[str, Path]:
    root = Path(str(resources.files("thrive.ingest").joinpath("profiles", "applicants")))
    return {path.stem: path for path in root.glob("*.yaml")}


def load_applicant_profile(name_or_path: str | None) -> ApplicantProfile:
    """A shipped profile by name, a profile file by path, or (None) Thrive's own headings."""
    if name_or_path is None:
        return ApplicantProfile(name="thrive")
    shipped = shipped_profiles()
    path = shipped.get(name_or_path, Path(name_or_path))
    if not path.exists():
        known = ", ".join(sorted(shipped)) or "none"
        raise ApplicantProfileError(
            name_or_path, f"no such profile file or shipped profile ({known})"
        )
    return parse_applicant_profile(path.read_text("utf-8"), path.name)


def _raw_rows(path: Path, profile: ApplicantProfile) -> list[tuple[int, list[Any]]]:
    file = path.name
    if not path.exists():
        raise UnreadableFileError(file, "there is no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from python_calamine import CalamineWorkbook

        try:
            book = CalamineWorkbook.from_path(str(path))
            sheet = (
                book.get_sheet_by_name(profile.sheet)
                if profile.sheet
                else book.get_sheet_by_index(0)
            )
            return [(i, _texts(cells)) for i, cells in enumerate(sheet.iter_rows(), start=1)]
        except Exception as broken:  # calamine raises its own errors for damaged workbooks
            raise UnreadableFileError(file, f"not a readable Excel workbook ({broken})") from None
    encoding = detect_encoding(path, file)
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=profile.delimiter)
        try:
            return [(reader.line_num, _texts(cells)) for cells in reader]
        except csv.Error as broken:
            raise csv_refusal(file, broken, reader.line_num) from None


def _texts(cells: list[Any]) -> list[Any]:
    """The row's cells, text written escaped by Thrive (see :mod:`thrive.safe_cells`) undone."""
    return [unescape(c) if type(c) is str and c[:1] == "'" else c for c in cells]


def _cell(spec_name: str, value: Any, profile: ApplicantProfile) -> Any:
    spec = BY_NAME[spec_name]
    if spec.codes is not None and not blank(value):
        value = profile.codes.get(spec_name, {}).get(shown(value).casefold(), shown(value))
    typed = convert(spec, value, profile.date_formats)
    if spec_name in ("young_people_on_panel", "met_minimum_criteria"):
        return str(typed).casefold() in _YES
    return typed


def _row_checks(file: str, where: str, row: dict[str, Any]) -> list[Problem]:
    problems = []
    if row.get("candidate") is None:
        given = [name for name in CANDIDATE_ONLY if row.get(name) is not None]
        if given:
            problems.append(
                Problem(
                    file,
                    where,
                    given[0],
                    shown(row[given[0]]),
                    "nothing on a row with no candidate (a requisition no one has applied "
                    "to), or the candidate's reference in candidate",
                )  # fmt: skip
            )
    dated: list[tuple[str, Any]] = [
        (str(stage), row[str(stage)]) for stage in FUNNEL if row.get(str(stage))
    ]
    for (earlier, first), (later, second) in zip(dated, dated[1:], strict=False):
        if second < first:
            problems.append(
                Problem(file, where, later, str(second), f"a date on or after {earlier} ({first})")
            )
    if row.get("withdrawn") and row.get("rejected"):
        problems.append(
            Problem(
                file,
                where,
                "rejected",
                str(row["rejected"]),
                "either withdrawn or rejected, not both",
            )
        )
    if row.get("decline_reason") and not row.get("offered"):
        problems.append(
            Problem(
                file,
                where,
                "decline_reason",
                row["decline_reason"],
                "a decline reason only for a candidate who was offered the job",
            )
        )
    if row.get("closed") and row["closed"] < row["opened"]:
        problems.append(
            Problem(
                file,
                where,
                "closed",
                str(row["closed"]),
                f"a date on or after opened ({row['opened']})",
            )
        )
    return problems


def read_applicants(
    path: Path, profile: ApplicantProfile
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The export's rows as typed values (``row`` holds the line number) and every problem."""
    file = path.name
    raw = _raw_rows(path, profile)
    accepted = profile.headings()
    best: tuple[int, int, dict[int, str]] = (0, 0, {})
    for index, (_, cells) in enumerate(raw[:HEADING_SEARCH_ROWS]):
        found = {i: accepted[normalise(str(c))] for i, c in enumerate(cells)
                 if isinstance(c, str) and normalise(c) in accepted}  # fmt: skip
        if len(found) > len(best[2]):
            best = (index, len(found), found)
    heading_at, _, columns = best
    missing = [s.name for s in APPLICANT_FIELDS if s.required and s.name not in columns.values()
               and s.name not in profile.defaults]  # fmt: skip
    if missing:
        return [], [
            Problem(file, "heading row", name, "", f"a column for {BY_NAME[name].label!r}")
            for name in missing
        ]
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    vacancies: dict[str, tuple[int, dict[str, Any]]] = {}
    seen: dict[tuple[str, str], int] = {}
    for number, cells in raw[heading_at + 1 :]:
        if all(blank(c) for c in cells):
            continue
        where, ok = f"row {number}", True
        row: dict[str, Any] = {"row": number}
        values = {name: cells[i] if i < len(cells) else None for i, name in columns.items()}
        for spec in APPLICANT_FIELDS:
            value = values.get(spec.name)
            if blank(value):
                value = profile.defaults.get(spec.name)
            if blank(value):
                row[spec.name] = None
                if spec.required and not (
                    spec.name in ("candidate", "source") and row.get("candidate") is None
                ):
                    problems.append(
                        Problem(file, where, spec.name, "", BY_NAME[spec.name].expected())
                    )
                    ok = False
                continue
            try:
                row[spec.name] = _cell(spec.name, value, profile)
            except BadCell as bad:
                problems.append(Problem(file, where, spec.name, shown(value), bad.expected))
                ok = False
        if not ok:
            continue
        problems += _row_checks(file, where, row)
        key = (row["requisition"], row["candidate"])
        if key in seen:
            problems.append(
                Problem(
                    file,
                    where,
                    "candidate",
                    row["candidate"] or "",
                    f"one row per candidate per requisition (also row {seen[key]})",
                )
            )
        seen[key] = number
        first = vacancies.setdefault(row["requisition"], (number, row))
        for name in REQUISITION_FIELDS:
            if first[1] is not row and first[1].get(name) != row.get(name):
                problems.append(
                    Problem(
                        file,
                        where,
                        name,
                        shown(row.get(name)),
                        f"the same {name} as row {first[0]} for requisition "
                        f"{row['requisition']} ({shown(first[1].get(name))})",
                    )
                )
        rows.append(row)
    return rows, problems
