"""The children's allocations are read only by the measures that say so (``reads``), once, by the
thread that asked for the measures (never on the pool the measures run on side by side)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import polars as pl
import pytest
from builders import AS_AT, Org

from thrive.frames.workforce import READ_ON_FIRST_USE, WorkforceFrames
from thrive.metrics import compute, measures
from thrive.metrics.context import Options


def _council() -> Org:
    o = Org()
    north = o.team("North")
    a, b = o.worker(), o.worker()
    o.spell(a, north, date(2015, 1, 1))
    o.spell(b, north, date(2016, 1, 1))
    o.allocation("K1", a, north, date(2017, 1, 1), date(2017, 12, 31), reason="worker_left")
    o.allocation("K1", b, north, date(2018, 1, 1))
    o.allocation("K2", None, north, date(2018, 9, 21))
    o.caseload(b, AS_AT, 1)
    return o


def _counting(frames: WorkforceFrames) -> tuple[WorkforceFrames, list[str]]:
    """The frames with their allocations given as a function that notes the thread calling it."""
    readers: list[str] = []
    spells = frames.allocations

    def read() -> pl.DataFrame:
        readers.append(threading.current_thread().name)
        return spells

    return replace(frames, allocations=read), readers


def test_the_frames_read_on_first_use_are_the_allocations() -> None:
    assert READ_ON_FIRST_USE == ("allocations",)
    reading = {name for name, m in measures().items() if m.reads}
    assert reading and all(measures()[n].reads == READ_ON_FIRST_USE for n in reading)
    assert {"children_waiting", "cases_held_minus_allocations"} <= reading


@pytest.mark.parametrize("name", sorted(measures()))
def test_a_measure_reads_the_allocations_only_if_it_says_so(name: str) -> None:
    frames, readers = _counting(_council().frames())
    compute(frames, AS_AT, names=[name], by="team", options=Options(threads=1))
    assert len(readers) == (1 if measures()[name].reads else 0)


def test_every_measure_together_reads_them_once_on_the_asking_thread() -> None:
    frames, readers = _counting(_council().frames())
    results = compute(frames, AS_AT, options=Options(threads=4))
    assert readers == [threading.current_thread().name]
    waiting = next(r for r in results if r.name == "children_waiting" and r.slice is None)
    assert waiting.numerator == 1


def test_a_staff_group_s_frames_leave_the_allocations_unread() -> None:
    from thrive.metrics.staff_groups import group_frames

    frames, readers = _counting(_council().frames())
    social_workers = group_frames(frames, "social_worker")
    assert not social_workers.read_yet("allocations") and readers == []
    assert social_workers.allocations.height == 3 and len(readers) == 1
