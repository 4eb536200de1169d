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
from thrive.summaries.team import Caps, team_page
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


def team_rows(
    frames: WorkforceFrames,
    teams: list[dict[str, object]],
    as_at: date,
    access: Callable[[int, int], TeamAccess],
    caps: Caps,
    vacancies: dict[str, VacancyRow],
    sort: str = DEFAULT_SORT,
) -> list[TeamRow]:
    """A row for each of ``teams`` (the viewer's visible teams), ordered by ``sort``: the team
    name A to Z, or a figure largest first with withheld figures last."""
    rows = []
    for team in teams:
        team_id, service_id = int(team["team_id"]), int(team["service_id"])  # type: ignore[call-overload]
        seen = access(team_id, service_id)
        # the counts exactly as the team's own page shows them to this viewer (no names)
        page = team_page(frames, team_id, as_at, seen, frozenset(), frozenset(), caps)
        # the average caseload needs each member's cases; only the average leaves this function
        whole = team_page(frames, team_id, as_at, TeamAccess.NAMED, frozenset(), frozenset(), caps)
        cases = [m.cases for m in whole.members if m.cases is not None]
        small = group_withheld(len(whole.members), named=seen is TeamAccess.NAMED)
        average = None if small or not cases else sum(cases) / len(cases)
        vacancy = vacancies.get(str(team["team"]))
        vacancy_text = vacancy.vacancy_fte if vacancy is not None else "–"
        rows.append(
            TeamRow(
                team_id=team_id,
                team=str(team["team"]),
                service=str(team["service"]),
                closed=team.get("closed"),  # type: ignore[arg-type]
                in_post=page.headcount,
                vacancies=vacancy_text,
                caseload=NOT_SHOWN if small else formatting.number(average, "cases"),
                over_cap=page.over_cap,
                supervision_overdue=page.supervision_overdue,
                keys={
                    "in_post": page.headcount.value,
                    "vacancies": _number(vacancy_text),
                    "caseload": average,
                    "over_cap": page.over_cap.value,
                    "supervision": page.supervision_overdue.value,
                },
            )
        )
    if sort == "team" or sort not in SORTS:
        return sorted(rows, key=lambda r: (r.team.lower(), r.service))
    return sorted(
        rows,
        key=lambda r: (r.keys[sort] is None, -(r.keys[sort] or 0.0), r.team.lower()),
    )
