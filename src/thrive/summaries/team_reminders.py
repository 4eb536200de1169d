"""A team's reminders: Social Work England renewals, lapsed registrations, CPD, ASYE reviews due.

For the team's managers and HR on the Team page, from the registration results
(:func:`thrive.summaries.results.registration_summary`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thrive.summaries.careers_results import ReminderDue

REMINDER_KINDS = {
    "registration": "Social Work England registration",
    "cpd": "CPD for registration",
    "asye": "ASYE review",
}


@dataclass(frozen=True)
class Reminder:
    """Something due for one worker in the team: registration, CPD or an ASYE review."""

    pseudonym: str
    name: str
    kind: str
    due: date
    text: str
    overdue: bool
    may_open: bool


def team_reminders(
    due: list[ReminderDue],
    as_at: date,
    named: frozenset[int],
    openable: frozenset[int],
    names: dict[int, str],
) -> list[Reminder]:
    """The team's reminders (``registration_summary``'s rows) for the workers the viewer may name.

    The Social Work England registration year runs 1 December to 30 November: renewal is due by
    30 November once the window opens on 1 September, and CPD is flagged when fewer than two
    records are in with 90 days or less of the year left; ASYE reviews are due at 3, 6 and 12
    months (shown from 30 days ahead, or overdue).
    """
    rows = []
    for r in due:
        worker_id = int(r.worker_id)
        if worker_id not in named:
            continue
        day = date.fromisoformat(str(r.due))
        text = str(r.text).replace(str(r.due), f"{day:%-d %B %Y}")
        rows.append(
            Reminder(
                pseudonym=str(r.pseudonym),
                name=names.get(worker_id) or str(r.pseudonym),
                kind=REMINDER_KINDS.get(str(r.kind), str(r.kind)),
                due=day,
                text=text,
                overdue=day < as_at or str(r.text).startswith("Registration has lapsed"),
                may_open=worker_id in openable,
            )
        )
    return sorted(rows, key=lambda m: (m.due, m.name))
