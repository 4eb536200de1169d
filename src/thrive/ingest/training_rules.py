"""The rules that tie a training row's values together: who must take a course, read from its
lists (each part a code or its label), and an induction completed no earlier than it started."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from thrive.codes import CareerGrade, ContractType, OrgRole
from thrive.codes.staff import StaffGroup

Report = Callable[[str, str, str], None]  # (field, value found, what was expected)

LISTS: dict[str, type[Enum]] = {
    "grades": CareerGrade,
    "org_roles": OrgRole,
    "contract_types": ContractType,
    "staff_groups": StaffGroup,
}
"""Each list of who must take a course, and the code list its parts come from."""


def _known(codes: type[Enum]) -> dict[str, object]:
    known: dict[str, object] = {}
    for member in codes:
        known[str(member.value).casefold()] = member.value
        known[str(getattr(member, "label", member.value)).casefold()] = member.value
    return known


def _courses(v: dict[str, Any], noted: set[str], report: Report) -> None:
    """Each list becomes the codes it names, in the order given; an unknown part is refused."""
    for name, codes in LISTS.items():
        text = v.get(name)
        if name in noted:  # already refused: the row goes nowhere
            continue
        if text is None:
            v[name] = []
            continue
        known, found = _known(codes), []
        for part in (p.strip() for p in str(text).split(";")):
            if not part:
                continue
            code = known.get(part.casefold())
            if code is None:
                listed = ", ".join(str(m.value) for m in codes)
                report(name, part, f"codes from {listed}, separated by ';'")
                return
            if code not in found:
                found.append(code)
        v[name] = found


def _induction(v: dict[str, Any], noted: set[str], report: Report) -> None:
    start, done = v.get("start_date"), v.get("completed_date")
    if isinstance(start, date) and isinstance(done, date) and done < start:
        report("completed_date", done.isoformat(), f"a date on or after start_date ({start})")


TRAINING_RULES: dict[str, Callable[[dict[str, Any], set[str], Report], None]] = {
    "courses": _courses,
    "induction": _induction,
}
