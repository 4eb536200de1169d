"""The six-monthly board pack: what the council's workforce board reads, as plain data.

Built once here (sections of tables and charts, every figure from the metrics registry) and laid
out by :mod:`thrive.summaries.pack_files` as HTML, PDF or XLSX, so the command line and the
Reports page give the same pack. Rates are over the 12 months to the half-year's end, exactly as
``thrive metrics --as-at`` that day gives them. What a reader outside HR may not see is decided as
on the pages (:mod:`thrive.summaries.suppression`): a withheld figure is marked "c" and a figure
the records cannot give "x", as the Department marks its own tables. It names no worker; only a
pack for HR carries the action plan's owners (typed in as names or roles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from thrive import metrics
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Measure, Result, Targets
from thrive.summaries import charts, kept_results, palette
from thrive.summaries.action_plan import PlanAction, actions_of
from thrive.summaries.comparison import Published, compared_figures, published_figures
from thrive.summaries.forecast import ForecastResults, Levers
from thrive.summaries.half_years import check_half_year, half_years_to, previous_half_year
from thrive.summaries.kept_results import RecordSource
from thrive.summaries.overview import overview_measures
from thrive.summaries.pack_actions import action_plan_section
from thrive.summaries.pack_children import children_section
from thrive.summaries.pack_figures import (
    BoardPack,
    Cell,
    Figure,
    PackChart,
    Section,
    Table,
    figure_of,
    forecast_section,
    mark_parts,
)
from thrive.summaries.suppression import group_size, group_withheld
from thrive.workforce.models import Authority

HALF_YEARS = 8
TRENDED = ("fte_in_post", "turnover_rate", "agency_rate", "vacancy_rate", "average_caseload")
CHARTED = ("turnover_rate", "agency_rate", "vacancy_rate")
FLOWS = ("headcount_in_post", "starters_headcount", "leavers_headcount", "fte_in_post")
FLOWS_FTE = ("starters_fte", "leavers_fte", "stock_flow_difference_fte")
CASELOADS = (
    "cases",
    "case_holders_fte",
    "average_caseload",
    "maximum_caseload",
    "workers_over_caseload_target",
    "asye_average_caseload",
    "asye_over_caseload_cap",
)
CAREERS = (
    "asye_passed",
    "asye_pass_rate",
    "asye_still_employed",
    "asye_retained_2_years",
    "asye_retained_3_years",
    "progressions_to_senior_practitioner",
    "aspirant_managers",
)
RETENTION = (
    "turnover_rate",
    "practitioner_turnover_rate",
    "stability_index",
    "retention_rate",
    "average_years_in_service",
)
REASONS = "leavers_by_reason"
MOST_OFF_TRACK = 3
STATUS_WORDS = {"green": "Meets target", "amber": "Close to target", "red": "Off target"}


@dataclass
class _Figures:
    """The registry's results the pack reads, each decided once for this reader."""

    frames: WorkforceFrames
    named: bool
    by_date: dict[date, dict[str, list[Result]]]
    small: dict[date, bool]

    def one(self, name: str, on: date) -> Figure:
        m = metrics.measure(name)
        return figure_of(
            m,
            self.result(name, on),
            self.named,
            group_small=self.small[on],
            people={n: self.result(n, on) for n in m.people},
        )

    def result(self, name: str, on: date) -> Result | None:
        found = [r for r in self.by_date[on].get(name, []) if r.slice is None]
        return found[0] if found else None


def board_pack(
    frames: WorkforceFrames,
    to: date,
    targets: Targets,
    *,
    authority: str,
    la_number: str,
    region: str,
    published: list[Published],
    named: bool,
    forecast: ForecastResults | str | None = None,
    actions: Sequence[PlanAction] | None = None,
    made_on: date | None = None,
) -> BoardPack:
    """The pack to the half-year ending ``to`` (31 March or 30 September).

    ``named``: the reader may see the people counted (HR), so small numbers are shown.
    ``forecast``: the capacity forecast already worked out, or why there is none.
    ``actions``: the action plan as recorded on ``made_on`` (the day the pack is made).
    """
    check_half_year(to)
    dates = half_years_to(to, HALF_YEARS)
    before = previous_half_year(to)
    results = metrics.series(frames, dates, targets=targets, hr=named, compare=False)
    by_date: dict[date, dict[str, list[Result]]] = {d: {} for d in dates}
    for r in results:
        by_date[r.as_at].setdefault(r.name, []).append(r)
    small = {d: group_withheld(group_size(frames, d), named=named) for d in dates}
    figures = _Figures(frames, named, by_date, small)
    shown: list[str] = []
    sections = [
        _summary(figures, to, before, shown),
        _comparison(frames, la_number, region, to, targets, published, shown),
        _trends(figures, dates, shown),
        _measures_section(
            figures,
            to,
            "flows",
            "Starters and leavers, reconciled",
            FLOWS + FLOWS_FTE,
            shown,
            "Those in post a year ago, plus starters, less leavers, make those in post now; "
            "the difference (FTE) is what the records do not explain (changes of hours).",
        ),
        _measures_section(figures, to, "caseloads", "Caseloads", CASELOADS, shown),
        _measures_section(figures, to, "careers", "ASYE and careers", CAREERS, shown),
        _retention(figures, to, shown),
        children_section(frames, to, named=named, shown=shown),
        forecast_section(forecast),
        action_plan_section(
            actions,
            lambda name: figures.one(name, to),
            lambda name: figures.result(name, to),
            to=to,
            made_on=made_on or timezone.localdate(),
            named=named,
            shown=shown,
        ),
    ]
    pack = BoardPack(
        authority=authority,
        la_number=la_number,
        to=to,
        previous=before,
        period_start=metrics.periods.period_start(to),
        named=named,
        sections=sections,
        measures=list(dict.fromkeys(shown)),
    )
    return _with_method(pack)


