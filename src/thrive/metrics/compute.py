"""Compute measures at an as-at date, for a collection year, or month by month.

:func:`compute`, :func:`series` and :func:`trend` build a
:class:`~thrive.metrics.context.Context`, run every requested measure for the whole authority
(and for each slice when ``by`` is given), and return one :class:`Result` per measure, slice and
date, each with its target, status and the value a year earlier. :func:`results_frame` gives the
same as one Polars frame, for pages and reports that want a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

import polars as pl

from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.context import Context, Options
from thrive.metrics.errors import PeriodError, UnknownSliceError
from thrive.metrics.evaluation import evaluate, finish
from thrive.metrics.periods import collection_year, month_ends, points_frame, year_before
from thrive.metrics.registry import DIMENSIONS, Measure, measure, measures
from thrive.metrics.results import Result, results_from
from thrive.metrics.staff_groups import STAFF_GROUP, staff_group_rows
from thrive.metrics.targets import Targets, default_targets

__all__ = ["Result", "compute", "results_frame", "series", "trend"]


def _chosen(names: Iterable[str] | None) -> list[Measure]:
    if names is None:
        return list(measures().values())
    return [measure(n) for n in names]


def results_frame(
    frames: WorkforceFrames,
    dates: Sequence[date],
    *,
    by: str | None = None,
    names: Iterable[str] | None = None,
    targets: Targets | None = None,
    options: Options | None = None,
    hr: bool = False,
    compare: bool = True,
) -> pl.DataFrame:
    """The measures as at each of ``dates``, as one frame (one row per measure, slice, date)."""
    if by is not None and by not in DIMENSIONS:
        raise UnknownSliceError(by, list(DIMENSIONS))
    if not dates:
        raise PeriodError("No as-at dates to compute measures for.")
    targets = targets if targets is not None else default_targets()
    options = targets.apply_to(options or Options())
    if hr:
        options = replace(options, suppress_below=0)
    wanted = list(dict.fromkeys(dates))
    every = sorted(set(wanted + ([year_before(d) for d in wanted] if compare else [])))
    index = {d: i for i, d in enumerate(every)}
    ctx = Context(frames, points_frame(every), options)
    chosen = _chosen(names)
    if by == STAFF_GROUP:
        # The whole authority stays the social workers' figure; each staff group is a slice.
        long = evaluate(ctx, chosen, None)
        groups = staff_group_rows(frames, ctx.points, options, chosen)
        if groups is not None:
            long = pl.concat([long, groups], how="diagonal_relaxed")
    else:
        long = evaluate(ctx, chosen, by)
    previous = {index[d]: index[year_before(d)] for d in wanted} if compare else {}
    return finish(long, ctx, chosen, targets, [index[d] for d in wanted], previous)


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
    table = results_frame(
        frames,
        dates,
        by=by,
        names=names,
        targets=targets,
        options=options,
        hr=hr,
        compare=compare,
    )
    return results_from(table)


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

    ``by`` slices by team, service, grade, contract, route or staff group as well as the whole
    authority;
    ``hr=True`` shows small groups unsuppressed (for HR only); ``compare`` adds the value a year
    earlier.
    """
    if (as_at is None) == (period is None):
        raise PeriodError("Give either an as-at date or a collection year, not both or neither.")
    day = as_at if as_at is not None else collection_year(period or 0)[1]
    return series(
        frames,
        [day],
        by=by,
        names=names,
        targets=targets,
        options=options,
        hr=hr,
        compare=compare,
    )


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
    return series(
        frames,
        month_ends(start, end),
        by=by,
        names=names,
        targets=targets,
        options=options,
        hr=hr,
        compare=compare,
    )
