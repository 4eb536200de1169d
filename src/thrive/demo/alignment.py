"""Aligned drawing: how many people an event happens to follows its expectation closely.

Drawing every worker's leaving as an independent coin toss makes one year's turnover swing by
several points from one seed to the next (about 50 leavers a year: a standard deviation of 7).
Dynamic microsimulation models handle this by *alignment*: the number of events in a month is
the sum of the individual chances (with the fraction carried to the next month), and *who* it
happens to is drawn at random, weighted by each one's chance. Every leaver is still a person with
their own reason and date, and the stock-and-flow still holds exactly; only the Monte-Carlo
noise in the totals is removed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class Aligner:
    """Carries each kind of event's fractional expectation from month to month."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._carry: dict[str, float] = {}

    def choose(self, kind: str, chances: Sequence[float]) -> list[int]:
        """Indices (in ascending order) of the candidates the event happens to this month."""
        expected = float(sum(chances)) + self._carry.get(kind, 0.0)
        candidates = sum(1 for c in chances if c > 0)
        count = min(int(expected), candidates)
        self._carry[kind] = expected - count if count < candidates else 0.0
        if count == 0:
            return []
        weights = np.asarray(chances, dtype=float)
        picked = self._rng.choice(
            len(weights), size=count, replace=False, p=weights / weights.sum()
        )
        return sorted(int(i) for i in picked)
