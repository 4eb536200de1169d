"""The retention-curves chart draws at most five groups, the largest; the tables keep them all."""

from __future__ import annotations

import re

from thrive.summaries.retention import CHARTED, curves_section
from thrive.summaries.retention_results import CohortSummary, CurvePoint, CurvesResult

TEAMS = [f"Team {name}" for name in ("Ash", "Birch", "Cedar", "Elm", "Fir", "Hazel", "Oak")]


def _cohort(name: str, people: int) -> CohortSummary:
    figures = dict.fromkeys(
        (
            f"{stem}{end}"
            for stem in ("retained_1y", "retained_2y", "retained_3y")
            for end in ("", "_lower", "_upper")
        ),
        0.8,
    )
    return CohortSummary(
        cohort=name,
        people=people,
        leavers=people // 2,
        in_post=people - people // 2,
        median_years=3.0,
        median_lower=2.0,
        median_upper=4.0,
        label=name,
        suppressed=False,
        **figures,
    )


def test_seven_teams_draw_the_five_largest_and_say_so():
    sizes = dict(zip(TEAMS, (30, 8, 25, 6, 20, 15, 12), strict=True))
    result = CurvesResult(
        authority="998",
        as_at="2025-09-30",
        by="first_team",
        cohorts=[_cohort(team, n) for team, n in sizes.items()],
        curves=[
            CurvePoint(team, years, 1 - years / 20, None, None, 5)
            for team in TEAMS
            for years in (0.0, 1.0, 2.0, 3.0)
        ],
        log_rank=None,
        pairwise=[],
        skipped={},
        note="",
    )
    section = curves_section(result, "first_team")
    assert CHARTED == 5
    assert section.chart is not None
    drawn = set(re.findall(r">(Team [A-Za-z]+)<", section.chart))
    assert drawn == {"Team Ash", "Team Cedar", "Team Fir", "Team Hazel", "Team Oak"}
    assert "The 5 largest groups are drawn; all 7 are in the tables." in section.chart_caption
