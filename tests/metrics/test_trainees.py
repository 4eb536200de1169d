"""Students and trainees measures, by hand, and 'in training' against a plain recount."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from builders import Org, one, results
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive import metrics
from thrive.frames.workforce import SCHEMAS
from thrive.metrics.pipeline import in_training_on
from thrive.summaries.suppression import figure_withheld


def _placement(
    o: Org,
    student: str,
    kind: str,
    start: date,
    end: date | None,
    *,
    university: str = "Leeds",
    took: bool | None = None,
    worker: int | None = None,
) -> None:
    o.rows.setdefault("placements", []).append(
        {
            "student": student,
            "university": university,
            "placement_type": kind,
            "team_id": None,
            "start_date": start,
            "end_date": end,
            "offered_post": took,
            "took_post": took,
            "worker_id": worker,
        }
    )


def _trainee(
    o: Org,
    ref: str,
    start: date,
    due: date,
    status: str = "in_training",
    when: date | None = None,
    route: str = "apprenticeship",
) -> None:
    o.rows.setdefault("trainees", []).append(
        {
            "trainee": ref,
            "route": route,
            "start_date": start,
            "expected_qualification": due,
            "status": status,
            "status_date": when,
            "worker_id": None,
        }
    )


def _students() -> Org:
    o = Org()
    _placement(o, "S1", "first", date(2017, 1, 9), date(2017, 9, 30))  # ended before the year
    _placement(o, "S1", "final", date(2018, 1, 8), date(2018, 5, 25), took=True)
    _placement(o, "S2", "final", date(2018, 1, 8), date(2018, 5, 25), took=False)
    _placement(o, "S3", "final", date(2018, 1, 8), date(2018, 5, 25), university="York")
    _placement(o, "S4", "first", date(2017, 9, 1), date(2017, 10, 1))  # one day in the year
    _placement(o, "S5", "final", date(2018, 9, 3), None)  # still running: not ended
    _placement(o, "S6", "first", date(2018, 10, 1), None)  # after the as-at date
    return o


def test_students_on_placement_count_each_student_once_in_the_year() -> None:
    assert one(_students(), "students_on_placement").value == 5  # S1 to S5


def test_students_by_type_and_university() -> None:
    o = _students()
    by_type = {
        r.slice["placement type"]: r.numerator
        for r in results(o, "students_on_placement_by_type", hr=True)
        if r.slice
    }
    assert by_type["final"] == 4 and by_type["first"] == 1
    by_university = {
        r.slice["university"]: r.numerator
        for r in results(o, "students_on_placement_by_university", hr=True)
        if r.slice
    }
    assert by_university == {"Leeds": 4, "York": 1}
    outside_hr = {
        r.slice["university"]: r
        for r in results(o, "students_on_placement_by_university")
        if r.slice
    }
    assert outside_hr["York"].suppressed and outside_hr["Leeds"].suppressed  # 1 of 5, then the next


def test_share_of_final_placement_students_who_joined() -> None:
    o = _students()
    o2 = _students()
    worker = o2.worker()
    _placement(o2, "S7", "final", date(2018, 1, 8), date(2018, 6, 1), worker=worker)
    joined = one(o, "final_placement_students_joined", hr=True)
    assert (joined.numerator, joined.denominator) == (1, 3)  # S1 took; S2 no; S3 not recorded
    assert one(o2, "final_placement_students_joined", hr=True).numerator == 2  # named worker
    shown = one(o, "final_placement_students_joined")
    share = metrics.measure("final_placement_students_joined")
    assert figure_withheld(share, shown, named=False)  # 1 of 3: withheld outside HR
    assert not figure_withheld(share, shown, named=True)


def _trainees() -> Org:
    o = Org()
    _trainee(o, "T1", date(2016, 9, 1), date(2019, 7, 31))  # due within 12 months
    _trainee(o, "T2", date(2017, 9, 1), date(2020, 7, 31), route="sponsored")  # not yet due
    _trainee(o, "T3", date(2016, 9, 1), date(2019, 7, 31), "withdrew", date(2018, 3, 1))
    _trainee(o, "T4", date(2015, 9, 1), date(2018, 7, 31), "qualified", date(2018, 7, 27))
    _trainee(o, "T5", date(2016, 9, 1), date(2019, 7, 31), "qualified", date(2018, 12, 1))
    _trainee(o, "T6", date(2018, 11, 1), date(2021, 7, 31))  # starts after the as-at date
    _trainee(o, "T7", date(2014, 9, 1), date(2017, 7, 31), "withdrew", date(2017, 3, 1))
    return o


def test_trainees_in_training_due_to_qualify_and_withdrawn() -> None:
    o = _trainees()
    assert one(o, "trainees_in_training").value == 3  # T1, T2, T5 (qualified after as-at)
    assert one(o, "trainees_due_to_qualify").value == 2  # T1, T5
    withdrew = one(o, "trainee_withdrawal_rate", hr=True)
    assert (withdrew.numerator, withdrew.denominator) == (1, 5)  # T3 of T1-T5
    by_route = {
        r.slice["route"]: r.numerator
        for r in results(o, "trainees_in_training_by_route", hr=True)
        if r.slice
    }
    assert by_route["apprenticeship"] == 2 and by_route["sponsored"] == 1


def test_nothing_held_gives_zero_counts_and_no_rates() -> None:
    o = Org()
    assert one(o, "students_on_placement").value == 0
    assert one(o, "trainees_in_training").value == 0
    assert one(o, "trainee_withdrawal_rate", hr=True).value is None
    assert one(o, "final_placement_students_joined", hr=True).value is None


DAY = st.dates(date(2015, 1, 1), date(2020, 12, 31))
STATUS = st.sampled_from(["in_training", "qualified", "withdrew"])


@given(
    st.lists(st.tuples(DAY, st.integers(0, 1500), STATUS, st.integers(0, 1500)), max_size=12), DAY
)
@settings(max_examples=60, deadline=None)
def test_in_training_matches_a_plain_recount(
    rows: list[tuple[date, int, str, int]], on: date
) -> None:
    trainees = pl.DataFrame(
        [
            {
                "trainee": f"T{i}",
                "route": "apprenticeship",
                "start_date": start,
                "expected_qualification": start + timedelta(days=due),
                "status": status,
                "status_date": None if status == "in_training" else start + timedelta(days=ended),
                "worker_id": None,
            }
            for i, (start, due, status, ended) in enumerate(rows)
        ],
        schema=SCHEMAS["trainees"],
    )
    points = pl.DataFrame({"point": [0], "as_at": [on]})
    found = set(in_training_on(points, trainees, "as_at")["trainee"])
    expected = {
        f"T{i}"
        for i, (start, _, status, ended) in enumerate(rows)
        if start <= on and (status == "in_training" or start + timedelta(days=ended) > on)
    }
    assert found == expected
