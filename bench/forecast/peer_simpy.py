"""The benchmark's peer: the same monthly model written as a SimPy discrete-event simulation.

Each worker is a SimPy process that wakes once a month and, in the vectorised engine's order,
may leave, move up a grade, or move up a tenure band (ASYEs count their months and complete
from month 12); a recruiter process runs half a month later and hires by route, capped at the
vacancies. Rates are taken from the same ``ModelInputs`` the vectorised engine uses (one run's
drawn parameters per SimPy run), so the two must agree within Monte Carlo error.
"""

from __future__ import annotations

import math

import numpy as np
import simpy

from thrive.forecast.grades import ASYE_CELLS, BAND_WIDTHS
from thrive.forecast.simulation import ModelInputs

GRADES = 5


class Council:
    """One SimPy run: the people in post and the monthly flows."""

    def __init__(self, inputs: ModelInputs, run: int, rng: np.random.Generator) -> None:
        self.env = simpy.Environment()
        self.inputs, self.run, self.rng = inputs, run, rng
        self.people: dict[int, list[float]] = {}  # id -> [grade, band, asye month, fte]
        self.next_id = 0
        self.headcount = np.zeros((inputs.horizon + 1, GRADES), dtype=np.int64)
        for g in range(1, GRADES):
            for band in range(3):
                count = int(inputs.headcount0[g, band])
                for _ in range(count):
                    self.join(g, band, 0, float(inputs.fte0[g, band]) / count)
        for cell in range(ASYE_CELLS):
            count = int(inputs.asye_headcount0[cell])
            for _ in range(count):
                self.join(0, 0, cell, float(inputs.asye_fte0[cell]) / count)
        self.record(0)
        self.env.process(self.recruiter())

    def join(self, grade: int, band: int, month: int, fte: float) -> None:
        self.next_id += 1
        self.people[self.next_id] = [grade, band, month, fte]
        self.env.process(self.worker(self.next_id))

    def record(self, month: int) -> None:
        counts = np.zeros(GRADES, dtype=np.int64)
        for grade, *_ in self.people.values():
            counts[int(grade)] += 1
        self.headcount[month] = counts

    def worker(self, who: int):  # type: ignore[no-untyped-def]
        inputs, rng, run = self.inputs, self.rng, self.run
        # Wake on whole months (a hire made at month m + 0.5 first acts at m + 1).
        yield self.env.timeout(math.floor(self.env.now) + 1 - self.env.now)
        while True:
            month = int(self.env.now) - 1
            if month >= inputs.horizon:
                return
            grade, band, cell, fte = self.people[who]
            g, b = int(grade), int(band)
            if g == 0:
                b = 1 if cell >= ASYE_CELLS - 1 else 0
            hazard = inputs.leave_hazard[run, g, b] * inputs.turnover_multiplier[month, g]
            if rng.random() < -math.expm1(-hazard):
                del self.people[who]
                return
            if g == 0:
                cell = min(cell + 1, ASYE_CELLS - 1)
                if cell == ASYE_CELLS - 1 and rng.random() < inputs.asye_completion_prob[run]:
                    self.people[who] = [1, 1, 0, fte]
                else:
                    self.people[who] = [0, 0, cell, fte]
                yield self.env.timeout(1)
                continue
            if g <= 3 and rng.random() < inputs.progress_prob[run, g - 1, b]:
                self.people[who] = [g + 1, b, 0, fte]
            else:
                if b < 2 and rng.random() < 1.0 / BAND_WIDTHS[b]:
                    b += 1
                self.people[who] = [g, b, 0, fte]
            yield self.env.timeout(1)

    def recruiter(self):  # type: ignore[no-untyped-def]
        inputs, rng, run = self.inputs, self.rng, self.run
        yield self.env.timeout(0.5)
        for month in range(inputs.horizon):
            yield self.env.timeout(1)
            fte = np.zeros(GRADES)
            for grade, _, _, share in self.people.values():
                fte[int(grade)] += share
            groups = np.array([fte[0] + fte[1], fte[2], fte[3], fte[4]])
            vacant = np.maximum(inputs.establishment[month + 1] - groups, 0.0)
            moy = inputs.month_of_year[month]
            for s in range(inputs.hire_rate.shape[1]):
                g, each = int(inputs.hire_grade[s]), float(inputs.hire_fte[s])
                group = 0 if g <= 1 else g - 1
                rate = inputs.hire_rate[run, s] * inputs.hire_season[s, moy]
                if inputs.hire_per_vacancy[s]:
                    rate *= vacant[group]
                k = int(rng.poisson(rate))
                if inputs.hire_capped[s] and inputs.recruit_to_vacancies:
                    k = min(k, int(math.floor(vacant[group] / each + 0.5)))
                    vacant[group] -= k * each
                for _ in range(k):
                    self.join(g, 0, 0, each)
            self.record(month + 1)


def simulate_peer(inputs: ModelInputs, runs: int, seed: int) -> np.ndarray:
    """Headcount by grade at each month end for the first ``runs`` runs: (runs, H+1, grades)."""
    out = np.zeros((runs, inputs.horizon + 1, GRADES), dtype=np.int64)
    streams = np.random.SeedSequence(seed).spawn(runs)
    for run in range(runs):
        council = Council(inputs, run, np.random.default_rng(streams[run]))
        council.env.run(until=inputs.horizon + 1)
        out[run] = council.headcount
    return out
