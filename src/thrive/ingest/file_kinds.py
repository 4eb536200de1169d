"""Telling what a file is, for ``thrive onboard``: a census return, or which kind of extract.

A census return is known by its XML root (``Message``) and header (collection year, LA number).
An extract is known by its heading row: for every kind in the registry
(:data:`thrive.ingest.fields.KINDS`) and every mapping profile, the heading row is looked for
exactly as ``thrive import KIND`` looks for it, and the kind whose required columns are all there
and which matches the most columns wins. An applicant-tracking export is tried the same way. When
two kinds fit equally well, or none does, a file name that names one kind (``leavers_2024.csv``)
decides; otherwise the file is reported as not placed, with why, and never guessed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thrive.ingest import census_xml
from thrive.ingest.applicant_fields import APPLICANT_FIELDS
from thrive.ingest.applicant_file import (
    KIND as APPLICANTS,
)
from thrive.ingest.applicant_file import (
    ApplicantProfile,
    load_applicant_profile,
)
from thrive.ingest.applicant_file import (
    shipped_profiles as applicant_profiles,
)
from thrive.ingest.cells import blank
from thrive.ingest.fields import KINDS
from thrive.ingest.profiles import MappingProfile, load_profile, normalise, shipped_profiles
from thrive.ingest.tables import HEADING_SEARCH_ROWS, OTHER_DELIMITERS, _table
from thrive.ingest.textfile import detect_encoding
from thrive.problems import UnreadableFileError

CENSUS = "census"

# The two guide files ``thrive export records`` writes beside its extracts: read, never imported.
EXPORT_README = "README.txt"
EXPORT_MANIFEST = "manifest.csv"
MANIFEST_HEADING = ["order", "file", "kind", "rows", "command"]
README_MARK = "exported by Thrive."
EXPORT_GUIDE = "the guide a Thrive export writes beside its files (it lists them; not data)"
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DATA_SUFFIXES = (".xml", *CSV_SUFFIXES, *XLSX_SUFFIXES)


@dataclass(frozen=True)
class Placed:
    """What a file was found to be (``kind`` is '' when it could not be told) and how."""

    path: Path
    kind: str
    how: str
    profile: str | None = None
    year: int = 0
    la_number: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def placed(self) -> bool:
        return bool(self.kind)

    @property
    def what(self) -> str:
        """The file in words: 'census return 2023', 'staff extract', 'applicants export'."""
        if self.kind == CENSUS:
            return f"census return {self.year or '(year unknown)'}"
        if self.kind == APPLICANTS:
            return "applicant-tracking export"
        return f"{self.kind.replace('_', ' ')} extract" if self.kind else "not placed"


@dataclass(frozen=True)
class _Fit:
    kind: str
    profile: str | None
    matched: int
    complete: bool
    missing: tuple[str, ...] = ()


def named_kinds(path: Path) -> list[str]:
    """The kinds a file's name names ('Leavers 2024.csv' -> ['leavers']), singular or plural."""
    stem = normalise(path.stem)
    kinds = [*KINDS, APPLICANTS]
    return [k for k in kinds if normalise(k).removesuffix("s") in stem]


def place(path: Path, profiles: Sequence[str] = ()) -> Placed:
    """What ``path`` is. Raises :class:`UnreadableFileError` for a file that cannot be read."""
    if not path.exists():
        raise UnreadableFileError(path.name, "there is no such file")
    if is_export_guide(path):
        return Placed(path, "", EXPORT_GUIDE)
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return _census(path)
    if suffix not in DATA_SUFFIXES:
        return Placed(path, "", "not a census return or an extract (.xml, .csv or .xlsx)")
    rows = _Rows(path)
    fits = [*_extract_fits(rows, profiles), *_applicant_fits(rows, profiles)]
    return _decide(path, fits, rows)


def is_export_guide(path: Path) -> bool:
    """Whether ``path`` is the README or manifest that ``thrive export records`` wrote."""
    if path.name not in (EXPORT_README, EXPORT_MANIFEST):
        return False
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            first = stream.readline(4096)
    except (OSError, UnicodeDecodeError):
        return False
    if path.name == EXPORT_MANIFEST:
        return next(csv.reader([first]), []) == MANIFEST_HEADING
    return first.rstrip().endswith(README_MARK)


