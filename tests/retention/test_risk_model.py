"""The leaving-risk model recovers a planted hazard ratio, checks itself, and names reasons."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from retention_synthetic import AS_AT, PLANTED_RATIO, population

from thrive.retention.at_risk import at_risk, line_reports, visible_to, with_conversations
from thrive.retention.episodes import episodes
from thrive.retention.errors import InsufficientDataError, UnknownCohortError
from thrive.retention.risk_checks import proportional_hazards_check, validate_out_of_time
from thrive.retention.risk_model import RetentionModel
from thrive.retention.tenure import tenure


def _ratio(model: RetentionModel, covariate: str) -> dict[str, float]:
    return model.hazard_ratios_.filter(pl.col("covariate") == covariate).row(0, named=True)


def test_the_planted_caseload_ratio_of_two_is_recovered_within_its_interval(planted) -> None:  # type: ignore[no-untyped-def]
    high = _ratio(planted.model, "high_caseload")
    assert high["lower"] < PLANTED_RATIO < high["upper"]
    assert high["upper"] / high["lower"] < 1.5  # and the interval is tight enough to mean it
    assert high["p_value"] < 1e-6


def test_factors_that_were_not_planted_come_out_near_one(planted) -> None:  # type: ignore[no-untyped-def]
    for covariate in ("part_time", "months_since_supervision", "years_in_grade"):
        ratio = _ratio(planted.model, covariate)
        assert ratio["lower"] < 1.0 < ratio["upper"], covariate


def test_a_population_with_no_planted_effect_gives_a_ratio_near_one() -> None:
    frames = population(people=800, seed=3, ratio=1.0)
    stints = tenure(frames, AS_AT)
    model = RetentionModel(covariates=["high_caseload"], categorical=[]).fit(
        episodes(frames, stints, AS_AT)
    )
    high = _ratio(model, "high_caseload")
    assert high["lower"] < 1.0 < high["upper"]


def test_the_proportional_hazards_check_passes_on_proportional_data(planted) -> None:  # type: ignore[no-untyped-def]
    check = proportional_hazards_check(planted.model, planted.episodes)
    assert check.holds
    assert check.degrees_of_freedom == len(planted.model.columns_)
    assert bool(check.table.filter(pl.col("covariate") == "high_caseload")["holds"][0])


def test_out_of_time_the_model_ranks_later_leavers_and_expects_about_the_right_number() -> None:
    # a heavy caseload that stays heavy: today's caseload tells who leaves in the next two years
    frames = population(people=1200, seed=5, switch=0.0)
    stints = tenure(frames, AS_AT)
    split = episodes(frames, stints, AS_AT)
    cutoff = date(2022, 9, 30)
    result = validate_out_of_time(split, cutoff, AS_AT, RetentionModel())
    in_post = stints.filter(
        (pl.col("start_date") <= cutoff)
        & (pl.col("end_date").is_null() | (pl.col("end_date") > cutoff))
    )
    assert result.people == in_post.height
    assert result.leavers == in_post.filter(pl.col("left")).height
    assert result.concordance > 0.55
    assert result.expected_leavers == pytest.approx(result.leavers, rel=0.25)
    assert (
        result.training_leavers
        == stints.filter(pl.col("left") & (pl.col("end_date") <= cutoff)).height
    )


def test_the_at_risk_list_ranks_by_chance_and_names_the_caseload(planted) -> None:  # type: ignore[no-untyped-def]
    ranked = at_risk(planted.model, planted.episodes, AS_AT, planted.stints, top=None)
    in_post = planted.stints.filter(~pl.col("left")).height
    assert ranked.height == in_post
    # people in post longer than anyone who left (the two team managers, in post since 2010,
    # and the earliest hires) get no chance: the model knows nothing about that length of service
    unknown = ranked.filter(pl.col("leaving_chance").is_null())
    longest_leaver = planted.stints.filter(pl.col("left"))["duration_years"].max()
    assert {"M900000", "M900001"} <= set(unknown["pseudonym"])
    assert (unknown["years_in_post"] >= longest_leaver - 1 / 12).all()
    chances = ranked["leaving_chance"].drop_nulls().to_list()
    assert chances == sorted(chances, reverse=True) and min(chances) > 0 and max(chances) < 1
    heavy = ranked.filter(pl.col("caseload_6m") > 20)
    assert heavy.height > 0
    assert all(any("Caseload averaged" in f for f in factors) for factors in heavy["factors"])
    light = ranked.filter(pl.col("caseload_6m") < 15)
    assert not any(any("Caseload" in f for f in factors) for factors in light["factors"])
    assert heavy["leaving_chance"].mean() > light["leaving_chance"].mean()  # type: ignore[operator]


def test_only_the_people_a_viewer_manages_are_visible(planted) -> None:  # type: ignore[no-untyped-def]
    ranked = at_risk(planted.model, planted.episodes, AS_AT, planted.stints, top=None)
    mine = set(ranked["worker_id"].head(3).to_list())
    assert set(visible_to(ranked, mine)["worker_id"].to_list()) == mine
    assert visible_to(ranked, None).height == ranked.height
    assert visible_to(ranked, set()).is_empty()


def test_the_latest_stay_conversation_is_shown(planted) -> None:  # type: ignore[no-untyped-def]
    ranked = at_risk(planted.model, planted.episodes, AS_AT, planted.stints, top=5)
    first = int(ranked["worker_id"][0])
    talks = pl.DataFrame(
        {
            "worker_id": [first, first],
            "date": [date(2024, 5, 1), date(2024, 8, 1)],
            "outcome": ["undecided", "action_agreed"],
        }
    )
    shown = with_conversations(ranked, talks)
    assert shown["last_conversation"][0] == date(2024, 8, 1)
    assert shown["conversation_outcome"][0] == "action_agreed"
    assert shown["last_conversation"][1] is None


def test_too_few_leavers_or_an_unknown_covariate_is_refused(planted) -> None:  # type: ignore[no-untyped-def]
    early = planted.episodes.filter(pl.col("until") <= date(2015, 12, 1))
    with pytest.raises(InsufficientDataError, match="leavers"):
        RetentionModel().fit(early)
    with pytest.raises(UnknownCohortError):
        RetentionModel(covariates=["shoe_size"]).fit(planted.episodes)


def test_a_manager_sees_their_whole_line_on_the_day() -> None:
    lines = pl.DataFrame(
        {
            "manager_id": [1, 1, 2, 2, 3, 9],
            "report_id": [2, 3, 4, 5, 6, 7],
            "start_date": [date(2020, 1, 1)] * 5 + [date(2020, 1, 1)],
            "end_date": [None, None, None, date(2021, 1, 1), None, None],
        }
    )
    assert line_reports(lines, 1, date(2022, 1, 1)) == {2, 3, 4, 6}
    assert line_reports(lines, 1, date(2020, 6, 1)) == {2, 3, 4, 5, 6}
    assert line_reports(lines, 4, date(2022, 1, 1)) == set()


def test_a_strong_planted_effect_carries_a_named_list_and_no_effect_does_not() -> None:
    # most start on a heavy caseload that stays heavy and quadruples the risk: today's caseload
    # tells who leaves next, well enough to name people
    strong = population(people=1200, seed=5, switch=0.0, ratio=4.0, heavy_share=0.8)
    stints = tenure(strong, AS_AT)
    result = validate_out_of_time(
        episodes(strong, stints, AS_AT), date(2022, 9, 30), AS_AT, RetentionModel()
    )
    assert result.concordance >= 0.65 and result.concordance_lower > 0.5
    assert result.concordance_lower < result.concordance < result.concordance_upper
    assert result.ranks_people
    # the same council with no effect planted: the ranking is a coin toss, no one is named
    flat = population(people=1200, seed=5, switch=0.0, ratio=1.0)
    stints = tenure(flat, AS_AT)
    coin = validate_out_of_time(
        episodes(flat, stints, AS_AT), date(2022, 9, 30), AS_AT, RetentionModel()
    )
    assert coin.concordance_lower < 0.5 < coin.concordance_upper
    assert not coin.ranks_people


def test_the_naming_rule_needs_both_the_concordance_and_its_interval() -> None:
    from thrive.retention.risk_checks import ranks_people

    assert ranks_people(0.65, 0.51)
    assert not ranks_people(0.64, 0.60)  # surely better than a coin toss, but not by enough
    assert not ranks_people(0.70, 0.50)  # high, but the interval reaches a coin toss
    assert not ranks_people(0.90, None)  # never without an interval
