"""The Overview's view model: every measure against its target, its change on a year ago and its
trend over 12 quarters, for the whole authority or one service.

All figures come from the metrics registry (:func:`thrive.metrics.compute` and
:func:`thrive.metrics.series`); this module only chooses, formats and draws them. What a viewer
who may not see the people in that part of the council named gets withheld is decided by
:mod:`thrive.summaries.suppression`: small counts, and every figure of a part of the council
with fewer people than the threshold, with its status, change and trend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thrive import metrics
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Measure, Result, Targets
from thrive.metrics.periods import year_before
from thrive.summaries.comparison import Comparison
from thrive.summaries.periods import quarter_ends
from thrive.summaries.rows import MeasureRow, measure_row, shown_value
from thrive.summaries.suppression import (
    figure_withheld,
    group_size,
    group_sizes,
    group_withheld,
    people_result,
    with_people,
)

QUARTERS = 12
LEFT_OUT_SECTIONS = {"Stock and flow"}  # shown on the Workforce page, where it reconciles


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[MeasureRow]


@dataclass(frozen=True)
class OverviewPage:
    as_at: date
    year_ago: date
    service: str | None
    quarters: list[date]
    sections: list[Section]

    @property
    def counts(self) -> dict[str, int]:
        """How many measures are green, amber and red: the page's one-line answer."""
        found = {"green": 0, "amber": 0, "red": 0}
        for section in self.sections:
            for row in section.rows:
                if row.status in found:
                    found[row.status] += 1
        return found


def overview_measures() -> list[Measure]:
    """The measures the Overview lists: all but breakdowns and the stock-and-flow check."""
    return [
        m
        for m in metrics.measures().values()
        if m.breakdown is None and m.section not in LEFT_OUT_SECTIONS
    ]


def trend_dates(as_at: date) -> list[date]:
    """The 12 points of the trend: the 11 quarter ends before ``as_at``, then ``as_at``."""
    ends = quarter_ends(as_at, QUARTERS)
    if ends[-1] == as_at:
        return ends
    return [*quarter_ends(as_at, QUARTERS - 1), as_at]


def overview_page(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    service: str | None = None,
    named: bool = False,
    chosen: list[Measure] | None = None,
) -> OverviewPage:
    """Build the Overview "as at" a date, for the authority or one service.

    ``named``: the viewer may see the people counted here by name (HR; a service manager looking
    at their own service), so small counts are not suppressed for them. ``chosen``: only these
    measures (another page's selection), grouped by section as on the Overview.
    """
    pages = overview_pages(frames, as_at, targets, services=[service], named=named, chosen=chosen)
    return pages[service]


def overview_pages(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    services: list[str | None],
    named: bool = False,
    chosen: list[Measure] | None = None,
) -> dict[str | None, OverviewPage]:
    """:func:`overview_page` for each of ``services`` (None: the whole authority), the measures
    worked out once for them all (by service), not once a service."""
    chosen = chosen if chosen is not None else overview_measures()
    names = with_people([m.name for m in chosen])
    points = trend_dates(as_at)
    year_ago = year_before(as_at)
    earlier = sorted({d for d in points if d != as_at} | {year_ago})
    pages: dict[str | None, OverviewPage] = {}
    whole = [service for service in services if service is None]
    parts = [service for service in services if service is not None]
    for by, wanted_services in ((None, whole), ("service", parts)):
        if not wanted_services:
            continue
        now_all = metrics.compute(frames, as_at, by=by, names=names, targets=targets, hr=named)
        earlier_all = metrics.series(
            frames, earlier, by=by, names=names, targets=targets, hr=named, compare=False
        )
        sizes = {d: group_sizes(frames, d, "service") for d in [*earlier, as_at]} if by else {}
        for service in wanted_services:
            wanted = {"service": service} if service else None
            now = {r.name: r for r in now_all if r.slice == wanted}
            history: dict[str, dict[date, Result]] = {}
            for r in earlier_all:
                if r.slice == wanted:
                    history.setdefault(r.name, {})[r.as_at] = r
            for name, latest in now.items():
                history.setdefault(name, {})[as_at] = latest
            small = {
                d: group_withheld(
                    sizes[d].get(service, 0) if service else group_size(frames, d), named=named
                )
                for d in [*earlier, as_at]
            }
            pages[service] = _page(chosen, now, history, small, as_at, service, named)
    return pages


def _page(
    chosen: list[Measure],
    now: dict[str, Result],
    history: dict[str, dict[date, Result]],
    small: dict[date, bool],
    as_at: date,
    service: str | None,
    named: bool,
) -> OverviewPage:
    points = trend_dates(as_at)
    year_ago = year_before(as_at)
    sections: dict[str, list[MeasureRow]] = {}
    for m in chosen:
        result = now.get(m.name)
        if result is None:
            continue
        past = history.get(m.name, {})

        def counted(d: date, m: Measure = m) -> dict[str, Result | None]:
            return {name: history.get(name, {}).get(d) for name in m.people}

        line = [
            (d, shown_value(m, past.get(d), named, group_small=small[d], people=counted(d)))
            for d in points
        ]
        before = past.get(year_ago)
        sections.setdefault(m.section, []).append(
            measure_row(
                m,
                result,
                line,
                named,
                group_small=small[as_at],
                previous_withheld=before is not None
                and figure_withheld(
                    m,
                    before,
                    named,
                    group_small=small[year_ago],
                    people=counted(year_ago),
                ),
                people=people_result(m, now),
            )
        )
    return OverviewPage(
        as_at=as_at,
        year_ago=year_ago,
        service=service,
        quarters=points,
        sections=[Section(title, rows) for title, rows in sections.items()],
    )


@dataclass(frozen=True)
class OverviewFigures:
    """Everything the Overview's body shows for one part of the council as at a date: the same
    for every viewer with the same right to names, so kept once for the authority."""

    page: OverviewPage
    comparison: Comparison | None
