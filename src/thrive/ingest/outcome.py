"""What an import of one file did, for the CLI's summary table and the error list."""

from __future__ import annotations

import csv
import getpass
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from thrive.import_records.models import ImportBatch
from thrive.ingest.counts import Counts
from thrive.problems import PROBLEM_COLUMNS, Problem
from thrive.safe_cells import escape_dict


@dataclass
class FileOutcome:
    """One file's import: its batch (if anything was written), counts and problems."""

    file: str
    batch: ImportBatch | None = None
    counts: Counts = field(default_factory=Counts)
    problems: list[Problem] = field(default_factory=list)
    note: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def current_user() -> str:
    """Who is running the import, as the operating system knows them."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def write_problems_csv(problems: Iterable[Problem], path: Path) -> int:
    """Write every problem, one row each, to a CSV file; returns how many."""
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=[*PROBLEM_COLUMNS, "message"])
        writer.writeheader()
        for problem in problems:
            writer.writerow(escape_dict({**problem.as_row(), "message": problem.message()}))
            rows += 1
    return rows


def new_batch(
    kind: str, path: Path, name: str, sha256: str, user: str, profile: str = ""
) -> ImportBatch:
    return ImportBatch.objects.create(
        kind=kind, file_name=name, sha256=sha256, imported_by=user, profile=profile
    )


def finish_batch(
    batch: ImportBatch, counts: Counts, problems: list[Problem], warnings: int | None = None
) -> None:
    """Record what the batch did; ``warnings`` counts them when ``problems`` does not hold all."""
    batch.added, batch.updated = counts.added, counts.updated
    batch.unchanged, batch.rejected = counts.unchanged, counts.rejected
    batch.warnings = sum(1 for p in problems if not p.is_error) if warnings is None else warnings
    batch.save()
