"""A computed measure as the rest of Thrive sees it: :class:`Result`, built from the results
frame the computation produces."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import polars as pl

from thrive.metrics.registry import measures


class Result(NamedTuple):
    """One measure for one slice at one as-at date, with everything needed to check it.

    (A named tuple rather than a dataclass: a by-team run makes tens of thousands.)
    """

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
        places = measures()[self.name].unit.decimals

        def shown(x: float | None, digits: int) -> float | None:
            if x is None:
                return None
            rounded = round(x, digits)
            return 0.0 if rounded == 0 else rounded  # never "-0.0"

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


def results_from(frame: pl.DataFrame) -> list[Result]:
    """:class:`Result` objects from a results frame (see ``thrive.metrics.evaluation.finish``)."""
    registry = measures()
    details = [c for c in frame.columns if c.startswith("detail_")]
    columns = [
        "name", "by", "slice", "group", "value", "target", "status", "numerator",
        "denominator", "as_at", "period_start", "previous", "suppressed", *details,
    ]  # fmt: skip
    out: list[Result] = []
    append = out.append
    for row in zip(*(frame[c].to_list() for c in columns), strict=True):
        (name, by, slice_value, group, value, target, status, numerator, denominator, as_at,
         start, previous, suppressed) = row[:13]  # fmt: skip
        m = registry[name]
        slice_: dict[str, str] | None = None
        if by is not None:
            slice_ = {by: slice_value}
        if group is not None and m.breakdown is not None:
            slice_ = {**(slice_ or {}), m.breakdown: group}
        detail = None
        if m.detail:
            found = dict(zip((d.removeprefix("detail_") for d in details), row[13:], strict=True))
            detail = {k: v for k, v in found.items() if k in m.detail and v is not None} or None
        append(
            Result(
                name,
                m.label,
                slice_,
                value,
                str(m.unit),
                target,
                status,
                numerator,
                denominator,
                as_at,
                None if start is None else (start, as_at),
                previous,
                bool(suppressed),
                detail,
            )
        )
    return out
