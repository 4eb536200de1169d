"""The measures read the real store: records written through the model, read by frames.load."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import factories
from thrive.centre.targets import targets_for
from thrive.codes import CareerGrade, ContractType, LeaverDestination, ReasonLeave, StartOrigin
from thrive.frames.load import load
from thrive.metrics import compute
from thrive.workforce import models
from thrive.workforce.models.targets import MeasureTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def la() -> models.Authority:
    la = factories.authority()
    north = factories.team(la, "Child Protection North")
    south = factories.team(la, "Children in Care South", service="Children in care")
    post = models.EstablishmentPost.objects.create(
        team=north,
        reference="CPN1",
        grade="social_worker",
        funded_fte=Decimal("1"),
        start_date=date(2010, 1, 1),
    )
    models.EstablishmentPost.objects.create(
        team=north,
        reference="CPN2",
        grade="social_worker",
        funded_fte=Decimal("1"),
        start_date=date(2010, 1, 1),
    )
    stays = factories.worker(la, sex="F", ethnicity="WBRI")
    factories.spell(
        stays, north, date(2015, 1, 1), post=post, start_origin=StartOrigin.NOT_KNOWN.value
    )
    models.CaseloadSnapshot.objects.create(worker=stays, date=date(2018, 9, 30), cases=16)
    part = factories.worker(la, sex="M", ethnicity="AIND")
    factories.spell(
        part, south, date(2016, 1, 1), fte="0.5", start_origin=StartOrigin.OTHER_LA_ENGLAND.value
    )
    models.CaseloadSnapshot.objects.create(worker=part, date=date(2018, 9, 28), cases=6)
    leaver = factories.worker(la)
    factories.spell(
        leaver,
        north,
        date(2015, 1, 1),
        date(2018, 3, 31),
        start_origin=StartOrigin.NOT_KNOWN.value,
        reason_leave=ReasonLeave.RESIGNATION.value,
        leaver_destination=LeaverDestination.OTHER_LA_ENGLAND.value,
    )
    locum = factories.worker(la)
    factories.spell(
        locum, south, date(2017, 1, 1), contract=ContractType.AGENCY, day_rate=Decimal("300")
    )
    models.CaseloadSnapshot.objects.create(worker=locum, date=date(2018, 9, 30), cases=20)
    manager = factories.worker(la)
    factories.spell(
        manager,
        north,
        date(2012, 1, 1),
        grade=CareerGrade.TEAM_MANAGER,
        start_origin=StartOrigin.NOT_KNOWN.value,
    )
    for report in (stays, part):
        models.LineManagement.objects.create(
            manager=manager, report=report, start_date=date(2016, 1, 1)
        )
    return la


def test_measures_from_the_store(la: models.Authority) -> None:
    results = {r.name: r for r in compute(load(la), date(2018, 9, 30)) if r.slice is None}
    assert results["fte_in_post"].value == pytest.approx(2.5)
    assert results["headcount_in_post"].value == 3
    assert results["leavers_fte"].value == 1
    assert results["turnover_rate"].value == pytest.approx(40.0)
    assert results["agency_rate"].value == pytest.approx(100 / 3.5)
    assert results["vacancy_fte"].value == 1
    assert results["average_caseload"].value == pytest.approx(42 / 2.5)
    assert results["span_of_control"].value == 2
    assert results["agency_spend"].value == pytest.approx(300 * 260)


def test_admin_targets_override_the_file_and_the_defaults(
    la: models.Authority, tmp_path: Path
) -> None:
    file = tmp_path / "targets.toml"
    file.write_text("[targets]\nturnover_rate = 20\naverage_caseload = 16\n")
    MeasureTarget.objects.create(
        authority=la, measure="turnover_rate", target=Decimal("15"), amber_within=Decimal("5")
    )
    MeasureTarget.objects.create(
        authority=la, measure="workforce_by_ethnicity", group="White", target=Decimal("91.5")
    )
    targets = targets_for(la, file)
    assert targets.target("turnover_rate") == 15
    assert targets.target("average_caseload") == 16
    assert targets.target("permanent_share") == 90
    assert targets.target("workforce_by_ethnicity", ("ethnicity", "White")) == 91.5
    assert targets.status("turnover_rate", 19.9) == "amber"


def test_a_target_for_an_unknown_measure_is_refused_by_validation(la: models.Authority) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        MeasureTarget(authority=la, measure="happiness", target=Decimal("1")).full_clean()
    with pytest.raises(ValidationError, match="ethnicity, sex, age band and disability"):
        MeasureTarget(
            authority=la, measure="turnover_rate", group="White", target=Decimal("1")
        ).full_clean()
    with pytest.raises(ValidationError, match="ethnicity, sex, age band and disability"):
        MeasureTarget(
            authority=la, measure="leavers_by_reason", group="Retirement", target=Decimal("1")
        ).full_clean()
    with pytest.raises(ValidationError, match="Choose one of the groups"):
        MeasureTarget(
            authority=la, measure="workforce_by_sex", group="F", target=Decimal("50")
        ).full_clean()
    MeasureTarget(
        authority=la, measure="workforce_by_sex", group="Female", target=Decimal("50")
    ).full_clean()
    MeasureTarget(
        authority=la, measure="workforce_by_disability", group="Disabled", target=Decimal("17")
    ).full_clean()


def run(*args: str) -> str:
    out = StringIO()
    call_command("metrics", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_every_measure_as_json_with_its_sums(la: models.Authority) -> None:
    from thrive.metrics import measures

    printed = json.loads(run("--as-at", "2018-09-30", "--format", "json"))
    assert {row["name"] for row in printed} == set(measures())
    turnover = next(r for r in printed if r["name"] == "turnover_rate")
    assert turnover == {
        "name": "turnover_rate",
        "label": "Turnover rate (FTE)",
        "slice": None,
        "value": 40.0,
        "unit": "%",
        "target": 12.0,
        "status": "red",
        "numerator": 1.0,
        "denominator": 2.5,
        "period": {"start": "2017-10-01", "end": "2018-09-30"},
        "previous": 0.0,
        "change": 40.0,
    }
    fte = next(r for r in printed if r["name"] == "fte_in_post")
    assert fte["as_at"] == "2018-09-30" and "period" not in fte


def test_the_command_slices_by_team(la: models.Authority) -> None:
    printed = json.loads(
        run("--period", "2018", "--by", "team", "--format", "json", "--measure", "fte_in_post")
    )
    assert [(r["slice"], r["value"]) for r in printed] == [
        (None, 2.5),
        *sorted(
            [({"team": "Child Protection North"}, 2.0), ({"team": "Children in Care South"}, 0.5)],
            key=lambda pair: [r["slice"] for r in printed].index(pair[0]),
        ),
    ]


def test_the_command_writes_csv_and_a_table(la: models.Authority) -> None:
    csv_text = run("--as-at", "2018-09-30", "--format", "csv", "--measure", "turnover_rate")
    header, row = csv_text.strip().splitlines()
    assert header.startswith("name,label,slice,value,unit,target,status,numerator,denominator")
    assert row.startswith("turnover_rate,Turnover rate (FTE),,40.0,%,12.0,red,1.0,2.5")
    table = run("--as-at", "2018-09-30")
    assert "Turnover rate (FTE)" in table and "1.00 / 2.50" in table


def test_the_command_draws_a_monthly_trend(la: models.Authority) -> None:
    printed = json.loads(
        run(
            "trend",
            "--from",
            "2018-01-01",
            "--to",
            "2018-06-30",
            "--measure",
            "headcount_in_post",
            "--format",
            "json",
        )
    )
    assert [r["as_at"] for r in printed] == [
        "2018-01-31",
        "2018-02-28",
        "2018-03-31",
        "2018-04-30",
        "2018-05-31",
        "2018-06-30",
    ]
    assert [r["value"] for r in printed] == [4, 4, 3, 3, 3, 3]
    table = run("trend", "--from", "2018-01-01", "--to", "2018-03-31")
    assert "2018-03-31" in table and "turnover_rate" in table


def test_the_command_names_what_is_wrong(la: models.Authority) -> None:
    with pytest.raises(CommandError, match="no measure called 'turnover'"):
        run("--measure", "turnover")
    with pytest.raises(CommandError, match="not a date"):
        run("--as-at", "30/09/2018")
    with pytest.raises(CommandError, match="No authority with LA number 123"):
        run("--authority", "123")


def test_metrics_help_has_a_one_line_description_and_an_example() -> None:
    from django.core.management import get_commands, load_command_class

    command = load_command_class(get_commands()["metrics"], "metrics")
    first, *rest = command.help.splitlines()
    assert first.startswith("Compute the measures of success")
    assert any("thrive metrics --as-at" in line for line in rest)
