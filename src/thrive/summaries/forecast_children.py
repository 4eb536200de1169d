"""What a forecast scenario means for children: expected changes of social worker per child.

A simple method, stated in full in ``docs/forecasting.md`` ("Changes of social worker per
child"). From the records, over the 12 months to the forecast's origin (the metrics registry,
as ``thrive metrics`` gives them):

- ``c0``: changes of social worker per child whose case was open all year
  (``changes_per_child``);
- ``s``: the share of changes that followed a worker leaving (``changes_of_social_worker_by_cause``,
  ``worker_left``);
- ``t0``: the FTE turnover rate (``turnover_rate``).

The changes that follow a worker leaving are taken to move in proportion to turnover, and every
other change (moves at a change of stage, rebalancing) to stay as they were. So for each run of
a scenario, over the 12 months to each year end::

    changes per child = c0 x (1 - s) + c0 x s x (turnover in the run / t0)

The middle figure is the median run, and the range the 10th to 90th percentile of the runs: it
holds the forecast's uncertainty about turnover only, not about the method.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from thrive import metrics
from thrive.forecast import ForecastResult
from thrive.forecast.wording import year_ends
from thrive.frames.workforce import WorkforceFrames

NAMES = ("changes_per_child", "changes_of_social_worker_by_cause", "turnover_rate")


@dataclass(frozen=True)
class StartingPoint:
    """The records' figures over the 12 months to the origin."""

    changes_per_child: float
    leaving_share: float  # 0 to 1
    turnover: float  # 0 to 1

    def expected(self, turnover: np.ndarray) -> np.ndarray:
        """Changes per child for each run's turnover (0 to 1) over a year."""
        after_leaving = self.changes_per_child * self.leaving_share
        other = self.changes_per_child - after_leaving
        return other + after_leaving * turnover / self.turnover


@dataclass(frozen=True)
class ChildrenLine:
    scenario: str
    rows: list[tuple[str, str]]  # (the 12 months to, "0.52 (likely 0.45 to 0.60)")


@dataclass(frozen=True)
class ChildrenForecast:
    """Expected changes of social worker per child under each scenario, or why there are none."""

    origin: date
    start: StartingPoint | None
    lines: list[ChildrenLine]
    reason: str = ""

    @property
    def start_sentence(self) -> str:
        if self.start is None:
            return self.reason
        s = self.start
        return (
            f"In the 12 months to {self.origin:%-d %B %Y} a child whose case was open all year had "
            f"{s.changes_per_child:.2f} changes of social worker on average; "
            f"{100 * s.leaving_share:.0f}% of changes followed a worker leaving, and turnover "
            f"was {100 * s.turnover:.1f}%."
        )


def starting_point(frames: WorkforceFrames, origin: date) -> StartingPoint | str:
    """The records' figures at the origin, or why the forecast cannot use them."""
    found = metrics.compute(frames, origin, names=NAMES, hr=True, compare=False)
    per_child = next((r for r in found if r.name == NAMES[0] and r.slice is None), None)
    left = next(
        (r for r in found if r.name == NAMES[1] and (r.slice or {}).get("cause") == "worker_left"),
        None,
    )
    turnover = next((r for r in found if r.name == NAMES[2] and r.slice is None), None)
    if per_child is None or per_child.value is None:
        return (
            "Changes of social worker are not forecast: no child's case was open throughout the "
            "12 months to the forecast's start in the allocation records."
        )
    if turnover is None or not turnover.value:
        return "Changes of social worker are not forecast: no turnover in the year to the start."
    share = (left.value or 0.0) / 100 if left is not None else 0.0
    return StartingPoint(per_child.value, share, turnover.value / 100)


def children_forecast(frames: WorkforceFrames, results: list[ForecastResult]) -> ChildrenForecast:
    """Expected changes per child at each year end of each scenario's forecast."""
    origin = results[0].origin
    start = starting_point(frames, origin)
    if isinstance(start, str):
        return ChildrenForecast(origin, None, [], start)
    lines = []
    for result in results:
        rows = []
        for when in year_ends(result)[1:]:
            turnover = result.measures["turnover_rate"][:, result.dates.index(when)]
            if np.isnan(turnover).all():  # fewer than 12 months in: no year's turnover yet
                continue
            p10, p50, p90 = np.nanpercentile(start.expected(turnover), (10, 50, 90))
            rows.append((f"{when:%-d %b %Y}", f"{p50:.2f} (likely {p10:.2f} to {p90:.2f})"))
        lines.append(ChildrenLine(result.scenario.name, rows))
    return ChildrenForecast(origin, start, lines)
