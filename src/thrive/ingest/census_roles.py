"""A worker's roles in a census return, as the history builder reads them.

Each worker record of a return is one role (a post, an agency placement); these helpers read a
checked record's dates, FTE and organisational role, and tell a move to another role from a
leaving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from thrive.census.validate import CheckedWorker

ONE_DAY = timedelta(days=1)


@dataclass
class Role:
    """One worker record of the return, as the loader needs it."""

    record: CheckedWorker
    org_role: int
    start: date | None
    end: date | None
    fte: Decimal
    agency: bool

    @property
    def values(self) -> dict[str, Any]:
        return self.record.values


def role_of(record: CheckedWorker) -> Role:
    values = record.values
    agency = values.get("AgencyWorker") == "1"
    end = values.get("RoleEndDate")
    fte = values.get("FTE") if end is not None or agency else values.get("FTE30")
    org_role = values.get("OrgRole")
    return Role(
        record=record,
        org_role=int(str(org_role)) if org_role is not None else 5,
        start=values.get("RoleStartDate"),  # type: ignore[arg-type]
        end=end,  # type: ignore[arg-type]
        fte=Decimal(str(fte)) if fte is not None else Decimal(0),
        agency=agency,
    )


def moved_on(role: Role, roles: list[Role]) -> bool:
    """True if the worker carries on in another role the day after this one ends."""
    if role.end is None:
        return False
    next_day = role.end + ONE_DAY
    return any(
        other is not role
        and not other.agency
        and other.start is not None
        and other.start <= next_day
        and (other.end is None or other.end > role.end)
        for other in roles
    )
