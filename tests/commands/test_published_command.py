"""``thrive published forecast``: the forecast as JSON, CSV and a table; the backtest; a newer
release scored; and ``thrive import dfe-stats`` taking a release with a new year and column."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thrive.forecast.published import backtest, read_published, summarise
from thrive.published.models import PublishedFigure
from thrive.published.shipped import shipped_table_path


def _run(*args: str) -> str:
    out = StringIO()
    call_command("published", "forecast", *args, stdout=out)
    return out.getvalue()


def test_the_json_forecast_names_every_council_and_measure_with_its_range() -> None:
    rows = json.loads(_run("--year", "2025", "--format", "json"))
    councils = [r for r in rows if r["level"] == "Local authority"]
    assert {r["year"] for r in rows} == {2025}
    assert len({r["old_la_code"] for r in councils}) == 151
    one = next(
        r for r in councils if r["la_code"] == "E06000024" and r["measure"] == "turnover_rate_fte"
    )
    assert one["la_name"] == "North Somerset" and one["old_la_code"] == "802"
    assert one["p10"] <= one["p50"] <= one["p90"]
    assert {"la_code", "old_la_code", "la_name", "measure", "p10", "p50", "p90"} <= one.keys()
    assert len(rows[0]["la_code"]) == 9


def test_csv_and_table_carry_the_same_forecast() -> None:
    as_csv = list(csv.DictReader(StringIO(_run("--format", "csv"))))
    as_json = json.loads(_run("--format", "json"))
    assert len(as_csv) == len(as_json)
    assert [float(r["p50"]) for r in as_csv] == [r["p50"] for r in as_json]
    assert "North Somerset" in _run()


def test_a_year_the_table_cannot_reach_is_refused_in_words() -> None:
    with pytest.raises(CommandError, match="can forecast 2025"):
        _run("--year", "2027")
    with pytest.raises(CommandError, match="no such file"):
        _run("--score", "/nonexistent/release.csv")


def test_the_backtest_table_is_printed() -> None:
    printed = json.loads(_run("--backtest", "--format", "json"))
    assert printed["years"] == [2022, 2023, 2024]
    assert [m["measure"] for m in printed["measures"]][:2] == ["inpost_fte", "turnover_rate_fte"]
    assert "mae last year" in _run("--backtest")


def _release_2024(tmp_path: Path) -> Path:
    """A '2024 release': the shipped table's 2024 rows alone, with a column the shipped table
    does not have."""
    lines = shipped_table_path().read_text(encoding="utf-8").splitlines()
    kept = [lines[0] + ",new_measure_fte"] + [
        line + ",1.5" for line in lines[1:] if line.startswith("2024,")
    ]
    path = tmp_path / "csww_2024_release.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def test_a_forecast_is_scored_against_a_newer_release(tmp_path: Path) -> None:
    release = _release_2024(tmp_path)
    history = tmp_path / "csww_2017_to_2023.csv"
    lines = shipped_table_path().read_text(encoding="utf-8").splitlines()
    history.write_text(
        "\n".join([lines[0], *(x for x in lines[1:] if not x.startswith("2024,"))]) + "\n",
        encoding="utf-8",
    )
    scored = json.loads(_run("--table", str(history), "--score", str(release), "--format", "json"))
    assert scored["years"] == [2024]
    table = read_published(shipped_table_path())
    expected = summarise(backtest(table, (2024,))).to_dicts()
    assert scored["measures"] == expected
    assert all(70 <= m["coverage_pct"] <= 95 for m in scored["measures"])


@pytest.mark.django_db
def test_import_takes_a_release_with_a_new_year_and_a_new_column(tmp_path: Path) -> None:
    call_command("import", "dfe-stats", "--user", "test", stdout=StringIO())
    before = PublishedFigure.objects.count()
    lines = shipped_table_path().read_text(encoding="utf-8").splitlines()
    rows_2025 = [
        "2025" + line[4:].replace(",11,", ",12,", 1)
        for line in lines[1:]
        if line.startswith("2024,")
    ]
    release = tmp_path / "csww_indicators_2017_to_2025.csv"
    release.write_text(
        "\n".join([lines[0] + ",new_measure_fte", *(x + ",7" for x in lines[1:] + rows_2025)])
        + "\n",
        encoding="utf-8",
    )
    call_command("import", "dfe-stats", str(release), "--user", "test", stdout=StringIO())
    added = PublishedFigure.objects.filter(year=2025)
    assert added.count() == PublishedFigure.objects.filter(year=2024).count() > 3000
    assert PublishedFigure.objects.count() == before + added.count()
    england = added.get(level="National", measure="inpost_fte")
    assert england.value is not None and england.value > 30_000
    assert not PublishedFigure.objects.filter(measure="new_measure_fte").exists()
    # and the forecast reads the same release: 2026 from 2017-2025
    made = json.loads(_run("--table", str(release), "--format", "json"))
    assert {r["year"] for r in made} == {2026}
    assert pl.DataFrame(made).filter(pl.col("level") == "National").height == 7
