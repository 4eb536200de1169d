"""``thrive import KIND FILE``: the HR extracts (staff, leavers, absence...), the case system's
allocations, development and feedback (line management, ASYE, schemes, exit interviews, survey,
CPD, stay conversations, registration), organisation (teams, team managers, targets), training,
students and trainees, and Try Before You Apply visits.

Reads the extract through its mapping profile, checks every row, resolves workers and teams,
and writes the file in one transaction, recorded as an import batch. Nothing is written if any
row has an error, unless ``skip_invalid``: then the good rows go in and each rejected row is
kept in the quarantine table with its errors. Warnings never block.

The records of practice and development (absence, supervision, caseloads, CPD... the kinds of
:data:`~thrive.ingest.practice_loaders.SIMPLE_KINDS`, which can run to millions of rows) are
checked and written part by part (:data:`PART` rows at a time) inside that one transaction, so
memory stays bounded whatever the size of the file: across parts only the keys that find
duplicate rows are kept, and the problems are kept in full up to a limit and counted beyond it
(:mod:`thrive.ingest.kept_problems`). Once a row has an error (without ``skip_invalid``) nothing
more is written, the rest of the file is only checked, and the transaction is rolled back: a
refused file changes nothing. The other kinds (staff, posts, teams, allocations...) are planned
as a whole file; their problems are capped in the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction

from thrive.import_records.lock import import_lock
from thrive.import_records.models import ImportBatch, QuarantinedRow
from thrive.ingest import trainee_loaders as pipeline
from thrive.ingest.allocation_loader import load_allocations, plan_allocations
from thrive.ingest.cells import shown
from thrive.ingest.changes import ChangeLog
from thrive.ingest.council_loaders import load_targets, load_teams
from thrive.ingest.counts import Counts
from thrive.ingest.establishment_loaders import load_leavers, load_posts, plan_leavers, plan_posts
from thrive.ingest.fields import KINDS
from thrive.ingest.kept_problems import KeptProblems
from thrive.ingest.line_loader import LinePlan, load_lines, plan_lines
from thrive.ingest.lookups import TeamIndex, WorkerIndex
from thrive.ingest.outcome import FileOutcome, current_user, finish_batch, new_batch, sha256_of
from thrive.ingest.practice_loaders import (
    SIMPLE_KINDS,
    load_simple,
    resolve_teams,
    resolve_workers,
    stored_up_to,
)
from thrive.ingest.profiles import load_profile
from thrive.ingest.progress import Ticker, no_progress
from thrive.ingest.rows import Row, RowChecker
from thrive.ingest.staff_loader import load_staff, plan_staff
from thrive.ingest.survey_loader import load_survey, plan_survey
from thrive.ingest.tables import Table, read_extract
from thrive.ingest.training_loaders import resolve_more
from thrive.ingest.visit_loader import load_visits, resolve_visits
from thrive.problems import ImportValidationError, IngestError, Problem
from thrive.published.names import authority_name
from thrive.workforce.models import Authority

PART = 20_000
"""Rows checked and written at a time by a streamed import."""


class NoAuthorityError(IngestError):
    """Which authority an extract belongs to cannot be told."""


def resolve_authority(la_number: str | None) -> Authority:
    """The authority named, created if new; or the only one in the store."""
    if la_number:
        found = Authority.objects.filter(la_number=la_number).first()
        if found is not None:
            return found
        if not (len(la_number) == 3 and la_number.isdigit()):
            raise NoAuthorityError(f"--authority takes the 3-digit LA number, not {la_number!r}")
        name, region = authority_name(la_number)
        return Authority.objects.create(la_number=la_number, name=name, region=region)
    authorities = list(Authority.objects.all()[:3])
    if len(authorities) == 1:
        return authorities[0]
    if not authorities:
        raise NoAuthorityError(
            "the store has no authority yet: give --authority with its LA number"
        )
    raise NoAuthorityError("the store has several authorities: say which with --authority")


# The kinds other than SIMPLE_KINDS are planned as a whole file (a row may refer to any other),
# so each row is held until the file is written: a longer file is refused, which keeps an
# import's memory under 1 GiB. It is far more than any council's employment spells or posts
# (England has about 37,000 social workers); survey answers come one file per wave.
WHOLE_FILE_MOST_ROWS = 200_000


def too_many_rows(kind: str, file: str, number: int) -> Problem:
    """The refusal of a whole-file kind's file that goes past :data:`WHOLE_FILE_MOST_ROWS`."""
    return Problem(
        file,
        f"row {number}",
        "",
        "",
        f"at most {WHOLE_FILE_MOST_ROWS:,} rows in one {kind.replace('_', ' ')} file: this one "
        "goes on past that. Split it (by year, or a survey by wave) and import each part",
    )


