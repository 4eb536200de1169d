"""``thrive export records``: every record of an authority out again, as the import templates.

A council's data is never locked in: each kind of record is written as the CSV that ``thrive
import template KIND`` describes (the same headings, values written as the importer reads them),
one file per kind, named for the kind, so importing the folder's files in the order the
README gives, into an empty store, gives back the same records and so the same measures.

>>> written = export_records(authority, Path("somervale-records"))   # doctest: +SKIP
>>> [f.file for f in written]                                          # doctest: +SKIP
['posts.csv', 'staff.csv', 'absence.csv', ...]

The registry :data:`EXPORTERS` maps each kind to the function that yields its rows
(:mod:`thrive.ingest.record_rows`); a new import kind adds its exporter there, and its headings
come from its field table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from thrive.ingest import record_rows
from thrive.ingest.applicant_fields import APPLICANT_FIELDS
from thrive.ingest.development_exports import EXPORTERS_FOR_NEW_KINDS
from thrive.ingest.fields import FIELDS, FieldSpec
from thrive.ingest.file_kinds import EXPORT_MANIFEST, EXPORT_README, MANIFEST_HEADING, README_MARK
from thrive.ingest.record_rows import RowSource
from thrive.ingest.trainee_exports import TRAINEE_EXPORTERS
from thrive.ingest.training_exports import TRAINING_EXPORTERS
from thrive.ingest.visit_exports import visit_rows
from thrive.problems import IngestError
from thrive.safe_cells import escape_dict, escape_row
from thrive.workforce.models import Authority

APPLICANTS = "applicants"

EXPORTERS: dict[str, RowSource] = {
    "teams": record_rows.teams,
    "posts": record_rows.posts,
    "staff": record_rows.staff,
    "absence": record_rows.absence,
    "supervision": record_rows.supervision,
    "appraisal": record_rows.appraisal,
    "caseloads": record_rows.caseloads,
    "team_managers": record_rows.team_managers,
    "registration": record_rows.registration,
    "targets": record_rows.targets,
    APPLICANTS: record_rows.applicants,
}
EXPORTERS |= EXPORTERS_FOR_NEW_KINDS
EXPORTERS |= TRAINING_EXPORTERS
EXPORTERS |= TRAINEE_EXPORTERS
EXPORTERS["visits"] = visit_rows
"""Kind -> its rows. Files are written, and imported, in this order except that ``teams``,
``posts`` and ``staff`` always come first (they make the teams and workers the rest refer to)
and ``applicants`` then ``visits`` last (a visit names its candidate). More kinds merge in
with ``EXPORTERS |= more``."""

FIRST, LAST = ("teams", "posts", "staff"), (APPLICANTS, "visits")

CARRIED_ELSEWHERE = {
    "leavers": "in staff.csv: the spell that ends with a worker leaving carries reason_leave and "
    "leaver_destination (a leavers extract takes one leaving per worker, so a worker who left, "
    "came back and left again could not go out in it)",
}
"""Import kinds with no file of their own, and where their records are."""

NOT_YET_EXPORTED: dict[str, str] = {
    "children.Allocation": "children's allocations (thrive import allocations): their exporter "
    "is not written yet",
}
"""Records with an import kind on its way: each entry goes when its exporter is merged in."""

NOT_CARRIED = {
    "ingest.CensusAuthorityReturn": "the census return's LA-level figures and 2025 pay answers: "
    "they go out in the return itself (thrive census export --year YEAR) and come back with "
    "thrive census import",
    "ingest.CensusWorkerDetail": "a worker's qualifying institution, 2025 pay and the role "
    "start dates a return gave: they go out in the census return itself (thrive census export "
    "--year YEAR) and come back with thrive census import",
}
"""What an authority holds that no import template carries (model, or model.field), and why."""


OUTSIDE_THE_STORE = (
    "targets.csv holds the targets set in Thrive (the admin, or a targets import). Targets kept",
    "in a targets file (THRIVE_DATA_DIR/targets/<LA number>.toml) are that file: copy it too.",
    "Survey responses stored without a respondent id are written with unnamed-<n> (their place",
    "in their wave), which they keep once imported.",
)


class ExportError(IngestError):
    """The records cannot be written where asked."""


@dataclass(frozen=True)
class ExportedFile:
    """One file written: its kind, name, how many rows, and the command that imports it."""

    kind: str
    file: str
    rows: int
    command: str


def order(kinds: list[str]) -> list[str]:
    """The kinds in the order their files must be imported."""
    middle = [k for k in kinds if k not in FIRST and k not in LAST]
    return [k for k in FIRST if k in kinds] + middle + [k for k in LAST if k in kinds]


def headings(kind: str) -> list[str]:
    """The template's column names for a kind (``thrive import template KIND``)."""
    fields: tuple[FieldSpec, ...] | None = (
        APPLICANT_FIELDS if kind == APPLICANTS else FIELDS.get(kind)
    )
    if fields is None:
        raise ExportError(f"{kind!r} has no import template, so it cannot be exported")
    return [spec.name for spec in fields]


