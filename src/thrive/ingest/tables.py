"""Reading an extract (CSV or XLSX) as a heading row and data rows, with row numbers.

The heading row is found among the first rows, so title rows (merged or not) and blank rows
above it are skipped; blank rows anywhere (including trailing ones) are ignored. Each data row
comes out as canonical field -> raw cell value, through the profile's column mapping.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thrive.ingest.fields import FIELDS, NO_WORKER
from thrive.ingest.profiles import MappingProfile, normalise
from thrive.ingest.textfile import csv_refusal, detect_encoding
from thrive.problems import Problem, Severity, UnreadableFileError
from thrive.safe_cells import unescape

HEADING_SEARCH_ROWS = 20
OTHER_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


@dataclass
class Table:
    """An extract's columns (position -> canonical field) and its data rows, streamed."""

    file: str
    columns: dict[int, str]
    headings: dict[str, str]  # canonical field -> heading as written in the file
    rows: Iterator[tuple[int, dict[str, Any]]]
    problems: list[Problem] = field(default_factory=list)


def _blank(cells: list[Any]) -> bool:
    try:
        return not "".join(cells).strip()  # all text (every CSV row): one C-level pass
    except TypeError:
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _match(cells: list[Any], accepted: dict[str, str]) -> dict[int, str]:
    return {
        i: accepted[normalise(str(c))]
        for i, c in enumerate(cells)
        if isinstance(c, str) and normalise(c) in accepted
    }


def _heading_problems(
    file: str, kind: str, cells: list[Any], columns: dict[int, str], profile: MappingProfile
) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for i, name in columns.items():
        if name in seen:
            first = cells[seen[name]]
            problems.append(
                Problem(
                    file,
                    "heading row",
                    name,
                    str(cells[i]),
                    f"one column for {name}, but {first!r} and {cells[i]!r} both map to it",
                )
            )
        seen.setdefault(name, i)
    for spec in FIELDS[kind]:
        if (
            spec.required
            and spec.name not in seen
            and spec.name not in profile.mapping(kind).defaults
        ):
            wanted = profile.mapping(kind).columns.get(spec.name) or (spec.name, spec.label)
            problems.append(
                Problem(
                    file,
                    "heading row",
                    spec.name,
                    "",
                    f"a column for {spec.name} (headed {' or '.join(repr(w) for w in wanted)})",
                )
            )
    if kind not in NO_WORKER and "worker_id" not in seen and "swe_number" not in seen:
        problems.append(
            Problem(
                file,
                "heading row",
                "worker_id",
                "",
                "a column identifying the worker: worker_id or swe_number",
            )
        )
    for i, cell in enumerate(cells):
        if i not in columns and isinstance(cell, str) and cell.strip():
            problems.append(
                Problem(
                    file,
                    "heading row",
                    "",
                    cell,
                    f"a column Thrive reads for a {kind} extract (this one is ignored)",
                    Severity.WARNING,
                )
            )
    return problems


def _locate(
    file: str,
    kind: str,
    rows: Iterator[tuple[int, list[Any]]],
    profile: MappingProfile,
    raw_lines: list[str] | None = None,
) -> tuple[list[Any], dict[int, str]]:
    accepted = profile.headings(kind)
    seen_rows: list[list[Any]] = []
    for _number, cells in rows:
        columns = _match(cells, accepted)
        if len(columns) >= 2:
            return cells, columns
        seen_rows.append(cells)
        if len(seen_rows) >= HEADING_SEARCH_ROWS:
            break
    for line in raw_lines or []:
        for delimiter, name in OTHER_DELIMITERS.items():
            if delimiter != profile.delimiter and len(_match(line.split(delimiter), accepted)) >= 2:
                expected = OTHER_DELIMITERS.get(profile.delimiter, repr(profile.delimiter))
                raise UnreadableFileError(
                    file,
                    f"the columns are separated by {name}s ({delimiter!r}) but profile "
                    f"{profile.name!r} expects {expected}s: save the file comma-separated or set "
                    f"delimiter in the profile",
                )
    if not any(not _blank(r) for r in seen_rows):
        raise UnreadableFileError(file, "the file has no rows with anything in them")
    examples = ", ".join(f.name for f in FIELDS[kind] if f.required)
    raise UnreadableFileError(
        file,
        f"no heading row found in the first {HEADING_SEARCH_ROWS} rows: expected headings for a "
        f"{kind} extract such as {examples} (profile {profile.name!r})",
    )


def _records(
    rows: Iterator[tuple[int, list[Any]]], columns: dict[int, str]
) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, cells in rows:
        if _blank(cells):
            continue
        record = {name: cells[i] if i < len(cells) else None for i, name in columns.items()}
        for name, value in record.items():
            if type(value) is str and value[:1] == "'":  # written escaped by Thrive: see safe_cells
                record[name] = unescape(value)
        yield number, record


def _table(
    file: str,
    kind: str,
    rows: Iterator[tuple[int, list[Any]]],
    profile: MappingProfile,
    raw_lines: list[str] | None = None,
) -> Table:
    cells, columns = _locate(file, kind, rows, profile, raw_lines)
    headings = {name: str(cells[i]) for i, name in columns.items()}
    table = Table(file, columns, headings, _records(rows, columns))
    table.problems = _heading_problems(file, kind, cells, columns, profile)
    return table


def _csv_rows(
    path: Path, file: str, encoding: str, delimiter: str
) -> Iterator[tuple[int, list[Any]]]:
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as broken:  # raised while the rows stream, after the heading row too
            raise csv_refusal(file, broken, reader.line_num) from None


def read_csv(path: Path, kind: str, profile: MappingProfile, name: str | None = None) -> Table:
    file = name or path.name
    encoding = detect_encoding(path, file)
    with path.open(encoding=encoding, newline="") as stream:
        first_lines = [line for _, line in zip(range(HEADING_SEARCH_ROWS), stream, strict=False)]
    return _table(
        file, kind, _csv_rows(path, file, encoding, profile.delimiter), profile, first_lines
    )


def _xlsx_rows(sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    for index, cells in enumerate(sheet.iter_rows(), start=1):
        yield index, list(cells)


def read_xlsx(path: Path, kind: str, profile: MappingProfile, name: str | None = None) -> Table:
    from python_calamine import CalamineWorkbook

    file = name or path.name
    if path.stat().st_size == 0:
        raise UnreadableFileError(file, "the file is empty (0 bytes)")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        if profile.sheet:
            if profile.sheet not in workbook.sheet_names:
                sheets = ", ".join(workbook.sheet_names)
                raise UnreadableFileError(
                    file, f"no sheet called {profile.sheet!r} (it has {sheets})"
                )
            sheet = workbook.get_sheet_by_name(profile.sheet)
        else:
            sheet = workbook.get_sheet_by_index(0)
    except UnreadableFileError:
        raise
    except Exception as broken:  # calamine raises its own errors for damaged workbooks
        raise UnreadableFileError(
            file, f"this is not a readable Excel workbook ({type(broken).__name__}: {broken})"
        ) from None
    return _table(file, kind, _xlsx_rows(sheet), profile)


def read_extract(path: Path, kind: str, profile: MappingProfile) -> Table:
    """An extract's table: XLSX by extension (.xlsx, .xlsm), anything else as CSV text."""
    if not path.exists():
        raise UnreadableFileError(path.name, "there is no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, kind, profile)
    return read_csv(path, kind, profile)