def check_rows(
    kind: str,
    path: Path,
    profile_name: str | None,
    authority: Authority,
    today: date,
    tick: Ticker = no_progress,
) -> tuple[list[Row], list[Problem], object]:
    """Read and check every row, then resolve what the rows refer to. Writes nothing."""
    if kind not in KINDS:
        raise IngestError(f"{kind!r} is not a kind of extract: {', '.join(KINDS)}")
    profile = load_profile(profile_name)
    table = read_extract(path, kind, profile)
    if any(p.is_error for p in table.problems):
        raise ImportValidationError(table.problems)
    checker = RowChecker(table, kind, profile, today)
    rows = []
    for row in checker.rows():
        rows.append(row)
        if len(rows) % 2000 == 0:
            tick(len(rows))
        if len(rows) > WHOLE_FILE_MOST_ROWS and kind not in SIMPLE_KINDS:
            raise ImportValidationError([too_many_rows(kind, table.file, row.number)])
    plan: object = None
    workers = WorkerIndex(authority)
    if kind == "staff":
        plan = plan_staff(rows, workers, TeamIndex(authority), table.file)
    elif kind in ("posts", "teams"):
        plan_posts(rows, TeamIndex(authority), table.file)
    elif kind == "leavers":
        plan_leavers(rows, workers, table.file)
    elif kind == "line_management":
        plan = plan_lines(rows, workers, table.file)
    elif kind == "survey":
        plan_survey(rows, authority, TeamIndex(authority), table.file)
    elif kind == "allocations":
        plan_allocations(rows, workers, TeamIndex(authority), table.file)
    elif kind in pipeline.TRAINEE_KINDS:
        pipeline.plan_trainees(kind, rows, workers, authority, table.file)
    elif kind == "visits":
        resolve_visits(rows, authority, table.file)
    elif kind not in ("targets", "courses"):
        if SIMPLE_KINDS[kind].team:
            resolve_teams(rows, TeamIndex(authority), table.file)
        resolve_workers(rows, workers, table.file, SIMPLE_KINDS[kind].refs)
        resolve_more(kind, rows, workers, table.file)
    plan = plan if plan is not None else workers
    found = KeptProblems(table.file)
    found.extend(table.problems)
    for row in rows:
        found.extend(row.problems)
    if not rows:
        found.extend([_no_rows(table.file)])
    return rows, found.listed(), plan


def _no_rows(file: str) -> Problem:
    return Problem(file, "", "", "", "at least one data row under the headings")


def import_extract(
    kind: str,
    path: Path,
    *,
    authority: str | None = None,
    profile: str | None = None,
    skip_invalid: bool = False,
    user: str | None = None,
    today: date | None = None,
    tick: Ticker = no_progress,
) -> FileOutcome:
    """Import one HR or case-management extract of the given kind (one import at a time).

    On SQLite an import reads the store while it checks the file, then writes: if a page wrote
    in between (a session, an audit row), SQLite refuses the write at once ("database is
    locked": the snapshot it read is no longer the latest) without waiting. Nothing was written
    (the transaction rolled back), so it is made again with the write lock taken up front
    (``BEGIN IMMEDIATE``: a page's write then waits for it), ``LOST_RACE_ATTEMPTS`` times in all.
    """
    who = user or current_user()
    with import_lock(who, f"{kind} {path.name}"):
        for attempt in range(1, LOST_RACE_ATTEMPTS + 1):
            try:
                with _write_lock_up_front(attempt > 1):
                    return _import_unlocked(
                        kind,
                        path,
                        authority=authority,
                        profile=profile,
                        skip_invalid=skip_invalid,
                        user=who,
                        today=today,
                        tick=tick,
                    )
            except OperationalError as problem:
                if attempt == LOST_RACE_ATTEMPTS or not _lost_a_write_race(problem):
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")


LOST_RACE_ATTEMPTS = 3


@contextmanager
def _write_lock_up_front(wanted: bool) -> Iterator[None]:
    """On SQLite, while ``wanted``, take the write lock before reading (``BEGIN IMMEDIATE``)."""
    if not wanted or connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    sqlite: Any = connection  # Django's SQLite wrapper: it reads transaction_mode at each BEGIN
    before = sqlite.transaction_mode
    sqlite.transaction_mode = "IMMEDIATE"
    try:
        yield
    finally:
        sqlite.transaction_mode = before


def _lost_a_write_race(problem: OperationalError) -> bool:
    """Whether SQLite refused a write because another connection wrote after this one read."""
    return connection.vendor == "sqlite" and "database is locked" in str(problem)


