"""Importing an applicant-tracking export: every row checked, then one transaction, undoable.

Requisitions are matched by reference, candidates by requisition and reference: a re-import
updates them and replaces their stage events, so exporting the tracking system again each
month keeps Thrive current. The import is recorded as an ingest batch (kind ``applicants``)
with every record it added, changed or removed, so ``thrive import undo`` can take it back.
Any error (a bad cell, a team or post Thrive does not know, a hired worker it cannot find)
stops the whole file and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from thrive.codes.lifecycle import Stage
from thrive.import_records.lock import import_lock
from thrive.ingest.applicant_file import ApplicantProfile, read_applicants
from thrive.ingest.changes import ChangeLog, snapshot
from thrive.ingest.counts import Counts
from thrive.ingest.outcome import FileOutcome, current_user, finish_batch, new_batch, sha256_of
from thrive.lifecycle.models import Candidate, Requisition, StageEvent
from thrive.problems import ImportValidationError, Problem
from thrive.workforce.models import Authority, EstablishmentPost, Team, Worker

KIND = "applicants"
_CANDIDATE_FIELDS = (
    "source",
    "route",
    "values_score",
    "young_people_on_panel",
    "decline_reason",
    "cost",
    "disability",
    "met_minimum_criteria",
)
# What an empty cell stores, where it is not null: no route, no reason, disability not known.
_EMPTY = {"route": "", "decline_reason": "", "disability": "not_known"}


Lookups = tuple[dict[str, Team], dict[tuple[int, str], EstablishmentPost], dict[str, Worker]]


def _lookups(
    rows: list[dict[str, Any]], authority: Authority, file: str
) -> tuple[Lookups, list[Problem]]:
    """The teams, posts and hired workers the rows name, and a problem for each unknown one."""
    teams = {t.name: t for t in Team.objects.filter(service__authority=authority)}
    posts = {
        (p.team_id, p.reference): p
        for p in EstablishmentPost.objects.filter(team__service__authority=authority)
    }
    wanted = {r["worker"] for r in rows if r.get("worker")}
    workers: dict[str, Worker] = {}
    for w in Worker.objects.filter(authority=authority).filter(
        Q(pseudonym__in=wanted) | Q(swe_number__in=wanted)
    ):
        workers[w.pseudonym] = w
        if w.swe_number:
            workers[w.swe_number] = w
    problems = []
    for row in rows:
        where = f"row {row['row']}"
        team = teams.get(row["team"])
        if team is None:
            problems.append(Problem(file, where, "team", row["team"], "a team Thrive knows"))
        elif row.get("post_reference") and (team.pk, row["post_reference"]) not in posts:
            expected = f"a post of {team.name}"
            problems.append(Problem(file, where, "post_reference", row["post_reference"], expected))
        if row.get("worker") and row["worker"] not in workers:
            expected = "a worker's Thrive pseudonym or SWE number"
            problems.append(Problem(file, where, "worker", row["worker"], expected))
    return (teams, posts, workers), problems


def _set(instance: Any, values: dict[str, Any], log: ChangeLog, counts: Counts) -> None:
    """Save ``values`` on an existing record if they differ, logging what it was before."""
    if all(getattr(instance, name) == value for name, value in values.items()):
        counts.unchanged += 1
        return
    before = snapshot(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()
    log.updated(instance, before)
    counts.updated += 1


class _Writer:
    """Writes the checked rows of one export, logging every change in the batch."""

    def __init__(self, authority: Authority, lookups: Lookups, log: ChangeLog) -> None:
        self.authority = authority
        self.teams, self.posts, self.workers = lookups
        self.log = log
        self.counts = Counts()
        self.requisitions = {
            r.reference: r for r in Requisition.objects.filter(authority=authority)
        }
        self.written: set[str] = set()

    def requisition(self, row: dict[str, Any]) -> Requisition:
        """The row's requisition, created or brought up to date once per import."""
        reference = row["requisition"]
        team = self.teams[row["team"]]
        post = self.posts.get((team.pk, row["post_reference"] or ""))
        values = {
            "team": team,
            "post": post,
            "grade": row["grade"],
            "start_date": row["opened"],
            "end_date": row["closed"],
            "advert_cost": row["advert_cost"],
        }
        found = self.requisitions.get(reference)
        if found is None:
            found = Requisition.objects.create(
                authority=self.authority, reference=reference, **values
            )
            self.requisitions[reference] = found
            self.log.added([found])
            self.counts.added += 1
        elif reference not in self.written:
            _set(found, values, self.log, self.counts)
        self.written.add(reference)
        return found

    def candidate(self, row: dict[str, Any], requisition: Requisition) -> None:
        """The row's candidate, created or updated, with its stage events replaced."""
        fields: dict[str, Any] = {
            name: row.get(name) if row.get(name) is not None else _EMPTY.get(name)
            for name in _CANDIDATE_FIELDS
        }
        fields["hired_worker"] = self.workers.get(row["worker"]) if row.get("worker") else None
        found = Candidate.objects.filter(
            requisition=requisition, reference=row["candidate"]
        ).first()
        if found is None:
            found = Candidate.objects.create(
                requisition=requisition, reference=row["candidate"], **fields
            )
            self.log.added([found])
            self.counts.added += 1
        else:
            _set(found, fields, self.log, self.counts)
            for old in StageEvent.objects.filter(candidate=found):
                self.log.deleted(old)
                old.delete()
        events = StageEvent.objects.bulk_create(
            StageEvent(candidate=found, stage=str(stage), date=row[str(stage)])
            for stage in Stage
            if row.get(str(stage)) is not None
        )
        self.log.added(events)


def import_applicants(
    path: Path, authority: Authority, profile: ApplicantProfile, user: str | None = None
) -> FileOutcome:
    """Check the whole export, then write it in one transaction; raise if anything is wrong."""
    with import_lock(user or current_user(), f"applicants {path.name}"):
        return _import_applicants(path, authority, profile, user)


def _import_applicants(
    path: Path, authority: Authority, profile: ApplicantProfile, user: str | None
) -> FileOutcome:
    rows, problems = read_applicants(path, profile)
    if any(p.is_error for p in problems):
        raise ImportValidationError(problems)
    lookups, unknown = _lookups(rows, authority, path.name)
    if unknown:
        raise ImportValidationError([*problems, *unknown])
    with transaction.atomic():
        who = user or current_user()
        batch = new_batch(KIND, path, path.name, sha256_of(path), who, profile.name)
        batch.authority = authority
        log = ChangeLog(batch)
        writer = _Writer(authority, lookups, log)
        for row in rows:
            requisition = writer.requisition(row)
            if row["candidate"] is not None:  # else the requisition alone: no one applied yet
                writer.candidate(row, requisition)
        log.flush()
        finish_batch(batch, writer.counts, problems)
    return FileOutcome(path.name, batch, writer.counts, problems)
