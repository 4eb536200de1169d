"""View models: retention curves, the leaving-risk model and the people to talk to."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import polars as pl

from thrive.retention.at_risk import at_risk, visible_to, with_conversations
from thrive.retention.curves import RetentionCurves
from thrive.retention.episodes import episodes
from thrive.retention.funnel import hire_stints
from thrive.retention.risk_checks import proportional_hazards_check, validate_out_of_time
from thrive.retention.risk_model import RetentionModel
from thrive.retention.tenure import ROUTE_IN_LABELS, tenure
from thrive.summaries.results_common import (
    Loaded,
    LogRank,
    clean,
    latest_day,
    log_rank,
    rows,
    suppress,
    typed,
)
from thrive.summaries.suppression import curve_points_shown

SUMMARY = ("cohort", "people", "leavers", "in_post", "median_years", "median_lower",
           "median_upper", "retained_1y", "retained_1y_lower", "retained_1y_upper",
           "retained_2y", "retained_2y_lower", "retained_2y_upper", "retained_3y",
           "retained_3y_lower", "retained_3y_upper")  # fmt: skip


@dataclass(frozen=True)
class CohortSummary:
    """One cohort's retention: counts, median years here and 1-, 2-, 3-year retention with their
    95% bands. A suppressed cohort has every figure None."""

    cohort: str
    people: int | None
    leavers: int | None
    in_post: int | None
    median_years: float | None
    median_lower: float | None
    median_upper: float | None
    retained_1y: float | None
    retained_1y_lower: float | None
    retained_1y_upper: float | None
    retained_2y: float | None
    retained_2y_lower: float | None
    retained_2y_upper: float | None
    retained_3y: float | None
    retained_3y_lower: float | None
    retained_3y_upper: float | None
    label: str
    suppressed: bool
    # The median (or "more than half still here") lay beyond where the curve is cut: not shown.
    median_cut: bool = False


@dataclass(frozen=True)
class CurvePoint:
    """One step of a cohort's Kaplan-Meier curve."""

    cohort: str
    years: float
    retained: float
    lower: float | None
    upper: float | None
    at_risk: int


@dataclass(frozen=True)
class PairedTest:
    """The log-rank test between two cohorts."""

    cohort_a: str
    cohort_b: str
    statistic: float | None
    p_value: float | None


@dataclass(frozen=True)
class CurvesResult:
    """:func:`retention_curves`: Kaplan-Meier retention by cohort."""

    authority: str
    as_at: str
    by: str | None
    cohorts: list[CohortSummary]
    curves: list[CurvePoint]
    log_rank: LogRank | None
    pairwise: list[PairedTest]
    skipped: dict[str, str]
    note: str
    # Outside HR, the years where a cohort's curve stops: beyond, fewer than 5 are at risk.
    cut: dict[str, float] = field(default_factory=dict)


def retention_curves(
    data: Loaded, by: str | None = "route_in", as_at: date | None = None,
    named: bool = False,
) -> CurvesResult:  # fmt: skip
    """Kaplan-Meier retention by cohort: summary rows, curve points, log-rank tests.

    Cohorts of fewer than five people have their counts and curve withheld unless ``named``;
    in a larger cohort, leavers or still in post of 1 to 4 are withheld with their complement,
    and the curve stops where fewer than five are still at risk, with the shares still here
    after 1, 2 or 3 years that lie beyond (:func:`.suppression.curve_points_shown`).
    """
    day = as_at or latest_day(data.frames)
    stints = tenure(data.frames, day)
    if by in ("source", "panel"):
        stints = hire_stints(data.lifecycle, stints)
    curves = RetentionCurves(by=by).fit(stints)
    summary = rows(curves.summary, SUMMARY)
    for row in summary:
        row["label"] = (
            ROUTE_IN_LABELS.get(row["cohort"], row["cohort"]) if by == "route_in" else row["cohort"]
        )
    shown = suppress(
        summary,
        "people",
        [c for c in SUMMARY if c != "cohort"],
        named,
        parts=("leavers", "in_post"),
    )
    hidden = {row["cohort"] for row in shown if row["suppressed"]}
    points = curves.curves_.filter(~pl.col("cohort").is_in(list(hidden)))
    points, cut = curve_points_shown(points, named=named)
    for row in shown:
        stop = cut.get(str(row["cohort"]))
        for year, columns in _RETAINED.items():
            if stop is not None and year >= stop:
                row.update(dict.fromkeys(columns, None))
        if stop is not None:
            _cut_median(row, stop)
    return CurvesResult(
        authority=data.authority,
        as_at=day.isoformat(),
        by=by,
        cohorts=typed(CohortSummary, shown),
        curves=typed(CurvePoint, rows(points)),
        log_rank=log_rank(curves.log_rank_),
        pairwise=typed(PairedTest, rows(curves.pairwise_)),
        skipped=curves.skipped_,
        note="Time from starting with the council; people still in post are censored and "
        "people in post when the records begin enter late. Log-rank tests use the people "
        "seen from their first day.",
        cut=cut,
    )


