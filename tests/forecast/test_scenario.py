"""Scenario files: every example parses, settings land where they should, bad ones are named."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.forecast import ScenarioError, load_scenario, packaged_scenarios, parse_scenario
from thrive.forecast.grades import GRADES, POST_GROUPS, ROUTES


def test_every_packaged_example_parses() -> None:
    names = packaged_scenarios()
    assert {"baseline", "asye25_turnover_minus25"} <= set(names)
    for name in names:
        assert load_scenario(name).name


def test_the_principal_social_workers_scenario() -> None:
    scenario = load_scenario("asye25_turnover_minus25")
    plan = scenario.plan_for("asye")
    assert plan is not None and plan.per_year == pytest.approx(25)
    assert plan.per_month[8] == plan.per_month[0] == pytest.approx(12.5)
    assert scenario.turnover_change == -0.25 and scenario.turnover_ramp_months == 6
    assert scenario.goal is not None and scenario.goal.by == date(2027, 9, 30)


plans = st.fixed_dictionaries(
    {"per_year": st.integers(0, 200)},
    optional={"months": st.lists(st.integers(1, 12), min_size=1, max_size=4)},
) | st.fixed_dictionaries(
    {"per_quarter": st.integers(0, 50) | st.lists(st.integers(0, 50), min_size=4, max_size=4)}
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "recruitment": st.dictionaries(st.sampled_from(ROUTES), plans, max_size=3),
        "turnover": st.fixed_dictionaries(
            {"change": st.floats(-0.95, 3)}, optional={"ramp_months": st.integers(0, 24)}
        ),
        "demand": st.fixed_dictionaries(
            {}, optional={"target_caseload": st.floats(5, 30), "cases": st.integers(100, 9000)}
        ),
        "establishment": st.lists(
            st.fixed_dictionaries(
                {
                    "group": st.sampled_from(POST_GROUPS),
                    "change_fte": st.floats(-20, 20),
                    "from": st.just("2026-04"),
                }
            ),
            max_size=3,
        ),
        "progression": st.dictionaries(st.sampled_from(GRADES[1:]), st.floats(0, 3), max_size=2),
    },
)


@settings(max_examples=60, deadline=None)
@given(document=documents)
def test_valid_documents_parse_to_what_they_say(document: dict[str, object]) -> None:
    scenario = parse_scenario(document, "generated.toml")
    recruitment = document.get("recruitment", {})
    assert isinstance(recruitment, dict)
    for route, table in recruitment.items():
        plan = scenario.plan_for(route)
        assert plan is not None
        quarters = table.get("per_quarter")
        expected = (
            table["per_year"]
            if "per_year" in table
            else (sum(quarters) if isinstance(quarters, list) else 4 * quarters)
        )
        assert plan.per_year == pytest.approx(expected)
    turnover = document.get("turnover", {})
    assert isinstance(turnover, dict)
    assert scenario.turnover_change == pytest.approx(turnover.get("change", 0.0))


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[recruitment.nowhere]\nper_year = 3", "recruitment.nowhere"),
        ("[recruitment.asye]\nper_year = 'many'", "recruitment.asye.per_year"),
        ("[recruitment.asye]\nmonths = [9]", "recruitment.asye"),
        ("[recruitment.asye]\nper_year = 3\nmonths = [13]", "recruitment.asye.months"),
        ("[turnover]\nchange = -1.0", "turnover.change"),
        ("[demand]\ntarget_caseload = 0", "demand.target_caseload"),
        ("[[establishment]]\ngroup = 'dragons'\nchange_fte = 1", "establishment[0].group"),
        ("[progression]\nasye = 2", "progression.asye"),
        ("[goal]\npermanent_share = 0.9", "goal.by"),
        ("[goal]\nby = 'soon'", "goal.by"),
        ("[goal]\nby = '2027-13'", "goal.by"),
        ("[turnover]\nchange = -0.1\nfrom = '2026-00'", "turnover.from"),
        ("colour = 'blue'", "colour"),
    ],
)
def test_bad_settings_are_named(text: str, field: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.field == field
    assert str(path) in str(caught.value)


def test_unreadable_or_invalid_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[turnover\nchange = 1")
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load_scenario(broken)
    assert tomllib.loads("") == {} and parse_scenario({}).name == "Scenario"
