"""Shared pieces of the retention and recruitment results: the frames they take, rows, rounding,
small-number suppression, and the parts more than one result carries (:class:`LogRank`).

Each result is a frozen dataclass whose fields are its JSON keys in order
(``dataclasses.asdict`` gives the JSON the commands print); a table whose columns are known is a
list of row dataclasses, named and ordered as the frame's columns. A table whose columns follow
the caller's slice (``by``) stays a list of :data:`JsonRow`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import polars as pl

from thrive.frames.lifecycle import LifecycleFrames
from thrive.frames.workforce import WorkforceFrames
from thrive.summaries.suppression import group_withheld, shown_parts

JsonRow = dict[str, Any]
"""A row of a table whose columns depend on the slice asked for: plain, JSON-ready values."""

R = TypeVar("R")


@dataclass(frozen=True)
class Loaded:
    """One authority's frames, workforce and lifecycle."""

    authority: str
    la_number: str
    frames: WorkforceFrames
    lifecycle: LifecycleFrames


def latest_day(frames: WorkforceFrames) -> date:
    """The last day the records speak for: the latest start or end date of any spell."""
    days = [frames.spells["start_date"].max(), frames.spells["end_date"].max()]
    known = [d for d in days if isinstance(d, date)]
    return max(known) if known else date.today()


def clean(value: Any, digits: int = 3) -> Any:
    """A JSON-ready value: dates as ISO text, floats rounded, NaN and infinity as None."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return None if not math.isfinite(value) else round(value, digits)
    if isinstance(value, list):
        return [clean(v, digits) for v in value]
    if isinstance(value, dict):
        return {k: clean(v, digits) for k, v in value.items()}
    return value


def rows(frame: pl.DataFrame, columns: Iterable[str] | None = None) -> list[JsonRow]:
    """A frame as JSON-ready rows (only ``columns``, if given)."""
    picked = frame.select(list(columns)) if columns is not None else frame
    return [clean(row) for row in picked.to_dicts()]


def typed(row_type: Callable[..., R], table: Iterable[JsonRow]) -> list[R]:
    """JSON-ready rows as ``row_type`` (a row dataclass whose fields are the rows' keys)."""
    return [row_type(**row) for row in table]


@dataclass(frozen=True)
class LogRank:
    """The log-rank test across cohorts (over the people seen from their first day)."""

    statistic: float
    degrees_of_freedom: int
    p_value: float | None
    people: int


def log_rank(test: dict[str, object] | None) -> LogRank | None:
    """A fitted ``RetentionCurves.log_rank_`` (None with fewer than two cohorts to compare)."""
    return None if test is None else LogRank(**clean(test))


def suppress(
    table: list[JsonRow], size: str, counts: Iterable[str], named: bool,
    parts: Sequence[str] = (),
) -> list[JsonRow]:  # fmt: skip
    """Blank the ``counts`` of rows whose ``size`` is small (:mod:`.suppression`), unless
    ``named``.

    Zero identifies nobody and is shown. Each row gains ``suppressed`` (True or False).
    ``parts``: counts that add up to ``size`` (leavers and still in post of a cohort); in a row
    that is shown, a part of 1 to 4 is blanked, and so is the part beside it
    (:func:`~thrive.summaries.suppression.shown_parts`).
    """
    out = []
    for row in table:
        small = group_withheld(row.get(size) or 0, named=named)
        blank = dict.fromkeys(counts if small else (), None)
        if not small and parts:
            shown = shown_parts([int(row.get(p) or 0) for p in parts], named=named)
            blank.update({p: None for p, s in zip(parts, shown, strict=True) if s.suppressed})
        out.append({**row, **blank, "suppressed": small})
    return out
