"""The Retention page's view model: who stays how long, and what goes with leaving.

Two parts, both from ``thrive.summaries.results`` (the analysis is in ``thrive.retention``):

- **Retention curves**: the share of each cohort (route in, start year, grade or team on
  starting) still with the council 1, 2, 3... years after starting, with median time here and
  95% bands, and the log-rank test between cohorts in words;
- **What goes with leaving**: the leaving-risk model in words, in :mod:`.leaving_risk`.

Small cohorts arrive already withheld for viewers outside HR (``retention_curves(named=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from thrive.codes import CareerGrade
from thrive.summaries import charts, palette
from thrive.summaries.results_common import LogRank
from thrive.summaries.retention_results import CohortSummary, CurvesResult
from thrive.summaries.suppression import NOT_SHOWN, threshold

COHORT_CHOICES = (
    ("route_in", "Route in"),
    ("start_year", "Year they started"),
    ("first_grade", "Grade on starting"),
    ("first_team", "Team on starting"),
)
COHORT_WORDS = {
    "route_in": ("routes in", "route in"),
    "start_year": ("start years", "year started"),
    "first_grade": ("grades on starting", "grade on starting"),
    "first_team": ("teams on starting", "team on starting"),
}
CHARTED = 5  # at most five curves in one chart (issue 17); every cohort is in the tables
YEARS_SHOWN = 10
CLEAR = 0.05


@dataclass(frozen=True)
class CohortRow:
    label: str
    people: str
    leavers: str
    in_post: str
    median: str
    retained: list[str]
    suppressed: bool


@dataclass(frozen=True)
class Curves:
    by: str
    by_label: str
    rows: list[CohortRow]
    chart: SafeString | None
    chart_caption: str
    years: list[int]
    by_year: list[tuple[str, list[str]]]
    test: str
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unavailable: str = ""
    method: str = ""


def cohort_label(by: str, value: str, fallback: str | None = None) -> str:
    """A cohort's name in words (grades by their label; routes come labelled)."""
    if by == "first_grade":
        try:
            return CareerGrade(value).label
        except ValueError:
            return value
    return fallback or value


def curves_section(result: CurvesResult | None, by: str, unavailable: str = "") -> Curves:
    """The retention-curves part of the page from ``retention_curves``' result."""
    by_label = dict(COHORT_CHOICES)[by]
    if result is None:
        return Curves(by, by_label, [], None, "", [], [], "", unavailable=unavailable)
    labels = {c.cohort: cohort_label(by, c.cohort, c.label) for c in result.cohorts}
    rows = [_cohort_row(c, labels[c.cohort]) for c in result.cohorts]
    shown = [c for c in result.cohorts if not c.suppressed]
    largest = sorted(shown, key=lambda c: -(c.people or 0))[:CHARTED]
    charted = [c.cohort for c in sorted(largest, key=lambda c: labels[c.cohort])]
    points: dict[str, list[tuple[float, float]]] = {}
    for p in result.curves:
        if p.cohort in charted:
            points.setdefault(p.cohort, []).append((p.years, p.retained))
    chart = None
    if points:
        chart = step_chart(
            {labels[c]: points[c] for c in charted if c in points},
            description=f"Share still with the council by years since starting, by "
            f"{by_label.lower()}: the figures are in the tables below",
        )
    leaving_out = len(shown) - len(charted)
    caption = (
        f"Share of each {COHORT_WORDS[by][1]} still with the council, by years since they "
        "started. Each step down is someone leaving."
        + (
            f" The {len(charted)} largest groups are drawn; all {len(shown)} are in the tables."
            if leaving_out > 0
            else ""
        )
        + (
            f" A curve stops where fewer than {threshold()} people are still at risk of leaving "
            "(beyond, a step down would be about one of them), and so do its shares still here."
            if result.cut
            else ""
        )
    )
    years = list(range(1, YEARS_SHOWN + 1))
    by_year = []
    for cohort in [c.cohort for c in shown]:
        steps = [(p.years, p.retained) for p in result.curves if p.cohort == cohort]
        by_year.append((labels[cohort], [_at_year(steps, y) for y in years]))
    return Curves(
        by=by,
        by_label=by_label,
        rows=rows,
        chart=chart,
        chart_caption=caption,
        years=years,
        by_year=by_year,
        test=log_rank_words(result.log_rank, COHORT_WORDS[by][0]),
        method=CURVES_METHOD + " " + log_rank_method(result.log_rank),
        skipped=[(cohort_label(by, k), v) for k, v in (result.skipped or {}).items()],
    )


