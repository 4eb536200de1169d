"""The Department's published table: shipped with the package, imported with its markers kept."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thrive.ingest.published_figures import import_dfe_stats
from thrive.published.models import PublishedFigure
from thrive.published.shipped import shipped_table_path

pytestmark = pytest.mark.django_db


def test_the_2017_to_2024_table_ships_with_the_package() -> None:
    path = shipped_table_path()
    assert path.exists()
    assert path.read_text(encoding="utf-8").startswith("time_period,time_identifier")


def test_importing_keeps_numbers_and_markers_with_their_reasons() -> None:
    outcome = import_dfe_stats(user="test")
    assert outcome.counts.added == PublishedFigure.objects.count() > 25_000
    england = PublishedFigure.objects.get(year=2024, level="National", measure="turnover_rate_fte")
    assert england.value == Decimal("13.9")
    somerset = PublishedFigure.objects.get(year=2018, la_number="933", measure="inpost_fte")
    assert somerset.available
    hidden = PublishedFigure.objects.exclude(marker="").first()
    assert hidden is not None and hidden.value is None
    assert hidden.reason and not hidden.available


def test_the_same_table_again_changes_nothing() -> None:
    import_dfe_stats(user="test")
    again = import_dfe_stats(user="test")
    assert (again.counts.added, again.counts.updated) == (0, 0)
    assert again.counts.unchanged == PublishedFigure.objects.count()


def test_if_none_loads_the_shipped_table_once_and_then_leaves_it() -> None:
    from io import StringIO

    from django.core.management import call_command

    from thrive.import_records.models import ImportBatch

    call_command("import", "dfe-stats", "--if-none", "--user", "make run", stdout=StringIO())
    loaded = PublishedFigure.objects.count()
    assert loaded > 0
    batches = ImportBatch.objects.filter(kind="dfe-stats").count()
    out = StringIO()
    call_command("import", "dfe-stats", "--if-none", stdout=out)
    assert "already loaded" in out.getvalue()
    assert ImportBatch.objects.filter(kind="dfe-stats").count() == batches
    assert PublishedFigure.objects.count() == loaded


def test_published_rates_follow_from_published_counts() -> None:
    """The Department's formulas (DOMAIN.md) reproduce its local-authority rates from its
    counts, to rounding: the check Thrive's measures are held to."""
    import_dfe_stats(user="test")
    figures: dict[tuple[int, str], dict[str, Decimal]] = {}
    for f in PublishedFigure.objects.filter(level="Local authority", marker=""):
        figures.setdefault((f.year, f.area_code), {})[f.measure] = f.value  # type: ignore[assignment]
    checked = 0
    for row in figures.values():
        if {"leavers_fte", "inpost_fte", "turnover_rate_fte"} <= row.keys() and row["inpost_fte"]:
            turnover = row["leavers_fte"] / row["inpost_fte"] * 100
            assert abs(turnover - row["turnover_rate_fte"]) <= Decimal("0.15")
            checked += 1
    assert checked > 1000
