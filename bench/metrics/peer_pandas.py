"""The named peer: the same measures in straightforward pandas, one worker at a time.

This is how the measures are often first written: group the records by worker, walk each
worker's spells, caseloads and sessions in Python, and add each worker's contribution to the
totals of their team. It follows the same definitions as ``thrive.metrics`` (DOMAIN.md), so the
two must agree figure for figure; the benchmark checks they do before it compares their speed.

``measure(frames, as_at)`` returns ``{(measure name, team or None): (numerator, denominator)}``
for the measures in :data:`MEASURES`, for the whole authority and each team.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from thrive.codes import CareerGrade
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.periods import month_start, period_start

MEASURES = (
    "fte_in_post",
    "headcount_in_post",
    "agency_fte",
    "agency_headcount",
    "agency_rate",
    "permanent_share",
    "starters_fte",
    "leavers_fte",
    "turnover_rate",
    "vacancy_fte",
    "vacancy_rate",
    "cases",
    "case_holders_fte",
    "average_caseload",
    "working_days_lost",
    "absence_rate",
    "supervised_share",
    "span_of_control",
)
RANK = {g.value: g.rank for g in CareerGrade}
Figures = dict[tuple[str, str | None], tuple[float, float | None]]


def _pandas(frame: Any) -> pd.DataFrame:
    """A pandas frame of a Polars one (dates stay ``datetime.date`` objects; no pyarrow)."""
    return pd.DataFrame(frame.to_dict(as_series=False))


def _team_names(frames: WorkforceFrames) -> dict[int, str]:
    teams = _pandas(frames.teams)
    repeated = teams["team"].duplicated(keep=False)
    return {
        int(row.team_id): f"{row.team} ({row.service})" if repeated[i] else str(row.team)
        for i, row in enumerate(teams.itertuples())
    }


def _none(value: object) -> object:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def _in_post(spell: pd.Series, day: date) -> bool:
    end = _none(spell["end_date"])
    if spell["start_date"] > day:
        return False
    if end is None or end > day:
        return True
    return end == day and _none(spell["reason_leave"]) is None


def _senior(spells: Iterable[pd.Series]) -> pd.Series:
    return sorted(spells, key=lambda s: (-RANK.get(s["grade"], -1), -s["fte"], s["spell_id"]))[0]


def measure(frames: WorkforceFrames, as_at: date) -> Figures:
    """Every measure in :data:`MEASURES`, whole authority and by team, the slow obvious way."""
    names = _team_names(frames)
    year_from, month_from = period_start(as_at), month_start(as_at)
    spells = _pandas(frames.spells)
    caseloads = _pandas(frames.caseloads).groupby("worker_id")
    supervisions = _pandas(frames.supervisions).groupby("worker_id")
    absences = _pandas(frames.absences).groupby("worker_id")
    sums: dict[tuple[str, str | None], float] = defaultdict(float)

    def add(name: str, team: str | None, amount: float) -> None:
        sums[(name, None)] += amount
        sums[(name, team)] += amount

    occupied: dict[int, float] = defaultdict(float)
    for worker_id, own in spells.groupby("worker_id"):
        rows = [row for _, row in own.iterrows()]
        there = [s for s in rows if _in_post(s, as_at)]
        employed = [s for s in there if s["contract_type"] != "agency"]
        agency = [s for s in there if s["contract_type"] == "agency"]
        for s in employed:
            add("fte_in_post", names[s["team_id"]], s["fte"])
            if _none(s["post_id"]) is not None:
                occupied[int(s["post_id"])] += s["fte"]
        for s in agency:
            add("agency_fte", names[s["team_id"]], s["fte"])
        if employed:
            add("headcount_in_post", names[_senior(employed)["team_id"]], 1)
        if agency:
            add("agency_headcount", names[_senior(agency)["team_id"]], 1)
        for s in rows:
            if s["contract_type"] == "agency":
                continue
            if _none(s["start_origin"]) is not None and year_from <= s["start_date"] <= as_at:
                add("starters_fte", names[s["team_id"]], s["fte"])
            end = _none(s["end_date"])
            if _none(s["reason_leave"]) is not None and end and year_from <= end <= as_at:
                add("leavers_fte", names[s["team_id"]], s["fte"])
        if there:
            team = names[_senior(there)["team_id"]]
            add("in_post_people", team, 1)
            cases = 0
            if worker_id in caseloads.groups:
                held = caseloads.get_group(worker_id)
                recent = held[(held["date"] <= as_at) & (held["date"] > as_at - timedelta(days=31))]
                if len(recent):
                    cases = int(recent.sort_values("date")["cases"].iloc[-1])
            if cases > 0:
                add("cases", team, cases)
                add("case_holders_fte", team, sum(s["fte"] for s in there))
            if worker_id in supervisions.groups:
                days = supervisions.get_group(worker_id)["date"]
                if ((days >= month_from) & (days <= as_at)).any():
                    add("supervised", team, 1)
        if worker_id in absences.groups:
            for _, episode in absences.get_group(worker_id).iterrows():
                start, end = episode["start_date"], episode["end_date"]
                if episode["reason"] != "SIC" or end < year_from or start > as_at:
                    continue
                covering = [
                    s
                    for s in rows
                    if s["contract_type"] != "agency"
                    and s["start_date"] <= start
                    and _in_post(s, start)
                ]
                if not covering:
                    continue
                first, last = max(start, year_from), min(end, as_at)
                inside = np.busday_count(first, last + timedelta(days=1))
                whole = np.busday_count(start, end + timedelta(days=1))
                share = (
                    inside / whole
                    if whole
                    else ((last - first).days + 1) / ((end - start).days + 1)
                )
                add("working_days_lost", names[_senior(covering)["team_id"]],
                    episode["working_days_lost"] * share)  # fmt: skip

    for post in _pandas(frames.posts).itertuples():
        end = _none(post.end_date)
        if post.start_date <= as_at and (end is None or end >= as_at):  # type: ignore[operator]
            free = round(post.funded_fte - occupied.get(int(post.post_id), 0.0), 6)
            add("vacancy_fte", names[post.team_id], max(free, 0.0))

    in_post_team: dict[int, str] = {}
    for worker_id, own in spells.groupby("worker_id"):
        there = [row for _, row in own.iterrows() if _in_post(row, as_at)]
        if there:
            in_post_team[int(worker_id)] = names[_senior(there)["team_id"]]
    reports: dict[int, int] = defaultdict(int)
    for line in _pandas(frames.line_management).itertuples():
        end = _none(line.end_date)
        if line.start_date <= as_at and (end is None or end >= as_at):  # type: ignore[operator]
            reports[int(line.manager_id)] += 1
    for manager, count in reports.items():
        team = in_post_team.get(manager, "(not recorded)")
        add("reports", team, count)
        add("managers", team, 1)
    return _figures(sums)


def _figures(sums: dict[tuple[str, str | None], float]) -> Figures:
    slices = {team for _, team in sums}
    out: Figures = {}
    for team in slices:

        def get(name: str, team: str | None = team) -> float:
            return sums.get((name, team), 0.0)

        for name in ("fte_in_post", "headcount_in_post", "agency_fte", "agency_headcount",
                     "starters_fte", "leavers_fte", "vacancy_fte", "cases", "case_holders_fte",
                     "working_days_lost"):  # fmt: skip
            if (name, team) in sums:
                out[(name, team)] = (get(name), None)
        out[("agency_rate", team)] = (get("agency_fte"), get("agency_fte") + get("fte_in_post"))
        out[("permanent_share", team)] = (
            get("headcount_in_post"),
            get("headcount_in_post") + get("agency_headcount"),
        )
        out[("turnover_rate", team)] = (get("leavers_fte"), get("fte_in_post"))
        out[("vacancy_rate", team)] = (get("vacancy_fte"), get("vacancy_fte") + get("fte_in_post"))
        out[("average_caseload", team)] = (get("cases"), get("case_holders_fte"))
        out[("absence_rate", team)] = (get("working_days_lost"), get("fte_in_post") * 253)
        out[("supervised_share", team)] = (get("supervised"), get("in_post_people"))
        out[("span_of_control", team)] = (get("reports"), get("managers"))
    return out