def import_command(kind: str, file: str, la_number: str) -> str:
    if kind == APPLICANTS:
        return f"thrive recruitment import {file} --authority {la_number}"
    return f"thrive import {kind} {file} --authority {la_number}"


def write_kind(kind: str, authority: Authority, out: Path) -> int:
    """Write one kind's CSV (headings even when there are no rows); return the rows written."""
    names = headings(kind)
    written = 0
    with out.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=names, extrasaction="raise")
        writer.writeheader()
        for row in EXPORTERS[kind](authority):
            writer.writerow(escape_dict(row))
            written += 1
    return written


def export_records(authority: Authority, folder: Path) -> list[ExportedFile]:
    """Write every kind's file, a manifest and a README into ``folder`` (made if need be).

    A kind with no records gets no file (an import refuses a file of headings only); the README
    names it.
        Refuses a folder that already holds files, so an older export is never half overwritten.
    """
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file: give a folder for the records")
    if folder.is_dir() and any(folder.iterdir()):
        raise ExportError(f"{folder} is not empty: give a new or empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    written, empty = [], []
    for kind in order(list(EXPORTERS)):
        file = f"{kind}.csv"
        rows = write_kind(kind, authority, folder / file)
        if not rows:  # an import refuses a file with no rows: the kind is named in the README
            (folder / file).unlink()
            empty.append(kind)
            continue
        written.append(
            ExportedFile(kind, file, rows, import_command(kind, file, authority.la_number))
        )
    write_manifest(written, folder / EXPORT_MANIFEST)
    (folder / EXPORT_README).write_text(readme(authority, written, empty), encoding="utf-8")
    return written


def write_manifest(written: list[ExportedFile], out: Path) -> None:
    """The files in import order, as a table a script can follow."""
    with out.open("w", newline="", encoding="utf-8") as stream:
        table = csv.writer(stream)
        table.writerow(MANIFEST_HEADING)
        for number, f in enumerate(written, start=1):
            table.writerow(escape_row([number, f.file, f.kind, f.rows, f.command]))


def readme(authority: Authority, written: list[ExportedFile], empty: list[str]) -> str:
    lines = [
        f"Records of {authority.name} (LA {authority.la_number}), {README_MARK}",
        "",
        "Each file is the CSV of one import template (thrive import template KIND shows its",
        "columns). To load them into another Thrive, import them in this order (manifest.csv",
        "lists the same):",
        "",
    ]
    for number, f in enumerate(written, start=1):
        lines.append(f"{number:>2}. {f.file:<24} {f.rows:>8,} rows   {f.command}")
    if empty:
        lines += ["", f"No records of these kinds, so no file: {', '.join(empty)}."]
    lines += ["", "Kinds with no file of their own:"]
    lines += [f"  - {kind}: {where}" for kind, where in CARRIED_ELSEWHERE.items()]
    if NOT_YET_EXPORTED:
        lines += ["", "Not in this folder yet (each will be, with its import kind):"]
        lines += [f"  - {why}" for why in NOT_YET_EXPORTED.values()]
    lines += ["", "Not in this folder (the census returns carry them):"]
    lines += [f"  - {why}" for why in NOT_CARRIED.values()]
    lines += ["", *OUTSIDE_THE_STORE]
    return "\n".join(lines) + "\n"
