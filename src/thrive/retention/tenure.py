"""Time with the council: one row per unbroken stretch of direct employment (a *stint*).

Retention is about people, not spells. Consecutive employed spells (permanent or fixed-term) of
one worker are joined into one stint: a change of team, grade or hours does not end it. A stint
ends when its last spell ends, whether or not a reason for leaving was recorded (a worker whose
employment simply stops has gone). A new stint starts after a leaving, or after a gap of more than
31 days (the rule ``thrive.forecast`` uses too). Agency assignments are never stints, but a stint
that starts within a week of the same worker's agency assignment ending is an *agency conversion*.

Stints that started before the records begin (``observed_from``) are *left-truncated*: the council
only holds them because those people were still there on that day, so the survival analysis lets
them enter the risk set at that point (``entry_years``) rather than from their start.

>>> stints = tenure(frames, as_at=date(2025, 9, 30))   # doctest: +SKIP
>>> stints.columns[:4]                                 # doctest: +SKIP
['stint_id', 'worker_id', 'pseudonym', 'start_date']
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from thrive.codes import ContractType, Route
from thrive.frames.workforce import WorkforceFrames

DAYS_PER_YEAR = 365.25
GAP_DAYS = 31
CONVERSION_DAYS = 7
AGENCY_CONVERSION = "agency_conversion"
NOT_RECORDED = "not_recorded"

ROUTE_IN_LABELS: dict[str, str] = {
    **{str(route): route.label for route in Route},
    AGENCY_CONVERSION: "Agency conversion",
    NOT_RECORDED: "Not recorded",
}
"""Plain-English names for the ``route_in`` values."""


def collection_year(day: pl.Expr) -> pl.Expr:
    """The census collection year of a date (year N runs 1 October N-1 to 30 September N)."""
    return day.dt.year() + (day.dt.month() >= 10).cast(pl.Int32)


def infer_observed_from(frames: WorkforceFrames) -> date | None:
    """The first day the records can be trusted to show every leaver.

    A store filled from census returns holds the people employed in each year returned, so its
    earliest leaver falls in its first collection year: the records run from 1 October of that
    year. With no leavers at all there is nothing to infer from (None).
    """
    leavers = frames.spells.filter(pl.col("reason_leave").is_not_null())
    if leavers.is_empty():
        return None
    first = leavers["end_date"].min()
    assert isinstance(first, date)
    return date(first.year - 1, 10, 1) if first.month < 10 else date(first.year, 10, 1)


def employed_spells(frames: WorkforceFrames, as_at: date) -> pl.DataFrame:
    """Employed spells as they stood on ``as_at``: later spells dropped, later endings reopened."""
    after = pl.col("end_date") > as_at
    return (
        frames.spells.filter(
            (pl.col("contract_type") != ContractType.AGENCY.value) & (pl.col("start_date") <= as_at)
        )
        .with_columns(
            pl.when(after).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("end_date", "reason_leave", "leaver_destination")
        )
        .sort("worker_id", "start_date")
    )


def number_stints(spells: pl.DataFrame) -> pl.DataFrame:
    """Add ``stint_no`` (1, 2... per worker) to employed spells sorted by worker and start."""
    previous_end = pl.col("end_date").shift(1).over("worker_id")
    previous_left = pl.col("reason_leave").shift(1).over("worker_id").is_not_null()
    first_row = pl.int_range(pl.len()).over("worker_id") == 0
    gap = (pl.col("start_date") - previous_end).dt.total_days() > GAP_DAYS
    new = first_row | previous_left | gap.fill_null(False)
    return spells.with_columns(stint_no=new.cast(pl.Int32).cum_sum().over("worker_id"))


def _conversions(frames: WorkforceFrames, stints: pl.DataFrame) -> pl.DataFrame:
    """(worker_id, stint_no) of stints that began as the worker's agency assignment ended."""
    agency = frames.spells.filter(pl.col("contract_type") == ContractType.AGENCY.value).select(
        "worker_id", agency_end=pl.col("end_date")
    )
    gap = (pl.col("start_date") - pl.col("agency_end")).dt.total_days()
    return (
        stints.select("worker_id", "stint_no", "start_date")
        .join(agency, on="worker_id")
        .filter(gap.is_between(0, CONVERSION_DAYS))
        .select("worker_id", "stint_no")
        .unique()
        .with_columns(converted=pl.lit(True))
    )


