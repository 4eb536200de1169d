"""The Pay and reward page's tables and chart, from :class:`~thrive.summaries.pay.PayPage`.

Each table is a :class:`Table` (caption, headings, rows of text) that one partial draws, so the
page repeats no table markup. The chart answers one question: how spread out is base salary
within each grade? Each grade's middle half of salaries (lower to upper quarter) is a bar with
its median marked; a grade whose quarters are withheld from the viewer is not drawn, and the
caption says how many are left out. Its figures are the base salary table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from thrive.summaries import charts, palette
from thrive.summaries.pay import WHOLE, PayPage, PayRow


@dataclass(frozen=True)
class Table:
    """A table as the page draws it: the first cell of each row is its heading; every other
    column is a number (right-aligned)."""

    caption: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def salary_table(page: PayPage) -> Table:
    return Table(
        "Base salary: the middle half of people are paid between the lower and upper quarter",
        ("Grade", "People", "Lower quarter", "Middle (median)", "Upper quarter",
         "Middle a year before", "Change"),
        tuple(
            (r.part, r.people.text, r.lower.text, r.median.text, r.upper.text,
             r.median_year_before.text, r.median_change)
            for r in page.rows
        ),
    )  # fmt: skip


def curve_table(page: PayPage) -> Table:
    return Table(
        f"Social workers in post on {page.curves_from_text}, followed since: how many are "
        "still here",
        ("Group", "People", "Left since", "Still here half a year on", "Still here a year on"),
        tuple((r.group, r.people, r.leavers, r.half_year, r.one_year) for r in page.curves),
    )


def agency_table(page: PayPage) -> Table:
    return Table(
        "A year of one full-time post, by grade",
        ("Grade", "Agency workers", "Agency cover", "Directly employed", "Agency's extra cost"),
        tuple(
            (r.part, r.agency_people.text, r.agency_cost.text, r.employed_cost.text,
             r.premium.text)
            for r in page.rows
        ),
    )  # fmt: skip


def _drawable(r: PayRow) -> bool:
    return None not in (r.lower.value, r.median.value, r.upper.value)


def salary_spread(rows: Sequence[PayRow]) -> tuple[SafeString | None, str]:
    """The chart of each grade's salary spread, and its caption; no chart with fewer than two
    grades to draw."""
    grades = [r for r in rows if r.part != WHOLE and r.people.text not in ("–", "0")]
    drawn = [r for r in grades if _drawable(r)]
    left_out = len(grades) - len(drawn)
    caption = (
        "Base salary in each grade: the bar runs from the lower to the upper quarter (the "
        "middle half of people), the black mark is the median."
    )
    if left_out:
        caption += (
            f" {left_out} {'grade is' if left_out == 1 else 'grades are'} left out: too few "
            "people to show."
        )
    caption += " Every grade's figures are in the table below."
    if len(drawn) < 2:
        return None, caption
    values = [
        {"grade": r.part, "lower": r.lower.value, "median": r.median.value, "upper": r.upper.value}
        for r in drawn
    ]
    axis = {"title": "Base salary (£ a year, full-time)", "format": ",.0f"}
    y = {"field": "grade", "type": "nominal", "title": None, "sort": None}
    spec = {
        "data": {"values": values},
        "width": 560,
        "height": {"step": 28},
        "layer": [
            {
                "mark": {"type": "bar", "color": palette.AUTHORITY, "size": 14},
                "encoding": {
                    "y": y,
                    "x": {"field": "lower", "type": "quantitative", "axis": axis,
                          "scale": {"zero": False}},
                    "x2": {"field": "upper"},
                },
            },
            {
                "mark": {"type": "tick", "color": palette.TEXT, "thickness": 3, "size": 22},
                "encoding": {"y": y, "x": {"field": "median", "type": "quantitative"}},
            },
        ],
    }  # fmt: skip
    lowest = min(drawn, key=lambda r: r.median.value or 0.0)
    highest = max(drawn, key=lambda r: r.median.value or 0.0)
    description = (
        f"Base salary spread in {len(drawn)} grades, medians from {lowest.median.text} "
        f"({lowest.part}) to {highest.median.text} ({highest.part}); the figures are in the "
        "table below"
    )
    return charts.draw(spec, description), caption
