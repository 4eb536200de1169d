"""The Forecast page: the levers, the figures with their range, the same as the command line."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from thrive.forecast import load_scenario
from thrive.summaries.forecast import Levers, scenario_for
from thrive.web.forecast_form import ScenarioForm

ROLES = ("hr", "lead", "svc", "tm")


def test_blank_levers_keep_the_example_plan() -> None:
    levers = Levers(scenario="asye25_turnover_minus25")
    assert scenario_for(levers) == load_scenario("asye25_turnover_minus25")


def test_levers_change_the_plan_they_name_and_nothing_else() -> None:
    plan = load_scenario("asye25_turnover_minus25")
    changed = scenario_for(
        Levers(scenario="asye25_turnover_minus25", asye_per_year=40, turnover_change=-10)
    )
    asye = changed.plan_for("asye")
    assert asye is not None and asye.per_year == pytest.approx(40)
    before = plan.plan_for("asye")
    assert before is not None
    # the scenario's intake months are kept (September and January cohorts)
    assert [m for m, n in enumerate(asye.per_month) if n] == [
        m for m, n in enumerate(before.per_month) if n
    ]
    assert changed.turnover_change == pytest.approx(-0.10)
    assert changed.target_caseload == plan.target_caseload
    assert "40 ASYEs a year" in changed.name and "leaving rates -10%" in changed.name


def test_a_route_the_plan_lacks_gets_its_usual_intake() -> None:
    changed = scenario_for(Levers(scenario="baseline", experienced_per_year=24))
    experienced = changed.plan_for("experienced")
    assert experienced is not None
    assert experienced.per_month == pytest.approx((2.0,) * 12)


def test_wrong_levers_are_refused_in_plain_english() -> None:
    form = ScenarioForm(
        {
            "scenario": "nonsense",
            "asye_per_year": "many",
            "turnover_change": "-150",
            "goal_by": "2027-13",
        }
    )
    assert not form.is_valid()
    assert form.errors["scenario"] == ["Choose one of the example plans"]
    assert form.errors["asye_per_year"] == ["Enter a whole number from 0 to 300"]
    assert form.errors["turnover_change"] == ["Enter a whole number from -90 to 100"]
    assert form.errors["goal_by"] == ["Enter the goal's month as a year and month, like 2027-09"]


def test_a_goal_month_is_read_as_its_month_end() -> None:
    form = ScenarioForm({"scenario": "baseline", "goal_by": "2027-09"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["goal_by"] == date(2027, 9, 30)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_forecast_with_its_range(
    role: str, signed_in: Callable[[str], Client]
) -> None:
    page = signed_in(role).get("/forecast/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Most likely figure (and the likely range) at each year end" in text
    assert "Side by side" in text and "Baseline (recent history carries on)" in text
    assert text.count('<svg role="img"') == 4
    assert "Succession over 36 months" in text
    # the page leads with what the plan changes against the baseline, in words
    assert text.index("What the plan changes") < text.index(
        "Most likely figure (and the likely range) at each year end"
    )
    lead = text.split("What the plan changes")[1].split("</ul>")[0]
    assert lead.count("<li>") == 4 and "permanent" in lead
    assert all(("With the plan" in item) or ("same answer" in item) or ("Both start" in item)
               or ("Neither" in item) for item in lead.split("<li>")[1:])  # fmt: skip


@pytest.mark.django_db
def test_a_form_with_mistakes_shows_them_and_no_forecast(
    signed_in: Callable[[str], Client],
) -> None:
    page = signed_in("lead").get("/forecast/?scenario=baseline&target_caseload=2")
    text = page.content.decode()
    assert "There is a problem" in text and "Enter a number from 5 to 40" in text
    assert "Most likely figure (and the likely range) at each year end" not in text
    blank = signed_in("lead").get("/forecast/?scenario=&horizon=24").content.decode()
    assert "Start from: Choose one of the example plans" in blank
    assert "This field is required" not in blank


@pytest.mark.django_db
def test_a_lever_set_in_the_address_alone_starts_from_the_opening_plan(
    signed_in: Callable[[str], Client],
) -> None:
    page = signed_in("lead").get("/forecast/?horizon=24")
    text = page.content.decode()
    assert page.status_code == 200, text
    assert "There is a problem" not in text
    assert "Most likely figure (and the likely range) at each year end" in text


@pytest.mark.django_db
def test_the_page_shows_the_figures_the_command_line_gives(
    signed_in: Callable[[str], Client],
) -> None:
    text = signed_in("hr").get("/forecast/?scenario=asye25_turnover_minus25").content.decode()
    out = StringIO()
    call_command(
        "forecast", "--scenario", "asye25_turnover_minus25", "--format", "json", stdout=out
    )
    (result,) = json.loads(out.getvalue())
    last = max(
        (m for m in result["months"] if m["measure"] == "fte_in_post" and m["breakdown"] == "all"),
        key=lambda m: m["date"],
    )
    assert last["date"] == "2028-09-30"
    shown = f"{last['p50']:,.1f} ({last['p10']:,.1f} to {last['p90']:,.1f})"
    assert re.search(r"<td[^>]*>" + re.escape(shown) + "</td>", text), shown


@pytest.mark.django_db
def test_goal_seek_answers_with_a_plan_or_says_why_not(
    signed_in: Callable[[str], Client],
) -> None:
    text = signed_in("lead").get("/forecast/?scenario=baseline&goal_by=2027-09").content.decode()
    assert "Goal seek" in text
    assert "The smallest plan reaching 90% permanent" in text or "Not reachable" in text
    past = signed_in("lead").get("/forecast/?scenario=baseline&goal_by=2019-09").content.decode()
    assert "needs a month after the forecast starts" in past


@pytest.mark.django_db
def test_the_runs_are_kept_once_for_the_council_and_each_role_only_lays_them_out(
    council: object, signed_in: Callable[[str], Client]
) -> None:
    from django.core.cache import cache

    from thrive.centre.centre import Centre
    from thrive.summaries.forecast import ForecastResults

    first = signed_in("hr").get("/forecast/").content.decode()
    team_manager = Centre.for_user(council.users["tm"])  # type: ignore[attr-defined]
    kept = cache.get(team_manager.key(f"forecast-results:{Levers().key}", for_authority=True))
    assert isinstance(kept, ForecastResults)  # kept under the council, not the HR admin's view
    later = signed_in("tm").get("/forecast/").content.decode()
    # the same runs: every figure table before the succession section is identical
    assert (
        first.split("Succession over")[0].split(
            "Most likely figure (and the likely range) at each year end"
        )[1]
        == (
            later.split("Succession over")[0].split(
                "Most likely figure (and the likely range) at each year end"
            )[1]
        )
    )
