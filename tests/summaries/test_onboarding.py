"""The headline table after a first load: Thrive's figures beside the Department's, by year.

LA 999's golden returns are worked out by hand in tests/census/test_golden_census.py; a published
table holding exactly those figures for LA 999 must show every difference as "the same". The
shipped table's figures for a real council (Somerset, LA 933) are shown exactly as published.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest

from thrive.ingest.onboard import onboard
from thrive.ingest.published_figures import import_dfe_stats
from thrive.published.shipped import shipped_table_path
from thrive.summaries import formatting
from thrive.summaries.onboarding import HEADLINE, NOT_PUBLISHED, headline
from thrive.workforce.models import Authority

sys.path.insert(0, str(Path(__file__).parents[1] / "census"))

from test_golden_census import HAND_WORKED  # noqa: E402

pytestmark = pytest.mark.django_db

COLUMNS = dict(HEADLINE)


def published_table(path: Path, la_number: str, figures: dict[int, dict[str, float]]) -> Path:
    """A table in the Department's layout with one council's figures (registry names in)."""
    ids = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name",
           "region_code", "region_name", "old_la_code", "new_la_code", "la_name"]  # fmt: skip
    measures = sorted({COLUMNS[name] for year in figures.values() for name in year})
    with path.open("w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow([*ids, *measures])
        for year, values in figures.items():
            by_column = {COLUMNS[name]: value for name, value in values.items()}
            out.writerow([year, "Reporting year", "Local authority", "E92000001", "England",
                          "E12000009", "South West", la_number, "E06999999", "Golden Vale",
                          *(f"{by_column[m]:.4f}" for m in measures)])  # fmt: skip
    return path


def test_a_published_row_the_golden_returns_reproduce_shows_no_difference(
    tmp_path: Path, data: Path
) -> None:
    worked = {y: {k: v for k, v in f.items() if k in COLUMNS} for y, f in HAND_WORKED.items()}
    import_dfe_stats(published_table(tmp_path / "published.csv", "999", worked), user="test")
    folder = tmp_path / "returns"
    folder.mkdir()
    for year in (2023, 2024):
        shutil.copy(data / f"golden_{year}.xml", folder)
    result = onboard(folder, user="test")
    assert not result.refused and result.published is None  # a table was loaded already
    page = headline(Authority.objects.get(la_number="999"), result.census_years)
    assert page.years == (2023, 2024)
    for row in page.rows:
        for cell in row.cells:
            if row.name in worked[cell.year]:
                assert cell.ours == pytest.approx(worked[cell.year][row.name], abs=1e-9)
                assert cell.published == pytest.approx(worked[cell.year][row.name], abs=1e-4)
                assert cell.difference_text == "the same", (row.name, cell.year)
            else:
                assert (cell.published_text, cell.difference_text) == (NOT_PUBLISHED, "–")


def test_the_shipped_figures_for_the_council_are_shown_exactly_as_published(
    tmp_path: Path, data: Path
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    for year in (2023, 2024):  # the golden returns, as if they were Somerset's
        text = (data / f"golden_{year}.xml").read_text().replace("<LEA>999</LEA>", "<LEA>933</LEA>")
        (folder / f"csww_{year}.xml").write_text(text)
    result = onboard(folder, user="test")
    assert result.published is not None  # the shipped table, loaded as none was
    page = headline(Authority.objects.get(la_number="933"), result.census_years)
    with shipped_table_path().open(encoding="utf-8") as stream:
        rows = {
            int(r["time_period"]): r
            for r in csv.DictReader(stream)
            if r["geographic_level"] == "Local authority" and r["old_la_code"] == "933"
        }
    assert page.area_name == "Somerset" and page.years == (2023, 2024)
    for row in page.rows:
        for cell in row.cells:
            written = rows[cell.year][COLUMNS[row.name]]
            assert cell.published == float(written), (row.name, cell.year)
            assert cell.published_text == formatting.number(float(written), row.unit)
            assert cell.published_text.replace(",", "").startswith(written.split(".")[0])
            assert cell.difference_text == formatting.change(
                cell.ours - float(written), row.unit
            ).replace("no change", "the same")
    inpost_2023 = page.rows[0].cells[0]
    assert (inpost_2023.published_text, inpost_2023.ours_text) == ("265.1 FTE", "4.8 FTE")
    assert inpost_2023.difference_text == "−260.3 FTE"
