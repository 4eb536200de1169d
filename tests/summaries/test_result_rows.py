"""Exit-interview reasons and ASYE cohorts (from thrive.retention) as the pages show them."""

from __future__ import annotations

from thrive.summaries.careers import cohort_rows, progression_rows
from thrive.summaries.careers_results import AsyeCohort, ProgressionCount
from thrive.summaries.feedback_results import ExitsResult, TeamLeaving
from thrive.summaries.leavers import exit_reasons, team_losses


def _exits(
    reasons: list[dict[str, object]] | None = None, losses: list[TeamLeaving] | None = None
) -> ExitsResult:
    return ExitsResult(
        authority="Somewhere",
        by="year",
        reasons=reasons or [],
        period={"from": "2024-10-01", "to": "2025-09-30"},
        team_losses=losses or [],
        note="",
    )


def _reason(label: str, count: int, interviews: int = 20, year: int = 2025) -> dict[str, object]:
    return {
        "year": year,
        "reason": label.lower(),
        "label": label,
        "main_reason": count,
        "main_reason_pct": 100 * count / interviews,
        "interviews": interviews,
        "would_return_pct": 40.0,
        "would_recommend_pct": 55.0,
        "suppressed": interviews < 5,
    }


def test_small_reason_counts_are_hidden_outside_hr_with_their_share():
    summary = _exits([_reason("Workload", 12), _reason("Pay", 2), _reason("Other", 6, year=2024)])
    shown = exit_reasons(summary, 2025, named=False)
    assert shown is not None and shown.interviews == "20"
    assert shown.rows == [("Workload", "12", "60.0%"), ("Pay", "fewer than 5", "–")]
    assert exit_reasons(summary, 2025, named=True).rows[1] == ("Pay", "2", "10.0%")
    assert exit_reasons(summary, 2023, named=True) is None


def test_a_year_with_too_few_interviews_shows_no_reasons():
    shown = exit_reasons(_exits([_reason("Workload", 3, interviews=3)]), 2025, named=False)
    assert shown is not None and shown.rows == [] and shown.interviews == "fewer than 5"


def test_team_losses_keep_suppressed_teams_without_their_numbers():
    summary = _exits(
        losses=[
            TeamLeaving(
                team="CP North",
                service="S",
                in_post_at_start=20,
                leavers=6,
                interviewed=4,
                would_return_pct=50.0,
                top_reason="workload",
                leaving_rate=30.0,
                suppressed=False,
            ),
            TeamLeaving(
                team="CP South",
                service="S",
                in_post_at_start=12,
                leavers=None,
                interviewed=None,
                would_return_pct=None,
                top_reason=None,
                leaving_rate=None,
                suppressed=True,
            ),
            TeamLeaving(
                team="Quiet",
                service="S",
                in_post_at_start=4,
                leavers=0,
                interviewed=0,
                would_return_pct=None,
                top_reason=None,
                leaving_rate=0.0,
                suppressed=False,
            ),
        ]
    )
    losses = team_losses(summary)
    assert [(t.team, t.leavers) for t in losses] == [
        ("CP North", "6"),
        ("CP South", "fewer than 5"),
    ]
    # 4 interviews: too few for their most common reason, and 2 leavers not interviewed
    assert (losses[0].interviewed, losses[0].top_reason) == ("not shown", "–")
    named = team_losses(summary, named=True)
    assert (named[0].interviewed, named[0].top_reason) == ("4", "Workload or caseload")


def test_a_lone_small_reason_is_protected_when_the_reasons_add_up_to_the_interviews():
    summary = _exits([_reason("Workload", 12), _reason("Stress", 6), _reason("Pay", 2)])
    shown = exit_reasons(summary, 2025, named=False)
    assert shown is not None and shown.interviews == "20"
    assert shown.rows == [
        ("Workload", "12", "60.0%"),
        ("Stress", "not shown", "–"),
        ("Pay", "fewer than 5", "–"),
    ]


def test_cohorts_show_shares_outside_hr_and_counts_to_hr():
    cohort = AsyeCohort(
        cohort="2020 March",
        started=5,
        first_start="2020-03-02",
        passed=4,
        failed=0,
        extended=1,
        in_progress=0,
        due_1y=5,
        kept_1y=4,
        due_2y=5,
        kept_2y=4,
        due_3y=None,
        kept_3y=None,
    )
    small = AsyeCohort(
        cohort="2014 March",
        started=3,
        first_start="2014-03-03",
        passed=3,
        failed=0,
        extended=0,
        in_progress=0,
        due_1y=3,
        kept_1y=3,
        due_2y=None,
        kept_2y=None,
        due_3y=None,
        kept_3y=None,
    )
    lead = cohort_rows([cohort, small], named=False)
    assert (lead[0].started, lead[0].passed, lead[0].kept) == (
        "5",
        "fewer than 5",
        ["80%", "80%", "not yet"],
    )
    assert lead[1].started == "fewer than 5" and lead[1].kept[0] == "–"
    hr = cohort_rows([cohort], named=True)
    assert hr[0].passed == "4" and hr[0].kept[0] == "4 of 5 (80%)"


def test_progressions_by_year_suppress_small_moves_outside_hr():
    moves = [
        ProgressionCount(2024, "social_worker", "senior_practitioner", people=9),
        ProgressionCount(2024, "senior_practitioner", "team_manager", people=2),
    ]
    (row,) = progression_rows(moves, named=False)
    assert row.year == 2024 and row.moves[1] == "9" and row.moves[3] == "fewer than 5"
    assert progression_rows(moves, named=True)[0].moves[3] == "2"
