"""The strategy's action plan as the pages and the board pack show it: each action, and progress.

An action is *overdue* when its due date has passed and it is neither done nor dropped. The
progress line the Overview shows counts the actions by status and names the overdue ones by
title; it never shows an action's owner (who may be named), which only the Action plan page and
a pack made for HR carry.

>>> p = Progress(total=3, done=1, on_track=1, at_risk=1, not_started=0, dropped=0,
...              overdue=["Exit interviews for every leaver"])
>>> p.sentence
'3 actions: 1 done, 1 on track, 1 at risk, 1 overdue.'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max

from thrive import metrics
from thrive.action_plan.models import Action

Status = Action.Status
CLOSED = frozenset({Status.DONE, Status.DROPPED})


@dataclass(frozen=True)
class PlanAction:
    """One action, as read from the store, with whether it is overdue on the day it is read."""

    action_id: int
    title: str
    owner: str
    due: date
    status: str
    status_label: str
    measures: tuple[str, ...]
    notes: str
    overdue: bool

    @property
    def measure_labels(self) -> list[str]:
        """The measures it aims to move, in words (a name the registry no longer has, as is)."""
        known = metrics.measures()
        return [known[n].label if n in known else n for n in self.measures]


@dataclass(frozen=True)
class Progress:
    """How the action plan stands: counts by status and the overdue actions' titles."""

    total: int
    done: int
    on_track: int
    at_risk: int
    not_started: int
    dropped: int
    overdue: list[str]

    @property
    def sentence(self) -> str:
        """The plan in one plain-English line, e.g. '3 actions: 1 done, 1 on track, ...'."""
        if not self.total:
            return "No actions are recorded in the action plan yet."
        parts = [
            f"{n} {words}"
            for n, words in (
                (self.done, "done"),
                (self.on_track, "on track"),
                (self.at_risk, "at risk"),
                (self.not_started, "not started"),
                (self.dropped, "dropped"),
                (len(self.overdue), "overdue"),
            )
            if n
        ]
        noun = "action" if self.total == 1 else "actions"
        return f"{self.total} {noun}: {', '.join(parts)}."


def measure_choices() -> list[tuple[str, str]]:
    """The measures an action may aim to move: the registry's whole-figure measures (not its
    breakdowns), in the order they are documented, as (name, label)."""
    return [(m.name, m.label) for m in metrics.measures().values() if m.breakdown is None]


def actions_of(authority_id: int, today: date) -> list[PlanAction]:
    """The authority's actions, soonest due first (read from the database each time)."""
    return [
        PlanAction(
            action_id=a.pk,
            title=a.title,
            owner=a.owner,
            due=a.due,
            status=a.status,
            status_label=str(Status(a.status).label),
            measures=tuple(a.measures or ()),
            notes=a.notes,
            overdue=a.due < today and a.status not in CLOSED,
        )
        for a in Action.objects.filter(authority_id=authority_id).order_by("due", "pk")
    ]


def progress_of(actions: Sequence[PlanAction]) -> Progress:
    """Count the actions by status; an overdue action is counted by its status as well."""

    def count(status: str) -> int:
        return sum(1 for a in actions if a.status == status)

    return Progress(
        total=len(actions),
        done=count(Status.DONE),
        on_track=count(Status.ON_TRACK),
        at_risk=count(Status.AT_RISK),
        not_started=count(Status.NOT_STARTED),
        dropped=count(Status.DROPPED),
        overdue=[a.title for a in actions if a.overdue],
    )


def plan_version() -> str:
    """A fingerprint that moves whenever any council's action plan changes, for a page kept
    until the data change (the action plan is not part of the store version)."""
    found = Action.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    latest = found["latest"]
    return f"{found['n']}.{latest.isoformat() if latest else ''}"
