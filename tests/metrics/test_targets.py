"""Targets: the defaults, an authority's TOML file, red/amber/green, and the year-earlier change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import Org, one

from thrive.metrics import Target, Targets, TargetsFileError, default_targets


def test_the_strategies_defaults() -> None:
    t = default_targets()
    assert {
        name: t.target(name)
        for name in (
            "average_caseload",
            "turnover_rate",
            "permanent_share",
            "supervised_share",
            "span_of_control",
            "appraisal_completion",
        )
    } == {
        "average_caseload": 14,
        "turnover_rate": 12,
        "permanent_share": 90,
        "supervised_share": 90,
        "span_of_control": 6,
        "appraisal_completion": 90,
    }
    assert t.options["working_days_per_year"] == 253


@pytest.mark.parametrize(
    ("name", "value", "status"),
    [
        ("turnover_rate", 11.9, "green"),
        ("turnover_rate", 12.0, "green"),
        ("turnover_rate", 15.0, "amber"),
        ("turnover_rate", 15.1, "red"),
        ("permanent_share", 90.0, "green"),
        ("permanent_share", 80.0, "amber"),
        ("permanent_share", 79.9, "red"),
        ("fte_in_post", 100.0, None),  # no target
        ("turnover_rate", None, None),  # no value
    ],
)
def test_rag_follows_the_direction_and_the_band(
    name: str, value: float | None, status: str | None
) -> None:
    assert default_targets().status(name, value) == status


def test_without_an_amber_band_amber_is_within_a_percentage_of_the_target() -> None:
    t = Targets({"turnover_rate": Target(10)}, amber_within_percent=10)
    assert [t.status("turnover_rate", v) for v in (10, 11, 11.1)] == ["green", "amber", "red"]


def test_an_authority_file_overrides_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "999.toml"
    path.write_text(
        "[targets]\nturnover_rate = 10\naverage_caseload = { target = 16, amber_within = 1 }\n"
        "[options]\nsuppress_below = 10\n[population.ethnicity]\nWhite = 90.5\n"
    )
    t = default_targets().merged(Targets.from_toml(path))
    assert t.target("turnover_rate") == 10
    assert t.status("average_caseload", 17.5) == "red"
    assert t.target("permanent_share") == 90
    assert t.target("workforce_by_ethnicity", ("ethnicity", "White")) == 90.5
    assert t.options["suppress_below"] == 10


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[targets]\nturnover = 10\n", "[targets] turnover: there is no such measure"),
        ("[targets]\nturnover_rate = 'ten'\n", "'ten' is not a number"),
        ("[targets]\nturnover_rate = { amber_within = 1 }\n", "needs a target"),
        ("[options]\nspeed = 1\n", "[options] speed: not an option"),
        ("[population.religion]\nX = 1\n", "[population.religion]"),
        ("[population.reason]\nResignation = 1\n", "[population.reason]"),
        ("[population.sex]\nF = 51\n", "[population.sex] F: choose one of Female, Male"),
        ("[targets\n", "is not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_and_entry(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(TargetsFileError) as error:
        Targets.from_toml(path)
    assert str(path) in str(error.value) and reason in str(error.value)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TargetsFileError, match="cannot be read"):
        Targets.from_toml(tmp_path / "nothing.toml")


def test_each_result_carries_its_value_a_year_earlier_and_the_change() -> None:
    o = Org()
    team = o.team()
    for _ in range(4):
        o.spell(o.worker(), team, date(2015, 1, 1), origin=9)
    o.spell(o.worker(), team, date(2015, 1, 1), date(2017, 6, 1), origin=9, reason=1)
    o.spell(o.worker(), team, date(2015, 1, 1), date(2017, 6, 1), origin=9, reason=1)
    result = one(o, "turnover_rate")
    assert result.value == 0
    assert result.previous == pytest.approx(50.0)
    assert result.change == pytest.approx(-50.0)
    assert result.status == "green" and result.target == 12
    assert result.as_dict()["previous"] == 50.0


def test_the_caseload_target_sets_the_limit_for_workers_over_it() -> None:
    o = Org()
    team = o.team()
    w = o.worker()
    o.spell(w, team, date(2015, 1, 1), origin=9)
    o.caseload(w, date(2018, 9, 30), 15)
    assert one(o, "workers_over_caseload_target").value == 1
    lenient = default_targets().merged(Targets({"average_caseload": Target(16)}))
    assert one(o, "workers_over_caseload_target", targets=lenient).value == 0


def test_asye_recruited_since_is_a_date_option(tmp_path: Path) -> None:
    path = tmp_path / "999.toml"
    path.write_text("[options]\nasye_recruited_since = 2015-08-01\n")
    from thrive.metrics import Options

    options = Targets.from_toml(path).apply_to(Options())
    assert options.asye_recruited_since == date(2015, 8, 1)
    path.write_text("[options]\nasye_recruited_since = 'August'\n")
    with pytest.raises(TargetsFileError, match="is not a date"):
        Targets.from_toml(path)


def test_asye_still_employed_counts_from_the_date_set() -> None:
    from thrive.metrics import Options

    o = Org()
    team = o.team()
    early, late = o.worker(), o.worker()
    o.asye(early, date(2015, 1, 5))
    o.asye(late, date(2016, 9, 1))
    o.spell(early, team, date(2015, 1, 5), date(2016, 1, 1), grade="asye", origin=1, reason=1)
    o.spell(late, team, date(2016, 9, 1), grade="asye", origin=1)
    every = one(o, "asye_still_employed")
    assert (every.numerator, every.denominator) == (1, 2)
    since = one(o, "asye_still_employed", options=Options(asye_recruited_since=date(2015, 8, 1)))
    assert (since.numerator, since.denominator) == (1, 1)
