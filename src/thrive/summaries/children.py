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
from thrive.metrics import Measure, Result
from thrive.metrics.definitions.continuity import BANDS, CAUSES
from thrive.metrics.periods import period_start, year_before
from thrive.summaries.pack_figures import NOT_AVAILABLE, SUPPRESSED, Figure, figure_of
from thrive.summaries.suppression import group_size, group_withheld, is_small

YEARS = 10  # the demo's story (36% with two or more in 2016) needs the last ten years
BY_BANDS = "children_by_changes_of_social_worker"
BY_CAUSE = "changes_of_social_worker_by_cause"
PER_CHILD = "changes_per_child"
WAITING = ("children_waiting", "longest_wait_days", "average_wait_days")
WORKERS = (
    "average_weighted_caseload",
    "workers_over_weighted_cap",
    "asye_over_protection",
    "cases_held_minus_allocations",
    "workers_cases_disagree",
)
NAMES = (BY_BANDS, BY_CAUSE, PER_CHILD, *WAITING, *WORKERS)
CAUSE_LABELS = {
    "worker_left": "The social worker left",
    "internal_move": "Internal move (change of stage or rebalancing)",
    "other": "Other (case closed and reopened, or no reason recorded)",
}
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
class BandsRow:
    """One part of the council (all children, a case type, a team or a service): the children
    counted, how many had 0, 1, 2 and 3 or more changes, the share with two or more, and the
    changes per child."""

    part: str
    children: Figure
    bands: list[Figure]
    two_or_more: Figure
    per_child: Figure


@dataclass(frozen=True)
class CauseRow:
    cause: str
    changes: Figure
    share: Figure


