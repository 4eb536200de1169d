"""The board pack's children's continuity section: the Children page's figures
(:func:`thrive.summaries.children.children_figures`, the same code), for the whole council.

Its first table lists the registry's measures a row each (label, unit, value), as the pack's
other measure tables do, so each reads as ``thrive metrics --as-at`` gives it; the bands, causes
and trend follow, with the trend drawn as on the page.
"""

from __future__ import annotations

from datetime import date

from thrive import metrics
from thrive.frames.workforce import WorkforceFrames
from thrive.summaries.children import NATIONAL, ChildrenFigures, children_figures
from thrive.summaries.children_page import BAND_HEADERS, trend_chart
from thrive.summaries.children_rows import PER_CHILD, WAITING, WORKERS, BandsRow
from thrive.summaries.pack_figures import Cell, Figure, PackChart, Section, Table

KEY = "children"
TITLE = "Children's continuity of social worker"


def children_section(
    frames: WorkforceFrames, to: date, *, named: bool, shown: list[str]
) -> Section:
    """The section for the 12 months to ``to``; ``shown`` gets the registry measures it shows
    (for the pack's method page)."""
    f = children_figures(frames, to, named=named)
    if not f.recorded:
        return Section(KEY, TITLE, ["No children's allocation records are loaded."])
    by_name = _by_measure(f)
    rows: list[list[Cell]] = []
    for name, figure in by_name.items():
        m = metrics.measure(name)
        rows.append([m.label, str(m.unit), figure])
        shown.append(name)
    shown.extend(["children_by_changes_of_social_worker", "changes_of_social_worker_by_cause"])
    bands_headers = ["", "Children counted", *BAND_HEADERS]
    bands_headers += ["Two or more changes (%)", "Changes per child"]
    bands = [
        _bands(f.whole),
        *(_bands(r, "Case type: ") for r in f.by_case_type),
        *(_bands(r, "Service: ") for r in f.by_service),
    ]
    causes: list[list[Cell]] = [[r.cause, r.changes, r.share] for r in f.causes]
    trend_headers = ["12 months to", "Children counted", "Two or more changes (%)"]
    trend_headers += ["Children looked after: two or more (%)", "Changes per child"]
    trend: list[list[Cell]] = [
        [f"{y.as_at:%-d %b %Y}", y.children, y.two_or_more, y.looked_after_two_or_more, y.per_child]
        for y in f.years
    ]
    trend_table = Table("Each 12 months to the date", trend_headers, trend)
    svg = trend_chart(f)
    charts = []
    if svg is not None:
        description = (
            "Share of children whose case was open all year with two or more changes of social "
            "worker in each 12 months, all children and children looked after, with the national "
            "figure dashed; the figures are in the table."
        )
        charts.append(PackChart(svg, description, trend_table))
    return Section(
        KEY,
        TITLE,
        [
            f.headline,
            NATIONAL,
            "Counted the Stability Index's way: children whose case was open on the day and "
            "throughout the 12 months to it; a change is an allocation to a different social "
            "worker in the same episode of care (a first allocation is not one). By case type, "
            "the case type on the day; every case type is counted here, the index counts "
            "children in care only.",
        ],
        [
            Table(
                "Children's continuity and caseload measures",
                ["Measure", "Unit", f"At {to:%-d %b %Y}"],
                rows,
            ),
            Table("Children by changes of social worker in the 12 months", bands_headers, bands),
            Table(
                "Changes of social worker by why the last allocation ended",
                ["Why", "Changes", "Share of changes (%)"],
                causes,
            ),
            *([] if charts else [trend_table]),
        ],
        charts,
    )


def _by_measure(f: ChildrenFigures) -> dict[str, Figure]:
    found = {PER_CHILD: f.whole.per_child}
    found |= dict(
        zip(WAITING, (f.waiting["share"], f.waiting["longest"], f.waiting["average"]), strict=True)
    )
    found |= {name: f.workers[name][0] for name in WORKERS}
    return found


def _bands(row: BandsRow, kind: str = "") -> list[Cell]:
    return [kind + row.part, row.children, *row.bands, row.two_or_more, row.per_child]
