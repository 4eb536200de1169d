"""The Leavers page's view model: who left, from where, and who they were.

- the leaving measures against their targets, with change and a 12-quarter trend;
- leavers and turnover by service, team and grade (the registry's slices), small counts
  suppressed for viewers who may not see those teams' people named; the turnover-by-team chart
  draws only teams with at least :data:`CHART_MIN_IN_POST` in post (a one-person team's 100%
  says little), says how many it leaves out, and labels each bar with its counts;
- leavers by the census reason for leaving, destination and years with the council, for the
  whole council and by grade or team (:mod:`thrive.summaries.leaver_groups`);
- leavers by ethnicity, sex and age band beside the workforce (are we losing some groups
  faster?), suppressed by the registry below the threshold outside HR.

All from the metrics registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from django.utils.safestring import SafeString

from thrive import metrics
from thrive.codes import CareerGrade, Sex
from thrive.codes.lifecycle import LeavingReason
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Result, Targets
from thrive.summaries import charts, formatting
from thrive.summaries.feedback_results import ExitsResult
from thrive.summaries.leaver_groups import Breakdown, breakdowns
from thrive.summaries.overview import OverviewPage, overview_page
from thrive.summaries.periods import in_post
from thrive.summaries.suppression import (
    NOT_SHOWN,
    figure_withheld,
    group_sizes,
    group_withheld,
    shown_count,
    shown_parts,
    threshold,
)

LEAVING_MEASURES = (
    "leavers_headcount",
    "leavers_fte",
    "turnover_rate",
    "turnover_rate_headcount",
    "practitioner_turnover_rate",
    "stability_index",
    "retention_rate",
)
SLICE_MEASURES = ("leavers_headcount", "leavers_fte", "turnover_rate")
GROUPS = (("ethnicity", "Ethnic group"), ("sex", "Sex"), ("age_band", "Age band"))
CHART_MIN_IN_POST = 5  # a team drawn in the turnover chart has at least this many in post
CHART_MOST_TEAMS = 15


@dataclass(frozen=True)
class SliceRow:
    name: str
    leavers: str
    fte: str
    turnover: str
    value: float | None
    in_post: int | None = None  # people in post on the day (teams only)


@dataclass(frozen=True)
class GroupRow:
    group: str
    leavers: str
    workforce: str


@dataclass(frozen=True)
class LeaversPage:
    measures: OverviewPage
    period: str
    by_service: list[SliceRow]
    by_grade: list[SliceRow]
    by_team: list[SliceRow]
    team_chart: SafeString | None
    team_chart_caption: str
    groups: list[tuple[str, list[GroupRow]]]
    reasons: Any = None
    losses: list[Any] = field(default_factory=list)
    census: list[Breakdown] = field(default_factory=list)


def leavers_page(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    named_teams: set[str],
    named_services: set[str],
    hr: bool,
    exits: ExitsResult | None = None,
    census_by: str = "grade",
) -> LeaversPage:
    """``exits``: ``thrive.summaries.results.exits_summary`` by year (exit interviews), if any;
    ``census_by``: show the reasons, destinations and years with the council by "grade" or
    "team"."""
    registry = metrics.measures()
    chosen = [registry[name] for name in LEAVING_MEASURES if name in registry]
    measures = overview_page(frames, as_at, targets, named=hr, chosen=chosen)
    by_team = _slices(frames, as_at, targets, "team", named_teams, hr)
    team_chart, team_chart_caption = turnover_chart(by_team)
    return LeaversPage(
        measures=measures,
        period=f"the year to {formatting.day(as_at)}",
        by_service=_slices(frames, as_at, targets, "service", named_services, hr),
        by_grade=_slices(frames, as_at, targets, "grade", set(), hr),
        by_team=by_team,
        team_chart=team_chart,
        team_chart_caption=team_chart_caption,
        groups=_groups(frames, as_at, targets, hr),
        reasons=exit_reasons(exits, as_at.year + 1 if as_at.month >= 10 else as_at.year, named=hr),
        losses=team_losses(exits, named=hr),
        census=breakdowns(
            frames,
            as_at,
            targets,
            by=census_by,
            named=named_teams if census_by == "team" else set(),
            hr=hr,
        ),
    )


def turnover_chart(by_team: list[SliceRow]) -> tuple[SafeString | None, str]:
    """The turnover-by-team chart and its caption: the teams with the highest turnover among
    those with at least :data:`CHART_MIN_IN_POST` in post, each bar labelled with its leavers
    and people in post. Teams whose figures are withheld from the viewer are not drawn; teams
    too small to draw are counted in the caption (their figures are in the table of every
    team). None with fewer than 3 teams to draw."""
    shown = [r for r in by_team if r.value is not None]
    drawn = [r for r in shown if (r.in_post or 0) >= CHART_MIN_IN_POST]
    ranked = sorted((r for r in drawn if (r.value or 0) > 0), key=lambda r: -(r.value or 0))
    ranked = ranked[:CHART_MOST_TEAMS]
    small = len(shown) - len(drawn)
    caption = (
        f"Turnover rate in the {len(ranked)} teams with the highest, with each team's leavers "
        f"in the year and people in post. Teams with fewer than {CHART_MIN_IN_POST} in post "
        f"are left out ({small} {'team' if small == 1 else 'teams'})"
        ", and so are teams whose figures are withheld for you: every team is in the table "
        "below."
    )
    if len(ranked) < 3:
        return None, caption
    chart = charts.bar_chart(
        [
            (
                f"{r.name}\n({r.leavers} {'leaver' if r.leavers == '1' else 'leavers'}, "
                f"{r.in_post} in post)",
                r.value or 0.0,
            )
            for r in ranked
        ],
        x_title="Turnover rate (%)",
        description=f"Turnover rate in the {len(ranked)} teams with the highest and at least "
        f"{CHART_MIN_IN_POST} in post: the figures are in the table below",
    )
    return chart, caption


def _in_post_by_team(frames: WorkforceFrames, as_at: date) -> dict[str, int]:
    """People in post in each team on ``as_at``, each counted once."""
    spells = frames.spells.join(frames.teams.select("team_id", "team"), on="team_id")
    counted = in_post(spells, as_at).group_by("team").agg(pl.col("worker_id").n_unique())
    return {team: n for team, n in counted.iter_rows() if team is not None}


def _slices(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    by: str,
    named: set[str],
    hr: bool,
) -> list[SliceRow]:
    registry = metrics.measures()
    found: dict[str, dict[str, Result]] = {}
    for r in metrics.compute(
        frames, as_at, by=by, names=list(SLICE_MEASURES), targets=targets, hr=hr, compare=False
    ):
        if r.slice is not None:
            found.setdefault(r.slice[by], {})[r.name] = r
    sizes = group_sizes(frames, as_at, by) if by in ("team", "service") else {}
    in_post_now = _in_post_by_team(frames, as_at) if by == "team" else {}
    rows = []
    for key, results in found.items():
        name = _grade_label(key) if by == "grade" else key
        sees = hr or key in named
        # A team or service of fewer people than the threshold shows no figure (zeros too).
        small = by in ("team", "service") and group_withheld(sizes.get(key, 0), named=sees)
        leavers = results.get("leavers_headcount")
        hidden = leavers is not None and figure_withheld(
            registry["leavers_headcount"], leavers, sees, group_small=small
        )
        turnover = results.get("turnover_rate")
        rate_hidden = turnover is not None and figure_withheld(
            registry["turnover_rate"], turnover, sees, group_small=small
        )

        def shown(r: Result | None, unit: str) -> str:
            return formatting.number(r.value if r else None, unit)

        rows.append(
            SliceRow(
                name=name,
                leavers=(NOT_SHOWN if small else f"fewer than {threshold()}")
                if hidden
                else shown(leavers, "people"),
                fte="–" if hidden else shown(results.get("leavers_fte"), "FTE"),
                turnover="–" if hidden or rate_hidden else shown(turnover, "%"),
                value=None if hidden or rate_hidden or turnover is None else turnover.value,
                in_post=in_post_now.get(key, 0) if by == "team" else None,
            )
        )
    return sorted(rows, key=lambda r: r.name)


def _grade_label(code: str) -> str:
    try:
        return CareerGrade(code).label
    except ValueError:
        return code


def _groups(
    frames: WorkforceFrames, as_at: date, targets: Targets, hr: bool
) -> list[tuple[str, list[GroupRow]]]:
    names = [f"{who}_by_{group}" for group, _ in GROUPS for who in ("leavers", "workforce")]
    found: dict[str, dict[str, Result]] = {}
    for r in metrics.compute(frames, as_at, names=names, targets=targets, hr=hr, compare=False):
        breakdown = metrics.measure(r.name).breakdown
        if r.slice is not None and breakdown in r.slice:
            found.setdefault(r.name, {})[r.slice[breakdown]] = r
    sections = []
    for group, title in GROUPS:
        leavers = found.get(f"leavers_by_{group}", {})
        workforce = found.get(f"workforce_by_{group}", {})
        rows = []
        for value in sorted(set(leavers) | set(workforce), key=_group_order):
            left, staying = leavers.get(value), workforce.get(value)
            rows.append(GroupRow(_group_label(group, value), _share(left), _share(staying)))
        sections.append((title, rows))
    return sections


AGE_ORDER = ("Under 30", "30 to 39", "40 to 49", "50 to 59", "60 and over")


def _group_order(value: str) -> tuple[int, str]:
    return (AGE_ORDER.index(value) if value in AGE_ORDER else len(AGE_ORDER), value)


def _group_label(group: str, value: str) -> str:
    if group == "sex":
        try:
            return Sex(value).label
        except ValueError:
            return value
    return value


def _share(r: Result | None) -> str:
    if r is None:
        return "–"
    if r.suppressed or r.value is None:
        return f"fewer than {threshold()}" if r.suppressed else "–"
    count = "" if r.numerator is None else f" ({r.numerator:,.0f})"
    return f"{formatting.number(r.value, '%')}{count}"


@dataclass(frozen=True)
class Reasons:
    """Exit-interview reasons for one collection year (from ``thrive.retention``)."""

    year: int
    interviews: str
    would_return: str
    would_recommend: str
    rows: list[tuple[str, str, str]]
    suppressed: bool


@dataclass(frozen=True)
class TeamLoss:
    team: str
    service: str
    leavers: str
    rate: str
    interviewed: str
    top_reason: str


def exit_reasons(summary: ExitsResult | None, year: int, named: bool) -> Reasons | None:
    """The year's main reasons for leaving from ``thrive.summaries.results.exits_summary``.

    A reason given by fewer than the threshold is shown as such outside HR (its share too,
    which would give the count away).
    """
    rows = [r for r in (summary.reasons if summary else []) if r.get("year") == year]
    if not rows:
        return None
    first = rows[0]
    hidden = bool(first.get("suppressed"))
    # The reasons add up to the interviews shown above them: a lone small one is protected.
    counts = [int(r.get("main_reason") or 0) for r in rows]
    total = first.get("interviews")
    parts = shown_parts(
        counts, named=named, total_shown=not hidden, total=None if total is None else int(total)
    )
    shown = [
        (
            str(r.get("label") or r.get("reason")),
            "–" if r.get("main_reason") is None else str(part),
            "–" if part.suppressed else formatting.number(r.get("main_reason_pct"), "%"),
        )
        for r, part in zip(rows, parts, strict=True)
    ]
    return Reasons(
        year=year,
        interviews=f"fewer than {threshold()}" if hidden else str(first.get("interviews")),
        would_return="–" if hidden else formatting.number(first.get("would_return_pct"), "%"),
        would_recommend="–" if hidden else formatting.number(first.get("would_recommend_pct"), "%"),
        rows=[] if hidden else shown,
        suppressed=hidden,
    )


def team_losses(summary: ExitsResult | None, named: bool = False) -> list[TeamLoss]:
    """Teams' leavers over the year and their most common reason, what the viewer may see.

    Outside the named scope a team's leavers of 1 to 4 are withheld with everything about
    them; so is a count of interviews of 1 to 4, or one that leaves 1 to 4 leavers not
    interviewed (the complement), and the most common reason and "would come back" of fewer
    interviews than the threshold (:mod:`thrive.summaries.suppression`).
    """
    labels = {str(r): r.label for r in LeavingReason}
    out = []
    for r in summary.team_losses if summary else []:
        if r.suppressed and not named:
            leavers, rate, interviewed, reason = f"fewer than {threshold()}", "–", "–", None
        elif not r.leavers:
            continue
        else:
            leavers = str(r.leavers)
            rate = formatting.number(r.leaving_rate, "%")
            talked = int(r.interviewed or 0)
            shown = shown_count(talked, named=named, within=int(r.leavers))
            interviewed = str(shown) if r.interviewed is not None else "–"
            enough = not shown.suppressed and talked >= threshold()
            reason = r.top_reason if named or enough else None
        out.append(
            TeamLoss(
                team=str(r.team),
                service=str(r.service or ""),
                leavers=leavers,
                rate=rate,
                interviewed=interviewed,
                top_reason=labels.get(str(reason), str(reason)) if reason else "–",
            )
        )
    return sorted(out, key=lambda t: (t.leavers.startswith("fewer"), t.team))
