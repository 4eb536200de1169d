"""Compute measures at an as-at date, for a collection year, or month by month.

:func:`compute` and :func:`trend` build a :class:`~thrive.metrics.context.Context`, run every
requested measure for the whole authority (and for each slice when ``by`` is given), derive each
value from its numerator and denominator, suppress small groups, and attach the target, status
and the value a year earlier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from thrive.metrics.context import Context, Options
from thrive.metrics.errors import PeriodError, UnknownSliceError
from thrive.metrics.periods import (
    collection_year,
    month_ends,
    period_start,
    points_frame,
    year_before,
)
from thrive.metrics.registry import DIMENSIONS, Basis, Kind, Measure, measure, measures
from thrive.metrics.suppression import suppress
from thrive.metrics.targets import Targets, default_targets
from thrive.workforce.frame_schema import WorkforceFrames


@dataclass(frozen=True)
class Result:
    """One measure for one slice at one as-at date, with everything needed to check it."""

    name: str
    label: str
    slice: dict[str, str] | None
    value: float | None
    unit: str
    target: float | None
    status: str | None
    numerator: float | None
    denominator: float | None
    as_at: date
    period: tuple[date, date] | None
    previous: float | None = None
    suppressed: bool = False
    detail: dict[str, float] | None = None

    @property
    def change(self) -> float | None:
        """Value minus the value on the same date a year earlier."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape: numbers rounded as the measure is shown, dates as ISO text."""
        m = measure(self.name)
        places = m.unit.decimals

        def shown(x: float | None, digits: int) -> float | None:
            return None if x is None else round(x, digits)

        out: dict[str, Any] = {
            "name": self.name,
            "label": self.label,
            "slice": self.slice,
            "value": shown(self.value, places),
            "unit": self.unit,
            "target": self.target,
            "status": self.status,
            "numerator": shown(self.numerator, 2),
            "denominator": shown(self.denominator, 2),
        }
        if self.period is None:
            out["as_at"] = self.as_at.isoformat()
        else:
            out["period"] = {"start": self.period[0].isoformat(), "end": self.period[1].isoformat()}
        out["previous"] = shown(self.previous, places)
        out["change"] = shown(self.change, places)
        if self.suppressed:
            out["suppressed"] = True
        if self.detail:
            out["detail"] = {k: shown(v, 2) for k, v in self.detail.items()}
        return out


def evaluate(ctx: Context, chosen: Sequence[Measure], by: str | None) -> pl.DataFrame:
    """A long frame: one row per measure, point, slice (and group) with the value derived."""
    parts = []
    for m in chosen:
        whole = _complete(ctx, m, m.function(ctx, None))
        frames = [whole.with_columns(pl.lit(None, dtype=pl.String).alias("by"))]
        if by is not None and by in m.slices:
            frames.append(m.function(ctx, by).with_columns(pl.lit(by).alias("by")))
        for f in frames:
            if "group" not in f.columns:
                f = f.with_columns(pl.lit(None, dtype=pl.String).alias("group"))
            value = m.kind.apply(pl.col("numerator"), pl.col("denominator"))
            parts.append(
                f.with_columns(
                    pl.lit(m.name).alias("name"),
                    pl.col("point").cast(pl.Int32),
                    pl.col("numerator").cast(pl.Float64),
                    pl.col("denominator").cast(pl.Float64),
                    value.cast(pl.Float64).alias("value"),
                )
            )
    long = pl.concat(parts, how="diagonal_relaxed")
    return (
        suppress(long, chosen, ctx.options.suppress_below) if ctx.options.suppress_below else long
    )


def _complete(ctx: Context, m: Measure, whole: pl.DataFrame) -> pl.DataFrame:
    """The whole-authority rows, with a row at every point even when nothing was counted.

    A point the measure found nothing at gets 0 (a maximum gets no value); a row the measure
    returned with no numerator (agency spend without day rates) keeps it empty.
    """
    if m.breakdown is not None:
        # A breakdown with nobody in it at a point still says so: 0 out of 0.
        empty = ctx.points.select("point").join(whole, on="point", how="anti")
        nobody = empty.select(
            "point",
            pl.lit(None, dtype=pl.String).alias("slice"),
            pl.lit(None, dtype=pl.String).alias("group"),
            pl.lit(0.0).alias("numerator"),
            pl.lit(0.0).alias("denominator"),
        )
        return pl.concat([whole, nobody], how="diagonal_relaxed")
    found = whole.drop("slice").with_columns(pl.lit(True).alias("_found"))
    filled = ctx.points.select("point").join(found, on="point", how="left")
    missing = pl.col("_found").is_null()
    fills = []
    if m.kind is not Kind.MAXIMUM:
        fills.append(pl.when(missing).then(0.0).otherwise(pl.col("numerator")).alias("numerator"))
    if m.denominator is not None:
        fills.append(
            pl.when(missing).then(0.0).otherwise(pl.col("denominator")).alias("denominator")
        )
    return filled.with_columns(*fills, pl.lit(None, dtype=pl.String).alias("slice")).drop("_found")


