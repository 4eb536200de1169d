"""The Retention page's view model: who stays how long, and what goes with leaving.

Two parts, both from ``thrive.insight.pages`` (the analysis is in ``thrive.retention``):

- **Retention curves**: the share of each cohort (route in, start year, grade or team on
  starting) still with the council 1, 2, 3... years after starting, with median time here and
  95% bands, and the log-rank test between cohorts in words;
- **What goes with leaving**: the leaving-risk model's hazard ratios with their intervals, the
  proportional-hazards check and the out-of-time test, each put in words a principal social
  worker can take to the task group.

Small cohorts arrive already withheld for viewers outside HR (``retention_curves(named=...)``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.safestring import SafeString

from thrive.codes import CareerGrade
from thrive.web import charts, palette
from thrive.web.suppression import threshold

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
CHARTED = 8
YEARS_SHOWN = 10
CLEAR = 0.05
CHART_LOW, CHART_HIGH = 0.05, 20.0


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


@dataclass(frozen=True)
class RatioRow:
    label: str
    unit: str
    ratio: str
    interval: str
    reading: str
    clear: bool


@dataclass(frozen=True)
class Risk:
    factors: list[RatioRow]
    grades: list[RatioRow]
    teams: list[RatioRow]
    chart: SafeString | None
    fitted_on: str
    pooled: str
    proportional: str
    proportional_exceptions: list[str]
    out_of_time: str
    unavailable: str = ""


def cohort_label(by: str, value: str, fallback: str | None = None) -> str:
    """A cohort's name in words (grades by their label; routes come labelled)."""
    if by == "first_grade":
        try:
            return CareerGrade(value).label
        except ValueError:
            return value
    return fallback or value


def curves_section(result: dict[str, Any] | None, by: str, unavailable: str = "") -> Curves:
    """The retention-curves part of the page from ``retention_curves``' dict."""
    by_label = dict(COHORT_CHOICES)[by]
    if result is None:
        return Curves(by, by_label, [], None, "", [], [], "", unavailable=unavailable)
    labels = {c["cohort"]: cohort_label(by, c["cohort"], c.get("label")) for c in result["cohorts"]}
    rows = [_cohort_row(c, labels[c["cohort"]]) for c in result["cohorts"]]
    shown = [c for c in result["cohorts"] if not c["suppressed"]]
    largest = sorted(shown, key=lambda c: -(c["people"] or 0))[:CHARTED]
    charted = [c["cohort"] for c in sorted(largest, key=lambda c: labels[c["cohort"]])]
    points: dict[str, list[tuple[float, float]]] = {}
    for p in result["curves"]:
        if p["cohort"] in charted:
            points.setdefault(p["cohort"], []).append((p["years"], p["retained"]))
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
        "started (Kaplan-Meier). Each step down is someone leaving."
        + (
            f" The {len(charted)} largest groups are drawn; all {len(shown)} are in the tables."
            if leaving_out > 0
            else ""
        )
    )
    years = list(range(1, YEARS_SHOWN + 1))
    by_year = []
    for cohort in [c["cohort"] for c in shown]:
        steps = [(p["years"], p["retained"]) for p in result["curves"] if p["cohort"] == cohort]
        by_year.append((labels[cohort], [_at_year(steps, y) for y in years]))
    return Curves(
        by=by,
        by_label=by_label,
        rows=rows,
        chart=chart,
        chart_caption=caption,
        years=years,
        by_year=by_year,
        test=log_rank_words(result.get("log_rank"), COHORT_WORDS[by][0]),
        skipped=[(cohort_label(by, k), v) for k, v in (result.get("skipped") or {}).items()],
    )


def _cohort_row(c: dict[str, Any], label: str) -> CohortRow:
    if c["suppressed"]:
        hidden = f"fewer than {threshold()}"
        return CohortRow(label, hidden, "–", "–", "–", ["–", "–", "–"], True)
    median = _years(c["median_years"])
    if c["median_years"] is None:
        median = "more than half still here"
    elif c["median_lower"] is not None or c["median_upper"] is not None:
        median += f" ({_years(c['median_lower'])} to {_years(c['median_upper'])})"
    retained = []
    for n in (1, 2, 3):
        value = c[f"retained_{n}y"]
        if value is None:
            retained.append("not yet known")
            continue
        low, high = c[f"retained_{n}y_lower"], c[f"retained_{n}y_upper"]
        retained.append(f"{_pct(value)} ({_pct(low)} to {_pct(high)})")
    return CohortRow(
        label, f"{c['people']:,}", f"{c['leavers']:,}", f"{c['in_post']:,}", median, retained, False
    )


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


