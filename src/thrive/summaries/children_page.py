"""The Children page's view model: children's continuity of social worker, in words and tables.

Lays out :func:`thrive.summaries.children.children_figures` (what the board pack's section shows
too): a figure withheld from this reader reads "not shown" (a table download marks it "c"), one
the records cannot give "–". Aggregates only: no child is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString

from thrive.summaries import charts
from thrive.summaries.children import NATIONAL, NATIONAL_SHARE, ChildrenFigures
from thrive.summaries.children_rows import BandsRow
from thrive.summaries.pack_figures import SUPPRESSED, Figure
from thrive.summaries.suppression import NOT_SHOWN

UNITS = {"%": "%", "days": " days", "people": "", "changes per child": "", "cases": " cases"}
BAND_HEADERS = ("No change", "1 change", "2 changes", "3 or more changes")  # continuity.BANDS
WORKER_LABELS = {
    "average_weighted_caseload": "Average weighted caseload (points per FTE)",
    "workers_over_weighted_cap": "Social workers over their weighted caseload cap",
    "asye_over_protection": "ASYE social workers beyond their protection (number or complexity)",
    "cases_held_minus_allocations": "Caseload figures less allocation records (0 when they agree)",
    "workers_cases_disagree": "Social workers whose cases held disagree with their allocations",
}


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class ChildrenPage:
    as_at: date
    period: str
    service: str | None
    recorded: bool
    headline: str
    national: str
    cards: list[tuple[str, str, str]]  # label, value, note
    bands: Table
    by_case_type: Table | None
    by_service: Table | None
    by_team: Table
    causes: Table
    waiting: Table
    workers: Table
    trend: Table
    trend_chart: SafeString | None


def shown(figure: Figure) -> str:
    """A figure as the page prints it."""
    if figure.mark == SUPPRESSED:
        return NOT_SHOWN
    if figure.value is None:
        return "–"
    return f"{figure.value:,.{figure.places}f}{UNITS.get(figure.unit, '')}"


def children_page(figures: ChildrenFigures) -> ChildrenPage:
    f = figures
    band_headers = ["", "Children counted", *BAND_HEADERS]
    band_headers += ["Two or more changes", "Changes per child"]
    waiting = f.waiting
    cards = [
        ("Children counted", shown(f.whole.children), "case open all year"),
        ("Two or more changes of social worker", shown(f.whole.two_or_more), "in the year"),
        ("Children waiting for a social worker", shown(waiting["waiting"]), "on the day"),
        ("Longest wait so far", shown(waiting["longest"]), "of the children waiting"),
    ]
    return ChildrenPage(
        as_at=f.as_at,
        period=f"The 12 months from {f.period_start:%-d %B %Y} to {f.as_at:%-d %B %Y}",
        service=f.service,
        recorded=f.recorded,
        headline=f.headline,
        national=NATIONAL,
        cards=cards,
        bands=Table(
            "Children by changes of social worker in the year",
            band_headers,
            [_band_cells(f.whole)],
        ),
        by_case_type=(
            Table(
                "By case type (the case type on the day)",
                ["Case type", *band_headers[1:]],
                [_band_cells(row) for row in f.by_case_type],
            )
            if f.by_case_type
            else None
        ),
        by_service=(
            Table(
                "By service",
                ["Service", *band_headers[1:]],
                [_band_cells(row) for row in f.by_service],
            )
            if f.by_service
            else None
        ),
        by_team=Table(
            "By team", ["Team", *band_headers[1:]], [_band_cells(row) for row in f.by_team]
        ),
        causes=Table(
            "Changes of social worker in the year, by why the last allocation ended",
            ["Why", "Changes", "Share of changes"],
            [[row.cause, shown(row.changes), shown(row.share)] for row in f.causes],
        ),
        waiting=Table(
            "Children waiting for a social worker",
            ["Measure", "Figure"],
            [
                ["Children waiting unallocated on the day", shown(waiting["waiting"])],
                ["Children with an open case on the day", shown(waiting["open"])],
                ["Share waiting", shown(waiting["share"])],
                ["Longest wait so far", shown(waiting["longest"])],
                ["Waits that ended in the year", shown(waiting["ended"])],
                ["Average wait (waits that ended in the year)", shown(waiting["average"])],
            ],
        ),
        workers=Table(
            "Weighted caseloads, caps and ASYE protection",
            ["Measure", "Figure", "Of"],
            [
                [label, shown(value), "–" if of is None else shown(of)]
                for name, label in WORKER_LABELS.items()
                for value, of in [f.workers[name]]
            ],
        ),
        trend=Table(
            "Each 12 months to the date",
            [
                "12 months to",
                "Children counted",
                "Two or more changes",
                "Two or more changes: children looked after",
                "Changes per child",
            ],
            [
                [
                    f"{y.as_at:%-d %b %Y}",
                    shown(y.children),
                    shown(y.two_or_more),
                    shown(y.looked_after_two_or_more),
                    shown(y.per_child),
                ]
                for y in f.years
            ],
        ),
        trend_chart=trend_chart(f),
    )


def _band_cells(row: BandsRow) -> list[str]:
    return [
        row.part,
        shown(row.children),
        *(shown(b) for b in row.bands),
        shown(row.two_or_more),
        shown(row.per_child),
    ]


def trend_chart(f: ChildrenFigures) -> SafeString | None:
    dates = [y.as_at for y in f.years]
    lines = {
        "All children": [(y.as_at, y.two_or_more.value) for y in f.years],
        "Children looked after": [(y.as_at, y.looked_after_two_or_more.value) for y in f.years],
    }
    if not any(v is not None for line in lines.values() for _, v in line):
        return None
    lines["England, children in care (about 1 in 4)"] = [(d, NATIONAL_SHARE) for d in dates]
    return charts.line_chart(
        lines,
        y_title="% with two or more changes",
        description="Share of children whose case was open all year who had two or more "
        "changes of social worker in each 12 months, with the national Stability Index figure; "
        "the figures are in the table below",
        dashed=["England, children in care (about 1 in 4)"],
        ticks=dates,
        tick_format="%b %Y",
    )