def _summary(figures: _Figures, to: date, before: date, shown: list[str]) -> Section:
    rows: list[list[Cell]] = []
    gaps: list[tuple[float, str]] = []
    for m in overview_measures():
        now = figures.result(m.name, to)
        if now is None or now.target is None:
            continue
        value, earlier = figures.one(m.name, to), figures.one(m.name, before)
        status = "" if value.mark else STATUS_WORDS.get(now.status or "", "No target")
        change = value.minus(earlier)
        rows.append(
            [m.label, str(m.unit), value, Figure.of(now.target, m), status, earlier, change]
        )
        shown.append(m.name)
        if now.status == "red" and not value.mark and value.value is not None:
            gaps.append((abs(value.value - now.target) / (abs(now.target) or 1.0), m.label))
    worst = [label for _, label in sorted(gaps, reverse=True)[:MOST_OFF_TRACK]]
    paragraphs = [
        f"Figures over the 12 months to {to.day} {to:%B %Y} (counts on that day), against the "
        f"strategy's targets; the change is since the last pack ({before.day} {before:%B %Y})."
    ]
    paragraphs.append(
        "Most off track: " + "; ".join(worst) + "."
        if worst
        else "No measure with a target is off track."
    )
    table = Table(
        "The strategy's measures against target",
        ["Measure", "Unit", "Value", "Target", "Status", f"At {before:%-d %b %Y}", "Change"],
        rows,
    )
    return Section("summary", "Summary", paragraphs, [table])


def _comparison(
    frames: WorkforceFrames,
    la_number: str,
    region: str,
    to: date,
    targets: Targets,
    published: list[Published],
    shown: list[str],
) -> Section:
    title = "The Department's measures beside England, the region and comparators"
    found = compared_figures(frames, la_number, region, to, targets, published)
    if found is None:
        return Section("comparison", title, ["No published statistics up to this date are loaded."])
    names = [name for name, _ in found.comparators]
    rows: list[list[Cell]] = []
    for f in found.figures:
        m = metrics.measure(f.measure)
        shown.append(f.measure)
        values = dict(f.comparators)
        rows.append(
            [
                f.label,
                f.unit,
                Figure.of(f.ours, m),
                Figure.of(f.england, m),
                Figure.of(f.region, m),
                *(Figure.of(values.get(n), m) for n in names),
            ]
        )
    return Section(
        "comparison",
        title,
        [
            f"The Department's statistics for 30 September {found.year} (the latest published "
            f"up to this pack), beside {found.region} and the five councils nearest in size "
            "(FTE social workers and cases held): the Department's statistical neighbours use "
            "data the workforce table does not hold."
        ],
        [
            Table(
                f"At 30 September {found.year}",
                ["Measure", "Unit", "Ours", "England", found.region, *names],
                rows,
            )
        ],
    )


def _trends(figures: _Figures, dates: list[date], shown: list[str]) -> Section:
    headers = ["Measure", "Unit", *(f"{d:%-d %b %Y}" for d in dates)]
    rows: list[list[Cell]] = []
    lines: dict[str, list[tuple[date, float | None]]] = {}
    for name in TRENDED:
        m = metrics.measure(name)
        points = [figures.one(name, d) for d in dates]
        rows.append([m.label, str(m.unit), *points])
        shown.append(name)
        if name in CHARTED:
            lines[m.label] = [
                (d, p.value if not p.mark else None) for d, p in zip(dates, points, strict=True)
            ]
    description = (
        f"Turnover, agency and vacancy rates (%) at the last {len(dates)} half-year ends, "
        f"{dates[0]:%-d %B %Y} to {dates[-1]:%-d %B %Y}; the figures are in the table below."
    )
    svg = charts.line_chart(
        lines,
        y_title="% (12 months to the date)",
        description=description,
        colours=dict(zip(lines, palette.series_colours(len(lines)), strict=True)),
        ticks=dates,
        width=620,
    )
    chart_rows: list[list[Cell]] = [
        [label, "%", *(figures.one(name, d) for d in dates)]
        for name, label in ((n, metrics.measure(n).label) for n in CHARTED)
    ]
    chart = PackChart(svg, description, Table("The chart's figures", headers, chart_rows))
    return Section(
        "trends",
        f"Trends over the last {len(dates)} half-years",
        ["Each figure is as at the half-year's end; rates over the 12 months to it."],
        [Table("Headline measures at each half-year end", headers, rows)],
        [chart],
    )