def log_rank_words(test: dict[str, Any] | None, groups: str) -> str:
    """The log-rank test in a sentence: is the difference between cohorts more than chance?"""
    if not test:
        return f"There are not enough leavers in more than one group to compare the {groups}."
    p = test.get("p_value")
    verdict = (
        f"The {groups} differ in how long people stay by more than chance would explain"
        if p is not None and p < CLEAR
        else f"The differences between the {groups} could be chance"
    )
    return (
        f"{verdict} (log-rank test: chi-squared {test['statistic']:.1f} on "
        f"{test['degrees_of_freedom']} degrees of freedom, {p_words(p)}; it compares the "
        f"{test['people']:,} people seen from their first day, not those already in post when "
        "the records begin)."
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


def risk_section(result: dict[str, Any] | None, unavailable: str = "") -> Risk:
    """The leaving-risk model's part of the page from ``leaving_risk``' dict."""
    if result is None:
        return Risk([], [], [], None, "", "", "", [], "", unavailable=unavailable)
    factors: list[RatioRow] = []
    grades: list[RatioRow] = []
    teams: list[RatioRow] = []
    for h in result["hazard_ratios"]:
        group = h["covariate"].partition("=")[0]
        row = _ratio_row(h, result["references"])
        (grades if group == "grade" else teams if group == "team" else factors).append(row)
    check = result["proportional_hazards"]
    labels = {h["covariate"]: _label(h, result["references"]) for h in result["hazard_ratios"]}
    exceptions = [labels.get(c["covariate"], c["covariate"]) for c in check["covariates"]
                  if not c["holds"]]  # fmt: skip
    proportional = (
        "The model assumes each factor weighs the same whether someone has been here six months "
        "or ten years. "
        + (
            f"The check finds no sign that this is wrong overall ({p_words(check['p_value'])})"
            if check["holds"]
            else "The check finds that, overall, some effects do change with time in post "
            f"({p_words(check['p_value'])}): read the ratios as averages over a career here"
        )
        + ("; the effects that change with time in post are listed below." if exceptions else ".")
    )
    pooled = [
        f"{'grades' if k == 'grade' else 'teams'}: "
        + ", ".join(cohort_label("first_grade", v) if k == "grade" else v for v in values)
        for k, values in (result.get("pooled") or {}).items()
        if values
    ]
    return Risk(
        factors=factors,
        grades=grades,
        teams=teams,
        chart=_forest(result["hazard_ratios"], result["references"]),
        fitted_on=(
            f"Fitted on {result['people']:,} people's time with the council "
            f"({result['leavers']:,} of them left), followed month by month "
            f"({result['episodes']:,} person-months)."
        ),
        pooled=(
            "Teams and grades with fewer than 5 leavers cannot be judged alone and are counted "
            "together as \u201cother\u201d (" + "; ".join(pooled) + ")."
            if pooled
            else ""
        ),
        proportional=proportional,
        proportional_exceptions=exceptions,
        out_of_time=out_of_time_words(result.get("out_of_time")),
    )


def _label(h: dict[str, Any], references: dict[str, str]) -> str:
    group, _, level = h["covariate"].partition("=")
    if group == "grade":
        return f"Grade: {cohort_label('first_grade', level)}"
    if group == "team":
        return f"Team: {level}"
    return str(h["label"])


def _unit(h: dict[str, Any], references: dict[str, str]) -> str:
    group, _, _level = h["covariate"].partition("=")
    if group in references:
        reference = references[group]
        return "compared with " + (
            cohort_label("first_grade", reference) if group == "grade" else reference
        )
    return str(h["unit"])


def _ratio_row(h: dict[str, Any], references: dict[str, str]) -> RatioRow:
    ratio, p = h["hazard_ratio"], h["p_value"]
    clear = p is not None and p < CLEAR
    unit = _unit(h, references)
    if not clear:
        reading = f"No clear effect: could be chance ({p_words(p)})"
    elif ratio >= 1:
        reading = f"Raises the risk of leaving by {100 * (ratio - 1):.0f}% {_per(unit)}"
    else:
        reading = f"Lowers the risk of leaving by {100 * (1 - ratio):.0f}% {_per(unit)}"
    return RatioRow(
        label=_label(h, references),
        unit=unit,
        ratio=ratio_text(ratio),
        interval=f"{ratio_text(h['lower'])} to {ratio_text(h['upper'])}",
        reading=reading,
        clear=clear,
    )


def ratio_text(value: float | None) -> str:
    """A hazard ratio or interval end, readable even where the interval runs off the scale."""
    if value is None or not math.isfinite(value):
        return "not known"
    if value >= 100:
        return "over 100"
    if value < 0.01:
        return "under 0.01"
    return f"{value:.2f}"


def _per(unit: str) -> str:
    if unit.startswith("per "):
        return f"for each {unit[4:]}"
    if unit == "yes vs no":
        return "(yes against no)"
    return f"({unit})"


def _forest(hazards: list[dict[str, Any]], references: dict[str, str]) -> SafeString | None:
    """Each factor's hazard ratio as a point with its 95% interval, on a log scale about 1."""
    shown = [h for h in hazards if not h["covariate"].startswith("team=")]
    finite = [
        h
        for h in shown
        if all(h[k] is not None and math.isfinite(h[k]) for k in ("hazard_ratio", "lower", "upper"))
    ]
    if not finite:
        return None
    values = [
        {
            "factor": _label(h, references),
            "ratio": h["hazard_ratio"],
            "lower": h["lower"],
            "upper": h["upper"],
            "clear": "Clear effect" if h["p_value"] < CLEAR else "Could be chance",
        }
        for h in finite
    ]
    low = max(CHART_LOW, min(0.5, *(h["lower"] for h in finite)))
    high = min(CHART_HIGH, max(2.0, *(h["upper"] for h in finite)))
    for v in values:  # an interval running off the scale is drawn to its edge
        v["lower"], v["upper"] = max(v["lower"], low), min(v["upper"], high)
        v["ratio"] = min(max(v["ratio"], low), high)
    order = [v["factor"] for v in values]
    y = {"field": "factor", "type": "nominal", "title": None, "sort": order,
         "axis": {"labelLimit": 320}}  # fmt: skip
    x_scale = {"type": "log", "domain": [low, high], "clamp": True}
    colour = {
        "field": "clear",
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": ["Clear effect", "Could be chance"],
            "range": [palette.AUTHORITY, palette.SECONDARY_TEXT],
        },  # fmt: skip
        "legend": {"orient": "bottom", "direction": "horizontal"},
    }
    spec = {
        "width": 420,
        "height": {"step": 24},
        "layer": [
            {
                "data": {"values": [{"one": 1}]},
                "mark": {"type": "rule", "color": palette.TARGET, "strokeDash": [3, 3]},
                "encoding": {"x": {"field": "one", "type": "quantitative", "scale": x_scale}},
            },
            {
                "data": {"values": values},
                "mark": {"type": "rule", "strokeWidth": 2},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "lower",
                        "type": "quantitative",
                        "scale": x_scale,
                        "title": "Hazard ratio (log scale; 1 = no difference)",
                    },  # fmt: skip
                    "x2": {"field": "upper"},
                    "color": colour,
                },
            },
            {
                "data": {"values": values},
                "mark": {"type": "point", "filled": True, "size": 60, "opacity": 1},
                "encoding": {
                    "y": y,
                    "x": {"field": "ratio", "type": "quantitative", "scale": x_scale},
                    "color": colour,
                    "shape": {
                        "field": "clear",
                        "type": "nominal",
                        "legend": None,
                        "scale": {
                            "domain": ["Clear effect", "Could be chance"],
                            "range": ["circle", "diamond"],
                        },
                    },  # fmt: skip
                },
            },
        ],
    }
    return charts.draw(
        spec,
        "Hazard ratio of each factor and grade with its 95% interval; the dashed line at 1 means "
        "no difference. The figures are in the table below",
    )


def out_of_time_words(check: dict[str, Any] | None) -> str:
    """The out-of-time test in words: did the model, fitted on the past, rank later leavers?"""
    if not check:
        return "The model could not be tested on a later period."
    cutoff = date.fromisoformat(check["cutoff"])
    end = date.fromisoformat(check["end"])
    concordance = check["concordance"]
    verdict = (
        "worse than a coin toss: its ranking did not hold on the later period"
        if concordance < 0.5
        else "little better than a coin toss"
        if concordance < 0.55
        else "better than chance, but far from certain"
        if concordance < 0.7
        else "well"
    )
    return (
        f"To test it, the model was fitted on the records up to {cutoff:%-d %B %Y} only, and "
        f"asked to rank the {check['people']:,} people in post then by their chance of leaving "
        f"by {end:%-d %B %Y}. It put a leaver above a stayer {100 * concordance:.0f}% of the "
        f"time (concordance {concordance:.2f}; 50% is a coin toss): it ranks {verdict}. It "
        f"expected {check['expected_leavers']:.0f} leavers; {check['leavers']:,} left."
    )
