"""The Workforce page's view model: who we employ and how that changed.

- the permanent and agency mix over the last five years (quarter ends);
- vacancies by team and by grade;
- a starters-and-leavers waterfall that reconciles: in post a year ago + starters - leavers
  +/- changes of hours and contract = in post now, with any unexplained difference shown;
- agency workers occupying establishment posts, by team.

Every figure comes from the metrics registry; this module arranges and draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString

from thrive import metrics
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Result, Targets
from thrive.summaries import charts, formatting, palette
from thrive.summaries.periods import quarter_ends
from thrive.summaries.suppression import (
    ShownCount,
    figure_withheld,
    people_result,
    shown_count,
    with_people,
)
from thrive.summaries.vacancies_by_group import (
    WHOLE,
    VacancyFigures,
    VacancyRow,
    shown_rows,
    vacancy_slices,
)

MIX_QUARTERS = 20
WATERFALL_STEPS = (
    ("starters_fte", "Starters", 1),
    ("leavers_fte", "Leavers", -1),
    ("fte_changes", "Hours changed", 1),
    ("moved_in_fte", "Moved in from another contract", 1),
    ("moved_out_fte", "Moved out to another contract", -1),
    ("other_in_fte", "Not explained: in", 1),
    ("other_out_fte", "Not explained: out", -1),
)


@dataclass(frozen=True)
class AgencyRow:
    team: str
    workers: ShownCount
    fte: str


@dataclass(frozen=True)
class WaterfallStep:
    label: str
    fte: str
    sign: str


@dataclass(frozen=True)
class WorkforcePage:
    as_at: date
    mix_chart: SafeString | None
    mix_rows: list[tuple[date, str, str, str]]
    vacancies_by_team: list[VacancyRow]
    vacancies_by_service: list[VacancyRow]
    vacancies_by_grade: list[VacancyRow]
    vacancy_chart: SafeString | None
    waterfall_chart: SafeString | None
    waterfall: list[WaterfallStep]
    waterfall_withheld: bool
    balances: bool
    agency_in_posts: list[AgencyRow]
    agency_total: ShownCount


@dataclass(frozen=True)
class WorkforceFigures:
    """The Workforce page's figures for an "as at" date: the same for every viewer of one kind
    (HR, who see small groups, or anyone else), so worked out once for the authority; each
    viewer's page withholds what they may not see (:func:`workforce_page`)."""

    as_at: date
    mix_chart: SafeString | None
    mix_rows: list[tuple[date, str, str, str]]
    by_team: list[VacancyFigures]
    by_service: list[VacancyFigures]
    by_grade: list[VacancyFigures]
    services: dict[str, frozenset[str]]
    waterfall_chart: SafeString | None
    waterfall: list[WaterfallStep]
    waterfall_withheld: bool
    balances: bool
    agency_in_posts: list[tuple[str, int, float | None]]
    agency_total: int


def workforce_figures(
    frames: WorkforceFrames, as_at: date, targets: Targets, *, hr: bool, who: str = "social workers"
) -> WorkforceFigures:
    """Work out the page's figures (``hr``: HR's, with the agency counts of small teams;
    ``who``: the staff group, in words, the frames hold)."""
    mix_rows, mix_chart = _mix(frames, as_at, targets, hr, who)
    steps, balances, waterfall_chart = _waterfall(frames, as_at, targets)
    # The steps are FTE starters and leavers: beside a withheld count of starters or leavers
    # they would give it away, so only HR see them then.
    waterfall_withheld = not hr and _flows_withheld(frames, as_at, targets)
    if waterfall_withheld:
        steps, waterfall_chart = [], None
    agency, total = _agency_in_posts(frames, as_at, targets, hr)
    return WorkforceFigures(
        as_at=as_at,
        mix_chart=mix_chart,
        mix_rows=mix_rows,
        by_team=vacancy_slices(frames, as_at, targets, "team"),
        by_service=vacancy_slices(frames, as_at, targets, "service"),
        by_grade=vacancy_slices(frames, as_at, targets, "grade"),
        services={
            service: frozenset(names)
            for service, names in frames.teams.group_by("service").agg("team").iter_rows()
        },
        waterfall_chart=waterfall_chart,
        waterfall=steps,
        waterfall_withheld=waterfall_withheld,
        balances=balances,
        agency_in_posts=agency,
        agency_total=total,
    )


