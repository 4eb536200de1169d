"""Children's continuity of social worker: the figures the Children page and the board pack show.

Every figure is the metrics registry's (``thrive/metrics/definitions/continuity.py`` and
``weighted.py``; ``thrive metrics`` gives the same), for the whole council or one service, as a
reader who may or may not see its people named may see it. Worked out once here; the page
(:mod:`thrive.summaries.children_page`) and the pack (:mod:`thrive.summaries.pack_children`) only
lay the figures out. No child is ever listed: every figure is a count or a share of children.

What is withheld from a reader outside the named scope (as on the other pages,
:mod:`thrive.summaries.suppression`): a count of 1 to 4 children or workers, with the next
smallest band of a breakdown (the registry's own suppression); every figure of a part of the
council (a team, a case type) with 1 to 4 children counted; a share of children waiting, the
longest wait and the average wait when they are about 1 to 4 children; and the changes per child
beside a withheld band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from thrive import metrics
from thrive.codes.children import CaseType
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Result
from thrive.metrics.periods import period_start, year_before
from thrive.summaries.children_rows import (
    BY_BANDS,
    BY_CAUSE,
    PER_CHILD,
    WAITING,
    WORKERS,
    BandsRow,
    CauseRow,
    YearRow,
    bands_row,
    cause_rows,
    protected,
    waiting_figures,
    worker_figures,
    year_row,
)
from thrive.summaries.pack_figures import NOT_AVAILABLE, Figure
from thrive.summaries.suppression import group_sizes, group_withheld

YEARS = 10  # the demo's story (36% with two or more in 2016) needs the last ten years
NAMES = (BY_BANDS, BY_CAUSE, PER_CHILD, *WAITING, *WORKERS)
# The Children's Commissioner's Stability Index 2018 (children in care at 31 March 2017) and its
# 2019 report: docs/demo.md "Calibration anchor".
NATIONAL_SHARE = 25.0
NATIONAL = (
    "Nationally, the Children's Commissioner's Stability Index found about 1 in 4 children in "
    "care had two or more changes of social worker in a year: nearly 19,000 children in England "
    "(Stability Index 2018, children in care at 31 March 2017; the 2019 report says the same). "
    "The index counts children in care only: compare it with the children looked after here."
)


@dataclass(frozen=True)
class ChildrenFigures:
    """Everything the Children page and the pack's section show, as this reader may see it."""

    as_at: date
    period_start: date
    service: str | None
    recorded: bool  # any allocation records at all
    whole: BandsRow
    by_case_type: list[BandsRow]
    by_service: list[BandsRow]  # the whole council's services (none for one service)
    by_team: list[BandsRow]  # the teams of the council or of the one service
    causes: list[CauseRow]
    waiting: dict[str, Figure]  # waiting, open, share, longest, average, waits ended
    workers: dict[str, tuple[Figure, Figure | None]]  # measure name: (figure, of how many)
    years: list[YearRow]

    @property
    def headline(self) -> str:
        """The page's first sentence, in plain English."""
        return headline(self.whole)


def headline(whole: BandsRow) -> str:
    children, share = whole.children, whole.two_or_more
    if children.value is None:
        return "No child's case was open throughout the year, so no changes are counted."
    counted = f"Of {children.value:,.0f} children whose case was open throughout the year"
    if share.value is None:
        return f"{counted}, the share with two or more changes of social worker is not shown."
    if share.value == 0:
        return f"{counted}, none had two or more changes of social worker in the year."
    one_in = round(100 / share.value)
    about = f"about 1 in {one_in}" if one_in > 1 else "nearly all"
    return (
        f"{counted}, {about} ({share.value:.0f}%) had two or more changes of social worker in "
        "the year."
    )


def children_figures(
    frames: WorkforceFrames, as_at: date, *, service: str | None = None, named: bool = False
) -> ChildrenFigures:
    """The children's continuity figures as at ``as_at`` for the whole council (``service``
    None) or one service. ``named``: the reader may see this part's people named (HR; a service
    manager for their own service), so small numbers are shown."""
    if service is not None:
        return services_figures(frames, as_at, [service], named=named)[service]
    dates = _years_to(as_at)
    # the whole over the years; its teams and services on the day; case types over the years
    # (a slice is of one dimension)
    whole = _by_part(_series(frames, None, dates, named))[None]
    case_types = _series(frames, "case_type", dates, named)
    return _figures(
        frames,
        as_at,
        None,
        named,
        scoped=whole,
        by_team_now=_by_part(_series(frames, "team", [as_at], named)),
        by_service_now=_by_part(_series(frames, "service", [as_at], named)),
        case_types=case_types,
    )


