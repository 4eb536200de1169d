"""Goal seek: the smallest yearly recruitment that meets a goal with the wanted probability.

"What is the smallest number of recruits a year (by route) that reaches 90% permanent and an
average caseload of at most 14 by September 2027, with a probability of at least 80%?"

The routes named in the goal share the yearly total in fixed proportions (those of the
scenario's own plans for them, else equally), each keeping its intake months. The search is a
bisection on the whole-number yearly total. Every candidate is simulated with the same random
numbers (common random numbers), so the probability rises steadily with the total and the
search is stable; the answer is then confirmed with the full number of runs, stepping up while
the confirmation falls short.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from thrive.forecast.errors import ScenarioError
from thrive.forecast.grades import NEWLY_QUALIFIED_ROUTES
from thrive.forecast.model import CapacityForecast
from thrive.forecast.scenario import Goal, RecruitmentPlan, Scenario


@dataclass
class GoalSeekResult:
    """The plan found (recruits a year by route), its probability and the search's trail."""

    goal: Goal
    reachable: bool
    per_year: dict[str, int]
    probability: float
    runs: int
    tried: list[tuple[int, float]] = field(default_factory=list)  # (total a year, probability)

    @property
    def total(self) -> int:
        return sum(self.per_year.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "goal": {
                "by": self.goal.by.isoformat(),
                "permanent_share": self.goal.permanent_share,
                "max_average_caseload": self.goal.max_average_caseload,
                "probability": self.goal.probability,
                "routes": list(self.goal.routes),
            },
            "reachable": self.reachable,
            "per_year": self.per_year,
            "probability": self.probability,
            "runs": self.runs,
            "tried": [{"per_year": t, "probability": p} for t, p in self.tried],
        }


def _split(total: int, shares: list[float]) -> list[int]:
    """Whole numbers in the given shares adding up to ``total`` (largest remainders)."""
    raw = [total * s for s in shares]
    whole = [int(np.floor(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - whole[i], reverse=True)
    for i in order[: total - sum(whole)]:
        whole[i] += 1
    return whole


class GoalSeek:
    """Find the smallest plan; ``runs`` per search step, ``confirm_runs`` for the answer."""

    def __init__(
        self,
        model: CapacityForecast,
        scenario: Scenario,
        goal: Goal | None = None,
        runs: int = 2000,
        confirm_runs: int = 10_000,
        seed: int = 1,
    ) -> None:
        chosen = goal or scenario.goal
        if chosen is None:
            raise ScenarioError("no goal: add a [goal] section or pass one", "goal")
        if chosen.by <= model.origin_:
            raise ScenarioError(
                f"the goal date must be after the origin {model.origin_}", "goal.by"
            )
        self.model, self.scenario, self.goal = model, scenario, chosen
        self.runs, self.confirm_runs, self.seed = runs, confirm_runs, seed
        self.horizon = sum(1 for _ in _months_until(model, chosen))
        self._shapes = [self._shape(route) for route in chosen.routes]
        existing = [scenario.plan_for(route) for route in chosen.routes]
        totals = [p.per_year if p else 0.0 for p in existing]
        self._shares = (
            [t / sum(totals) for t in totals]
            if sum(totals) > 0
            else [1 / len(totals)] * len(totals)
        )

    def _shape(self, route: str) -> RecruitmentPlan:
        plan = self.scenario.plan_for(route)
        if plan is not None:
            return plan
        stream = next((s for s in self.model.rates_.hires if s.route == route), None)
        if route in NEWLY_QUALIFIED_ROUTES and stream is not None:
            months = tuple(float(v) for v in stream.season / stream.season.sum())
            return RecruitmentPlan(route, months)
        return RecruitmentPlan(route, tuple([1 / 12] * 12))

    def plan(self, total: int) -> Scenario:
        """The scenario with ``total`` recruits a year shared between the goal's routes."""
        counts = _split(total, self._shares)
        plans = tuple(
            shape.scaled(float(count)) for shape, count in zip(self._shapes, counts, strict=True)
        )
        return self.scenario.with_plans(plans)

    def probability(self, total: int, runs: int) -> float:
        result = self.model.run(self.plan(total), runs=runs, horizon=self.horizon, seed=self.seed)
        return result.probability(
            self.goal.by, self.goal.permanent_share, self.goal.max_average_caseload
        )

    def solve(self) -> GoalSeekResult:
        goal, tried = self.goal, []
        ceiling = int(goal.max_per_year)
        top = self.probability(ceiling, self.runs)
        tried.append((ceiling, top))
        if top < goal.probability:
            return self._result(False, ceiling, top, self.runs, tried)
        low, high = -1, ceiling  # probability(low) < goal <= probability(high)
        while high - low > 1:
            middle = (low + high) // 2
            chance = self.probability(middle, self.runs)
            tried.append((middle, chance))
            if chance >= goal.probability:
                high = middle
            else:
                low = middle
        total = high
        chance = self.probability(total, self.confirm_runs)
        while chance < goal.probability and total < ceiling:
            total += 1
            chance = self.probability(total, self.confirm_runs)
        tried.append((total, chance))
        return self._result(chance >= goal.probability, total, chance, self.confirm_runs, tried)

    def _result(
        self, reachable: bool, total: int, chance: float, runs: int, tried: list[tuple[int, float]]
    ) -> GoalSeekResult:
        counts = _split(total, self._shares)
        return GoalSeekResult(
            goal=self.goal,
            reachable=reachable,
            per_year=dict(zip(self.goal.routes, counts, strict=True)),
            probability=chance,
            runs=runs,
            tried=sorted(tried),
        )


def _months_until(model: CapacityForecast, goal: Goal) -> list[int]:
    months, step = [], 1
    from thrive.forecast.history import add_months

    while add_months(model.origin_, step) <= goal.by:
        months.append(step)
        step += 1
    return months
