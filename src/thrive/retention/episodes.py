"""Month-by-month episodes of each stint, with what the strategy can act on at each month.

The leaving-risk model needs covariates that change over time (a caseload rises, supervision
lapses, a manager takes on more reports). Each stint is split into monthly episodes counted from
its first day; each episode carries the situation on its first day and whether the stint ended
with the worker leaving in it. Time is in months since the stint began; episodes before the
records begin are left out (left truncation, as in :mod:`thrive.retention.tenure`).

Covariates, each measured on the episode's first day from records up to that day:

- ``caseload_6m``: average cases held over the last 6 months (null if no snapshot);
  ``high_caseload``: 1 when that average is above the threshold (default 20 cases);
- ``months_since_supervision``: months since the last supervision session, capped at 12
  (counted from the stint's start, or the first session the council recorded, if none yet);
- ``manager_span``: how many direct reports the worker's line manager has (null: no manager);
- ``grade``, ``years_in_grade`` (whole years completed, capped at 10), ``fte``, ``part_time``
  (FTE under 1), ``team``;
- ``absence_days_12m``: working days lost to sickness in episodes that began in the last year;
- ``asye``: 1 while the worker is on the ASYE (ASYE grade, or within their programme dates).

Time in grade counts whole years: for someone who never changed grade it equals their time with
the council, which is the model's own clock, and a value creeping up month by month would let
the model read meaning into when in the month people leave.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from thrive.codes import CareerGrade, ReasonAbsence
from thrive.frames.workforce import WorkforceFrames
from thrive.retention.tenure import employed_spells, infer_observed_from, number_stints

DAYS_PER_MONTH = 365.25 / 12
HIGH_CASELOAD = 20.0
SUPERVISION_CAP_MONTHS = 12.0
YEARS_IN_GRADE_CAP = 10
_DAY = timedelta(days=1)


def _asof(
    left: pl.DataFrame, right: pl.DataFrame, left_on: str, right_on: str, by: str
) -> pl.DataFrame:
    """The latest ``right`` row on or before each ``left`` row's date, for the same ``by`` key."""
    return left.sort(left_on).join_asof(
        right.sort(right_on),
        left_on=left_on,
        right_on=right_on,
        by=by,
        strategy="backward",
        check_sortedness=False,  # both sides are sorted on the date just above
    )


def _grid(stints: pl.DataFrame, as_at: date, observed_from: date | None) -> pl.DataFrame:
    """One row per stint-month: ``on`` (first day observed), ``until`` (exclusive), times, event."""
    last_day = pl.col("end_date").fill_null(as_at)
    grid = (
        stints.select("stint_id", "worker_id", "start_date", "end_date", "left")
        .with_columns(month=pl.date_ranges("start_date", last_day, interval="1mo"))
        .explode("month")
        .with_columns(
            until=pl.col("month").shift(-1).over("stint_id").fill_null(last_day + _DAY),
            month_of_service=pl.int_range(pl.len(), dtype=pl.Int32).over("stint_id"),
        )
    )
    first = pl.lit(observed_from) if observed_from is not None else pl.col("start_date")
    grid = grid.filter(pl.col("until") > first).with_columns(
        on=pl.max_horizontal(pl.col("month"), first)
    )
    since = pl.col("start_date")
    return grid.with_columns(
        start=(pl.col("on") - since).dt.total_days() / DAYS_PER_MONTH,
        stop=(pl.col("until") - since).dt.total_days() / DAYS_PER_MONTH,
        left=(pl.col("left") & (pl.col("until") == pl.col("until").max().over("stint_id"))).cast(
            pl.Int8
        ),
    ).select("stint_id", "worker_id", "on", "until", "start", "stop", "month_of_service", "left")