def _chosen(names: Iterable[str] | None) -> list[Measure]:
    if names is None:
        return list(measures().values())
    return [measure(n) for n in names]


def _check_by(by: str | None) -> None:
    if by is not None and by not in DIMENSIONS:
        raise UnknownSliceError(by, list(DIMENSIONS))


def _results(
    long: pl.DataFrame,
    dates: list[date],
    targets: Targets,
    shown: set[int],
    previous_point: dict[int, int],
) -> list[Result]:
    registry = measures()
    key = ("name", "by", "slice", "group")
    earlier = {
        (row["point"], *(row[k] for k in key)): row["value"]
        for row in long.filter(pl.col("point").is_in(list(previous_point.values()))).iter_rows(
            named=True
        )
    }
    out: list[Result] = []
    for row in long.filter(pl.col("point").is_in(list(shown))).sort("point").iter_rows(named=True):
        m = registry[row["name"]]
        as_at = dates[row["point"]]
        slice_: dict[str, str] | None = None
        if row["by"] is not None:
            slice_ = {row["by"]: row["slice"]}
        group_key = None
        if row["group"] is not None and m.breakdown is not None:
            slice_ = {**(slice_ or {}), m.breakdown: row["group"]}
            group_key = (m.breakdown, row["group"])
        before = previous_point.get(row["point"])
        detail = {
            name: row[f"detail_{name}"]
            for name in m.detail
            if row.get(f"detail_{name}") is not None
        }
        out.append(
            Result(
                name=m.name,
                label=m.label,
                slice=slice_,
                value=row["value"],
                unit=str(m.unit),
                target=targets.target(m.name, group_key),
                status=None if group_key else targets.status(m.name, row["value"]),
                numerator=row["numerator"],
                denominator=row["denominator"],
                as_at=as_at,
                period=(period_start(as_at), as_at) if m.basis is Basis.PERIOD else None,
                previous=None if before is None else earlier.get((before, *(row[k] for k in key))),
                suppressed=bool(row.get("suppressed")),
                detail=detail or None,
            )
        )
    return out


def _run(
    frames: WorkforceFrames,
    wanted: list[date],
    by: str | None,
    names: Iterable[str] | None,
    targets: Targets | None,
    options: Options | None,
    hr: bool,
    compare: bool,
) -> list[Result]:
    _check_by(by)
    targets = targets if targets is not None else default_targets()
    options = targets.apply_to(options or Options())
    if hr:
        options = Options(**{**options.__dict__, "suppress_below": 0})
    dates = list(dict.fromkeys(wanted + ([year_before(d) for d in wanted] if compare else [])))
    index = {d: i for i, d in enumerate(dates)}
    ctx = Context(frames, points_frame(dates), options)
    long = evaluate(ctx, _chosen(names), by)
    previous = {index[d]: index[year_before(d)] for d in wanted} if compare else {}
    return _results(long, dates, targets, {index[d] for d in wanted}, previous)


def compute(
    frames: WorkforceFrames,
    as_at: date | None = None,
    *,
    period: int | None = None,
    by: str | None = None,
    names: Iterable[str] | None = None,
    targets: Targets | None = None,
    options: Options | None = None,
    hr: bool = False,
    compare: bool = True,
) -> list[Result]:
    """Every measure (or those ``names``) as at a date, or for collection year ``period``.

    ``by`` slices by team, service, grade, contract or route as well as the whole authority;
    ``hr=True`` shows small groups unsuppressed (for HR only); ``compare`` adds the value a year
    earlier.
    """
    if (as_at is None) == (period is None):
        raise PeriodError("Give either an as-at date or a collection year, not both or neither.")
    day = as_at if as_at is not None else collection_year(period or 0)[1]
    return _run(frames, [day], by, names, targets, options, hr, compare)


def series(
    frames: WorkforceFrames,
    dates: Sequence[date],
    *,
    by: str | None = None,
    names: Iterable[str] | None = None,
    targets: Targets | None = None,
    options: Options | None = None,
    hr: bool = False,
    compare: bool = True,
) -> list[Result]:
    """The measures as at each of ``dates`` (computed together, in one pass)."""
    return _run(frames, list(dates), by, names, targets, options, hr, compare)


def trend(
    frames: WorkforceFrames,
    start: date,
    end: date,
    every: str = "month",
    *,
    by: str | None = None,
    names: Iterable[str] | None = None,
    targets: Targets | None = None,
    options: Options | None = None,
    hr: bool = False,
    compare: bool = True,
) -> list[Result]:
    """The measures at every month end from ``start`` to ``end``, each with its year-earlier
    value."""
    if every != "month":
        raise PeriodError(f"Trends go month by month; {every!r} is not supported.")
    return _run(frames, month_ends(start, end), by, names, targets, options, hr, compare)