@dataclass(frozen=True)
class YearRow:
    as_at: date
    children: Figure
    two_or_more: Figure
    looked_after_two_or_more: Figure
    per_child: Figure


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
    dates = [as_at]
    for _ in range(YEARS - 1):
        dates.insert(0, year_before(dates[0]))
    wanted = {"service": service} if service else None

    def series(by: str | None, on: list[date]) -> list[Result]:
        return metrics.series(frames, on, by=by, names=NAMES, hr=named, compare=False)

    # the part shown over the years; its teams (and the council's services) on the day; case
    # types over the years for the whole council only (a slice is of one dimension)
    scoped = [r for r in series("service" if service else None, dates) if _in(r, wanted)]
    by_team_now = series("team", [as_at])
    by_service_now = [] if service else series("service", [as_at])
    case_types = [] if service else series("case_type", dates)
    now = [r for r in scoped if r.as_at == as_at]
    small_group = service is not None and group_withheld(
        group_size(frames, as_at, service=service), named=named
    )
    whole = _bands_row("All children", now, named)
    teams = frames.teams
    if service:
        teams = teams.filter(teams["service"] == service)
    by_team = _parts(sorted(set(teams["team"].drop_nulls().to_list())), by_team_now, named)
    services = [] if service else sorted(set(teams["service"].drop_nulls().to_list()))
    by_service = _parts(services, by_service_now, named)
    by_case_type = (
        [
            _bands_row(
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
        _year(
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
        causes=_causes(now, named),
        waiting=_waiting(now, named),
        workers=_workers(now, named, small_group),
        years=years,
    )


def _parts(parts: list[str], results: Sequence[Result], named: bool) -> list[BandsRow]:
    """A row for each part (service or team) with children counted, complements protected."""
    rows = [_bands_row(part, [r for r in results if _part(r) == part], named) for part in parts]
    return protected([row for row in rows if _has_children(row)], named)


def _has_children(row: BandsRow) -> bool:
    """A part with children counted (a management team holds none: no row for it)."""
    return row.children.value != 0 and row.children.mark != NOT_AVAILABLE


def _in(r: Result, wanted: dict[str, str] | None) -> bool:
    """Whether ``r`` is of the wanted part (None: the whole), whatever its breakdown group."""
    rest = {k: v for k, v in (r.slice or {}).items() if k in ("service", "team", "case_type")}
    return rest == (wanted or {})


def _part(r: Result) -> str | None:
    for key in ("service", "team", "case_type"):
        if r.slice and key in r.slice:
            return r.slice[key]
    return None


def _cla(r: Result) -> bool:
    return _part(r) == CaseType.LOOKED_AFTER.value


def _group(r: Result, breakdown: str) -> str | None:
    return (r.slice or {}).get(breakdown)


def _bands_row(part: str, results: Sequence[Result], named: bool) -> BandsRow:
    m = metrics.measure(BY_BANDS)
    bands = {_group(r, str(m.breakdown)): r for r in results if r.name == BY_BANDS}
    per_child = next((r for r in results if r.name == PER_CHILD), None)
    counted = per_child.denominator if per_child else None
    people = Figure(counted, "people", 0) if counted is not None else _x("people", 0)
    if counted is not None and not named and is_small(counted):  # a group of 1 to 4 children
        return _hidden_row(part)
    counts = [_count(bands.get(band)) for band in BANDS]
    two = [bands.get("2"), bands.get("3+")]
    # the share with two or more: made from the two bands, so withheld with either
    many = [r.numerator for r in two if r is not None and not r.suppressed]
    if len(many) < 2 or None in many or not counted:
        gone = any(r is not None and r.suppressed for r in two)
        share = Figure(None, "%", 1, SUPPRESSED if gone else NOT_AVAILABLE)
    else:
        share = Figure(round(100 * sum(n or 0.0 for n in many) / counted, 1), "%", 1)
    per = figure_of(metrics.measure(PER_CHILD), per_child, named)
    if any(c.mark == SUPPRESSED for c in counts):
        # the changes per child, with the children counted and the bands shown, would narrow
        # the withheld bands down (26 children, 0.96 a child: 1 or 2 with three or more)
        per = Figure(None, per.unit, per.places, SUPPRESSED)
    return BandsRow(part, people, counts, share, per)


def _hidden_row(part: str) -> BandsRow:
    hidden = Figure(None, "people", 0, SUPPRESSED)
    share = Figure(None, "%", 1, SUPPRESSED)
    per = Figure(None, "changes per child", 2, SUPPRESSED)
    return BandsRow(part, hidden, [hidden] * len(BANDS), share, per)


def protected(rows: list[BandsRow], named: bool) -> list[BandsRow]:
    """Parts of the whole (case types, services, teams) with the complementary suppression of
    :func:`thrive.summaries.suppression.shown_parts`: when exactly one part is withheld for its
    1 to 4 children, the next smallest part goes too, so the whole less the others does not
    give it away."""
    if named:
        return rows
    hidden = [row.children.mark == SUPPRESSED for row in rows]
    if sum(hidden) != 1:
        return rows
    others = [(row.children.value, i) for i, row in enumerate(rows) if row.children.value]
    if not others:
        return rows
    _, smallest = min(others)
    return [_hidden_row(row.part) if i == smallest else row for i, row in enumerate(rows)]


def _count(r: Result | None) -> Figure:
    if r is None:
        return _x("people", 0)
    if r.suppressed or r.numerator is None:
        return Figure(None, "people", 0, SUPPRESSED)
    return Figure(float(r.numerator), "people", 0)


def _x(unit: str, places: int) -> Figure:
    return Figure(None, unit, places, NOT_AVAILABLE)


def _causes(now: Sequence[Result], named: bool) -> list[CauseRow]:
    m = metrics.measure(BY_CAUSE)
    found = {_group(r, str(m.breakdown)): r for r in now if r.name == BY_CAUSE}
    rows = []
    for cause in CAUSES:
        r = found.get(cause)
        count = _count(r)
        share = (
            Figure(None, "%", 1, count.mark or NOT_AVAILABLE)
            if r is None or count.mark
            else figure_of(m, r, True)
        )
        rows.append(CauseRow(CAUSE_LABELS[cause], count, share))
    return rows


def _waiting(now: Sequence[Result], named: bool) -> dict[str, Figure]:
    found = {r.name: r for r in now if r.slice is None or set(r.slice) <= {"service"}}
    waiting, longest, average = (found.get(name) for name in WAITING)
    few = not named and waiting is not None and is_small(waiting.numerator)
    out = {
        "waiting": _people(waiting.numerator if waiting else None, few),
        "open": _people(waiting.denominator if waiting else None, False),
        "share": _withheld(metrics.measure(WAITING[0]), waiting, few),
        # the longest wait of 1 to 4 waiting children is a figure about them
        "longest": _withheld(metrics.measure(WAITING[1]), longest, few),
    }
    ended_few = not named and average is not None and is_small(average.denominator)
    out["average"] = _withheld(metrics.measure(WAITING[2]), average, ended_few)
    out["ended"] = _people(average.denominator if average else None, ended_few)
    if waiting is not None and waiting.numerator == 0:
        out["longest"] = Figure(0.0, "days", 1)
    return out


def _people(value: float | None, withheld: bool) -> Figure:
    if withheld:
        return Figure(None, "people", 0, SUPPRESSED)
    return _x("people", 0) if value is None else Figure(float(value), "people", 0)


def _withheld(m: Measure, r: Result | None, few: bool) -> Figure:
    if few:
        return Figure(None, str(m.unit), m.unit.decimals, SUPPRESSED)
    return figure_of(m, r, True)


def _workers(
    now: Sequence[Result], named: bool, small_group: bool
) -> dict[str, tuple[Figure, Figure | None]]:
    found = {r.name: r for r in now if r.name in WORKERS}
    out: dict[str, tuple[Figure, Figure | None]] = {}
    for name in WORKERS:
        m, r = metrics.measure(name), found.get(name)
        value = figure_of(m, r, named, group_small=small_group)
        of = None
        if str(m.kind) == "count" and r is not None:
            of = _people(r.denominator, small_group and not named)
        out[name] = (value, of)
    return out


def _year(d: date, results: Sequence[Result], cla: Sequence[Result], named: bool) -> YearRow:
    row = _bands_row("", results, named)
    cla_row = _bands_row("", cla, named)
    return YearRow(d, row.children, row.two_or_more, cla_row.two_or_more, row.per_child)
