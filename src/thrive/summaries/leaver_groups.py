"""The Leavers page's census view: why people left (``ReasonLeave``), where they went
(``LeaverDestination``) and after how long with the council, for the whole council and by grade
or by team.

The figures are the metrics registry's breakdown measures (``leavers_by_reason``,
``leavers_by_destination``, ``leavers_by_tenure_band``); this module only arranges and hides
them. A viewer sees a slice's small counts only when they may see its people named (HR, or a
manager for their own teams); everyone else gets the registry's suppression (a group of fewer
than 5 hidden, and the next smallest with it), and a slice total under 5 as "fewer than 5".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString

from thrive import metrics
from thrive.codes import CareerGrade
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Result, Targets
from thrive.summaries import charts, formatting
from thrive.summaries.suppression import threshold

# (measure, the group's column in a result's slice, heading, what the chart shows)
BREAKDOWNS = (
    ("leavers_by_reason", "reason", "Reason for leaving", "why people left"),
    ("leavers_by_destination", "destination", "Destination", "where leavers went"),
    ("leavers_by_tenure_band", "tenure_band", "Years with the council", "years with the council"),
)
DIMENSIONS = {"grade": "Grade", "team": "Team"}


@dataclass(frozen=True)
class GroupShare:
    """One group for the whole council: how many left, and their share of the leavers."""

    group: str
    leavers: str
    share: str


@dataclass(frozen=True)
class SliceRow:
    """One grade or team: its leavers in each group, and all its leavers."""

    name: str
    cells: list[str]
    total: str


@dataclass(frozen=True)
class Breakdown:
    """One breakdown (reason, destination or years with the council) as the page shows it."""

    name: str
    title: str
    whole: list[GroupShare]
    chart: SafeString | None
    chart_caption: str
    by: str
    groups: list[str]
    rows: list[SliceRow]


def breakdowns(
    frames: WorkforceFrames,
    as_at: date,
    targets: Targets,
    *,
    by: str,
    named: set[str],
    hr: bool,
) -> list[Breakdown]:
    """Leavers by reason, destination and years with the council, for the whole council and by
    ``by`` (grade or team); ``named``: the slices (team names) the viewer may see named."""
    names = [name for name, *_ in BREAKDOWNS]
    shown = metrics.compute(
        frames, as_at, by=by, names=names, targets=targets, hr=hr, compare=False
    )
    # Unsuppressed figures only for the slices the viewer may see named.
    raw = (
        metrics.compute(frames, as_at, by=by, names=names, targets=targets, hr=True, compare=False)
        if named and not hr
        else []
    )
    return [
        _breakdown(name, key, title, what, by, shown, raw, named, hr)
        for name, key, title, what in BREAKDOWNS
    ]


def _breakdown(
    name: str,
    key: str,
    title: str,
    what: str,
    by: str,
    shown: list[Result],
    raw: list[Result],
    named: set[str],
    hr: bool,
) -> Breakdown:
    whole: dict[str, Result] = {}
    sliced: dict[str, dict[str, Result]] = {}
    for r in shown:
        if r.name != name or r.slice is None or key not in r.slice:
            continue
        if by in r.slice:
            sliced.setdefault(r.slice[by], {})[r.slice[key]] = r
        else:
            whole[r.slice[key]] = r
    for r in raw:
        if r.name == name and r.slice and key in r.slice and r.slice.get(by) in named:
            sliced.setdefault(r.slice[by], {})[r.slice[key]] = r
    order = list(metrics.measure(name).groups)
    present = set(whole) | {g for cells in sliced.values() for g in cells}
    groups = sorted(present, key=lambda g: (order.index(g) if g in order else len(order), g))
    shares = [_share(g, whole[g]) for g in groups if g in whole]
    bars = [(g, r.value) for g, r in whole.items() if not r.suppressed and r.value]
    bars.sort(key=lambda bar: groups.index(bar[0]))
    label = f"Share of the year's leavers: {what}"
    chart = (
        charts.bar_chart(
            [(g, float(v)) for g, v in bars if v is not None],
            x_title="Share of leavers (%)",
            description=f"{label}; the figures are in the table below",
        )
        if len(bars) >= 2
        else None
    )
    rows = [
        _slice_row(_slice_name(by, s), cells, groups, hr or s in named)
        for s, cells in sorted(sliced.items(), key=lambda item: _slice_order(by, item[0]))
    ]
    return Breakdown(
        name=name,
        title=title,
        whole=shares,
        chart=chart,
        chart_caption=label + " (groups hidden for you are left out).",
        by=DIMENSIONS[by],
        groups=groups,
        rows=rows,
    )


def _share(group: str, r: Result) -> GroupShare:
    if r.suppressed:
        return GroupShare(group, f"fewer than {threshold()}", "–")
    return GroupShare(group, _count(r.numerator), formatting.number(r.value, "%"))


def _count(x: float | None) -> str:
    return "–" if x is None else f"{x:,.0f}"


def _slice_row(name: str, cells: dict[str, Result], groups: list[str], sees: bool) -> SliceRow:
    hidden = f"fewer than {threshold()}"
    totals = [r.denominator for r in cells.values() if r.denominator is not None]
    total = max(totals) if totals else None
    small_total = total is None or (not sees and 0 < total < threshold())
    shown = []
    for g in groups:
        r = cells.get(g)
        if r is None:
            shown.append("0")
        elif r.suppressed or (small_total and not sees):
            shown.append(hidden)
        else:
            shown.append(_count(r.numerator))
    return SliceRow(name, shown, hidden if small_total else _count(total))


def _slice_name(by: str, key: str) -> str:
    if by == "grade":
        try:
            return CareerGrade(key).label
        except ValueError:
            return key
    return key


def _slice_order(by: str, key: str) -> tuple[int, str]:
    grades = [str(g) for g in CareerGrade]
    return (grades.index(key) if by == "grade" and key in grades else len(grades), key)