def _measures_section(
    figures: _Figures,
    to: date,
    key: str,
    title: str,
    names: tuple[str, ...],
    shown: list[str],
    note: str = "",
) -> Section:
    rows: list[list[Cell]] = []
    for name in names:
        m = metrics.measure(name)
        result = figures.result(name, to)
        target = Figure.of(result.target if result else None, m)
        rows.append([m.label, str(m.unit), figures.one(name, to), target])
        shown.append(name)
    headers = ["Measure", "Unit", f"At {to:%-d %b %Y}", "Target"]
    return Section(key, title, [note] if note else [], [Table(title, headers, rows)])


def _retention(figures: _Figures, to: date, shown: list[str]) -> Section:
    section = _measures_section(
        figures, to, "retention", "Retention and the reasons people leave", RETENTION, shown
    )
    m = metrics.measure(REASONS)
    parts = [r for r in figures.by_date[to].get(REASONS, []) if r.slice]
    parts.sort(key=lambda r: -(r.numerator or 0))
    counts = mark_parts(parts, figures.named or False, group_small=figures.small[to])
    rows: list[list[Cell]] = []
    for r, count in zip(parts, counts, strict=True):
        share = figure_of(m, r, True) if not count.mark else Figure(None, "%", 1, count.mark)
        rows.append([next(iter(r.slice.values())) if r.slice else "", count, share])
    shown.append(REASONS)
    table = Table(
        "Leavers in the 12 months by reason for leaving",
        ["Reason for leaving", "Leavers (people)", "Share of leavers (%)"],
        rows,
    )
    bars = [
        (str(row[0]), float(row[2].value))
        for row in rows
        if isinstance(row[2], Figure) and row[2].value is not None
    ]
    charts_: list[PackChart] = []
    if bars:
        description = "Share of leavers by reason for leaving (%); the figures are in the table."
        svg = charts.bar_chart(bars, x_title="% of leavers", description=description)
        charts_.append(PackChart(svg, description, table))
    return Section(
        section.key, section.title, section.paragraphs, [*section.tables, table], charts_
    )


def _with_method(pack: BoardPack) -> BoardPack:
    rows: list[list[Cell]] = []
    for name in pack.measures:
        m: Measure = metrics.measure(name)
        rows.append([m.label, str(m.unit), m.formula, m.source])
    paragraphs = [
        f"Every figure is the metrics registry's, as `thrive metrics --as-at {pack.to}` gives "
        "it: rates over the 12 months to the half-year's end, counts on that day.",
        "Small numbers: outside HR a count of 1 to 4 people, a rate over fewer than 5 people, "
        "and a figure made from 1 to 4 (2 leavers' turnover; 38 of 40 retained) are withheld "
        "as on Thrive's pages; in the tables and the spreadsheet a withheld "
        'figure is marked "c" and a figure the records cannot give "x", as the Department '
        "marks its statistics."
        if not pack.named
        else "This pack was made for HR: small numbers are shown. Do not publish it.",
    ]
    method = Section(
        "method",
        "Method: definitions, sources and suppression",
        paragraphs,
        [Table("Definitions", ["Measure", "Unit", "Formula", "Source"], rows)],
    )
    return BoardPack(**{**pack.__dict__, "sections": [*pack.sections, method]})


def board_pack_for(
    centre: RecordSource, to: date, *, named: bool, forecast: bool = True
) -> BoardPack:
    """The pack for a centre's authority (what the command and the Reports page call).

    ``forecast``: include the capacity forecast, the page's default scenario, worked out once and
    kept for the authority as the Forecast page keeps it (10,000 runs: the first time is slow).
    """
    authority = Authority.objects.get(pk=centre.authority_id)
    found: ForecastResults | str | None = None
    if forecast:
        made = kept_results.forecast_results(centre, Levers())
        found = made.reason if isinstance(made, kept_results.Unavailable) else made
    return board_pack(
        centre.frames,
        to,
        centre.targets(),
        authority=authority.name,
        la_number=authority.la_number,
        region=authority.region,
        published=published_figures(),
        named=named,
        forecast=found,
        actions=actions_of(centre.authority_id, timezone.localdate()),
    )
