"""Training and induction measures, by hand, and the course status against a plain recount."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from builders import AS_AT, Org, one, results, sliced
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.frames.workforce import SCHEMAS
from thrive.metrics.training_status import FIRST_DUE_DAYS, course_status, required_courses


def _course(
    o: Org,
    course_id: int,
    name: str,
    renewal: int | None = 12,
    *,
    mandatory: bool = True,
    grades: tuple[str, ...] = (),
    contracts: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
) -> int:
    o.rows.setdefault("courses", []).append(
        {
            "course_id": course_id,
            "course": name,
            "mandatory": mandatory,
            "renewal_months": renewal,
            "grades": list(grades),
            "org_roles": [],
            "contract_types": list(contracts),
            "staff_groups": list(groups),
        }
    )
    return course_id


def _done(o: Org, worker: int, course: int, day: date) -> None:
    o.rows.setdefault("completions", []).append(
        {"worker_id": worker, "course_id": course, "completed_date": day}
    )


def _council() -> tuple[Org, dict[str, int]]:
    """Two teams: North (a social worker, a team manager), South (an agency social worker)."""
    o = Org()
    north, south = o.team("North"), o.team("South")
    sw, tm, locum = o.worker(), o.worker(), o.worker()
    o.spell(sw, north, date(2015, 1, 1), origin=9)
    o.spell(tm, north, date(2012, 1, 1), grade="team_manager", origin=9)
    o.spell(locum, south, date(2018, 8, 1), contract="agency")
    return o, {"sw": sw, "tm": tm, "locum": locum}


def test_compliance_counts_courses_in_date_of_those_required() -> None:
    o, w = _council()
    safeguarding = _course(o, 101, "Safeguarding refresher", 12)
    sos = _course(o, 102, "Signs of Safety", None, grades=("social_worker",))
    _course(o, 103, "Systemic practice", None, mandatory=False)
    _done(o, w["sw"], safeguarding, date(2017, 10, 1))  # in date until 2018-10-01
    _done(o, w["tm"], safeguarding, date(2017, 9, 1))  # expired 2018-09-01
    _done(o, w["sw"], sos, date(2016, 3, 1))  # once: lasts
    _done(o, w["locum"], sos, date(2018, 9, 1))  # the locum's grade needs it
    # Required: sw (safeguarding, sos), tm (safeguarding), locum (safeguarding, sos) = 5
    result = one(o, "training_compliance")
    assert (result.numerator, result.denominator) == (3, 5)
    by_team = sliced(o, "training_compliance", "team")
    assert (by_team["North"].numerator, by_team["North"].denominator) == (2, 3)
    assert (by_team["South"].numerator, by_team["South"].denominator) == (1, 2)
    by_course = {
        r.slice["course"]: (r.numerator, r.denominator)
        for r in results(o, "training_compliance_by_course", hr=True)
        if r.slice and "course" in r.slice
    }
    assert by_course == {"Safeguarding refresher": (1, 3), "Signs of Safety": (2, 2)}
    outside_hr = [r for r in results(o, "training_compliance_by_course") if r.slice]
    assert all(r.numerator is None and r.suppressed for r in outside_hr)  # 1 and 2: small


def test_overdue_and_due_soon_count_workers_once() -> None:
    o, w = _council()
    safeguarding = _course(o, 101, "Safeguarding refresher", 12)
    data = _course(o, 102, "Data protection", 24)
    _done(o, w["sw"], safeguarding, date(2017, 10, 20))  # due 2018-10-20: within 30 days
    _done(o, w["sw"], data, date(2016, 11, 15))  # due 2018-11-15: within 60 days
    _done(o, w["tm"], safeguarding, date(2017, 9, 30))  # due on the as-at date: overdue
    _done(o, w["tm"], data, date(2017, 1, 1))
    # The locum started 2018-08-01 and has done nothing: due 90 days on, 2018-10-30.
    assert one(o, "training_overdue").numerator == 1
    assert one(o, "training_due_30_days").numerator == 2  # sw, and the locum
    assert one(o, "training_due_60_days").numerator == 2
    overdue = sliced(o, "training_overdue", "contract")
    assert overdue["permanent"].numerator == 1


def test_other_staff_groups_take_the_courses_their_group_must_take() -> None:
    o, w = _council()
    hub = o.team("Family Hub")
    fsw, early = o.worker(), o.worker()
    o.spell(fsw, hub, date(2016, 1, 1), origin=6, staff_group="family_support")
    o.spell(early, hub, date(2016, 1, 1), origin=6, staff_group="early_help")
    everyone = _course(o, 101, "Safeguarding refresher", 12)  # no staff group: every group
    _course(o, 102, "Signs of Safety", None, groups=("social_worker",))
    family = _course(o, 103, "Family support practice", None, groups=("family_support",))
    _done(o, fsw, everyone, date(2018, 1, 5))
    _done(o, fsw, family, date(2016, 2, 1))
    _done(o, w["sw"], everyone, date(2018, 1, 5))
    # Required: sw, tm, locum (safeguarding, sos) = 6; fsw (safeguarding, family) = 2;
    # early (safeguarding) = 1. In date: sw's and fsw's safeguarding, fsw's family course.
    whole = one(o, "training_compliance")
    assert (whole.numerator, whole.denominator) == (3, 9)
    # Overdue: the sw (Signs of Safety never done), the tm and the early help officer
    # (safeguarding never done); the locum's fall due on 2018-10-30, after the date.
    assert one(o, "training_overdue").numerator == 3
    by_group = sliced(o, "training_compliance", "staff_group")
    assert (by_group["social_worker"].numerator, by_group["social_worker"].denominator) == (1, 6)
    assert (by_group["family_support"].numerator, by_group["family_support"].denominator) == (2, 2)
    assert (by_group["early_help"].numerator, by_group["early_help"].denominator) == (0, 1)
    # The headcount stays the directly employed social workers alone (sw, tm).
    assert one(o, "headcount_in_post").numerator == 2


def test_induction_time_is_averaged_over_those_completed_in_the_year() -> None:
    o, w = _council()
    o.rows["inductions"] = [
        {"worker_id": w["locum"], "start_date": date(2018, 8, 1), "completed_date": AS_AT},
        {"worker_id": w["sw"], "start_date": date(2015, 1, 1), "completed_date": None},
        {
            "worker_id": w["tm"],
            "start_date": date(2012, 1, 1),
            "completed_date": date(2012, 3, 1),
        },  # last year's
    ]
    average = one(o, "induction_average_days")
    assert (average.numerator, average.denominator) == ((AS_AT - date(2018, 8, 1)).days, 1)
    assert average.detail == {"median_days": (AS_AT - date(2018, 8, 1)).days}
    assert one(o, "inductions_completed").numerator == 1
    assert sliced(o, "inductions_completed", "contract")["agency"].numerator == 1


def test_the_median_is_given_beside_the_average() -> None:
    o = Org()
    team = o.team()
    took = (3, 5, 40, 100)  # days: average 37, median 22.5
    for n in took:
        w = o.worker()
        o.spell(w, team, date(2018, 1, 1), origin=9)
        o.rows.setdefault("inductions", []).append(
            {
                "worker_id": w,
                "start_date": date(2018, 1, 1),
                "completed_date": date(2018, 1, 1) + timedelta(days=n),
            }  # fmt: skip
        )
    average = one(o, "induction_average_days")
    assert (average.value, average.detail) == (37.0, {"median_days": 22.5})


def test_no_catalogue_gives_no_compliance_figure() -> None:
    o, _ = _council()
    result = one(o, "training_compliance")
    assert result.value is None
    assert one(o, "training_overdue").numerator in (0, None)


AS = date(2024, 9, 30)
days = st.integers(min_value=-2000, max_value=0).map(lambda n: AS + timedelta(days=n))


@settings(max_examples=60, deadline=None)
@given(
    starts=st.lists(days, min_size=1, max_size=6),
    renewals=st.lists(st.one_of(st.none(), st.integers(1, 36)), min_size=1, max_size=4),
    done=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3), days.map(lambda d: d + timedelta(400))),
        max_size=25,
    ),
)
def test_course_status_matches_a_plain_recount(
    starts: list[date], renewals: list[int | None], done: list[tuple[int, int, date]]
) -> None:
    people = pl.DataFrame(
        {
            "point": [0] * len(starts),
            "as_at": [AS] * len(starts),
            "worker_id": list(range(len(starts))),
            "start_date": starts,
            "grade": ["social_worker"] * len(starts),
            "org_role": [5] * len(starts),
            "contract_type": ["permanent"] * len(starts),
            "staff_group": ["family_support"] * len(starts),
        }
    )
    courses = pl.DataFrame(
        [
            {
                "course_id": i,
                "course": f"C{i}",
                "mandatory": True,
                "renewal_months": r,
                "grades": [],
                "org_roles": [],
                "contract_types": [],
                "staff_groups": [],
            }
            for i, r in enumerate(renewals)
        ],
        schema=SCHEMAS["courses"],
    )
    completions = pl.DataFrame(
        [{"worker_id": w, "course_id": c, "completed_date": d} for w, c, d in done],
        schema=SCHEMAS["completions"],
    )
    status = course_status(required_courses(people, courses), completions)
    assert status.height == len(starts) * len(renewals)
    for row in status.iter_rows(named=True):
        mine = [
            d for w, c, d in done if w == row["worker_id"] and c == row["course_id"] and d <= AS
        ]
        last = max(mine) if mine else None
        renewal = renewals[row["course_id"]]
        expires = _add_months(last, renewal) if last and renewal else None
        due = expires if last else starts[row["worker_id"]] + timedelta(FIRST_DUE_DAYS)
        assert row["last_done"] == last
        assert row["compliant"] == (last is not None and (expires is None or expires > AS))
        assert row["overdue"] == (due is not None and due <= AS)
        assert not (row["compliant"] and row["overdue"])


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError(day)