def _cut_median(row: dict[str, Any], stop: float) -> None:
    """A cohort's median time here, and its interval, only where its curve is shown: a median
    (or "more than half still here") read beyond the cut would be about the few followed that
    long; an upper bound beyond it is dropped."""
    median = row["median_years"]
    if median is None or median >= stop:
        row.update(median_years=None, median_lower=None, median_upper=None)
        row["median_cut"] = True
    elif row["median_upper"] is not None and row["median_upper"] >= stop:
        row["median_upper"] = None


_RETAINED = {
    year: (f"retained_{year}y", f"retained_{year}y_lower", f"retained_{year}y_upper")
    for year in (1, 2, 3)
}


def _years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class RiskFit:
    """The leaving-risk model fitted to the monthly episodes up to ``day``: what the risk
    result and Who to talk to both start from, so the episodes are built and the model fitted
    once for both (:func:`fit_risk`)."""

    day: date
    stints: pl.DataFrame
    episodes: pl.DataFrame
    model: RetentionModel


def fit_risk(data: Loaded, as_at: date | None = None, penalizer: float = 0.01) -> RiskFit:
    """Build the monthly episodes up to ``as_at`` (default: the latest record) and fit the
    leaving-risk model to them."""
    day = as_at or latest_day(data.frames)
    stints = tenure(data.frames, day)
    split = episodes(data.frames, stints, day)
    return RiskFit(day, stints, split, RetentionModel(penalizer=penalizer).fit(split))


def _fit_for(data: Loaded, as_at: date | None, penalizer: float, fit: RiskFit | None) -> RiskFit:
    """``fit`` when it is the one asked for, else a new one."""
    asked_for = fit is not None and (as_at is None or fit.day == as_at)
    if fit is not None and asked_for and fit.model.penalizer == penalizer:
        return fit
    return fit_risk(data, as_at, penalizer)


@dataclass(frozen=True)
class HazardRatio:
    """A covariate's hazard ratio with its 95% interval (None where it runs off to infinity)."""

    covariate: str
    label: str
    unit: str
    coefficient: float
    hazard_ratio: float
    lower: float | None
    upper: float | None
    p_value: float | None


@dataclass(frozen=True)
class CovariateCheck:
    """One covariate's time interaction in the proportional-hazards check."""

    covariate: str
    interaction: float | None
    p_value: float | None
    holds: bool


@dataclass(frozen=True)
class ProportionalHazards:
    """The proportional-hazards check: the global test and each covariate's."""

    holds: bool
    statistic: float | None
    degrees_of_freedom: int
    p_value: float | None
    covariates: list[CovariateCheck]


@dataclass(frozen=True)
class OutOfTime:
    """The out-of-time test (``thrive.retention.risk_checks.OutOfTimeValidation``, dates as ISO
    text)."""

    cutoff: str
    end: str
    concordance: float
    people: int
    leavers: int
    expected_leavers: float
    training_episodes: int
    training_leavers: int
    # the concordance's 95% bootstrap interval (None in results kept before it was worked out)
    concordance_lower: float | None = None
    concordance_upper: float | None = None


