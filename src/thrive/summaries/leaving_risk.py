"""The Retention page's second part: what goes with leaving, put in words.

The leaving-risk model's hazard ratios with their intervals (a forest chart and a table), the
proportional-hazards check and the out-of-time test, each in words a principal social worker can
take to the task group.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.safestring import SafeString

from thrive.retention import risk_checks
from thrive.summaries import charts, palette
from thrive.summaries.retention import CLEAR, cohort_label, p_words
from thrive.summaries.retention_results import (
    HazardRatio,
    OutOfTime,
    ProportionalHazards,
    RiskResult,
)

CHART_LOW, CHART_HIGH = 0.05, 20.0


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
    out_of_time_method: str = ""
    ranks_people: bool = False
    proportional_method: str = ""


def risk_section(result: RiskResult | None, unavailable: str = "") -> Risk:
    """The leaving-risk model's part of the page from ``leaving_risk``' result."""
    if result is None:
        return Risk([], [], [], None, "", "", "", [], "", unavailable=unavailable)
    factors: list[RatioRow] = []
    grades: list[RatioRow] = []
    teams: list[RatioRow] = []
    for h in result.hazard_ratios:
        group = h.covariate.partition("=")[0]
        row = _ratio_row(h, result.references)
        (grades if group == "grade" else teams if group == "team" else factors).append(row)
    check = result.proportional_hazards
    labels = {h.covariate: _label(h, result.references) for h in result.hazard_ratios}
    exceptions = [labels.get(c.covariate, c.covariate) for c in check.covariates
                  if not c.holds]  # fmt: skip
    proportional = (
        "The model assumes each factor weighs the same whether someone has been here six months "
        "or ten years. "
        + (
            "The check finds no sign that this is wrong overall"
            if check.holds
            else "The check finds that, overall, some effects do change with time in post: "
            "read the ratios as averages over a career here"
        )
        + ("; the effects that change with time in post are listed below." if exceptions else ".")
    )
    pooled = [
        f"{'grades' if k == 'grade' else 'teams'}: "
        + ", ".join(cohort_label("first_grade", v) if k == "grade" else v for v in values)
        for k, values in (result.pooled or {}).items()
        if values
    ]
    return Risk(
        factors=factors,
        grades=grades,
        teams=teams,
        chart=_forest(result.hazard_ratios, result.references),
        fitted_on=(
            f"Fitted on {result.people:,} people's time with the council "
            f"({result.leavers:,} of them left), followed month by month "
            f"({result.episodes:,} person-months)."
        ),
        pooled=(
            "Teams and grades with fewer than 5 leavers cannot be judged alone and are counted "
            "together as \u201cother\u201d (" + "; ".join(pooled) + ")."
            if pooled
            else ""
        ),
        proportional=proportional,
        proportional_exceptions=exceptions,
        out_of_time=out_of_time_words(result.out_of_time),
        out_of_time_method=out_of_time_method(result.out_of_time),
        proportional_method=proportional_method(check),
        ranks_people=ranks_people(result.out_of_time),
    )


def ratio_rows(result: RiskResult) -> list[tuple[HazardRatio, RatioRow]]:
    """Each hazard ratio with its row as the page words it (for the API: numbers and words)."""
    return [(h, _ratio_row(h, result.references)) for h in result.hazard_ratios]


def ranks_people(check: OutOfTime | None) -> bool:
    """Whether the out-of-time test carries a list of named people
    (:func:`thrive.retention.risk_checks.ranks_people`); never without the test."""
    return check is not None and risk_checks.ranks_people(
        check.concordance, check.concordance_lower
    )


def team_factors(result: RiskResult) -> list[str]:
    """The model's clear effects in words ("Caseload over 20: raises the risk of leaving by
    80% ..."), for the page that cannot name people: what to act on across teams instead."""
    section = risk_section(result)
    return [
        f"{row.label}: {row.reading[0].lower()}{row.reading[1:]}"
        for row in (*section.factors, *section.grades, *section.teams)
        if row.clear
    ]


def _label(h: HazardRatio, references: dict[str, str]) -> str:
    group, _, level = h.covariate.partition("=")
    if group == "grade":
        return f"Grade: {cohort_label('first_grade', level)}"
    if group == "team":
        return f"Team: {level}"
    return str(h.label)


def _unit(h: HazardRatio, references: dict[str, str]) -> str:
    group, _, _level = h.covariate.partition("=")
    if group in references:
        reference = references[group]
        return "compared with " + (
            cohort_label("first_grade", reference) if group == "grade" else reference
        )
    return str(h.unit)