def services_figures(
    frames: WorkforceFrames, as_at: date, services: Sequence[str], *, named: bool = False
) -> dict[str, ChildrenFigures]:
    """:func:`children_figures` for each of ``services``, worked out together: one pass by
    service over the years and one by team on the day give every service's figures (a pass
    for one service works them all out anyway)."""
    by_service = _by_part(_series(frames, "service", _years_to(as_at), named))
    by_team_now = _by_part(_series(frames, "team", [as_at], named))
    sizes = group_sizes(frames, as_at, "service")
    return {
        service: _figures(
            frames,
            as_at,
            service,
            named,
            scoped=by_service.get(service, []),
            by_team_now=by_team_now,
            by_service_now={},
            case_types=[],
            small_group=group_withheld(sizes.get(service, 0), named=named),
        )
        for service in services
    }


def _years_to(as_at: date) -> list[date]:
    dates = [as_at]
    for _ in range(YEARS - 1):
        dates.insert(0, year_before(dates[0]))
    return dates


def _series(frames: WorkforceFrames, by: str | None, on: list[date], named: bool) -> list[Result]:
    return metrics.series(frames, on, by=by, names=NAMES, hr=named, compare=False)


def _by_part(results: Sequence[Result]) -> dict[str | None, list[Result]]:
    """Results by the part of the council they are of (a service, team or case type; None for
    the whole), whatever their breakdown group."""
    found: dict[str | None, list[Result]] = {None: []}
    for r in results:
        rest = {k: v for k, v in (r.slice or {}).items() if k in ("service", "team", "case_type")}
        if len(rest) <= 1:
            found.setdefault(next(iter(rest.values()), None), []).append(r)
    return found


def _figures(
    frames: WorkforceFrames,
    as_at: date,
    service: str | None,
    named: bool,
    *,
    scoped: list[Result],
    by_team_now: dict[str | None, list[Result]],
    by_service_now: dict[str | None, list[Result]],
    case_types: list[Result],
    small_group: bool = False,
) -> ChildrenFigures:
    """The figures of the whole council (``service`` None) or one service from the results:
    ``scoped``, the part's own over the years; its teams' and (the whole's) services' on the
    day; the case types' over the years (the whole's only)."""
    dates = _years_to(as_at)
    now = [r for r in scoped if r.as_at == as_at]
    whole = bands_row("All children", now, named)
    teams = frames.teams
    if service:
        teams = teams.filter(teams["service"] == service)
    by_team = _parts(sorted(set(teams["team"].drop_nulls().to_list())), by_team_now, named)
    services = [] if service else sorted(set(teams["service"].drop_nulls().to_list()))
    by_service = _parts(services, by_service_now, named)
    by_case_type = (
        [
            bands_row(
                str(code.label),
                [r for r in case_types if r.as_at == as_at and _part(r) == code.value],
                named,
            )
            for code in CaseType
        ]
        if not service
        else []
    )
    years = [
        year_row(
            d,
            [r for r in scoped if r.as_at == d],
            [r for r in case_types if r.as_at == d and _cla(r)],
            named,
        )
        for d in dates
    ]
    return ChildrenFigures(
        as_at=as_at,
        period_start=period_start(as_at),
        service=service,
        recorded=not frames.allocations.is_empty(),
        whole=whole,
        by_case_type=protected(by_case_type, named),
        by_service=by_service,
        by_team=by_team,
        causes=cause_rows(now, named),
        waiting=waiting_figures(now, named),
        workers=worker_figures(now, named, small_group),
        years=years,
    )


def _parts(
    parts: list[str], results: dict[str | None, list[Result]], named: bool
) -> list[BandsRow]:
    """A row for each part (service or team) with children counted, complements protected."""
    rows = [bands_row(part, results.get(part, []), named) for part in parts]
    return protected([row for row in rows if _has_children(row)], named)


def _has_children(row: BandsRow) -> bool:
    """A part with children counted (a management team holds none: no row for it)."""
    return row.children.value != 0 and row.children.mark != NOT_AVAILABLE


def _part(r: Result) -> str | None:
    for key in ("service", "team", "case_type"):
        if r.slice and key in r.slice:
            return r.slice[key]
    return None


def _cla(r: Result) -> bool:
    return _part(r) == CaseType.LOOKED_AFTER.value
