"""The demo council's other staff: family support workers and early help officers in some teams.

Added after everything else, from their own random stream, as workers with spells of their own
staff group only: the social workers' records, every figure made from them and the census
return are exactly as they were without them. Each team chosen keeps a few posts filled over
the history: a worker stays some years (about one in eight leaves each year, to other social
care), and the post is filled again a few weeks later.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from thrive.codes import (
    CareerGrade,
    ContractType,
    Ethnicity,
    LeaverDestination,
    ReasonLeave,
    StartOrigin,
    TeamKind,
)
from thrive.codes.staff import StaffGroup
from thrive.demo.dates import HISTORY_END, HISTORY_START
from thrive.workforce.models import Authority, EmploymentSpell, Team, Worker

_STREAM = 1919  # this module's own random stream
# Which teams get which staff group, and how many posts each keeps filled.
_PLACES = {
    str(TeamKind.ASSESSMENT): (StaffGroup.EARLY_HELP, 4),
    str(TeamKind.CHILD_PROTECTION): (StaffGroup.FAMILY_SUPPORT, 3),
    str(TeamKind.CHILDREN_IN_CARE): (StaffGroup.FAMILY_SUPPORT, 2),
}
_PREFIX = {StaffGroup.EARLY_HELP: "EH", StaffGroup.FAMILY_SUPPORT: "FS"}
_LEAVING_PER_YEAR = 0.12
_ETHNICITIES = [str(e) for e in Ethnicity if str(e) not in ("REFU", "NOBT")]


def _people(rng: np.random.Generator, opened: date) -> list[tuple[date, date | None]]:
    """One post's holders over the history: (start, last day or None while in post)."""
    held: list[tuple[date, date | None]] = []
    start = max(opened, HISTORY_START) - timedelta(days=int(rng.integers(0, 2000)))
    while start <= HISTORY_END:
        years = rng.exponential(1 / _LEAVING_PER_YEAR)
        end = start + timedelta(days=int(years * 365.25))
        if end >= HISTORY_END:
            held.append((start, None))
            break
        held.append((start, end))
        start = end + timedelta(days=int(rng.integers(14, 90)))
    return held


def add_other_staff(authority: Authority, seed: int) -> int:
    """Add the demo's family support workers and early help officers; return how many."""
    rng = np.random.default_rng([seed, _STREAM])
    teams = Team.objects.filter(service__authority=authority, kind__in=list(_PLACES)).order_by("pk")
    workers: list[Worker] = []
    spells: list[tuple[int, Team, str, date, date | None]] = []
    count: dict[str, int] = {}
    for index, team in enumerate(teams):
        if index % 2:  # every other team of those kinds
            continue
        group, posts = _PLACES[team.kind]
        for _ in range(posts):
            for start, end in _people(rng, team.opened or HISTORY_START):
                prefix = _PREFIX[group]
                count[prefix] = count.get(prefix, 0) + 1
                workers.append(
                    Worker(
                        authority=authority,
                        pseudonym=f"{prefix}{count[prefix]:05d}",
                        swe_number=None,
                        birth_date=start - timedelta(days=int(rng.integers(21 * 365, 55 * 365))),
                        sex=str(rng.choice(["F", "F", "F", "F", "M"])),
                        ethnicity=str(rng.choice(_ETHNICITIES)),
                    )
                )
                spells.append((len(workers) - 1, team, str(group), start, end))
    Worker.objects.bulk_create(workers, batch_size=500)
    grade = CareerGrade.SOCIAL_WORKER
    made = [
        EmploymentSpell(
            worker=workers[w],
            team_id=team.pk,
            contract_type=str(ContractType.PERMANENT),
            grade=str(grade),
            org_role=int(grade.org_role),
            fte=Decimal("0.8") if rng.random() < 0.25 else Decimal(1),
            start_date=start,
            end_date=end,
            start_origin=int(StartOrigin.OTHER_SOCIAL_CARE),
            reason_leave=None if end is None else int(ReasonLeave.RESIGNATION),
            leaver_destination=None if end is None else int(LeaverDestination.OTHER_SOCIAL_CARE),
            staff_group=group,
        )
        for w, team, group, start, end in spells
    ]
    EmploymentSpell.objects.bulk_create(made, batch_size=500)
    return len(workers)