@dataclass(frozen=True)
class RiskResult:
    """:func:`leaving_risk`: the Cox model's hazard ratios and its checks."""

    authority: str
    as_at: str
    people: int
    leavers: int
    episodes: int
    hazard_ratios: list[HazardRatio]
    references: dict[str, str]
    pooled: dict[str, list[str]]
    dropped: list[str]
    proportional_hazards: ProportionalHazards
    out_of_time: OutOfTime


def leaving_risk(
    data: Loaded, as_at: date | None = None, holdout_years: int = 2,
    penalizer: float = 0.01, fit: RiskFit | None = None,
) -> RiskResult:  # fmt: skip
    """The Cox model's hazard ratios, the proportional-hazards check and an out-of-time test.

    ``fit``: the model already fitted for this day (:func:`fit_risk`), if there is one.
    """
    fit = _fit_for(data, as_at, penalizer, fit)
    day, split, model = fit.day, fit.episodes, fit.model
    check = proportional_hazards_check(model, split)
    cutoff = _years_before(day, holdout_years)
    validation = validate_out_of_time(split, cutoff, day, RetentionModel(penalizer=penalizer))
    return RiskResult(
        authority=data.authority,
        as_at=day.isoformat(),
        people=model.stints_,
        leavers=model.leavers_,
        episodes=model.episodes_,
        hazard_ratios=typed(HazardRatio, rows(model.hazard_ratios_)),
        references=model.references_,
        pooled=model.pooled_,
        dropped=model.dropped_,
        proportional_hazards=ProportionalHazards(
            holds=check.holds,
            statistic=clean(check.statistic),
            degrees_of_freedom=check.degrees_of_freedom,
            p_value=clean(check.p_value),
            covariates=typed(CovariateCheck, rows(check.table)),
        ),
        out_of_time=OutOfTime(**clean(validation.__dict__)),
    )


@dataclass(frozen=True)
class PersonAtRisk:
    """One person in post on the list (``thrive.retention.at_risk.at_risk``'s columns) with
    their latest stay conversation, if any."""

    rank: int
    worker_id: int
    pseudonym: str
    team: str | None
    grade: str
    years_in_post: float | None
    leaving_chance: float | None
    relative_risk: float | None
    factors: list[str]
    caseload_6m: float | None
    months_since_supervision: float | None
    manager_span: float | None
    years_in_grade: float | None
    fte: float | None
    absence_days_12m: float | None
    asye: int | None
    last_conversation: str | None
    conversation_outcome: str | None


@dataclass(frozen=True)
class AtRiskResult:
    """:func:`people_at_risk`: who to talk to, and how many were talked to last month."""

    authority: str
    as_at: str
    in_post: int
    shown: int
    conversations_last_month: int
    people: list[PersonAtRisk]
    factors_explained: str


def people_at_risk(
    data: Loaded, visible: Collection[int] | None, as_at: date | None = None,
    top: int | None = 20, months: float = 12.0, fit: RiskFit | None = None,
) -> AtRiskResult:  # fmt: skip
    """Who to talk to: the people in post most likely to leave, and why.

    ``visible`` is the set of worker ids the viewer manages (None for an HR admin: everyone).
    Leadership should pass an empty set: the page then shows only how many are on the list.
    Each row carries the latest stay conversation, so the page can show it was held.
    ``fit``: the model already fitted for this day (:func:`fit_risk`), if there is one.
    """
    fit = _fit_for(data, as_at, 0.01, fit)
    day = fit.day
    ranked = with_conversations(at_risk(fit.model, fit.episodes, day, fit.stints, months=months,
                                        top=None),
                                data.lifecycle.conversations)  # fmt: skip
    shown = visible_to(ranked, visible)
    if top is not None:
        shown = shown.head(top)
    talked = data.lifecycle.conversations.filter(pl.col("date") > day - timedelta(days=31))
    return AtRiskResult(
        authority=data.authority,
        as_at=day.isoformat(),
        in_post=ranked.height,
        shown=shown.height,
        conversations_last_month=talked.height,
        people=typed(PersonAtRisk, rows(shown)),
        factors_explained="Reasons are the model's clear effects (p < 0.05) that raise this "
        "person's risk by 10% or more over the average worker's.",
    )
