"""The Workforce page for one of the council's other staff groups (family support workers ...).

Social workers are the page's default and its figures never change; another staff group's page
is the same figures (permanent and agency mix, starters and leavers) worked out from that group's
spells alone, with the same small-number rules. Vacancies and agency workers in establishment
posts are left out: posts carry no staff group, so they are social work posts.
"""

from __future__ import annotations

from datetime import date

from thrive.codes.staff import SOCIAL_WORKER, StaffGroup
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics.staff_groups import group_frames, staff_groups_in
from thrive.summaries.kept_results import RecordSource
from thrive.summaries.workforce import WorkforceFigures, workforce_figures


def staff_group_choices(frames: WorkforceFrames) -> list[tuple[str, str]]:
    """(code, label) of each staff group with any record, social workers first (always)."""
    present = staff_groups_in(frames)
    codes = [SOCIAL_WORKER, *(g for g in present if g != SOCIAL_WORKER)]
    return [(code, StaffGroup(code).label) for code in codes]


def who(staff_group: str) -> str:
    """The group in the page's words: "social workers", "family support workers"."""
    label = StaffGroup(staff_group).label
    return label if staff_group == "business_support" else label.lower()


def group_workforce(
    centre: RecordSource, as_at: date, staff_group: str, *, hr: bool
) -> WorkforceFigures:
    """The Workforce page's figures for one staff group other than social workers."""
    return centre.remembered(
        f"workforce:{as_at}:{hr}:{staff_group}",
        lambda: workforce_figures(
            group_frames(centre.frames, staff_group),
            as_at,
            centre.targets(),
            hr=hr,
            who=who(staff_group),
        ),
        for_authority=True,
    )
