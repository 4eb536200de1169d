"""The workforce in a viewer's scope as data (the API): each team's headcount, and the workers
the viewer may see named.

Teams are those whose page the viewer may open (:meth:`Scope.visible_teams`); a team's
headcount and FTE are withheld from a viewer outside its named scope when the team is small
(:mod:`thrive.summaries.suppression`), as on the Team page. Workers are listed only when the
viewer may see them named (:meth:`Scope.named_workers`: HR everyone, leadership the managers,
a manager their own team or service), so the list never holds anyone the pages would not name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from thrive.frames.workforce import WorkforceFrames
from thrive.summaries.periods import in_post
from thrive.summaries.scope import OutOfScopeError, Scope, TeamAccess
from thrive.summaries.suppression import group_withheld


class UnknownTeamIdError(LookupError):
    """No team with that id in the authority's records."""


@dataclass(frozen=True)
class RosterTeam:
    """A team in the viewer's scope. ``named``: whether the viewer may see its people named;
    ``headcount`` and ``fte`` are None when withheld (a small team outside the viewer's named
    scope)."""

    team_id: int
    team: str
    service: str
    named: bool
    headcount: int | None
    fte: float | None


@dataclass(frozen=True)
class RosterWorker:
    """A worker the viewer may see named, in post on the date asked for."""

    pseudonym: str
    name: str
    team_id: int
    team: str
    service: str
    grade: str
    contract: str
    fte: float


@dataclass(frozen=True)
class Roster:
    as_at: date
    teams: list[RosterTeam]
    workers: list[RosterWorker]


def roster(
    frames: WorkforceFrames, as_at: date, scope: Scope, team_id: int | None = None
) -> Roster:
    """Who is in post ``as_at`` in the teams ``scope`` may open (or the one team ``team_id``)."""
    teams = scope.visible_teams(frames.teams)
    if team_id is not None:
        found = frames.teams.filter(pl.col("team_id") == team_id)
        if found.is_empty():
            raise UnknownTeamIdError(f"No team {team_id}")
        if scope.team_access(team_id, found["service_id"][0]) is TeamAccess.DENIED:
            raise OutOfScopeError("This team is outside the part of the council you manage.")
        teams = teams.filter(pl.col("team_id") == team_id)
    named_teams = scope.named_teams(frames.teams)
    posts = in_post(frames.spells, as_at).filter(
        pl.col("team_id").is_in(teams["team_id"].to_list())
    )
    out_teams = []
    for row in teams.iter_rows(named=True):
        here = posts.filter(pl.col("team_id") == row["team_id"])
        count = here["worker_id"].n_unique()
        named = row["team_id"] in named_teams
        withheld = group_withheld(count, named=named)
        out_teams.append(
            RosterTeam(
                team_id=row["team_id"],
                team=row["team"],
                service=row["service"],
                named=named,
                headcount=None if withheld else count,
                fte=None if withheld else round(float(here["fte"].sum()), 2),
            )
        )
    visible_names = scope.named_workers(frames, as_at)
    shown = posts.filter(pl.col("worker_id").is_in(list(visible_names))).join(
        frames.workers.select("worker_id", "pseudonym", "name"), on="worker_id"
    )
    shown = shown.join(frames.teams.select("team_id", "team", "service"), on="team_id")
    workers = [
        RosterWorker(
            pseudonym=r["pseudonym"],
            name=r["name"],
            team_id=r["team_id"],
            team=r["team"],
            service=r["service"],
            grade=r["grade"] or "",
            contract=r["contract_type"] or "",
            fte=round(float(r["fte"] or 0.0), 2),
        )
        for r in shown.sort("service", "team", "pseudonym").iter_rows(named=True)
    ]
    return Roster(as_at, out_teams, workers)
