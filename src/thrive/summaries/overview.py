"""The Overview's view model: every measure against its target, its change on a year ago and its
trend over 12 quarters, for the whole authority or one service, led by the strategy's headline
measures as cards (:data:`HEADLINE`) that answer "are we on track?" in one screen.

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
from thrive.summaries import formatting
from thrive.summaries.comparison import Comparison
from thrive.summaries.periods import quarter_ends
from thrive.summaries.rows import MeasureRow, measure_row, shown_value
from thrive.summaries.suppression import (
    NOT_SHOWN,
    figure_withheld,
    group_size,
    group_sizes,
    group_withheld,
    people_result,
    with_people,
)

QUARTERS = 12
LEFT_OUT_SECTIONS = {"Stock and flow"}  # shown on the Workforce page, where it reconciles
LEFT_OUT_SECTIONS |= {"Training and induction"}  # shown on each team's page, where it is due
# Pay is for HR and leadership only: shown on the Pay and reward page, not to every role here.
LEFT_OUT_SECTIONS.add("Pay and reward")
LEFT_OUT_SECTIONS.add("Students and trainees")  # shown on the ASYE and careers page
# Visitors and applicants, not the workforce: in thrive metrics (docs/metrics.md); the Recruitment
# page follows the visits through the funnel instead.
LEFT_OUT_SECTIONS.add("Recruitment: Try Before You Apply")

# The strategy's headline measures, as cards at the top of the Overview, in this order, with the
# short name a card shows: what the Somerset (2015-2019) and North Somerset (2021-2024)
# strategies reported on (caseloads towards 14, 90% permanent, turnover down to 12%, at most 6
# direct reports, 90% supervised monthly, appraisals completed) and the Department's agency and
# vacancy rates.
HEADLINE: tuple[tuple[str, str], ...] = (
    ("average_caseload", "Average caseload"),
    ("turnover_rate", "Turnover"),
    ("permanent_share", "Permanent social workers"),
    ("agency_rate", "Agency rate"),
    ("vacancy_rate", "Vacancy rate"),
    ("span_of_control", "Span of control"),
    ("supervised_share", "Supervised in the month"),
    ("appraisal_completion", "Appraisals completed"),
)


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[MeasureRow]


@dataclass(frozen=True)
class HeadlineCard:
    """One headline measure as a card: its figure, its target with its direction, its status
    and its change on a year ago in words. Withheld exactly as the measure's row is: a withheld
    figure takes its status and change with it, and a change is withheld when the figure a year
    ago would have been."""

    name: str
    label: str
    value: str
    target: str
    status: str | None
    status_text: str
    change: str
    suppressed: bool


@dataclass(frozen=True)
class OverviewPage:
    as_at: date
    year_ago: date
    service: str | None
    quarters: list[date]
    sections: list[Section]
    cards: list[HeadlineCard]

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
    earlier_withheld: dict[str, bool] = {}
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
        earlier_withheld[m.name] = before is not None and figure_withheld(
            m, before, named, group_small=small[year_ago], people=counted(year_ago)
        )
        sections.setdefault(m.section, []).append(
            measure_row(
                m,
                result,
                line,
                named,
                group_small=small[as_at],
                previous_withheld=earlier_withheld[m.name],
                people=people_result(m, now),
            )
        )
    rows = {row.name: row for section in sections.values() for row in section}
    by_name = {m.name: m for m in chosen}
    cards = [
        headline_card(by_name[name], label, rows[name], now[name], earlier_withheld[name])
        for name, label in HEADLINE
        if name in rows
    ]
    return OverviewPage(
        as_at=as_at,
        year_ago=year_ago,
        service=service,
        quarters=points,
        sections=[Section(title, section) for title, section in sections.items()],
        cards=cards,
    )


def headline_card(
    m: Measure, label: str, row: MeasureRow, result: Result, previous_withheld: bool
) -> HeadlineCard:
    """A headline measure's card, from its row (which has decided what the viewer may see) and
    its result (for the figure a year ago, which the change in words names)."""
    if row.suppressed or previous_withheld:
        change = NOT_SHOWN
    else:
        change = formatting.change_in_words(
            result.value,
            result.previous,
            str(m.unit),
            m.higher_is_better,
            target=row.target,
            status=row.status,
        )
    return HeadlineCard(
        name=m.name,
        label=label,
        value=row.value,
        target=row.target,
        status=row.status,
        status_text=row.status_text,
        change=change,
        suppressed=row.suppressed,
    )


@dataclass(frozen=True)
class OverviewFigures:
    """Everything the Overview's body shows for one part of the council as at a date: the same
    for every viewer with the same right to names, so kept once for the authority."""

    page: OverviewPage
    comparison: Comparison | None
