"""The working frames every measure starts from, built once per computation and shared.

A :class:`Context` holds one authority's :class:`WorkforceFrames`, the evaluation points (as-at
dates) and the options, and derives, once each and only when first needed:

- ``spells``: every employment spell with its team, service, route, seniority and the day it
  leaves the stock (``removal``);
- ``in_post``: each spell in post at each point;
- ``employed_workers`` / ``all_workers``: one row per worker in post at each point (directly
  employed only, or including agency workers), described by their more senior post, with the FTE
  of all their posts added up.

What does not depend on the points (the children's working spells: ``continuity.spells``) is
kept on the frames instead (:meth:`WorkforceFrames.derived`), so every computation over the same
store version in the process shares it.

**In post at a date** follows the census: a spell is in post at the close of day D when it has
started (``start_date <= D``) and the worker is still there after D. A spell that ends on D with a
reason for leaving is a leaver on D, not in post (the census returns a leaver's FTE30 as 0); a
spell that ends on D without one (a move to another team, grade or hours) is in post on D, and
its successor from D + 1. So ``removal`` is the end date for a leaving spell and the day after
the end date otherwise, and a spell is in post at D when ``start_date <= D < removal``. This is
what makes the stock and the year's flows reconcile exactly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import polars as pl

from thrive.codes import CareerGrade, ContractType, Ethnicity, Sex
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.errors import UnknownSliceError
from thrive.metrics.registry import ALL_DIMENSIONS, DIMENSIONS
from thrive.metrics.workers import (
    SENIOR_FIRST,
    age_band,
    mark_concurrent,
    named_teams,
    one_per_worker,
)

FAR_FUTURE = date(9999, 12, 31)
NOT_RECORDED = "(not recorded)"
SLICE_COLUMNS = tuple(DIMENSIONS[d] for d in ALL_DIMENSIONS)  # a worker's slicing columns
# Spell columns the stock frames do not need (they are read from ``spells`` where used).
_NOT_IN_STOCK = {"reason_leave", "leaver_destination", "start_origin", "day_rate", "team_id"}


@dataclass(frozen=True)
class Options:
    """Settings a measure needs beyond the records: thresholds and windows, all documented."""

    working_days_per_year: int = 253
    caseload_lookback_days: int = 31
    caseload_target: float = 14.0
    asye_caseload_cap: float = 12.0
    span_of_control_target: float = 6.0
    suppress_below: int = 5
    asye_recruited_since: date | None = None
    # From this many as-at dates on, stocks are summed from the days spells join and leave
    # (a running total) rather than spell by spell at each date: same figures, less work.
    sweep_from_points: int = 24
    # When slicing, take an additive measure's whole-authority figure from its slices.
    derive_whole: bool = True
    # Measures computed side by side (Polars does the work outside Python's lock).
    threads: int = 2
    # Employer's on-costs (NI, pension) on base salary, for pay beside agency cover's cost.
    pay_on_cost_rate: float = 0.30


class Context:
    """One authority's records, the points to compute at, and the frames derived from them."""

    def __init__(
        self, frames: WorkforceFrames, points: pl.DataFrame, options: Options | None = None
    ) -> None:
        self.frames = frames
        self.points = points
        self.options = options or Options()
        self._memo: dict[str, pl.DataFrame] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self.extra: dict[str, Any] = {}

    def memo(self, key: str, build: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        """A working frame several measures share, built by the first that asks for it (one
        builder at a time per key, when measures run side by side)."""
        if key in self._memo:
            return self._memo[key]
        with self._locks_lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._memo:
                self._memo[key] = build()
        return self._memo[key]

    def memo_lock(self, key: str) -> threading.Lock:
        """The lock for building a shared working object that is not a frame (see ``extra``)."""
        with self._locks_lock:
            return self._locks.setdefault(key, threading.Lock())

    def prepare(self) -> None:
        """Build the working frames nearly every measure uses, before measures run in parallel."""
        for name in ("employed_in_post", "agency_in_post", "employed_workers", "all_workers"):
            getattr(self, name)

    # --- slicing ---------------------------------------------------------------------------

    @staticmethod
    def slice_expr(by: str | None) -> pl.Expr:
        """The ``slice`` column for a dimension: null for the whole authority."""
        if by is None:
            return pl.lit(None, dtype=pl.String).alias("slice")
        if by not in DIMENSIONS:
            raise UnknownSliceError(by, list(DIMENSIONS))
        return pl.col(DIMENSIONS[by]).cast(pl.String).fill_null(NOT_RECORDED).alias("slice")

    # --- the spells, once ------------------------------------------------------------------

    @cached_property
    def teams(self) -> pl.DataFrame:
        """Teams with a display name; a name used in two services gets the service added."""
        return named_teams(self.frames.teams)

    @cached_property
    def workers(self) -> pl.DataFrame:
        """Workers with their route and the groups the representative-workforce measures use."""
        groups = {e.value: e.group for e in Ethnicity}
        sexes = {s.value: s.label for s in Sex}
        return self.frames.workers.select(
            "worker_id",
            "route",
            "birth_date",
            pl.col("sex")
            .replace_strict(sexes, default=Sex.NOT_KNOWN.label, return_dtype=pl.String)
            .alias("sex"),
            pl.col("ethnicity")
            .replace_strict(groups, default="Unknown", return_dtype=pl.String)
            .alias("ethnicity"),
        )

    @cached_property
    def spells(self) -> pl.DataFrame:
        """Every spell with team, service, route, seniority rank, agency flag and removal day.

        ``service_start`` (directly employed spells only) is the first day of the worker's
        continuous time with the council the spell belongs to: a new stretch begins at a spell
        with a start origin, or after a gap.
        """
        ranks = {g.value: g.rank for g in CareerGrade}
        is_agency = pl.col("contract_type").eq(ContractType.AGENCY.value)
        is_leaver = pl.col("reason_leave").is_not_null() & ~is_agency
        removal = (
            pl.when(pl.col("end_date").is_null())
            .then(pl.lit(FAR_FUTURE))
            .when(is_leaver)
            .then(pl.col("end_date"))
            .otherwise(pl.col("end_date") + pl.duration(days=1))
        )
        # Sorted by worker, kind (employed / agency) and start, a "run" of continuous service
        # starts where the spell has a start origin or begins after every earlier spell of the
        # same worker and kind has left the stock. The running maximum is taken over the whole
        # column with each group's number added in the high digits (no window functions: fast).
        new_group = (pl.col("worker_id") != pl.col("worker_id").shift(1)) | (
            pl.col("is_agency") != pl.col("is_agency").shift(1)
        )
        group = new_group.fill_null(True).cast(pl.Int64).cum_sum()
        days = pl.col("removal").cast(pl.Int64)
        running = (group * 10_000_000 + days).cum_max() - group * 10_000_000
        earlier_removal = pl.when(~pl.col("_new_group")).then(pl.col("_running").shift(1))
        begins = (
            pl.col("_new_group")
            | (pl.col("start_date").cast(pl.Int64) > earlier_removal)
            | pl.col("start_origin").is_not_null()
        )
        ordered = (
            self.frames.spells.with_columns(
                is_agency.alias("is_agency"),
                is_leaver.alias("is_leaver"),
                removal.alias("removal"),
                pl.col("grade")
                .replace_strict(ranks, default=-1, return_dtype=pl.Int32)
                .alias("rank"),
            )
            .sort("worker_id", "is_agency", "start_date", "spell_id")
            .with_columns(new_group.fill_null(True).alias("_new_group"), running.alias("_running"))
            .with_columns(begins.cum_sum().alias("_run"))
        )
        return (
            ordered.with_columns(
                pl.when(~pl.col("is_agency"))
                .then(pl.col("start_date").min().over("_run"))
                .alias("service_start")
            )
            .drop("_new_group", "_running", "_run")
            .join(self.teams, on="team_id", how="left")
            .join(self.workers.select("worker_id", "route"), on="worker_id", how="left")
            .pipe(mark_concurrent)
        )

    @cached_property
    def employed_spells(self) -> pl.DataFrame:
        """Spells of directly employed social workers (permanent or fixed-term, not agency)."""
        return self.spells.filter(~pl.col("is_agency"))

    # --- the stock at each point -----------------------------------------------------------

    @property
    def many_points(self) -> bool:
        """Whether to total stocks by sweeping through time (see ``Options.sweep_from_points``)."""
        return self.points.height >= self.options.sweep_from_points

    @cached_property
    def pw_base(self) -> int:
        """The multiplier that makes ``pw = point x pw_base + worker_id`` unique."""
        top = self.frames.workers["worker_id"].max()
        return int(top if isinstance(top, int) else 0) + 1

    def pw(self, worker: str = "worker_id") -> pl.Expr:
        """One integer per point and worker: joining on it, sorted, is a fast merge join."""
        return (pl.col("point").cast(pl.Int64) * self.pw_base + pl.col(worker)).alias("pw")

    def _stock(self, spells: pl.DataFrame, day: str = "as_at") -> pl.DataFrame:
        columns = [c for c in spells.columns if c not in _NOT_IN_STOCK]
        return self.points.select("point", pl.col(day).alias("as_at")).join_where(
            spells.select(columns),
            pl.col("start_date") <= pl.col("as_at"),
            pl.col("removal") > pl.col("as_at"),
        )

    @cached_property
    def employed_in_post(self) -> pl.DataFrame:
        """Directly employed spells in post at each point."""
        return self._stock(self.employed_spells)

    @cached_property
    def agency_in_post(self) -> pl.DataFrame:
        """Agency spells in post at each point."""
        return self._stock(self.spells.filter(pl.col("is_agency")))

    @cached_property
    def in_post(self) -> pl.DataFrame:
        """Each spell in post at each point (``start_date <= as_at < removal``)."""
        return pl.concat([self.employed_in_post, self.agency_in_post])

    @cached_property
    def employed_workers(self) -> pl.DataFrame:
        """One row per directly employed worker in post at each point (their senior post),
        sorted by ``pw``."""
        return self._keyed(one_per_worker(self.employed_in_post, "concurrent_employed"))

    @cached_property
    def all_workers(self) -> pl.DataFrame:
        """One row per worker in post at each point, agency workers included, sorted by ``pw``.

        Built from the employed workers (already one per worker) and the agency spells; only
        workers whose spells overlap are grouped again.
        """
        employed = self.employed_workers
        columns = employed.columns
        single = employed.filter(~pl.col("concurrent"))
        agency = self.agency_in_post.filter(~pl.col("concurrent"))
        agency = self._keyed(one_per_worker(agency, "concurrent")).select(columns)
        overlapping = self.in_post.filter(pl.col("concurrent"))
        overlapping = self._keyed(one_per_worker(overlapping, "concurrent")).select(columns)
        return pl.concat([single, agency, overlapping]).sort("pw")

    @cached_property
    def stock_start_employed(self) -> pl.DataFrame:
        """Directly employed workers in post on each point's ``stock_start`` (a year earlier),
        sorted by ``pw``. Where that date is itself a point (a trend, or a figure with its
        year-earlier value) its stock is reused rather than counted again."""
        points = self.points
        earlier = points.select(pl.col("point").alias("earlier"), pl.col("as_at").alias("day"))
        matched = points.select("point", pl.col("stock_start").alias("day")).join(
            earlier, on="day", how="left"
        )
        reuse = matched.filter(pl.col("earlier").is_not_null())
        count = points.filter(~pl.col("point").is_in(reuse["point"].implode()))
        parts = []
        if reuse.height:
            mapping = reuse.select(
                pl.col("earlier").alias("point"),
                pl.col("point").alias("_for"),
                pl.col("day").alias("_day"),
            )
            moved = (
                self.employed_workers.join(mapping, on="point", maintain_order="left")
                .with_columns(pl.col("_for").alias("point"), pl.col("_day").alias("as_at"))
                .drop("_for", "_day")
                .with_columns(self.pw())
            )
            # Points in date order map to later points in the same order: still sorted.
            in_order = mapping.sort("point")["_for"].is_sorted()
            parts.append(
                moved.with_columns(pl.col("pw").set_sorted()) if in_order else moved.sort("pw")
            )
        if count.height:
            opening = count.select("point", pl.col("stock_start").alias("as_at")).join_where(
                self.employed_spells.select(
                    [c for c in self.employed_spells.columns if c not in _NOT_IN_STOCK]
                ),
                pl.col("start_date") <= pl.col("as_at"),
                pl.col("removal") > pl.col("as_at"),
            )
            counted = self._keyed(one_per_worker(opening, "concurrent_employed"))
            parts.append(counted.select(parts[0].columns) if parts else counted)
        # (Concatenating and sorting is much faster in Polars than merge_sorted here.)
        return parts[0] if len(parts) == 1 else pl.concat(parts).sort("pw")

    def _keyed(self, frame: pl.DataFrame) -> pl.DataFrame:
        return frame.with_columns(self.pw()).sort("pw")

    # --- events in each point's year -------------------------------------------------------

    def in_period(self, frame: pl.DataFrame, column: str, month: bool = False) -> pl.DataFrame:
        """Rows of ``frame`` whose ``column`` falls in each point's year (or month) to as-at."""
        opens = "month_start" if month else "period_start"
        first, last = self.points[opens].min(), self.points["as_at"].max()
        inside = frame.filter(pl.col(column).is_between(first, last))
        return self.points.select("point", "as_at", opens).join_where(
            inside,
            pl.col(column) >= pl.col(opens),
            pl.col(column) <= pl.col("as_at"),
        )

    def placed_in_period(
        self, key: str, frame: pl.DataFrame, column: str, place_on: str | None = None
    ) -> pl.DataFrame:
        """Rows of ``frame`` dated (``column``) in each point's year, each with the slice
        columns of the worker's post on ``place_on`` (default: the same date). Built once per
        ``key`` and shared by the measures that use it."""

        def build() -> pl.DataFrame:
            first, last = self.points["period_start"].min(), self.points["as_at"].max()
            inside = frame.filter(pl.col(column).is_between(first, last))
            return self.in_period(self.post_on(inside, place_on or column), column)

        return self.memo(f"placed:{key}", build)

    @cached_property
    def starter_spells(self) -> pl.DataFrame:
        """Spells that start a directly employed worker's time here, at each point's year."""
        starts = self.employed_spells.filter(pl.col("start_origin").is_not_null())
        return self.in_period(starts, "start_date")

    @cached_property
    def leaver_spells(self) -> pl.DataFrame:
        """Spells that end with the worker leaving the council, at each point's year."""
        return self.in_period(self.employed_spells.filter(pl.col("is_leaver")), "end_date")

    # --- a worker's post on any date -------------------------------------------------------

    def post_on(
        self, frame: pl.DataFrame, date_column: str, employed_only: bool = False
    ) -> pl.DataFrame:
        """``frame`` with the slice columns of each worker's senior post on ``date_column``.

        Adds ``in_post_then`` (true when the worker had a post that day). Rows whose worker had
        no post that day keep null slice columns.
        """
        spells = self.employed_spells if employed_only else self.spells
        keyed = frame.with_row_index("_row")
        found = (
            keyed.select("_row", "worker_id", pl.col(date_column).alias("_on"))
            .join(
                spells.select(
                    "worker_id", "start_date", "removal", "spell_id", "rank", "fte", *SLICE_COLUMNS
                ),
                on="worker_id",
            )
            .filter((pl.col("start_date") <= pl.col("_on")) & (pl.col("removal") > pl.col("_on")))
            .sort(["_row", *SENIOR_FIRST[0]], descending=[False, *SENIOR_FIRST[1]])
            .unique("_row", keep="first")
            .select("_row", *SLICE_COLUMNS, pl.lit(True).alias("in_post_then"))
        )
        clashing = [c for c in SLICE_COLUMNS if c in frame.columns]
        return (
            keyed.drop(clashing)
            .join(found, on="_row", how="left")
            .with_columns(pl.col("in_post_then").fill_null(False))
            .sort("_row")
            .drop("_row")
        )

    def demographics(self, frame: pl.DataFrame, age_on: str) -> pl.DataFrame:
        """``frame`` with each worker's sex, broad ethnic group and age band on ``age_on``."""
        joined = frame.join(self.workers.drop("route"), on="worker_id", how="left")
        return joined.with_columns(age_band(pl.col("birth_date"), pl.col(age_on)))