def _spells_with_grade_start(frames: WorkforceFrames, as_at: date) -> pl.DataFrame:
    spells = number_stints(employed_spells(frames, as_at))
    changed = (pl.col("grade") != pl.col("grade").shift(1).over("worker_id")).fill_null(True)
    new_stint = (pl.col("stint_no") != pl.col("stint_no").shift(1).over("worker_id")).fill_null(
        True
    )
    run = (changed | new_stint).cast(pl.Int32).cum_sum().over("worker_id")
    return (
        spells.with_columns(run=run)
        .with_columns(grade_since=pl.col("start_date").min().over("worker_id", "run"))
        .select("worker_id", "start_date", "team_id", "grade", "fte", "grade_since")
    )


def _windowed_sum(
    grid: pl.DataFrame, events: pl.DataFrame, date_col: str, value: str, months: int, name: str
) -> pl.DataFrame:
    """Sum and count of ``value`` over events dated in (on - months, on], by worker."""
    cumulative = (
        events.sort("worker_id", date_col)
        .with_columns(
            _sum=pl.col(value).cum_sum().over("worker_id"),
            _n=pl.int_range(1, pl.len() + 1).over("worker_id"),
        )
        .group_by("worker_id", date_col)
        .agg(pl.col("_sum").last(), pl.col("_n").last())
    )
    keys = grid.select("stint_id", "worker_id", "on").with_columns(
        back=pl.col("on").dt.offset_by(f"-{months}mo")
    )
    now = _asof(keys, cumulative, "on", date_col, "worker_id")
    then = _asof(keys, cumulative, "back", date_col, "worker_id").select(
        "stint_id", "on", _sum0="_sum", _n0="_n"
    )
    return (
        now.join(then, on=["stint_id", "on"])
        .with_columns(
            _sum=pl.col("_sum").fill_null(0) - pl.col("_sum0").fill_null(0),
            _n=pl.col("_n").fill_null(0) - pl.col("_n0").fill_null(0),
        )
        .select(
            "stint_id", "on", pl.col("_sum").alias(f"{name}_sum"), pl.col("_n").alias(f"{name}_n")
        )
    )


def _manager_span(frames: WorkforceFrames, grid: pl.DataFrame) -> pl.DataFrame:
    """The number of direct reports of each episode's worker's line manager on its first day."""
    lines = frames.line_management
    keys = grid.select("stint_id", "worker_id", "on").sort("on")
    if lines.is_empty():
        return keys.select("stint_id", "on", manager_span=pl.lit(None, pl.Float64))
    manager = _asof(
        keys,
        lines.select(
            pl.col("report_id").alias("worker_id"), "manager_id", "start_date", "end_date"
        ),
        "on",
        "start_date",
        "worker_id",
    ).filter(pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("on")))
    changes = pl.concat(
        [
            lines.select("manager_id", day=pl.col("start_date"), step=pl.lit(1)),
            lines.filter(pl.col("end_date").is_not_null()).select(
                "manager_id", day=pl.col("end_date") + _DAY, step=pl.lit(-1)
            ),
        ]
    )
    reports = (
        changes.group_by("manager_id", "day")
        .agg(pl.col("step").sum())
        .sort("manager_id", "day")
        .with_columns(span=pl.col("step").cum_sum().over("manager_id"))
    )
    spans = _asof(manager, reports, "on", "day", "manager_id")
    return keys.join(
        spans.select("stint_id", "on", manager_span=pl.col("span").cast(pl.Float64)),
        on=["stint_id", "on"],
        how="left",
    )


def _supervision_gap(
    frames: WorkforceFrames, grid: pl.DataFrame, stints: pl.DataFrame
) -> pl.DataFrame:
    sessions = frames.supervisions
    keys = grid.select("stint_id", "worker_id", "on").sort("on")
    if sessions.is_empty():
        return keys.select("stint_id", "on", months_since_supervision=pl.lit(None, pl.Float64))
    recording_began = sessions["date"].min()
    last = _asof(
        keys,
        sessions.select("worker_id", last_session="date").unique(),
        "on",
        "last_session",
        "worker_id",
    ).join(stints.select("stint_id", "start_date"), on="stint_id")
    since = pl.coalesce(
        "last_session", pl.max_horizontal(pl.col("start_date"), pl.lit(recording_began))
    )
    months = ((pl.col("on") - since).dt.total_days() / DAYS_PER_MONTH).clip(
        0, SUPERVISION_CAP_MONTHS
    )
    return last.select("stint_id", "on", months_since_supervision=months)


