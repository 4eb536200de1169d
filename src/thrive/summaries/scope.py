"""Who may see what: a user's role and the part of the council whose people they may see named.

The rules ("Who sees what" in ``docs/web.md``):

- **HR admin** sees everything, named, in their authority, and runs imports and the admin.
- **Leadership** sees every aggregate; the only people named to them are managers (so a team's
  manager can be named beside its figures). They cannot open a worker's record.
- **Service manager** sees the named workers of the teams in their service.
- **Team manager** sees the named workers of their own team only.

"Named workers of a team" are those with an employment spell in the team at any time from the
start of the collection year up to the date the page is "as at", so this year's leavers and
movers still show on the team they left. Everyone may see their own record. A team page outside a
manager's scope is refused (403) rather than shown in outline; leadership gets every team page in
aggregate only. Figures about people outside a user's named scope are suppressed below the
small-number threshold (see :mod:`thrive.summaries.suppression`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

import polars as pl
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from thrive.codes import CareerGrade, Role
from thrive.frames.dates import overlaps
from thrive.frames.workforce import WorkforceFrames
from thrive.summaries.periods import collection_year_start
from thrive.workforce.models import UserAccess

MANAGER_GRADES = [str(g) for g in CareerGrade if g.is_manager]


class NoAccessError(PermissionDenied):
    """The user is signed in but has no role in any authority: they see nothing."""


class OutOfScopeError(PermissionDenied):
    """The user asked for a team or worker outside their scope: a 403, with no data."""


class TeamAccess(Enum):
    """How much of one team's page a user may see."""

    NAMED = "named"
    AGGREGATE = "aggregate"
    DENIED = "denied"


@dataclass(frozen=True)
class Scope:
    """A signed-in user's role and scope, as plain values (no model instances)."""

    username: str
    role: Role
    authority_id: int
    service_id: int | None = None
    team_id: int | None = None
    own_worker_id: int | None = None

    @property
    def is_hr_admin(self) -> bool:
        return self.role is Role.HR_ADMIN

    @property
    def sees_everyone_named(self) -> bool:
        return self.role is Role.HR_ADMIN

    @property
    def key(self) -> str:
        """What distinguishes this scope in a cache key: two users with equal keys see alike."""
        return f"{self.role}:{self.authority_id}:{self.service_id}:{self.team_id}"

    def team_access(self, team_id: int, service_id: int) -> TeamAccess:
        """How much of one team's page this user may see."""
        if self.role is Role.HR_ADMIN:
            return TeamAccess.NAMED
        if self.role is Role.LEADERSHIP:
            return TeamAccess.AGGREGATE
        if self.role is Role.SERVICE_MANAGER and service_id == self.service_id:
            return TeamAccess.NAMED
        if self.role is Role.TEAM_MANAGER and team_id == self.team_id:
            return TeamAccess.NAMED
        return TeamAccess.DENIED

    def named_teams(self, teams: pl.DataFrame) -> set[int]:
        """The teams whose workers this user may see named."""
        return {
            team_id
            for team_id, service_id in teams.select("team_id", "service_id").iter_rows()
            if self.team_access(team_id, service_id) is TeamAccess.NAMED
        }

    def visible_teams(self, teams: pl.DataFrame) -> pl.DataFrame:
        """The teams whose page this user may open (named or in aggregate), by name."""
        keep = [
            self.team_access(team_id, service_id) is not TeamAccess.DENIED
            for team_id, service_id in teams.select("team_id", "service_id").iter_rows()
        ]
        return teams.filter(pl.Series(keep, dtype=pl.Boolean)).sort("service", "team")

    def named_workers(self, frames: WorkforceFrames, as_at: date) -> frozenset[int]:
        """The workers whose names may appear on a page "as at" this date."""
        own = {self.own_worker_id} if self.own_worker_id is not None else set()
        if self.role is Role.HR_ADMIN:
            return frozenset(frames.workers["worker_id"].to_list())
        window = _spells_in_window(frames.spells, as_at)
        if self.role is Role.LEADERSHIP:
            managers = window.filter(pl.col("grade").is_in(MANAGER_GRADES))
            return frozenset(managers["worker_id"].unique().to_list()) | own
        teams = self.named_teams(frames.teams)
        in_teams = window.filter(pl.col("team_id").is_in(list(teams)))
        return frozenset(in_teams["worker_id"].unique().to_list()) | own

    def may_open_record(
        self,
        frames: WorkforceFrames,
        worker_id: int,
        as_at: date,
        named: frozenset[int] | None = None,
    ) -> bool:
        """Whether this user may open one worker's record (personal details, history).

        ``named``: :meth:`named_workers` for ``as_at``, if the caller has it already.
        """
        if self.role is Role.HR_ADMIN or worker_id == self.own_worker_id:
            return True
        if self.role is Role.LEADERSHIP:
            return False
        return worker_id in (named if named is not None else self.named_workers(frames, as_at))


def _spells_in_window(spells: pl.DataFrame, as_at: date) -> pl.DataFrame:
    start = collection_year_start(as_at)
    return spells.filter(overlaps(start, as_at))


def scope_for(user: AbstractBaseUser | AnonymousUser) -> Scope:
    """The scope of a signed-in user, from their UserAccess record.

    Raises :class:`NoAccessError` for a user with no access record (an account with no role sees
    nothing, whatever its Django flags say).
    """
    if not user.is_authenticated:
        raise NoAccessError("Sign in to see your workforce.")
    access = (
        UserAccess.objects.filter(user_id=user.pk or 0)
        .values("role", "authority_id", "service_id", "team_id", "worker_id")
        .first()
    )
    if access is None:
        raise NoAccessError("This account has no role in Thrive yet: ask your HR admin.")
    return Scope(
        username=user.get_username(),
        role=Role(access["role"]),
        authority_id=access["authority_id"],
        service_id=access["service_id"],
        team_id=access["team_id"],
        own_worker_id=access["worker_id"],
    )
