"""Loading the teams extract and the council's targets.

Teams: each row is one team, found by name; a team new to Thrive is created (with its service)
from its ``team_kind``, a known one updated where the file says something different (its kind,
opened and closed dates). Targets: each row is the council's target for one measure (or one
group's population share), found by measure and group. Both are upserts logged for undo, so the
same file imported twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.establishment_loaders import create_teams
from thrive.ingest.rows import Row
from thrive.workforce import models as wf

TEAM_DETAILS = {"team_kind": "kind", "opened": "opened", "closed": "closed"}
TARGET_DETAILS = ("target", "amber_within", "note")


def load_teams(rows: Sequence[Row], authority: wf.Authority, log: ChangeLog) -> Counts:
    """Create the new teams and bring the known ones up to date (rows checked and planned)."""
    counts = Counts()
    made = create_teams(rows, authority, log, ("opened", "closed"))
    for row in rows:
        if not row.ok:
            continue
        team: wf.Team = row.values["_team"]
        if team.pk in made:
            counts.added += 1
            continue
        values: dict[str, Any] = {
            column: row.values.get(name)
            for name, column in TEAM_DETAILS.items()
            if name in row.present
        }
        if values.get("kind") is None:  # an empty team_kind leaves a known team's kind be
            values.pop("kind", None)
        if save_changes(team, values, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def load_targets(rows: Sequence[Row], authority: wf.Authority, log: ChangeLog) -> Counts:
    """Add or update the council's target for each row's measure (and group)."""
    counts = Counts()
    stored = {(t.measure, t.group): t for t in wf.MeasureTarget.objects.filter(authority=authority)}
    for row in rows:
        if not row.ok:
            continue
        v = row.values
        values = {name: v.get(name) for name in TARGET_DETAILS if name in row.present}
        if "note" in values and values["note"] is None:
            values["note"] = ""
        found = stored.get((v["measure"], v["group"]))
        if found is None:
            target = wf.MeasureTarget.objects.create(
                authority=authority, measure=v["measure"], group=v["group"], **values
            )
            stored[(target.measure, target.group)] = target
            log.added([target])
            counts.added += 1
        elif save_changes(found, values, log):
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts
