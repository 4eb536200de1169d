"""The Children page's rows of figures (a part of the council's bands, the causes, the children
waiting, the workers' caseloads, a year of the trend) from the measures' results, with what a
reader outside the named scope may not see withheld (see :mod:`thrive.summaries.children`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from thrive import metrics
from thrive.metrics import Measure, Result
from thrive.metrics.definitions.continuity import BANDS, CAUSES
from thrive.summaries.pack_figures import NOT_AVAILABLE, SUPPRESSED, Figure, figure_of
from thrive.summaries.suppression import is_small

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
CAUSE_LABELS = {
    "worker_left": "The social worker left",
    "internal_move": "Internal move (change of stage or rebalancing)",
    "other": "Other (case closed and reopened, or no reason recorded)",
}


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


def _group(r: Result, breakdown: str) -> str | None:
    return (r.slice or {}).get(breakdown)


def bands_row(part: str, results: Sequence[Result], named: bool) -> BandsRow:
    m = metrics.measure(BY_BANDS)
    bands = {_group(r, str(m.breakdown)): r for r in results if r.name == BY_BANDS}
    per_child = next((r for r in results if r.name == PER_CHILD), None)
    counted = per_child.denominator if per_child else None
    people = Figure(counted, "people", 0) if counted is not None else not_available("people", 0)
    if counted is not None and not named and is_small(counted):  # a group of 1 to 4 children
        return hidden_row(part)
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


def hidden_row(part: str) -> BandsRow:
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
    return [hidden_row(row.part) if i == smallest else row for i, row in enumerate(rows)]


def _count(r: Result | None) -> Figure:
    if r is None:
        return not_available("people", 0)
    if r.suppressed or r.numerator is None:
        return Figure(None, "people", 0, SUPPRESSED)
    return Figure(float(r.numerator), "people", 0)


def not_available(unit: str, places: int) -> Figure:
    return Figure(None, unit, places, NOT_AVAILABLE)


def cause_rows(now: Sequence[Result], named: bool) -> list[CauseRow]:
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


def waiting_figures(now: Sequence[Result], named: bool) -> dict[str, Figure]:
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
    return not_available("people", 0) if value is None else Figure(float(value), "people", 0)


def _withheld(m: Measure, r: Result | None, few: bool) -> Figure:
    if few:
        return Figure(None, str(m.unit), m.unit.decimals, SUPPRESSED)
    return figure_of(m, r, True)


def worker_figures(
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


def year_row(d: date, results: Sequence[Result], cla: Sequence[Result], named: bool) -> YearRow:
    row = bands_row("", results, named)
    cla_row = bands_row("", cla, named)
    return YearRow(d, row.children, row.two_or_more, cla_row.two_or_more, row.per_child)