def _import_unlocked(
    kind: str,
    path: Path,
    *,
    authority: str | None,
    profile: str | None,
    skip_invalid: bool,
    user: str,
    today: date | None,
    tick: Ticker,
) -> FileOutcome:
    if kind in SIMPLE_KINDS:
        return _import_streamed(
            kind,
            path,
            authority=authority,
            profile=profile,
            skip_invalid=skip_invalid,
            user=user,
            today=today or date.today(),
            tick=tick,
        )
    with transaction.atomic():  # an authority made for a file that then fails is not kept
        owner = resolve_authority(authority)
        rows, problems, plan = check_rows(kind, path, profile, owner, today or date.today(), tick)
        if any(p.is_error for p in problems) and (not skip_invalid or not rows):
            raise ImportValidationError(problems)
        outcome = FileOutcome(path.name, problems=problems)
        batch = new_batch(
            kind, path, path.name, sha256_of(path), user or current_user(), profile or "generic"
        )
        batch.authority = owner
        log = ChangeLog(batch)
        good = [r for r in rows if r.ok]
        try:
            counts = _load(kind, good, plan, owner, log)
        except IntegrityError as clash:
            raise ImportValidationError(
                [*problems, Problem(path.name, "", "", "", f"the store refused the rows: {clash}")]
            ) from None
        counts.rejected = _quarantine(batch, rows)
        log.flush()
        finish_batch(batch, counts, problems)
        outcome.batch, outcome.counts = batch, counts
    return outcome


def _quarantine(batch: ImportBatch, rows: list[Row]) -> int:
    """Keep the rejected rows with their errors; how many there were."""
    rejected = [r for r in rows if not r.ok]
    QuarantinedRow.objects.bulk_create(
        QuarantinedRow(
            batch=batch,
            location=f"row {r.number}",
            values={k: shown(v) for k, v in r.raw.items()},
            errors=[p.as_row() for p in r.problems if p.is_error],
        )
        for r in rejected
    )
    return len(rejected)


def _parts(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    while part := list(islice(rows, size)):
        yield part


def _resolve(
    kind: str, rows: list[Row], workers: WorkerIndex, teams: TeamIndex | None, file: str
) -> None:
    """Attach the teams, workers (leavings, courses) a part's rows name; problems go on the rows."""
    if teams is not None:
        resolve_teams(rows, teams, file)
    resolve_workers(rows, workers, file, SIMPLE_KINDS[kind].refs)
    resolve_more(kind, rows, workers, file)


def _import_streamed(
    kind: str,
    path: Path,
    *,
    authority: str | None,
    profile: str | None,
    skip_invalid: bool,
    user: str | None,
    today: date,
    tick: Ticker,
) -> FileOutcome:
    """Check and write a simple extract part by part, in one transaction (module docstring)."""
    with transaction.atomic():
        owner = resolve_authority(authority)
        mapping = load_profile(profile)
        table: Table = read_extract(path, kind, mapping)
        if any(p.is_error for p in table.problems):
            raise ImportValidationError(table.problems)
        checker = RowChecker(table, kind, mapping, today)
        found = KeptProblems(table.file)
        found.extend(table.problems)
        workers = WorkerIndex(owner)
        teams = TeamIndex(owner) if SIMPLE_KINDS[kind].team else None
        stored_before = stored_up_to(kind)
        batch: ImportBatch | None = None
        log: ChangeLog | None = None
        counts = Counts()
        seen = 0
        for part in _parts(checker.rows(), PART):
            _resolve(kind, part, workers, teams, table.file)
            for row in part:
                if row.problems:
                    found.extend(row.problems)
            seen += len(part)
            tick(seen)
            if found.errors and not skip_invalid:
                continue  # the file will be refused: the rest is only checked
            if batch is None:
                batch = new_batch(
                    kind, path, path.name, sha256_of(path), user or current_user(),
                    profile or "generic",
                )  # fmt: skip
                batch.authority = owner
                log = ChangeLog(batch)
            assert log is not None
            good = [r for r in part if r.ok]
            try:
                counts += load_simple(kind, good, log, owner, stored_before)
            except IntegrityError as clash:
                store = Problem(path.name, "", "", "", f"the store refused the rows: {clash}")
                raise ImportValidationError([*found.listed(), store]) from None
            counts.rejected += _quarantine(batch, part)
            log.flush_changed()
        if not seen:
            found.extend([_no_rows(table.file)])
        problems = found.listed()
        if found.errors and (not skip_invalid or not seen):
            raise ImportValidationError(problems)
        assert batch is not None and log is not None
        log.flush()
        finish_batch(batch, counts, problems, warnings=found.warnings)
    return FileOutcome(path.name, batch=batch, counts=counts, problems=problems)


def _load(kind: str, rows: list[Row], plan: object, authority: Authority, log: ChangeLog) -> Counts:
    if kind == "staff":
        from thrive.ingest.staff_loader import StaffPlan

        assert isinstance(plan, StaffPlan)
        return load_staff(plan, WorkerIndex(authority), log)
    if kind == "posts":
        return load_posts(rows, authority, log)
    if kind == "leavers":
        return load_leavers(rows, log)
    if kind == "line_management":
        assert isinstance(plan, LinePlan)
        return load_lines(plan, log)
    by_authority = {
        "survey": load_survey, "teams": load_teams, "targets": load_targets,
        "allocations": load_allocations, "visits": load_visits,
    }  # fmt: skip
    if kind in by_authority:
        return by_authority[kind](rows, authority, log)
    if kind in pipeline.BY_REFERENCE:
        return pipeline.load_by_reference(kind, rows, authority, log)
    assert kind in SIMPLE_KINDS
    return load_simple(kind, rows, log, authority)
