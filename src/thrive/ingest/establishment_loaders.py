"""Loading the posts extract (the establishment) and the leavers extract.

Posts: each row is one funded post of a team, keyed by team and post reference; a team (and its
service) new to Thrive is created when the row gives its ``team_kind``. Leavers: each row ends
the worker's spell that covers the leaving date, with the reason and destination; any other
open spells of the worker end on the same day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.lookups import TeamIndex, WorkerIndex
from thrive.ingest.practice_loaders import resolve_workers
from thrive.ingest.rows import Row
from thrive.problems import Problem
from thrive.workforce import models as wf


def plan_posts(rows: Sequence[Row], teams: TeamIndex, file: str) -> None:
    """Check each row's team (a post's, or a row of the teams extract) is in its service, or
    can be made (``team_kind`` given)."""
    for row in rows:
        if not row.ok:
            continue
        team, _why = teams.find(str(row.values["team"]))
        if team is not None:
            if team.service.name.casefold() != str(row.values["service"]).casefold():
                row.problems.append(
                    Problem(
                        file,
                        f"row {row.number}",
                        "service",
                        str(row.values["service"]),
                        f"{team.service.name!r}, the service team {team.name!r} is in",
                    )
                )
            row.values["_team"] = team
        elif not row.values.get("team_kind"):
            row.problems.append(
                Problem(
                    file,
                    f"row {row.number}",
                    "team_kind",
                    "",
                    f"a team kind, to create team {row.values['team']!r} (it is new to Thrive)",
                )
            )


def create_teams(
    rows: Sequence[Row], authority: wf.Authority, log: ChangeLog, details: tuple[str, ...] = ()
) -> set[int]:
    """Make the teams (and services) the rows name that are new to Thrive, with the row's
    ``details`` (e.g. ``opened``); each good row gets its ``_team``. The ids of the teams made."""
    made: dict[str, wf.Team] = {}
    for row in rows:
        if "_team" in row.values or not row.ok:
            continue
        name = str(row.values["team"])
        if name.casefold() not in made:
            service, created = wf.Service.objects.get_or_create(
                authority=authority, name=str(row.values["service"])
            )
            if created:
                log.added([service])
            extra = {n: row.values.get(n) for n in details}
            team = wf.Team.objects.create(
                service=service, name=name, kind=row.values["team_kind"], **extra
            )
            log.added([team])
            made[name.casefold()] = team
        row.values["_team"] = made[name.casefold()]
    return {team.pk for team in made.values()}


def load_posts(rows: Sequence[Row], authority: wf.Authority, log: ChangeLog) -> Counts:
    counts = Counts()
    create_teams(rows, authority, log)
    existing = {
        (p.team_id, p.reference): p
        for p in wf.EstablishmentPost.objects.filter(team__service__authority=authority)
    }
    new = []
    for row in rows:
        if not row.ok:
            continue
        team = row.values["_team"]
        values: dict[str, Any] = {
            n: row.values.get(n) for n in ("grade", "funded_fte", "start_date", "end_date")
        }
        post = existing.get((team.pk, row.values["reference"]))
        if post is None:
            new.append(wf.EstablishmentPost(team=team, reference=row.values["reference"], **values))
        elif save_changes(post, values, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    wf.EstablishmentPost.objects.bulk_create(new)
    log.added(new)
    counts.added += len(new)
    return counts


def plan_leavers(rows: Sequence[Row], workers: WorkerIndex, file: str) -> None:
    """Find each leaver's spell covering the leaving date; problems go on the rows."""
    resolve_workers(rows, workers, file)
    ids = [r.values["_worker"].pk for r in rows if r.ok]
    spells: dict[int, list[wf.EmploymentSpell]] = {}
    for start in range(0, len(ids), 900):
        for spell in wf.EmploymentSpell.objects.filter(worker_id__in=ids[start : start + 900]):
            spells.setdefault(spell.worker_id, []).append(spell)
    for row in rows:
        if not row.ok:
            continue
        day: date = row.values["leaving_date"]
        mine = [s for s in spells.get(row.values["_worker"].pk, []) if not s.is_agency]
        covering = [
            s for s in mine if s.start_date <= day and (s.end_date is None or s.end_date >= day)
        ]
        later = [s for s in mine if s.start_date > day]
        where = f"row {row.number}"
        if later:
            row.problems.append(
                Problem(
                    file,
                    where,
                    "leaving_date",
                    day.isoformat(),
                    "a date on or after the start of the worker's last spell "
                    f"({max(s.start_date for s in later)})",
                )
            )
        elif not covering:
            row.problems.append(
                Problem(
                    file,
                    where,
                    "leaving_date",
                    day.isoformat(),
                    "a date when the worker was employed (no employment spell covers it)",
                )
            )
        else:
            row.values["_spells"] = covering


def load_leavers(rows: Sequence[Row], log: ChangeLog) -> Counts:
    counts = Counts()
    for row in rows:
        if not row.ok:
            continue
        day = row.values["leaving_date"]
        spells: list[wf.EmploymentSpell] = sorted(row.values["_spells"], key=lambda s: s.org_role)
        changed = False
        for i, spell in enumerate(spells):
            values: dict[str, Any] = {"end_date": day}
            if i == 0:
                values["reason_leave"] = row.values["reason_leave"]
                values["leaver_destination"] = row.values["leaver_destination"]
            changed = save_changes(spell, values, log) or changed
        if changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts
