"""Trainees due to qualify, as ASYE starters in the forecast.

The council's apprentices and sponsored trainees still in training at the origin, whose expected
qualification date falls in a forecast month, start as ASYEs that month, each with the chance
that a trainee of this council qualifies and takes a post with it: of the trainees who finished
(qualified or withdrew) by the origin, the share who qualified and started with the council
(their record names the worker they became). With no finished trainee on record every trainee
due is counted. Expected starters are rounded to whole people over the months, never losing
one (so 3 due at 0.5 each start as 1, then 1 more later...). A trainee already past their
expected date and still in training at the origin is left out: their record wants updating.

Workers who came through as this council's trainees are left out of the historical ASYE hiring
stream (:func:`without_own_trainees`), so the forecast does not count them twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from thrive.frames.workforce import WorkforceFrames

IN_TRAINING, QUALIFIED, WITHDREW = "in_training", "qualified", "withdrew"


@dataclass(frozen=True)
class TraineeIntake:
    """The trainees due in each forecast month and the chance each starts as an ASYE."""

    due: np.ndarray  # (H,) trainees expected to qualify in each forecast month
    probability: float
    finished: int  # trainees who qualified or withdrew by the origin
    joined: int  # of them, those who qualified and started with the council

    @property
    def from_history(self) -> bool:
        return self.finished > 0

    @property
    def expected(self) -> np.ndarray:
        """Expected ASYE starters in each forecast month (not yet whole people)."""
        return self.due * self.probability

    def describe(self) -> str:
        """The intake in plain English, for the Forecast page."""
        count = int(self.due.sum())
        if count == 0:
            return (
                "No apprentice or sponsored trainee is due to qualify in the forecast period, "
                "so none is added as an ASYE starter."
            )
        people = f"{count} apprentice{'s' if count != 1 else ''} or sponsored trainee"
        people += "s" if count != 1 else ""
        if self.from_history:
            chance = (
                f"each with a {self.probability:.0%} chance of starting: of the "
                f"{self.finished} trainees who finished before, {self.joined} qualified and "
                "started with the council"
            )
        else:
            chance = (
                "all of them: no trainee has finished yet, so there is no history of how many "
                "qualify and stay"
            )
        return (
            f"{people} due to qualify in the forecast period start as ASYEs in the month they "
            f"are due to qualify, {chance}."
        )


def trainee_intake(trainees: pl.DataFrame, origin: date, months: list[date]) -> TraineeIntake:
    """Trainees (the ``trainees`` frame) in training at ``origin`` due in each of ``months``
    (month ends, in order)."""
    finished = trainees.filter(
        pl.col("status").is_in([QUALIFIED, WITHDREW]) & (pl.col("status_date") <= origin)
    )
    joined = finished.filter(
        (pl.col("status") == QUALIFIED) & pl.col("worker_id").is_not_null()
    ).height
    still = trainees.filter(
        (pl.col("start_date") <= origin)
        & (
            (pl.col("status") == IN_TRAINING)
            | (pl.col("status_date").is_not_null() & (pl.col("status_date") > origin))
        )
        & (pl.col("expected_qualification") > origin)
    )
    due = np.zeros(len(months))
    if months:
        ends = np.array(months, dtype="datetime64[D]")
        expected = still["expected_qualification"].to_numpy().astype("datetime64[D]")
        month = np.searchsorted(ends, expected, side="left")
        np.add.at(due, month[month < len(months)], 1.0)
    probability = joined / finished.height if finished.height else 1.0
    return TraineeIntake(due, probability, finished.height, joined)


def own_trainees(frames: WorkforceFrames) -> pl.Series:
    """The workers who came through as this council's trainees."""
    return frames.trainees.filter(pl.col("worker_id").is_not_null())["worker_id"].unique()


def without_own_trainees(starts: pl.DataFrame, frames: WorkforceFrames, asye: int) -> pl.DataFrame:
    """The historical starters without the ASYEs who came through as the council's trainees:
    the trainee intake brings those in."""
    mine = own_trainees(frames)
    if mine.is_empty():
        return starts
    return starts.filter(~((pl.col("g") == asye) & pl.col("worker_id").is_in(mine.implode())))