def workforce_page(figures: WorkforceFigures, *, named_teams: set[str], hr: bool) -> WorkforcePage:
    """The page for one viewer; ``named_teams`` are the teams whose small counts they may see."""
    named_services = {
        service for service, names in figures.services.items() if names <= named_teams
    }
    by_team = shown_rows(figures.by_team, named=None if hr else named_teams)
    by_service = shown_rows(figures.by_service, named=None if hr else named_services)
    # A grade spans teams: only HR sees a grade of 1 to 4 people's vacancy figures.
    by_grade = shown_rows(figures.by_grade, named=None if hr else set())
    agency = []
    for team, count, fte in figures.agency_in_posts:
        shown = shown_count(count, named=hr or team in named_teams)
        agency.append(
            AgencyRow(team, shown, "–" if shown.suppressed else formatting.number(fte, "FTE"))
        )
    chart_rows = [
        (row.name, row.fte)
        for row in by_team
        if row.fte is not None and row.fte > 0 and row.name != WHOLE
    ]
    chart_rows = sorted(chart_rows, key=lambda pair: -pair[1])[:15]
    return WorkforcePage(
        as_at=figures.as_at,
        mix_chart=figures.mix_chart,
        mix_rows=figures.mix_rows,
        vacancies_by_team=by_team,
        vacancies_by_service=by_service,
        vacancies_by_grade=by_grade,
        vacancy_chart=charts.bar_chart(
            chart_rows,
            x_title="FTE vacancies",
            description="FTE vacancies by team, largest first: the figures are in the table below",
        )
        if chart_rows
        else None,
        waterfall_chart=figures.waterfall_chart,
        waterfall=figures.waterfall,
        waterfall_withheld=figures.waterfall_withheld,
        balances=figures.balances,
        agency_in_posts=agency,
        agency_total=shown_count(figures.agency_total, named=hr),
    )


def _mix(
    frames: WorkforceFrames, as_at: date, targets: Targets, hr: bool, who: str
) -> tuple[list[tuple[date, str, str, str]], SafeString | None]:
    points = quarter_ends(as_at, MIX_QUARTERS)
    shown = ["fte_in_post", "agency_fte", "agency_rate"]
    registry = metrics.measures()
    on_date: dict[date, dict[str, Result]] = {}
    for r in metrics.series(
        frames, points, names=with_people(shown), targets=targets, hr=hr, compare=False
    ):
        if r.slice is None:
            on_date.setdefault(r.as_at, {})[r.name] = r
    # An FTE goes where the count of its people does (one agency worker's "1.00").
    found: dict[str, dict[date, float | None]] = {
        name: {
            d: None
            if figure_withheld(
                registry[name], got[name], hr, people=people_result(registry[name], got)
            )
            else got[name].value
            for d, got in on_date.items()
            if name in got
        }
        for name in shown
    }
    employed = [(d, found.get("fte_in_post", {}).get(d)) for d in points]
    agency = [(d, found.get("agency_fte", {}).get(d)) for d in points]
    rows = [
        (
            d,
            formatting.number(e, "FTE"),
            formatting.number(a, "FTE"),
            formatting.number(found.get("agency_rate", {}).get(d), "%"),
        )
        for (d, e), (_, a) in zip(employed, agency, strict=True)
    ]
    if sum(v is not None for _, v in employed) < 2:
        return rows, None
    employed_label = f"Directly employed {who}"
    chart = charts.line_chart(
        {employed_label: employed, "Agency workers": agency},
        y_title="FTE in post",
        description=(
            f"FTE directly employed and agency {who} at each quarter end from "
            f"{points[0]:%B %Y} to {points[-1]:%B %Y}: the figures are in the table below"
        ),
        colours={
            employed_label: palette.AUTHORITY,
            "Agency workers": palette.SERIES[1],
        },
        dashed=["Agency workers"],
    )
    return rows, chart


