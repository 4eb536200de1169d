"""The board pack's capacity forecast is the Forecast page's, with its range, and its chart's
figures in a table."""

from __future__ import annotations

from datetime import date

from thrive.centre.centre import Centre
from thrive.summaries import kept_results
from thrive.summaries.board_pack import board_pack_for
from thrive.summaries.forecast import Levers


def test_the_pack_carries_the_forecast_pages_runs(council):
    centre = Centre.for_authority(council.authority)
    pack = board_pack_for(centre, date(2025, 9, 30), named=False)
    section = next(s for s in pack.sections if s.key == "forecast")
    made = kept_results.forecast_results(centre, Levers())
    if isinstance(made, kept_results.Unavailable):
        assert section.paragraphs == [made.reason] and not section.tables
        return
    assert section.tables[0].rows == [list(r) for r in made.scenarios[0].rows]
    assert section.tables[0].headers == list(made.headers)
    assert all(c.description and c.table.rows for c in section.charts)
