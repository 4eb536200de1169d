"""Who to talk to names people only when the model's out-of-time test carries a ranking, and
never ranks someone whose chance has no single clear factor behind it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thrive.summaries.at_risk import at_risk_page
from thrive.summaries.retention_results import (
    AtRiskResult,
    HazardRatio,
    OutOfTime,
    PersonAtRisk,
    ProportionalHazards,
    RiskResult,
)

AS_AT = date(2025, 9, 30)


def _person(worker_id: int, factors: list[str]) -> PersonAtRisk:
    return PersonAtRisk(
        rank=worker_id, worker_id=worker_id, pseudonym=f"T{worker_id:06d}", team="Team A",
        grade="social_worker", years_in_post=2.0, leaving_chance=0.5 - worker_id / 100,
        relative_risk=1.5, factors=factors, caseload_6m=None, months_since_supervision=None,
        manager_span=None, years_in_grade=None, fte=1.0, absence_days_12m=None, asye=0,
        last_conversation=None, conversation_outcome=None,
    )  # fmt: skip


LIST = AtRiskResult(
    authority="Somervale", as_at=AS_AT.isoformat(), in_post=4, shown=4,
    conversations_last_month=0,
    people=[_person(1, []), _person(2, ["Caseload over 20"]), _person(3, []),
            _person(4, ["No supervision in 3 months"])],
    factors_explained="",
)  # fmt: skip
CHECK = OutOfTime(cutoff="2023-09-30", end="2025-09-30", concordance=0.72, people=300,
                  leavers=60, expected_leavers=58.0, training_episodes=9000,
                  training_leavers=150, concordance_lower=0.66, concordance_upper=0.78)  # fmt: skip
RISK = RiskResult(
    authority="Somervale", as_at=AS_AT.isoformat(), people=400, leavers=120, episodes=9000,
    hazard_ratios=[
        HazardRatio("high_caseload", "Caseload over 20", "yes vs no", 0.6, 1.8, 1.3, 2.5, 0.001),
        HazardRatio("fte", "Part time", "yes vs no", 0.0, 1.0, 0.7, 1.4, 0.9),
    ],
    references={}, pooled={}, dropped=[],
    proportional_hazards=ProportionalHazards(True, 1.0, 2, 0.6, []),
    out_of_time=CHECK,
)  # fmt: skip


def test_rows_with_no_single_clear_factor_are_not_ranked_as_named_risks() -> None:
    page = at_risk_page(LIST, AS_AT, None, {2: "Ann", 4: "Bo"}, {}, RISK)
    assert [(r.rank, r.name) for r in page.rows] == [(1, "Ann"), (2, "Bo")]
    assert page.unclear == 2 and page.ranked == 2 and not page.withheld
    mine = at_risk_page(LIST, AS_AT, {3, 4}, {4: "Bo"}, {}, RISK)
    assert [(r.rank, r.name) for r in mine.rows] == [(2, "Bo")]


def test_a_test_that_does_not_carry_a_ranking_names_no_one_and_gives_the_factors() -> None:
    for check in (
        replace(CHECK, concordance=0.54, concordance_lower=0.47, concordance_upper=0.61),
        replace(CHECK, concordance_lower=0.49),  # high, but could be a coin toss
        replace(CHECK, concordance=0.64),  # surely above a coin toss, not by enough
        replace(CHECK, concordance_lower=None, concordance_upper=None),  # kept without one
    ):
        page = at_risk_page(LIST, AS_AT, None, {2: "Ann"}, {}, replace(RISK, out_of_time=check))
        assert not page.rows and page.ranked == 0
        assert "cannot single people out" in page.withheld
        assert f"{100 * check.concordance:.0f}% of the time" in page.withheld
        assert ("only" in page.withheld) == (check.concordance < 0.65)
        assert page.factors == [
            "Caseload over 20: raises the risk of leaving by 80% (yes against no)"
        ]
    untested = at_risk_page(LIST, AS_AT, None, {2: "Ann"}, {}, None)
    assert not untested.rows and "could not be tested" in untested.withheld


def test_a_viewers_part_of_the_list_gives_the_same_page_as_the_whole_list() -> None:
    from thrive.summaries.at_risk import conversations_needed, viewer_list
    from thrive.summaries.kept_results import LastConversation

    many = replace(
        LIST, people=[_person(i, [] if i % 3 else ["Caseload over 20"]) for i in range(1, 90)]
    )
    talks = {i: LastConversation(date(2025, 9, 1), "Staying") for i in range(1, 90, 2)}
    names = {i: f"Person {i}" for i in range(1, 90)}
    for visible in (None, set(), {3, 4, 30, 60, 87}, set(range(40, 90))):
        part = viewer_list(many, visible, top=5)
        assert len(part.whole_top) <= 5 and len(part.shown) <= 5
        assert set(conversations_needed(part)) <= {p.worker_id for p in many.people}
        whole = at_risk_page(many, AS_AT, visible, names, talks, RISK, top=5)
        assert at_risk_page(part, AS_AT, visible, names, talks, RISK, top=5) == whole
        needed = {i: talks[i] for i in conversations_needed(part) if i in talks}
        assert at_risk_page(part, AS_AT, visible, names, needed, RISK, top=5) == whole