def _flows_withheld(frames: WorkforceFrames, as_at: date, targets: Targets) -> bool:
    """Whether the council's count of starters or of leavers over the year is withheld from a
    viewer who may not name them."""
    return any(
        r.slice is None and figure_withheld(metrics.measure(r.name), r, False)
        for r in metrics.compute(
            frames,
            as_at,
            names=["starters_headcount", "leavers_headcount"],
            targets=targets,
            compare=False,
        )
    )


def _waterfall(
    frames: WorkforceFrames, as_at: date, targets: Targets
) -> tuple[list[WaterfallStep], bool, SafeString | None]:
    whole = next(
        (
            r
            for r in metrics.compute(
                frames, as_at, names=["stock_flow_difference_fte"], targets=targets, compare=False
            )
            if r.slice is None
        ),
        None,
    )
    if whole is None or not whole.detail:
        return [], False, None
    d = whole.detail
    steps = [WaterfallStep("In post a year earlier", formatting.number(d["start_fte"], "FTE"), "")]
    bars = [{"step": "A year earlier", "from": 0.0, "to": d["start_fte"], "kind": "In post"}]
    level = d["start_fte"]
    for key, label, sign in WATERFALL_STEPS:
        amount = sign * d.get(key, 0.0)
        if round(amount, 2) == 0 and key not in ("starters_fte", "leavers_fte"):
            continue
        steps.append(
            WaterfallStep(label, formatting.number(abs(amount), "FTE"), "+" if amount >= 0 else "−")
        )
        kind = "Joined" if amount >= 0 else "Left"
        bars.append({"step": label, "from": level, "to": level + amount, "kind": kind})
        level += amount
    steps.append(WaterfallStep("In post now", formatting.number(d["end_fte"], "FTE"), "="))
    bars.append({"step": "Now", "from": 0.0, "to": d["end_fte"], "kind": "In post"})
    balances = abs(level - d["end_fte"]) < 0.05
    spec = {
        "data": {"values": bars},
        "width": 640,
        "height": 220,
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "step",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelAngle": 0, "labelLimit": 110},
            },
            "y": {"field": "from", "type": "quantitative", "title": "FTE directly employed"},
            "y2": {"field": "to"},
            "color": {
                "field": "kind",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": ["In post", "Joined", "Left"],
                    "range": [palette.AUTHORITY, palette.SERIES[2], palette.SERIES[1]],
                },
                "legend": {"orient": "bottom", "direction": "horizontal"},
            },
        },
    }
    chart = charts.draw(
        spec,
        f"Directly employed FTE from {formatting.number(d['start_fte'], 'FTE')} a year earlier "
        f"to {formatting.number(d['end_fte'], 'FTE')} now: the steps are in the table below",
    )
    return steps, balances, chart


def _agency_in_posts(
    frames: WorkforceFrames, as_at: date, targets: Targets, hr: bool
) -> tuple[list[tuple[str, int, float | None]], int]:
    """Agency workers in posts by team (team, workers, FTE), and the whole council's count."""
    found: dict[str | None, dict[str, float | None]] = {}
    for r in metrics.compute(
        frames,
        as_at,
        by="team",
        names=["agency_in_posts", "agency_fte_in_posts"],
        targets=targets,
        compare=False,
        hr=hr,
    ):
        team = None if r.slice is None else r.slice["team"]
        found.setdefault(team, {})[r.name] = r.value
    rows = [
        (team, int(values.get("agency_in_posts") or 0), values.get("agency_fte_in_posts"))
        for team, values in sorted(found.items(), key=lambda item: item[0] or "")
        if team is not None and values.get("agency_in_posts")
    ]
    return rows, int(found.get(None, {}).get("agency_in_posts") or 0)
