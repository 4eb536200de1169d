"""A role in a census return matched to the worker's spells already in the store.

A role (OrgRole and RoleStartDate) is a run of spells in the store: the spell that starts on the
RoleStartDate, or on a later 1 October when an earlier return did not have the role in post (the
earlier return stays the authority for its year), then every spell that follows on the next day
in the same OrgRole (a change of FTE or grade starts a new spell in the same role).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from thrive.ingest.census_roles import ONE_DAY, Role
from thrive.ingest.pending import PendingSpell
from thrive.workforce import models as wf

Spell = wf.EmploymentSpell | PendingSpell


def counted_from_later(spell: Spell, role: Role) -> bool:
    """The spell is this role, counted from a later 1 October (an earlier return lacked it)."""
    start = spell.start_date
    return (
        role.start is not None
        and role.start < start
        and (start.month, start.day) == (10, 1)
        and spell.start_origin is None
    )


def role_chain(spells: Iterable[Spell], role: Role) -> list[Spell]:
    """The worker's spells in this role that make up the role starting on role.start."""
    same = sorted(
        (s for s in spells if s.org_role == role.org_role and s.is_agency == role.agency),
        key=lambda s: s.start_date,
    )
    chain: list[Spell] = []
    for spell in same:
        if (
            chain
            and chain[-1].end_date is not None
            and spell.start_date == chain[-1].end_date + ONE_DAY
        ):
            chain.append(spell)
        elif spell.start_date == role.start or counted_from_later(spell, role):
            chain = [spell]
        elif chain:
            break
    return chain


def overlapping(
    spells: Iterable[Spell], org_role: int, start: date, end: date | None
) -> Spell | None:
    """A spell in the same OrgRole that overlaps ``start`` to ``end`` (open: to now)."""
    for spell in spells:
        if spell.org_role != org_role:
            continue
        if spell.start_date <= (end or date.max) and start <= (spell.end_date or date.max):
            return spell
    return None