def episodes(
    frames: WorkforceFrames,
    stints: pl.DataFrame,
    as_at: date,
    observed_from: date | None = None,
    high_caseload: float = HIGH_CASELOAD,
) -> pl.DataFrame:
    """Split each stint into monthly episodes carrying the covariates above.

    ``stints`` comes from :func:`thrive.retention.tenure.tenure` with the same ``as_at`` and
    ``observed_from``. Columns: ``stint_id``, ``worker_id``, ``on``, ``until`` (the episode runs
    from ``on`` to the day before ``until``), ``start`` and ``stop`` (months since the stint
    began), ``month_of_service`` (0 for the stint's first month), ``left`` (1 if the worker left
    in this episode), then the covariates.
    """
    if observed_from is None:
        observed_from = infer_observed_from(frames)
    grid = _grid(stints, as_at, observed_from)
    spells = _spells_with_grade_start(frames, as_at)
    situation = _asof(grid, spells, "on", "start_date", "worker_id")
    teams = frames.teams.select("team_id", "team")
    caseload = _windowed_sum(grid, frames.caseloads, "date", "cases", 6, "cases")
    sickness = frames.absences.filter(pl.col("reason") == ReasonAbsence.SICKNESS.value)
    absence = _windowed_sum(grid, sickness, "start_date", "working_days_lost", 12, "absence")
    asye = frames.asye.select(
        "worker_id",
        asye_from="start_date",
        asye_until=pl.coalesce(
            "outcome_date", "extended_to", pl.col("start_date").dt.offset_by("12mo")
        ),
    )
    keys = ["stint_id", "on"]
    out = (
        situation.join(teams, on="team_id", how="left")
        .join(caseload, on=keys, how="left")
        .join(absence, on=keys, how="left")
        .join(_manager_span(frames, grid), on=keys, how="left")
        .join(_supervision_gap(frames, grid, stints), on=keys, how="left")
        .join(asye, on="worker_id", how="left")
    )
    average = pl.when(pl.col("cases_n") > 0).then(pl.col("cases_sum") / pl.col("cases_n"))
    in_programme = (pl.col("on") >= pl.col("asye_from")) & (pl.col("on") <= pl.col("asye_until"))
    return (
        out.with_columns(caseload_6m=average.cast(pl.Float64))
        .with_columns(
            high_caseload=(pl.col("caseload_6m").fill_null(0) > high_caseload).cast(pl.Int8),
            years_in_grade=((pl.col("on") - pl.col("grade_since")).dt.total_days() // 365.25)
            .clip(0, YEARS_IN_GRADE_CAP)
            .cast(pl.Float64),
            part_time=(pl.col("fte") < 1).cast(pl.Int8),
            absence_days_12m=pl.col("absence_sum").fill_null(0).cast(pl.Float64),
            asye=((pl.col("grade") == CareerGrade.ASYE.value) | in_programme.fill_null(False)).cast(
                pl.Int8
            ),
        )
        .select(
            "stint_id",
            "worker_id",
            "on",
            "until",
            "start",
            "stop",
            "month_of_service",
            "left",
            "grade",
            "team",
            "fte",
            "part_time",
            "years_in_grade",
            "caseload_6m",
            "high_caseload",
            "months_since_supervision",
            "manager_span",
            "absence_days_12m",
            "asye",
        )  # fmt: skip
        .sort("stint_id", "on")
    )
