"""Every workforce measure for each staff group: social work beside the council's other staff.

The frames every measure reads (``spells``) hold social workers only, so no figure the census,
the Department or a page already shows ever moves. Slicing by ``staff_group`` computes each
measure that applies to any staff group once per group, from that group's spells in
``all_spells``, exactly as it is computed for social workers; the whole-authority row stays the
social workers' figure, and the ``social_worker`` slice equals it. The training measures are the
exception: a course's catalogue says which staff groups must take it, so their whole-authority
row counts every staff group (from ``all_spells``) and each slice that group alone.

Caseloads, weighted caseloads, the ASYE, children's continuity and vacancies are social work
only: caseloads and the ASYE are a social worker's by definition, continuity is about a child's
social worker, and establishment posts carry no staff group (a vacancy is a social work post).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import polars as pl

from thrive.codes.staff import StaffGroup
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.context import Context, Options
from thrive.metrics.evaluation import evaluate
from thrive.metrics.registry import Measure
from thrive.metrics.suppression import suppress

STAFF_GROUP = "staff_group"
# The definition modules whose measures are social work only (see the module's docstring).
SOCIAL_WORK_ONLY = frozenset({"caseloads", "asye", "weighted", "continuity", "vacancies"})


def by_staff_group(m: Measure) -> bool:
    """Whether the measure can be taken for each staff group (not social work only)."""
    return m.function.__module__.rsplit(".", 1)[-1] not in SOCIAL_WORK_ONLY


def staff_groups_in(frames: WorkforceFrames) -> list[str]:
    """The staff groups with any spell, social workers first, in the code list's order."""
    present = set(frames.all_spells["staff_group"].unique().to_list())
    return [str(g) for g in StaffGroup if str(g) in present]


def group_frames(frames: WorkforceFrames, group: str) -> WorkforceFrames:
    """The frames with one staff group's spells as ``spells`` and as ``all_spells`` (so the
    training measures, which read every group's spells, read this group's alone)."""
    everyone = frames.all_spells.filter(pl.col(STAFF_GROUP) == group)
    return frames.with_frames(spells=everyone.drop(STAFF_GROUP), all_spells=everyone)


def staff_group_rows(
    frames: WorkforceFrames, points: pl.DataFrame, options: Options, chosen: Sequence[Measure]
) -> pl.DataFrame | None:
    """The long rows (as :func:`~thrive.metrics.evaluation.evaluate` gives them) of each
    staff group, with ``by`` = ``staff_group`` and the group's code as the slice; None when no
    chosen measure applies to staff groups."""
    wanted = [m for m in chosen if by_staff_group(m)]
    if not wanted:
        return None
    parts = []
    for group in staff_groups_in(frames):
        ctx = Context(group_frames(frames, group), points, replace(options, suppress_below=0))
        part = evaluate(ctx, wanted, None).with_columns(
            pl.lit(STAFF_GROUP).alias("by"), pl.lit(group).alias("slice")
        )
        parts.append(part)
    if not parts:
        return None
    long = pl.concat(parts, how="diagonal_relaxed")
    below = options.suppress_below
    return suppress(long, wanted, below) if below else long
