"""The board pack's section on the action plan: each action's progress, and the current figures
of the measures it aims to move.

The actions are as recorded on the day the pack is made (overdue on that day); the measures'
figures are the registry's at the pack's half-year end, withheld for this reader exactly as in
the rest of the pack. An action's owner may be a named person, so only a pack made for HR
carries the owners: a leadership pack names nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from thrive import metrics
from thrive.metrics import Result
from thrive.summaries.action_plan import PlanAction, progress_of
from thrive.summaries.pack_figures import NOT_AVAILABLE, Cell, Figure, Section, Table

TITLE = "The action plan's progress"


def action_plan_section(
    actions: Sequence[PlanAction] | None,
    value: Callable[[str], Figure],
    result: Callable[[str], Result | None],
    *,
    to: date,
    made_on: date,
    named: bool,
    shown: list[str],
) -> Section:
    """The section: progress in words, the actions, and their measures' figures at ``to``.

    ``value``: a registry measure's figure at ``to`` for this reader; ``result``: its result
    (for its target).
    """
    if actions is None:
        return Section("actions", TITLE, ["The action plan was not read for this pack."])
    progress = progress_of(actions)
    paragraphs = [
        f"As recorded on {made_on:%-d %B %Y}: {progress.sentence}",
    ]
    if progress.overdue:
        paragraphs.append("Overdue: " + "; ".join(progress.overdue) + ".")
    if not actions:
        return Section("actions", TITLE, paragraphs)
    headers = ["Action", *(["Owner"] if named else []), "Due", "Status", "Overdue"]
    rows: list[list[Cell]] = [
        [
            a.title,
            *([a.owner] if named else []),
            f"{a.due:%-d %b %Y}",
            a.status_label,
            "Overdue" if a.overdue else "",
        ]
        for a in actions
    ]
    tables = [Table("Actions, soonest due first", headers, rows)]
    known = metrics.measures()
    moved: list[list[Cell]] = []
    for a in actions:
        for name in a.measures:
            if name not in known or known[name].breakdown is not None:
                moved.append([a.title, name, "", Figure(None, "", 0, NOT_AVAILABLE), ""])
                continue
            m, found = known[name], result(name)
            target = Figure.of(found.target if found else None, m)
            moved.append([a.title, m.label, str(m.unit), value(name), target])
            shown.append(name)
    if moved:
        paragraphs.append(
            f"Each measure an action aims to move, at {to:%-d %B %Y}, as in the rest of the pack."
        )
        tables.append(
            Table(
                "The measures the actions aim to move",
                ["Action", "Measure", "Unit", f"At {to:%-d %b %Y}", "Target"],
                moved,
            )
        )
    return Section("actions", TITLE, paragraphs, tables)
