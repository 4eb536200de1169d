"""The rules that tie one row's values together, for the development and feedback records.

Each mirrors a rule of the record's model (an ASYE outcome needs its date, no one is their own
line manager...), so a file breaking it is refused with the row and field named, not by the
database halfway through.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from thrive.ingest.trainee_rules import TRAINEE_RULES
from thrive.ingest.training_rules import TRAINING_RULES
from thrive.ingest.visit_rules import VISIT_RULES
from thrive.workforce.models.targets import known_measures

Report = Callable[[str, str, str], None]  # (field, value found, what was expected)
AFTER_START = ("review_3_months", "review_6_months", "review_12_months", "outcome_date")


def _line_management(v: dict[str, Any], noted: set[str], report: Report) -> None:
    manager, manager_swe = v.get("manager_id"), v.get("manager_swe_number")
    if not manager and not manager_swe:
        if not noted & {"manager_id", "manager_swe_number"}:
            report("manager_id", "", "manager_id or manager_swe_number to say who the manager is")
        return
    same_id = manager and manager == v.get("worker_id")
    same_swe = manager_swe and str(manager_swe).upper() == str(v.get("swe_number") or "").upper()
    if same_id or same_swe:
        name = "manager_id" if same_id else "manager_swe_number"
        report(name, str(v[name]), "someone other than the worker: no one is their own manager")


def _asye(v: dict[str, Any], noted: set[str], report: Report) -> None:
    start = v.get("start_date")
    if v.get("outcome") and v.get("outcome_date") is None and "outcome_date" not in noted:
        report("outcome_date", "", "a value: an ASYE outcome needs its date")
    if not isinstance(start, date):
        return
    for name in AFTER_START:
        day = v.get(name)
        if isinstance(day, date) and day < start:
            report(name, day.isoformat(), f"a date on or after start_date ({start.isoformat()})")


def _exit_interviews(v: dict[str, Any], noted: set[str], report: Report) -> None:
    second = v.get("secondary_reason")
    if second is not None and second == v.get("primary_reason"):
        report("secondary_reason", str(second), "a reason other than primary_reason, or nothing")


def _stay_conversations(v: dict[str, Any], noted: set[str], report: Report) -> None:
    if v.get("held_by_id") and v.get("held_by_name"):
        report(
            "held_by_name",
            str(v["held_by_name"]),
            "nothing when held_by_id is given: either who held it or their name, not both",
        )


def _teams(v: dict[str, Any], noted: set[str], report: Report) -> None:
    opened, closed = v.get("opened"), v.get("closed")
    if isinstance(opened, date) and isinstance(closed, date) and closed < opened:
        report("closed", closed.isoformat(), f"a date on or after opened ({opened.isoformat()})")


def _targets(v: dict[str, Any], noted: set[str], report: Report) -> None:
    """A known measure; a group only for a workforce-by-group measure, and one of its groups."""
    v.setdefault("group", "")  # a measure's own target: one per measure
    measure, group = v.get("measure"), v["group"]
    if measure is None:
        return
    known = known_measures()
    found = known.get(str(measure))
    if found is None:
        close = ", ".join(sorted(k for k in known if k.startswith(str(measure)[:4]))[:5])
        report("measure", str(measure), "the name of a measure (docs/metrics.md, All measures)"
               + (f", such as {close}" if close else ""))  # fmt: skip
    elif group and not (found.breakdown and found.population):
        report("group", str(group), f"nothing: {measure} does not take a group (only the "
               "workforce, starters and leavers by ethnicity, sex and age band do)")  # fmt: skip
    elif group and group not in found.groups:
        report("group", str(group), f"one of the groups of {measure}: {', '.join(found.groups)}")


def _allocations(v: dict[str, Any], noted: set[str], report: Report) -> None:
    """An end reason needs its end date; a wait ends allocated or closed, an allocation does not
    end 'allocated'."""
    reason, waiting = v.get("end_reason"), not (v.get("worker_id") or v.get("swe_number"))
    if reason is None:
        return
    if v.get("end_date") is None and "end_date" not in noted:
        report("end_date", "", f"a value: end_reason {reason} needs the day it ended")
    elif waiting and reason not in ("allocated", "case_closed"):
        report("end_reason", str(reason), "allocated or case_closed: a child waiting with no "
               "worker cannot lose a worker")  # fmt: skip
    elif not waiting and reason == "allocated":
        report("end_reason", str(reason), "worker_left, stage_transfer, rebalancing or "
               "case_closed: 'allocated' ends a wait, and this row has a worker")  # fmt: skip


RULES: dict[str, Callable[[dict[str, Any], set[str], Report], None]] = {
    "line_management": _line_management,
    "asye": _asye,
    "exit_interviews": _exit_interviews,
    "stay_conversations": _stay_conversations,
    "teams": _teams,
    "targets": _targets,
    "allocations": _allocations,
    **TRAINING_RULES,
    **TRAINEE_RULES,
    **VISIT_RULES,
}


def check_record_rules(kind: str, values: dict[str, Any], noted: set[str], report: Report) -> None:
    """Apply the kind's rules (if it has any); ``noted`` are fields already reported."""
    rule = RULES.get(kind)
    if rule is not None:
        rule(values, noted, report)