def _cohort_row(c: CohortSummary, label: str) -> CohortRow:
    if c.suppressed:
        hidden = f"fewer than {threshold()}"
        return CohortRow(label, hidden, "–", "–", "–", ["–", "–", "–"], True)
    median = _years(c.median_years)
    if c.median_cut:
        median = "not shown: too few followed that long"
    elif c.median_years is None:
        median = "more than half still here"
    elif c.median_lower is not None or c.median_upper is not None:
        median += f" ({_years(c.median_lower)} to {_years(c.median_upper)})"
    bands = (
        (c.retained_1y, c.retained_1y_lower, c.retained_1y_upper),
        (c.retained_2y, c.retained_2y_lower, c.retained_2y_upper),
        (c.retained_3y, c.retained_3y_lower, c.retained_3y_upper),
    )
    retained = []
    for value, low, high in bands:
        if value is None:
            retained.append("not yet known")
            continue
        retained.append(f"{_pct(value)} ({_pct(low)} to {_pct(high)})")
    return CohortRow(
        label, _count(c.people), _count(c.leavers), _count(c.in_post), median, retained, False
    )


def _count(value: int | None) -> str:
    """A cohort's count; None where suppression withheld it (with its complement)."""
    return NOT_SHOWN if value is None else f"{value:,}"


def _at_year(steps: list[tuple[float, float]], year: float) -> str:
    if not steps or max(s[0] for s in steps) < year:
        return "–"
    before = [value for at, value in steps if at <= year]
    return _pct(before[-1]) if before else "100%"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _years(value: float | None) -> str:
    return "not reached" if value is None else f"{value:.1f} years"


def p_words(p: float | None) -> str:
    if p is None:
        return "p not known"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


CURVES_METHOD = (
    "The curves and the shares still here are Kaplan-Meier estimates: each month's share of "
    "the people still being followed who left, multiplied up, so people who started recently "
    "count for as long as they have been here."
)


def log_rank_words(test: LogRank | None, groups: str) -> str:
    """Is the difference between cohorts more than chance? In words; the test's statistics and
    its p-value are :func:`log_rank_method`'s, for the "How this is worked out" disclosure."""
    if not test:
        return f"There are not enough leavers in more than one group to compare the {groups}."
    p = test.p_value
    verdict = (
        f"The {groups} differ in how long people stay by more than chance would explain"
        if p is not None and p < CLEAR
        else f"The differences between the {groups} could be chance"
    )
    return (
        f"{verdict} (comparing the {test.people:,} people seen from their first day, not "
        "those already in post when the records begin)."
    )


def log_rank_method(test: LogRank | None) -> str:
    """The comparison's test and statistics, for a "How this is worked out" disclosure."""
    if not test:
        return ""
    return (
        f"The groups are compared with a log-rank test: chi-squared {test.statistic:.1f} on "
        f"{test.degrees_of_freedom} degrees of freedom ({p_words(test.p_value)}; a difference "
        f"counts as more than chance below p = {CLEAR})."
    )


def step_chart(
    series: dict[str, list[tuple[float, float]]], *, description: str, width: int = 640
) -> SafeString:
    """Kaplan-Meier curves: one stepped line per group, years since starting along the bottom."""
    names = list(series)
    colours = palette.series_colours(len(names))
    values = [
        {"group": name, "years": x, "retained": 100 * y}
        for name, points in series.items()
        for x, y in points
    ]
    spec = {
        "data": {"values": values},
        "width": width,
        "height": 280,
        "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "years",
                "type": "quantitative",
                "title": "Years since starting",
                "scale": {"domain": [0, YEARS_SHOWN + 2], "clamp": True},
            },
            "y": {
                "field": "retained",
                "type": "quantitative",
                "title": "Still with the council (%)",
                "scale": {"domain": [0, 100]},
            },
            "color": {
                "field": "group",
                "type": "nominal",
                "title": None,
                "sort": names,
                "scale": {"domain": names, "range": colours},
                "legend": {
                    "orient": "bottom",
                    "direction": "horizontal",
                    "columns": 3,
                    "labelLimit": 320,
                },  # fmt: skip
            },
            "strokeDash": {
                "field": "group",
                "type": "nominal",
                "sort": names,
                "scale": {
                    "domain": names,
                    "range": [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]] * 2,
                },  # fmt: skip
                "legend": None,
            },
        },
    }
    return charts.draw(spec, description)
