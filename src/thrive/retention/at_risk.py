"""Who to talk to this month: the people in post most likely to leave, and why.

For each person in post on the day, the fitted leaving-risk model gives the chance they leave in
the next 12 months and how much each factor adds to their risk compared with the average worker.
The factors that raise it most are put in words (e.g. "Caseload averaged 24 over 6 months") so a
manager can open a stay conversation ("Talk Before You Walk") on the right subject.

This list names people: only HR admins and the worker's own managers may see a row (the page
filters it with :func:`visible_to`); the analysis itself does no filtering.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import numpy as np
import polars as pl

from thrive.codes import CareerGrade
from thrive.frames.dates import in_post_on
from thrive.retention.risk_model import RetentionModel

TOP_FACTORS = 3
SIGNIFICANCE = 0.05
MIN_FACTOR = 1.1
"""A reason is named only if it raises the person's risk by at least 10% over the average."""


_WORDS = {
    "caseload_6m": "Caseload averaged {value:.0f} over 6 months",
    "months_since_supervision": "{value:.1f} months since last supervision",
    "manager_span": "Line manager has {value:.0f} direct reports",
    "years_in_grade": "{value:.0f} years in grade without progressing",
    "part_time": "Works part-time",
    "fte": "Works {value:.2f} FTE",
    "absence_days_12m": "{value:.0f} sickness days in the last year",
    "asye": "On the ASYE",
}


def _describe(column: str, row: dict[str, object], threshold: float) -> str:
    """A factor in words, with the person's own value."""
    if column == "high_caseload":
        average = float(row["caseload_6m"] or 0)  # type: ignore[arg-type]
        return f"Caseload averaged {average:.0f} over 6 months (above {threshold:g})"
    if column in _WORDS:
        return _WORDS[column].format(value=float(row.get(column) or 0))  # type: ignore[arg-type]
    group, _, level = column.partition("=")
    if group == "grade" and level in {g.value for g in CareerGrade}:
        return f"Grade: {CareerGrade(level).label}"
    return f"{group.capitalize()}: {level}"


def at_risk(
    model: RetentionModel,
    episodes: pl.DataFrame,
    on: date,
    stints: pl.DataFrame,
    months: float = 12.0,
    top: int | None = 20,
    high_caseload: float = 20.0,
) -> pl.DataFrame:
    """The people in post on ``on``, highest chance of leaving in the next ``months`` first
    (an equal chance in pseudonym order).

    ``model`` is fitted; ``episodes`` and ``stints`` are the frames it was fitted from (the
    episode running on ``on`` gives each person's current situation). Columns: ``rank``,
    ``worker_id``, ``pseudonym``, ``team``, ``grade``, ``years_in_post``, ``leaving_chance``
    (0-1; null for someone in post longer than anyone the model saw leave), ``relative_risk``
    (times the average worker's), ``factors`` (up to three reasons, in words: the covariates
    with a clear effect, p < 0.05, that raise this person's risk by 10% or more, largest first)
    and the raw covariate values.
    """
    current = episodes.filter((pl.col("on") <= on) & (pl.col("until") > on))
    if current.is_empty():
        return pl.DataFrame()
    chance = model.leaving_probability(current, months=months)
    contributions = model.contributions(current)
    relative = np.exp(contributions.sum(axis=1).to_numpy())
    rows = current.to_dicts()
    # only factors the model is confident about are offered as reasons to talk
    ratios = model.hazard_ratios_
    telling = ratios.filter(pl.col("p_value") < SIGNIFICANCE)["covariate"].to_list()
    parts = contributions[telling].to_numpy()
    # largest first; equal parts keep the model's column order, so the list is the same each run
    order = np.argsort(-parts, axis=1, kind="stable")[:, :TOP_FACTORS]
    factors: list[list[str]] = []
    for index, row in enumerate(rows):
        chosen = [j for j in order[index] if parts[index, j] > np.log(MIN_FACTOR)]
        factors.append([_describe(telling[j], row, high_caseload) for j in chosen])
    people = stints.select("stint_id", "pseudonym", "start_date")
    ranked = (
        current.with_columns(
            leaving_chance=pl.Series(chance),
            relative_risk=pl.Series(relative),
            factors=pl.Series(factors, dtype=pl.List(pl.String)),
        )
        .join(people, on="stint_id", how="left")
        .with_columns(years_in_post=(pl.lit(on) - pl.col("start_date")).dt.total_days() / 365.25)
        .with_columns(pl.col("leaving_chance").fill_nan(None))
        # the same chance (the same situation) in pseudonym order, whatever order the rows came
        .sort(["leaving_chance", "pseudonym"], descending=[True, False], nulls_last=True)
        .with_row_index("rank", offset=1)
    )
    if top is not None:
        ranked = ranked.head(top)
    return ranked.select(
        "rank", "worker_id", "pseudonym", "team", "grade", "years_in_post", "leaving_chance",
        "relative_risk", "factors", "caseload_6m", "months_since_supervision", "manager_span",
        "years_in_grade", "fte", "absence_days_12m", "asye",
    )  # fmt: skip


def visible_to(ranked: pl.DataFrame, worker_ids: Collection[int] | None) -> pl.DataFrame:
    """Only the rows a viewer may see: ``None`` means everyone (HR admin), else those workers."""
    if worker_ids is None:
        return ranked
    return ranked.filter(pl.col("worker_id").is_in(list(worker_ids)))


def with_conversations(ranked: pl.DataFrame, conversations: pl.DataFrame) -> pl.DataFrame:
    """Add each person's latest stay conversation (date and outcome), if any."""
    if ranked.is_empty():
        return ranked
    latest = (
        conversations.with_row_index("_order")
        .sort("date", "_order")
        .group_by("worker_id")
        .agg(last_conversation=pl.col("date").last(), conversation_outcome=pl.col("outcome").last())
    )
    return ranked.join(latest, on="worker_id", how="left")


def line_reports(line_management: pl.DataFrame, manager_id: int, on: date) -> set[int]:
    """Everyone ``manager_id`` manages on ``on``, directly or through the managers below them.

    For the leaving-risk page: a manager sees the people in their line, however deep.
    """
    current = line_management.filter(in_post_on(on))
    reports: dict[int, list[int]] = {}
    for manager, report in current.select("manager_id", "report_id").iter_rows():
        reports.setdefault(manager, []).append(report)
    found: set[int] = set()
    waiting = [manager_id]
    while waiting:
        for report in reports.get(waiting.pop(), []):
            if report not in found and report != manager_id:
                found.add(report)
                waiting.append(report)
    return found
