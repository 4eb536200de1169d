"""What the census history builder says when a return disagrees with an earlier one.

Each return stays the authority for its own year: a later return never changes the figures an
earlier one gave. Where a later return implies otherwise (a role that started before the earlier
return's census date but is not in it, a second leaving date for a role that already ended, a
worker who is no longer returned without a leaving date), the import goes ahead with a warning
that says what Thrive kept and what it did with the later record.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol


class EndedSpell(Protocol):
    org_role: int
    start_date: date
    end_date: date | None


def left_twice(ended: EndedSpell) -> str:
    """A role that already ended with a leaving reason comes back with another leaving date."""
    return (
        f"no second leaving date: this role (OrgRole {ended.org_role}, started "
        f"{ended.start_date}) already ended on {ended.end_date} with a leaving reason, as an "
        "earlier return gave; that leaver is kept as it was and this record is not stored"
    )


def started_before(earlier: date, org_role: int, start: date, ended: date | None) -> str:
    """A role dated before the latest earlier return, which does not have it in post."""
    how = f"ending on {ended}" if ended is not None else "absent from"
    restart = date.fromordinal(earlier.toordinal() + 1)
    return (
        f"a start date after {earlier}, the census date of the latest earlier return in the "
        f"store, which has this worker's OrgRole {org_role} role {how} it; the earlier return "
        f"is kept as it was, so Thrive counts this role from {restart} (not as a starter); the "
        f"RoleStartDate in this return is {start}"
    )


def not_returned(swe_number: str, org_role: int, last_census: date) -> str:
    """A worker in post at the last census date whom this return does not mention."""
    return (
        f"a CSWWWorker record for worker {swe_number}, in post on {last_census} in the previous "
        "return (with a RoleEndDate if they left); without one, Thrive ends their OrgRole "
        f"{org_role} role on {last_census} and does not count them as a leaver"
    )
