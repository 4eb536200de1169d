"""The figures of the pages most people open first (the Overview, Workforce, Teams, Children), kept
once for the authority as :mod:`thrive.summaries.kept_results` keeps the slow results: the same
for every viewer with the same right to names, each viewer's page only laying them out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from thrive.summaries.children import ChildrenFigures, children_figures, services_figures
from thrive.summaries.comparison import Comparison, comparison, published_figures
from thrive.summaries.kept_results import RecordSource
from thrive.summaries.overview import (
    OverviewFigures,
    OverviewPage,
    overview_page,
    overview_pages,
)
from thrive.summaries.scope import TeamAccess
from thrive.summaries.team import Caps
from thrive.summaries.team_index import TeamSeen, team_index_figures
from thrive.summaries.workforce import WorkforceFigures, workforce_figures
from thrive.workforce.models import Authority

T = TypeVar("T")


def overview(
    centre: RecordSource, as_at: date, *, service: str | None, named: bool, chosen: list[str]
) -> OverviewFigures:
    """The Overview's figures for the whole council or one service: the same for every viewer
    with the same right to names, so kept once for the authority. Every service's measures are
    worked out together (one pass by service), and the comparison with the published figures
    once for all of them."""

    def build() -> OverviewFigures:
        page = overview_measures_page(centre, as_at, service=service, named=named)
        return OverviewFigures(page, overview_comparison(centre, as_at, chosen))

    key = f"overview:{as_at}:{service}:{named}:{','.join(chosen)}"
    return centre.remembered(key, build, for_authority=True)


def overview_measures_page(
    centre: RecordSource, as_at: date, *, service: str | None, named: bool
) -> OverviewPage:
    """The Overview's measures for the whole council (``service`` None) or one service. A
    service's are worked out with every other service's, in one pass, and each is kept."""

    def key(part: str | None) -> str:
        return f"overview-page:{as_at}:{named}:{part}"

    def build() -> OverviewPage:
        frames = centre.frames
        services = sorted(frames.teams["service"].unique().drop_nulls().to_list())
        if service is None or service not in services:  # the whole, or a service not held
            return overview_page(frames, as_at, centre.targets(), service=service, named=named)
        pages = overview_pages(frames, as_at, centre.targets(), services=services, named=named)
        for part, page in pages.items():
            if part != service:
                centre.remembered(key(part), _given(page), for_authority=True)
        return pages[service]

    return centre.remembered(key(service), build, for_authority=True)


def _given(value: T) -> Callable[[], T]:
    """A build that returns what is already worked out (to keep it with :meth:`remembered`)."""
    return lambda: value


def overview_comparison(centre: RecordSource, as_at: date, chosen: list[str]) -> Comparison | None:
    """The Overview's comparison with the published figures (``chosen``: comparator councils)."""

    def build() -> Comparison | None:
        authority = Authority.objects.get(pk=centre.authority_id)
        return comparison(
            centre.frames,
            authority.la_number,
            authority.region,
            as_at,
            centre.targets(),
            published_figures(),
            chosen,
        )

    key = f"overview-comparison:{as_at}:{','.join(chosen)}"
    return centre.remembered(key, build, for_authority=True)


def workforce(centre: RecordSource, as_at: date, *, hr: bool) -> WorkforceFigures:
    """The Workforce page's figures: the same for every viewer (``hr``: HR's, which hold small
    teams' agency counts), so kept once for the authority; each viewer's page withholds what
    they may not see."""
    return centre.remembered(
        f"workforce:{as_at}:{hr}",
        lambda: workforce_figures(centre.frames, as_at, centre.targets(), hr=hr),
        for_authority=True,
    )


def team_index(centre: RecordSource, as_at: date) -> dict[tuple[int, TeamAccess], TeamSeen]:
    """The Teams index's figures for every team, as named and as aggregate viewers see them."""
    return centre.remembered(
        f"team-index:{as_at}",
        lambda: team_index_figures(centre.frames, as_at, Caps.from_targets(centre.targets())),
        for_authority=True,
    )


def children(
    centre: RecordSource, as_at: date, *, service: str | None, named: bool
) -> ChildrenFigures:
    """The Children page's figures for the whole council or one service: the same for every
    viewer with the same right to names, so kept once for the authority. A service's are worked
    out with every other service's (one pass by service), and each is kept."""

    def key(part: str | None) -> str:
        return f"children:{as_at}:{part}:{named}"

    def build() -> ChildrenFigures:
        frames = centre.frames
        services = sorted(frames.teams["service"].unique().drop_nulls().to_list())
        if service is None or service not in services:  # the whole, or a service not held
            return children_figures(frames, as_at, service=service, named=named)
        figures = services_figures(frames, as_at, services, named=named)
        for part, found in figures.items():
            if part != service:
                centre.remembered(key(part), _given(found), for_authority=True)
        return figures[service]

    return centre.remembered(key(service), build, for_authority=True)
