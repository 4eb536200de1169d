"""The Teams index as a comparison table: each team the viewer may open, side by side.

One row a team: people in post, FTE vacancies, average caseload, case holders over their cap and
supervision overdue. Every count is the one the team's own page shows this viewer
(:func:`thrive.summaries.team.team_page`, so the same small-number rules), the average caseload is
withheld wherever the team page withholds the team's figures, and the vacancies are the
Workforce page's for this viewer. Sorting is by a column name, so it works without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from thrive.frames.workforce import WorkforceFrames
from thrive.summaries import formatting
from thrive.summaries.scope import TeamAccess
from thrive.summaries.suppression import NOT_SHOWN, ShownCount, group_withheld
from thrive.summaries.team import Caps, UnknownTeamError, team_page
from thrive.summaries.vacancies_by_group import VacancyRow

SORTS = {
    "team": "Team",
    "in_post": "In post",
    "vacancies": "Vacancies (FTE)",
    "caseload": "Average caseload",
    "over_cap": "Over caseload cap",
    "supervision": "Supervision overdue",
}
DEFAULT_SORT = "team"


@dataclass(frozen=True)
class TeamRow:
    team_id: int
    team: str
    service: str
    closed: date | None
    in_post: ShownCount
    vacancies: str
    caseload: str
    over_cap: ShownCount
    supervision_overdue: ShownCount
    # the figures the columns sort by (None: withheld or not known, sorted last)
    keys: dict[str, float | None]


def _number(text: str) -> float | None:
    """The figure at the start of a shown value ("2.5 FTE"), None where it is withheld."""
    found = re.match(r"-?[\d,]+(?:\.\d+)?", text)
    return float(found.group().replace(",", "")) if found else None


@dataclass(frozen=True)
class TeamSeen:
    """One team's index figures as a viewer with one kind of access sees them."""

    in_post: ShownCount
    over_cap: ShownCount
    supervision_overdue: ShownCount
    caseload: str
    average: float | None


def team_index_figures(
    frames: WorkforceFrames, as_at: date, caps: Caps
) -> dict[tuple[int, TeamAccess], TeamSeen]:
    """Every team's figures, as one who may name its people sees them and as one who sees it
    in aggregate: the same for every viewer, so worked out once for the authority (a team's
    page twice a team: seconds for a consortium's 500 teams, too long for each viewer)."""
    found = {}
    for team_id in frames.teams["team_id"].to_list():
        try:
            whole = team_page(
                frames, team_id, as_at, TeamAccess.NAMED, frozenset(), frozenset(), caps
            )
            aggregate = team_page(
                frames, team_id, as_at, TeamAccess.AGGREGATE, frozenset(), frozenset(), caps
            )
        except UnknownTeamError:
            continue
        # the average caseload needs each member's cases; only the average leaves this function
        cases = [m.cases for m in whole.members if m.cases is not None]
        for access, page in ((TeamAccess.NAMED, whole), (TeamAccess.AGGREGATE, aggregate)):
            small = group_withheld(len(whole.members), named=access is TeamAccess.NAMED)
            average = None if small or not cases else sum(cases) / len(cases)
            found[(team_id, access)] = TeamSeen(
                in_post=page.headcount,
                over_cap=page.over_cap,
                supervision_overdue=page.supervision_overdue,
                caseload=NOT_SHOWN if small else formatting.number(average, "cases"),
                average=average,
            )
    return found


def team_rows(
    figures: dict[tuple[int, TeamAccess], TeamSeen],
    teams: list[dict[str, object]],
    access: Callable[[int, int], TeamAccess],
    vacancies: dict[str, VacancyRow],
    sort: str = DEFAULT_SORT,
) -> list[TeamRow]:
    """A row for each of ``teams`` (the viewer's visible teams), the counts exactly as each
    team's own page shows them to this viewer (no names), ordered by ``sort``: the team name A
    to Z, or a figure largest first with withheld figures last."""
    rows = []
    for team in teams:
        team_id, service_id = int(team["team_id"]), int(team["service_id"])  # type: ignore[call-overload]
        seen = figures.get((team_id, access(team_id, service_id)))
        if seen is None:
            continue
        vacancy = vacancies.get(str(team["team"]))
        vacancy_text = vacancy.vacancy_fte if vacancy is not None else "–"
        rows.append(
            TeamRow(
                team_id=team_id,
                team=str(team["team"]),
                service=str(team["service"]),
                closed=team.get("closed"),  # type: ignore[arg-type]
                in_post=seen.in_post,
                vacancies=vacancy_text,
                caseload=seen.caseload,
                over_cap=seen.over_cap,
                supervision_overdue=seen.supervision_overdue,
                keys={
                    "in_post": seen.in_post.value,
                    "vacancies": _number(vacancy_text),
                    "caseload": seen.average,
                    "over_cap": seen.over_cap.value,
                    "supervision": seen.supervision_overdue.value,
                },
            )
        )
    if sort == "team" or sort not in SORTS:
        return sorted(rows, key=lambda r: (r.team.lower(), r.service))
    return sorted(
        rows,
        key=lambda r: (r.keys[sort] is None, -(r.keys[sort] or 0.0), r.team.lower()),
    )