def _census(path: Path) -> Placed:
    if path.stat().st_size == 0:
        raise UnreadableFileError(path.name, "the file is empty (0 bytes)")
    root = census_xml._guard(path, path.name)
    if root != census_xml.ROOT:
        return Placed(
            path, "", f"an XML file whose root is <{root}>, not <Message> (a CSWW census return)"
        )
    census, _problems = census_xml.read_return(path)
    header = census.header
    return Placed(
        path,
        CENSUS,
        f"census return: collection year {header.year}, LA {header.la_number}",
        year=header.year,
        la_number=header.la_number,
    )


class _Rows:
    """The first rows of a CSV (by delimiter) or XLSX (by sheet), read once each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.is_xlsx = path.suffix.lower() in XLSX_SUFFIXES
        self._encoding = "" if self.is_xlsx else detect_encoding(path, path.name)
        self._book: Any = None
        self._read: dict[tuple[str, str | None], list[tuple[int, list[Any]]]] = {}

    def first(self, delimiter: str, sheet: str | None) -> list[tuple[int, list[Any]]]:
        key = ("", sheet) if self.is_xlsx else (delimiter, None)
        if key not in self._read:
            self._read[key] = self._sheet_rows(sheet) if self.is_xlsx else self._csv_rows(delimiter)
        return self._read[key]

    def _csv_rows(self, delimiter: str) -> list[tuple[int, list[Any]]]:
        rows = []
        with self.path.open(encoding=self._encoding, newline="") as stream:
            reader = csv.reader(stream, delimiter=delimiter)
            try:
                for cells in reader:
                    rows.append((reader.line_num, cells))
                    if len(rows) >= HEADING_SEARCH_ROWS:
                        break
            except csv.Error as broken:
                raise UnreadableFileError(
                    self.path.name, f"the CSV cannot be read ({broken})"
                ) from None
        return rows

    def _sheet_rows(self, sheet: str | None) -> list[tuple[int, list[Any]]]:
        from python_calamine import CalamineWorkbook

        try:
            if self._book is None:
                self._book = CalamineWorkbook.from_path(str(self.path))
            if sheet and sheet not in self._book.sheet_names:
                return []
            chosen = (
                self._book.get_sheet_by_name(sheet) if sheet else self._book.get_sheet_by_index(0)
            )
            found = []
            for index, cells in enumerate(chosen.iter_rows(), start=1):
                found.append((index, list(cells)))
                if index >= HEADING_SEARCH_ROWS:
                    break
            return found
        except Exception as broken:  # calamine raises its own errors for damaged workbooks
            raise UnreadableFileError(
                self.path.name,
                f"this is not a readable Excel workbook ({type(broken).__name__}: {broken})",
            ) from None

    def empty(self) -> bool:
        rows = self.first(",", None)
        return all(blank(c) for _, cells in rows for c in cells)


def _extract_profiles(chosen: Sequence[str]) -> list[MappingProfile]:
    found = []
    for name in dict.fromkeys([*chosen, *sorted(shipped_profiles())]):
        try:
            found.append(load_profile(name))
        except UnreadableFileError:
            continue  # an applicant profile given with --profile, not an HR extract one
    return found


def _extract_fits(rows: _Rows, chosen: Sequence[str]) -> Iterable[_Fit]:
    for profile in _extract_profiles(chosen):
        first = rows.first(profile.delimiter, profile.sheet)
        for kind in KINDS:
            try:
                table = _table(rows.path.name, kind, iter(first), profile)
            except UnreadableFileError:
                continue  # no heading row for this kind
            missing = tuple(p.field for p in table.problems if p.is_error)
            yield _Fit(kind, profile.name, len(table.columns), not missing, missing)


def _applicant_fits(rows: _Rows, chosen: Sequence[str]) -> Iterable[_Fit]:
    names = list(dict.fromkeys([*chosen, *sorted(applicant_profiles())]))
    profiles: list[tuple[str | None, ApplicantProfile]] = [(None, load_applicant_profile(None))]
    for chosen_name in names:
        try:
            profiles.append((chosen_name, load_applicant_profile(chosen_name)))
        except UnreadableFileError:
            continue  # an HR extract profile given with --profile, not an applicant one
    required = [s.name for s in APPLICANT_FIELDS if s.required]
    for name, profile in profiles:
        accepted = profile.headings()
        best: set[str] = set()
        for _, cells in rows.first(profile.delimiter, profile.sheet):
            found = {
                accepted[normalise(c)]
                for c in cells
                if isinstance(c, str) and normalise(c) in accepted
            }
            best = found if len(found) > len(best) else best
        if len(best) >= 2:
            missing = tuple(r for r in required if r not in best and r not in profile.defaults)
            yield _Fit(APPLICANTS, name, len(best), not missing, missing)


def _decide(path: Path, fits: list[_Fit], rows: _Rows) -> Placed:
    named = named_kinds(path)
    complete = [f for f in fits if f.complete]
    best: dict[str, _Fit] = {}
    for fit in sorted(complete, key=lambda f: -f.matched):
        best.setdefault(fit.kind, fit)
    top = max((f.matched for f in best.values()), default=0)
    leaders = [f for f in best.values() if f.matched == top]
    chosen = [f for f in leaders if f.kind in named] if len(leaders) > 1 else leaders
    if len(chosen) == 1:
        fit = chosen[0]
        by_name = " and its name" if len(leaders) > 1 else ""
        return Placed(path, fit.kind, _said(fit, by_name), fit.profile)
    if len(leaders) > 1:
        kinds = " and ".join(f.kind for f in leaders)
        return Placed(
            path,
            "",
            f"its headings fit {kinds} equally well: put the kind in the file name "
            f"(e.g. {leaders[0].kind}.csv) or import it with thrive import KIND",
        )
    if len(named) == 1:
        partial = max(
            (f for f in fits if f.kind == named[0]), key=lambda f: f.matched, default=None
        )
        profile = partial.profile if partial else None
        return Placed(path, named[0], f"its name says {named[0]}", profile)
    if rows.empty():
        raise UnreadableFileError(path.name, "the file has no rows with anything in them")
    return Placed(path, "", _why_not(fits, rows, named))


def _said(fit: _Fit, by_name: str) -> str:
    profile = f", profile {fit.profile}" if fit.profile and fit.profile != "generic" else ""
    return f"headings{by_name} match a {fit.kind} extract ({fit.matched} columns{profile})"


def _why_not(fits: list[_Fit], rows: _Rows, named: list[str]) -> str:
    if not rows.is_xlsx:
        for delimiter, word in OTHER_DELIMITERS.items():
            if delimiter == "," or not rows.first(delimiter, None):
                continue
            if any(f.complete for f in _extract_fits_with(rows, delimiter)):
                return (
                    f"its columns are separated by {word}s ({delimiter!r}): save it "
                    "comma-separated, or give a profile with that delimiter (--profile)"
                )
    closest = max(fits, key=lambda f: f.matched, default=None)
    if closest is None:
        return "its headings match no kind of extract Thrive reads (see docs/importing.md)"
    if len(named) > 1:
        return f"its name names {' and '.join(named)}, and its headings fit neither completely"
    return (
        f"its headings match no kind completely; closest is {closest.kind}, which also needs "
        f"{', '.join(closest.missing)}"
    )


def _extract_fits_with(rows: _Rows, delimiter: str) -> Iterable[_Fit]:
    generic = load_profile("generic")
    first = rows.first(delimiter, None)
    for kind in KINDS:
        try:
            table = _table(rows.path.name, kind, iter(first), generic)
        except UnreadableFileError:
            continue
        yield _Fit(kind, None, len(table.columns), not any(p.is_error for p in table.problems))


def files_in(folder: Path) -> list[Path]:
    """Every file under ``folder`` (subfolders too), skipping hidden files and Office lock files."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(p.startswith((".", "~$")) for p in parts):
            found.append(path)
    return found