def _ratio_row(h: HazardRatio, references: dict[str, str]) -> RatioRow:
    ratio, p = h.hazard_ratio, h.p_value
    clear = p is not None and p < CLEAR
    unit = _unit(h, references)
    if not clear:
        reading = "No clear effect: could be chance"
    elif ratio >= 1:
        reading = f"Raises the risk of leaving by {100 * (ratio - 1):.0f}% {_per(unit)}"
    else:
        reading = f"Lowers the risk of leaving by {100 * (1 - ratio):.0f}% {_per(unit)}"
    return RatioRow(
        label=_label(h, references),
        unit=unit,
        ratio=ratio_text(ratio),
        interval=f"{ratio_text(h.lower)} to {ratio_text(h.upper)}",
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


def _forest(hazards: list[HazardRatio], references: dict[str, str]) -> SafeString | None:
    """Each factor's hazard ratio as a point with its 95% interval, on a log scale about 1."""
    shown = [h for h in hazards if not h.covariate.startswith("team=")]
    finite = [
        h
        for h in shown
        if all(v is not None and math.isfinite(v) for v in (h.hazard_ratio, h.lower, h.upper))
    ]
    if not finite:
        return None
    values: list[dict[str, Any]] = [
        {
            "factor": _label(h, references),
            "ratio": h.hazard_ratio,
            "lower": h.lower,
            "upper": h.upper,
            "clear": (
                "Clear effect" if h.p_value is not None and h.p_value < CLEAR else "Could be chance"
            ),
        }
        for h in finite
    ]
    low = max(CHART_LOW, min(0.5, *(v["lower"] for v in values)))
    high = min(CHART_HIGH, max(2.0, *(v["upper"] for v in values)))
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


def out_of_time_words(check: OutOfTime | None) -> str:
    """The out-of-time test in words: did the model, fitted on the past, rank later leavers,
    how sure that is, and so whether it may name people."""
    if not check:
        return "The model could not be tested on a later period, so it is not used to name people."
    cutoff = date.fromisoformat(check.cutoff)
    end = date.fromisoformat(check.end)
    concordance = check.concordance
    verdict = (
        "worse than a coin toss: its ranking did not hold on the later period"
        if concordance < 0.5
        else "little better than a coin toss"
        if concordance < 0.55
        else "better than chance, but far from certain"
        if concordance < risk_checks.USEFUL_CONCORDANCE
        else "well"
    )
    likely = (
        f" (likely between {100 * check.concordance_lower:.0f}% and "
        f"{100 * check.concordance_upper:.0f}%)"
        if check.concordance_lower is not None and check.concordance_upper is not None
        else ""
    )
    named = (
        "That is good enough to rank people, so managers are shown the people they manage who "
        "are most likely to leave."
        if ranks_people(check)
        else "That is not good enough to single people out, so no one is named as likely to "
        "leave: the factors above, across teams, are what the records can support."
    )
    return (
        f"To test it, the model was fitted on the records up to {cutoff:%-d %B %Y} only, and "
        f"asked to rank the {check.people:,} people in post then by their chance of leaving "
        f"by {end:%-d %B %Y}. Given one person who left and one who stayed, it put the leaver "
        f"higher {100 * concordance:.0f}% of the time{likely}; 50% is a coin toss: it ranks "
        f"{verdict}. It expected {check.expected_leavers:.0f} leavers; {check.leavers:,} left. "
        + named
    )


def out_of_time_method(check: OutOfTime | None) -> str:
    """The out-of-time test's statistics and the rule for naming people, for the page's
    "How this is worked out" disclosure."""
    rule = (
        f"People are named only when the concordance is at least "
        f"{risk_checks.USEFUL_CONCORDANCE:.2f} and the lower end of its 95% interval is above "
        f"{risk_checks.COIN_TOSS:.1f} (a coin toss)."
    )
    if not check:
        return rule
    interval = (
        f" (95% bootstrap interval {check.concordance_lower:.2f} to "
        f"{check.concordance_upper:.2f}, from {risk_checks.BOOTSTRAP_DRAWS} resamples of the "
        "people scored)"
        if check.concordance_lower is not None and check.concordance_upper is not None
        else " (no interval: kept before intervals were worked out)"
    )
    return (
        f"Out-of-time test: Harrell's concordance {check.concordance:.2f}{interval}, fitted on "
        f"{check.training_episodes:,} person-months with {check.training_leavers:,} leavers up "
        f"to the cut-off. " + rule
    )


def proportional_method(check: ProportionalHazards) -> str:
    """The proportional-hazards check's statistics, for the "How this is worked out" disclosure
    (the page's sentence says what it found in words)."""
    statistic = (
        f"chi-squared {check.statistic:.1f} on {check.degrees_of_freedom} degrees of freedom, "
        if check.statistic is not None
        else ""
    )
    return (
        "Proportional-hazards check: the model is fitted again with each factor's effect allowed "
        "to change with the logarithm of time in post, and the two fits are compared with a "
        f"likelihood-ratio test ({statistic}{p_words(check.p_value)}). An effect is listed as "
        "changing with time in post when its own test gives p < 0.05."
    )