def tenure(frames: WorkforceFrames, as_at: date, observed_from: date | None = None) -> pl.DataFrame:
    """One row per stint of direct employment that had begun by ``as_at``.

    ``observed_from`` defaults to :func:`infer_observed_from`. Columns: ``stint_id``,
    ``worker_id``, ``pseudonym``, ``start_date``, ``end_date`` (null while in post on
    ``as_at``), ``left`` (True if the stint ended by ``as_at``), ``reason_leave``,
    ``leaver_destination``, ``route_in``, ``start_year`` (collection year), ``first_grade``,
    ``grade`` (latest), ``first_team``/``team`` and ``first_service``/``service`` (names),
    ``entry_years`` (years already served when the records begin), ``duration_years``.
    """
    if observed_from is None:
        observed_from = infer_observed_from(frames)
    spells = number_stints(employed_spells(frames, as_at))
    teams = frames.teams.select("team_id", "team", "service")
    stints = (
        spells.join(teams, on="team_id", how="left")
        .group_by("worker_id", "stint_no", maintain_order=True)
        .agg(
            start_date=pl.col("start_date").first(),
            end_date=pl.col("end_date").last(),
            reason_leave=pl.col("reason_leave").last(),
            leaver_destination=pl.col("leaver_destination").last(),
            first_grade=pl.col("grade").first(),
            grade=pl.col("grade").last(),
            first_team=pl.col("team").first(),
            team=pl.col("team").last(),
            first_service=pl.col("service").first(),
            service=pl.col("service").last(),
            contract_type=pl.col("contract_type").first(),
        )
    )
    stints = stints.join(_conversions(frames, stints), on=["worker_id", "stint_no"], how="left")
    workers = frames.workers.select("worker_id", "pseudonym", "route")
    stints = stints.join(workers, on="worker_id", how="left")
    stop = pl.col("end_date").fill_null(as_at) + timedelta(days=1)
    entry = (
        pl.lit(0.0)
        if observed_from is None
        else (pl.lit(observed_from) - pl.col("start_date")).dt.total_days().clip(0) / DAYS_PER_YEAR
    )
    route_in = (
        pl.when(pl.col("converted").fill_null(False))
        .then(pl.lit(AGENCY_CONVERSION))
        .when(pl.col("stint_no") > 1)
        .then(pl.lit(Route.EXPERIENCED.value))
        .when(pl.col("route").fill_null("") == "")
        .then(pl.lit(NOT_RECORDED))
        .otherwise(pl.col("route"))
    )
    return (
        stints.with_columns(
            left=pl.col("end_date").is_not_null(),
            route_in=route_in,
            start_year=collection_year(pl.col("start_date")),
            entry_years=entry.cast(pl.Float64),
            duration_years=(stop - pl.col("start_date")).dt.total_days() / DAYS_PER_YEAR,
        )
        .filter(
            # A stint over before the records begin cannot be observed fairly: drop it.
            pl.col("duration_years") > pl.col("entry_years")
        )
        .sort("start_date", "worker_id")
        .with_row_index("stint_id", offset=1)
        .select(
            pl.col("stint_id").cast(pl.Int64),
            "worker_id",
            "pseudonym",
            "start_date",
            "end_date",
            "left",
            "reason_leave",
            "leaver_destination",
            "route_in",
            "start_year",
            "first_grade",
            "grade",
            "first_team",
            "team",
            "first_service",
            "service",
            "contract_type",
            "stint_no",
            "entry_years",
            "duration_years",
        )
    )
