"""``thrive import census FILE...``: census returns into the store, each file in one transaction.

Every file is read and checked first; if any has errors nothing is written (unless
``skip_invalid``, when invalid worker records are set aside in the quarantine table and the rest
go in). Then the returns are applied in collection-year order, so several years build one
history. A year already in the store is refused unless it is the very same file (same SHA-256),
which changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction

from thrive.census.validate import CheckedReturn, check_return
from thrive.import_records.lock import import_lock
from thrive.import_records.models import CensusAuthorityReturn, ImportBatch, QuarantinedRow
from thrive.ingest.census_history import HistoryBuilder
from thrive.ingest.census_xml import read_return
from thrive.ingest.changes import ChangeLog
from thrive.ingest.outcome import FileOutcome, current_user, finish_batch, new_batch, sha256_of
from thrive.ingest.progress import Ticker, no_progress
from thrive.problems import (
    ImportValidationError,
    IngestError,
    Problem,
    UnreadableFileError,
)
from thrive.published.names import authority_name
from thrive.workforce.models import Authority


@dataclass
class _Checked:
    path: Path
    sha256: str
    checked: CheckedReturn


def _authority(la_number: str) -> Authority:
    authority = Authority.objects.filter(la_number=la_number).first()
    if authority is None:
        name, region = authority_name(la_number)
        authority = Authority.objects.create(la_number=la_number, name=name, region=region)
    return authority


def _already(checked: _Checked) -> tuple[str, bool]:
    """('' , False) if the year can go in; else a reason, and whether it is the same file."""
    year = checked.checked.year
    la = checked.checked.la_number
    same = ImportBatch.objects.filter(
        kind="census",
        sha256=checked.sha256,
        status=ImportBatch.Status.APPLIED,
        authority__la_number=la,
    ).first()
    if same is not None:
        return f"already imported in batch #{same.pk}: nothing changed", True
    latest = (
        CensusAuthorityReturn.objects.filter(authority__la_number=la)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if latest is not None and latest >= year:
        return (
            f"the store already has LA {la}'s {latest} return; census history is built forwards, "
            f"so undo the later import (thrive import undo BATCH) before importing {year}",
            False,
        )
    return "", False


def check_files(paths: list[Path], tick: Ticker = no_progress) -> list[_Checked]:
    """Read and check every file; raises :class:`ImportValidationError` on unreadable files."""
    results: list[_Checked] = []
    unreadable: list[Problem] = []
    for path in paths:
        tick(len(results), f"Reading and checking {path.name}")
        try:
            census, problems = read_return(path)
        except UnreadableFileError as error:
            unreadable.append(error.as_problem())
            continue
        checked = check_return(census, path.name)
        checked.problems[:0] = problems
        results.append(_Checked(path, sha256_of(path), checked))
    if unreadable:
        raise ImportValidationError(unreadable + [p for r in results for p in r.checked.problems])
    return sorted(
        results, key=lambda r: (r.checked.la_number, r.checked.rules.year if r.checked.rules else 0)
    )


def import_census(
    paths: list[Path],
    *,
    skip_invalid: bool = False,
    user: str | None = None,
    tick: Ticker = no_progress,
) -> list[FileOutcome]:
    """Import census returns; every file is checked before any is written."""
    who = user or current_user()
    names = ", ".join(p.name for p in paths[:2]) + (
        f" and {len(paths) - 2} more" if len(paths) > 2 else ""
    )
    with import_lock(who, f"census {names}"):
        return _import_checked(paths, skip_invalid=skip_invalid, who=who, tick=tick)


def _import_checked(
    paths: list[Path], *, skip_invalid: bool, who: str, tick: Ticker
) -> list[FileOutcome]:
    files = check_files(paths, tick)
    fatal = [
        p
        for f in files
        for p in f.checked.problems
        if p.is_error and (not skip_invalid or not p.location.startswith("Message/CSWWWorker["))
    ]
    if fatal:
        raise ImportValidationError([p for f in files for p in f.checked.problems])
    outcomes = []
    for item in files:
        outcome = FileOutcome(item.path.name, problems=list(item.checked.problems))
        note, same = _already(item)
        if note:
            if not same:
                raise ImportValidationError(
                    [
                        Problem(
                            item.path.name, "Message/Header", "Year", str(item.checked.year), note
                        )
                    ]
                )
            outcome.note = note
            outcomes.append(outcome)
            continue
        tick(len(outcomes), f"Storing {item.path.name}")
        _apply(item, who, outcome)
        outcomes.append(outcome)
    return outcomes


def _apply(item: _Checked, user: str, outcome: FileOutcome) -> None:
    checked = item.checked
    try:
        with transaction.atomic():
            authority = _authority(checked.la_number)
            batch = new_batch("census", item.path, item.path.name, item.sha256, user)
            batch.authority = authority
            log = ChangeLog(batch)
            previous = CensusAuthorityReturn.objects.filter(
                authority=authority, year=checked.year - 1
            ).exists()
            builder = HistoryBuilder(authority, log)
            builder.apply_year(checked, close_missing=previous)
            if any(p.is_error for p in builder.problems):
                raise ImportValidationError(outcome.problems + builder.problems)
            rejected = [w for w in checked.workers if not w.ok]
            QuarantinedRow.objects.bulk_create(
                QuarantinedRow(
                    batch=batch,
                    location=w.path,
                    values=w.raw,
                    errors=[
                        p.as_row()
                        for p in checked.problems
                        if p.location.startswith(w.path + "/") or p.location == w.path
                    ],
                )
                for w in rejected
            )
            builder.counts.rejected = len(rejected)
            outcome.problems += builder.problems
            log.flush()
            finish_batch(batch, builder.counts, outcome.problems)
            outcome.batch, outcome.counts = batch, builder.counts
    except IntegrityError as clash:
        raise ImportValidationError(
            outcome.problems
            + [
                Problem(
                    item.path.name,
                    "",
                    "",
                    "",
                    f"the store refused the records ({clash}); nothing was written",
                )
            ]
        ) from None


__all__ = ["IngestError", "import_census"]
