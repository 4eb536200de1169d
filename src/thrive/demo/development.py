"""Appraisals and ASYE programme records.

Appraisal cycles run April to March ("2017/18"); everyone directly employed on 1 April is due an
appraisal by 30 June. Whether and when it is done is drawn on 1 April; it counts as completed
only if the worker is still with the council on that day. ASYE records carry the 3, 6 and
12-month reviews the worker was still there for, and the outcome (mostly pass, a few extended,
rarely fail).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from thrive.demo import trajectory as plan
from thrive.demo.dates import HISTORY_END, add_months
from thrive.demo.records import AppraisalRecord, AsyeRecord
from thrive.demo.state import AreaState, Person


@dataclass(frozen=True)
class PendingAppraisal:
    person: Person
    cycle: str
    due: date
    done_on: date | None


def cycle_name(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def open_appraisals(state: AreaState, first: date, pending: list[PendingAppraisal]) -> None:
    """On 1 April, everyone directly employed is due an appraisal for the new cycle."""
    if first.month != 4:
        return
    rng = state.rng
    chance = plan.plan_for(first).appraisal
    due = date(first.year, 6, 30)
    for person in state.holders():
        if person.is_agency:
            continue
        done_on = None
        if rng.random() < chance:
            done_on = first + timedelta(days=int(rng.integers(7, 140)))
        pending.append(PendingAppraisal(person, cycle_name(first.year), due, done_on))


def write_appraisals(state: AreaState, pending: list[PendingAppraisal]) -> None:
    for item in pending:
        gone = item.person.left or HISTORY_END
        done = item.done_on if item.done_on and item.done_on <= min(gone, HISTORY_END) else None
        state.out.appraisals.append(
            AppraisalRecord(item.person.pseudonym, item.cycle, item.due, done)
        )


def _cohort(start: date) -> str:
    return f"{start.year} {start.strftime('%B')}"


def write_asye(state: AreaState) -> None:
    """One ASYE programme record per newly qualified social worker."""
    for person in state.people:
        start = person.asye_start
        if start is None:
            continue
        there_until = min(person.left or HISTORY_END, HISTORY_END)

        def reached(months: int, _start: date = start, _until: date = there_until) -> date | None:
            day = add_months(_start, months)
            return day if day <= _until else None

        outcome_date = person.asye_outcome_date
        if outcome_date is not None and outcome_date > there_until:
            outcome_date = None
        state.out.asye.append(
            AsyeRecord(
                person.pseudonym,
                _cohort(start),
                start,
                reached(3),
                reached(6),
                reached(12),
                person.asye_outcome if outcome_date else "",
                outcome_date,
                person.asye_extended_to if outcome_date else None,
            )
        )
