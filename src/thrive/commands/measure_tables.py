"""Showing results: JSON, CSV and rich tables. Nothing here computes a measure.

>>> print(to_json([]))
[]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from rich.table import Table

from thrive.metrics.registry import measure
from thrive.metrics.results import Result
from thrive.safe_cells import escape_dict

CSV_COLUMNS = (
    "name",
    "label",
    "slice",
    "value",
    "unit",
    "target",
    "status",
    "numerator",
    "denominator",
    "as_at",
    "period_start",
    "period_end",
    "previous",
    "change",
    "suppressed",
    "detail",
)
STATUS_STYLE = {"green": "green", "amber": "yellow", "red": "bold red"}


def to_json(results: Sequence[Result]) -> str:
    """A JSON list, one object per measure and slice (and date, for a trend)."""
    return json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False)


def slice_text(slice_: dict[str, str] | None) -> str:
    if not slice_:
        return "whole authority"
    return "; ".join(f"{k}: {v}" for k, v in slice_.items())


def to_csv(results: Sequence[Result]) -> str:
    """CSV with one row per result; the slice and detail are written as key: value text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        d = r.as_dict()
        period = d.pop("period", None) or {}
        detail = d.pop("detail", None)
        writer.writerow(
            escape_dict(
                {
                    **d,
                    "slice": slice_text(r.slice) if r.slice else "",
                    "as_at": r.as_at.isoformat(),
                    "period_start": period.get("start", ""),
                    "period_end": period.get("end", ""),
                    "suppressed": "yes" if r.suppressed else "",
                    "detail": "; ".join(f"{k}: {v}" for k, v in (detail or {}).items()),
                }
            )
        )
    return out.getvalue()


def _number(x: float | None, places: int) -> str:
    if x is None:
        return ""
    return f"{x:,.{places}f}"


def table(results: Sequence[Result], title: str, suppress_below: int = 5) -> Table:
    """A table a person reads: measure, slice, value, the sum behind it, target and status."""
    caption = f"c: suppressed, a group of fewer than {suppress_below} people (or the next smallest)"
    grid = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for heading, justify in (
        ("Measure", "left"),
        ("Slice", "left"),
        ("Value", "right"),
        ("Numerator / denominator", "right"),
        ("Target", "right"),
        ("Status", "left"),
        ("A year earlier", "right"),
    ):
        grid.add_column(heading, justify=justify)  # type: ignore[arg-type]
    for r in results:
        m = measure(r.name)
        places = m.unit.decimals
        if r.suppressed:
            value = "c"
        else:
            value = _number(r.value, places)
            value = f"{value} {r.unit}" if value and r.unit != "£" else value
            value = f"£{value}" if value and r.unit == "£" else value
        sums = _number(r.numerator, 2)
        if r.denominator is not None:
            sums = f"{sums} / {_number(r.denominator, 2)}"
        status = r.status or ""
        styled = f"[{STATUS_STYLE[status]}]{status}[/]" if status in STATUS_STYLE else status
        grid.add_row(
            r.label,
            slice_text(r.slice),
            value,
            sums,
            _number(r.target, places) if r.target is not None else "",
            styled,
            _number(r.previous, places),
        )
    return grid


def trend_table(results: Sequence[Result], title: str) -> Table:
    """Dates down the side, one column per measure (and slice)."""
    columns: dict[tuple[str, str], str] = {}
    cells: dict[tuple[str, tuple[str, str]], str] = {}
    dates: list[str] = []
    for r in results:
        key = (r.name, slice_text(r.slice))
        label = r.name if not r.slice else f"{r.name} ({slice_text(r.slice)})"
        columns.setdefault(key, label)
        day = r.as_at.isoformat()
        if day not in dates:
            dates.append(day)
        cells[(day, key)] = "c" if r.suppressed else _number(r.value, measure(r.name).unit.decimals)
    grid = Table(title=title, title_justify="left")
    grid.add_column("As at")
    for label in columns.values():
        grid.add_column(label, justify="right")
    for day in dates:
        grid.add_row(day, *(cells.get((day, key), "") for key in columns))
    return grid
