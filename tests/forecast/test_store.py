"""The forecast through the real store: factories -> database -> frames.load -> forecast, and
the ``thrive forecast`` command in each of its modes."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from django.core.management import CommandError, call_command

from factories import authority, spell, team, worker
from thrive.codes import CareerGrade, ContractType, DevelopmentScheme, Route
from thrive.forecast import CapacityForecast, load_scenario
from thrive.forecast.history import month_end
from thrive.frames.load import load
from thrive.workforce import models

pytestmark = pytest.mark.django_db


def _store() -> models.Authority:
    """A small council with seven years of history: hires, leavers, ASYEs, agency, posts."""
    rng = np.random.default_rng(11)
    council = authority()
    teams = [
        team(council, name=f"Team {i}", service="North" if i < 2 else "South") for i in range(4)
    ]
    for i, unit in enumerate(teams):
        for g, count in (
            (CareerGrade.SOCIAL_WORKER, 6),
            (CareerGrade.SENIOR_PRACTITIONER, 2),
            (CareerGrade.TEAM_MANAGER, 1),
        ):
            for k in range(count):
                models.EstablishmentPost.objects.create(
                    team=unit,
                    reference=f"T{i}-{g.value[:3]}-{k}",
                    grade=g.value,
                    funded_fte=Decimal("1"),
                    start_date=date(2015, 1, 1),
                )
    origin = date(2025, 9, 30)
    for n in range(48):
        unit = teams[n % 4]
        asye = n % 6 == 0
        who = worker(council, route=Route.ASYE if asye else Route.EXPERIENCED)
        start = date(2018, 1, 1) + timedelta(days=int(rng.integers(0, 2200)))
        grade = (
            CareerGrade.ASYE
            if asye
            else (
                CareerGrade.TEAM_MANAGER
                if n % 12 == 1
                else CareerGrade.SENIOR_PRACTITIONER
                if n % 5 == 2
                else CareerGrade.SOCIAL_WORKER
            )
        )
        if asye:
            spell(
                who,
                unit,
                start,
                start + timedelta(days=364),
                grade=CareerGrade.ASYE,
                start_origin=1,
            )
            start, grade = start + timedelta(days=365), CareerGrade.SOCIAL_WORKER
        stays = int(rng.exponential(1400))
        end = start + timedelta(days=stays)
        if end < origin:
            spell(
                who,
                unit,
                start,
                end,
                grade=grade,
                reason_leave=1,
                leaver_destination=1,
                start_origin=None if asye else 2,
            )
        else:
            spell(who, unit, start, grade=grade, start_origin=None if asye else 2)
        if grade == CareerGrade.SENIOR_PRACTITIONER and n % 2 == 0:
            models.SchemeMembership.objects.create(
                worker=who,
                scheme=DevelopmentScheme.ASPIRANT_MANAGER.value,
                start_date=date(2024, 1, 1),
            )
    for n in range(6):
        temp = worker(council)
        spell(
            temp,
            teams[n % 4],
            date(2024, 1, 1) + timedelta(days=60 * n),
            contract=ContractType.AGENCY,
            day_rate=Decimal("480"),
        )
    for w in models.Worker.objects.filter(authority=council):
        for month in range(1, 13):
            day = month_end(2025 if month < 10 else 2024, month)
            models.CaseloadSnapshot.objects.create(
                worker=w, date=day, cases=int(rng.integers(8, 20))
            )
    return council


def test_forecast_from_the_store(tmp_path: Path) -> None:
    frames = load(_store())
    model = CapacityForecast().fit(frames)
    assert model.origin_ == date(2025, 9, 30)
    assert model.start_.establishment_from_posts
    assert model.start_.day_rate == 480.0
    result = model.run(load_scenario("baseline"), runs=500, horizon=24, seed=3)
    p10, p50, p90 = result.at("fte_in_post", result.months[-1])
    assert p10 <= p50 <= p90 and p50 > 0
    summary = result.summary
    by_group = summary.filter(
        (summary["measure"] == "agency_fte") & (summary["breakdown"] != "all")
    )
    assert set(by_group["breakdown"]) == {
        "social_worker_posts",
        "senior_practitioner_posts",
        "team_manager_posts",
        "operations_manager_posts",
    }
    total = summary.filter((summary["measure"] == "agency_fte") & (summary["breakdown"] == "all"))
    per_date = by_group.group_by("date").agg(pl.col("mean").sum()).sort("date")
    assert total.sort("date")["mean"].to_list() == pytest.approx(per_date["mean"].to_list())
    share = result.measures["permanent_share"]
    assert ((share >= 0) & (share <= 1)).all()
    assert np.isfinite(result.measures["average_caseload"][:, 1:]).all()
    again = model.run(load_scenario("baseline"), runs=500, horizon=24, seed=3)
    assert np.array_equal(result.measures["fte_in_post"], again.measures["fte_in_post"])


def test_the_command_runs_compares_and_writes_charts(tmp_path: Path) -> None:
    _store()
    out = StringIO()
    call_command(
        "forecast",
        "--scenario",
        "baseline",
        "--scenario",
        "asye25_turnover_minus25",
        "--runs",
        "400",
        "--horizon",
        "24",
        "--charts",
        str(tmp_path),
        stdout=out,
    )
    text = out.getvalue()
    assert "Side by side" in text and "25 ASYEs a year" in text and "90% permanent" in text
    svg = (tmp_path / "permanent_share.svg").read_text()
    assert svg.startswith("<svg") and "Permanent share" in svg
    out = StringIO()
    call_command("forecast", "--runs", "300", "--horizon", "12", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data[0]["runs"] == 300 and data[0]["horizon"] == 12
    measures = {row["measure"] for row in data[0]["months"]}
    assert {
        "fte_in_post",
        "vacancies_fte",
        "agency_fte",
        "permanent_share",
        "average_caseload",
        "agency_cost",
    } <= measures


def test_goal_seek_succession_and_backtest_commands(tmp_path: Path) -> None:
    _store()
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'name = "Plan"\n[goal]\nby = "2027-09"\npermanent_share = 0.85\n'
        'max_average_caseload = false\nprobability = 0.6\nroutes = ["asye"]\nmax_per_year = 40\n'
    )
    out = StringIO()
    call_command(
        "forecast",
        "goal-seek",
        "--scenario",
        str(plan),
        "--runs",
        "300",
        "--format",
        "json",
        stdout=out,
    )
    found = json.loads(out.getvalue())
    assert found["tried"] and set(found["per_year"]) == {"asye"}
    if found["reachable"]:
        assert found["probability"] >= 0.6
    out = StringIO()
    call_command("forecast", "succession", "--runs", "300", "--horizon", "24", stdout=out)
    assert "Succession over 24 months" in out.getvalue() and "Team manager" in out.getvalue()
    out = StringIO()
    call_command(
        "forecast", "backtest", "--runs", "200", "--step", "12", "--format", "json", stdout=out
    )
    report = json.loads(out.getvalue())
    assert report["summary"] and 0 <= report["coverage"] <= 1


def test_the_command_explains_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No authority loaded"):
        call_command("forecast", stdout=StringIO())
    _store()
    bad = tmp_path / "bad.toml"
    bad.write_text("[turnover]\nchange = 'a lot'\n")
    with pytest.raises(CommandError, match="turnover.change"):
        call_command("forecast", "--scenario", str(bad), stdout=StringIO())
