"""The board pack's children's continuity section: the Children page's figures, each the
registry's (``thrive metrics``), withheld outside HR as on the page."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from test_board_pack import _command, _sheet_tables

from small_children import COUNTED, WHOLE, add_children
from thrive.metrics import measures

pytestmark = pytest.mark.django_db
TO = date(2025, 9, 30)
WAITS = ("children_waiting", "longest_wait_days", "average_wait_days")


def _metrics(hr: bool) -> list[dict]:
    out = io.StringIO()
    args = ["metrics", "--as-at", TO.isoformat(), "--format", "json"]
    call_command(*args, *(["--hr"] if hr else []), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("hr", [False, True])
def test_every_children_figure_in_the_spreadsheet_is_the_registrys(council, tmp_path, hr):
    add_children(council)
    sheet = _sheet_tables(_command(tmp_path, "xlsx", *(["--hr"] if hr else [])))["Children"]
    results = _metrics(hr)
    whole = {r["label"]: r for r in results if r["slice"] is None}
    waiting_small = 0 < whole[measures()["children_waiting"].label]["numerator"] < 5
    band_withheld = any(
        r.get("suppressed") for r in results if r["name"] == "children_by_changes_of_social_worker"
    )
    compared = marked = 0
    for row in sheet:
        if not row or row[0] not in whole or row[1] != whole[row[0]]["unit"]:
            continue
        entry, value = whole[row[0]], row[2]
        if isinstance(value, float | int):
            assert value == entry["value"], row
            compared += 1
        elif value == "c":
            # the page's rule: a figure about 1 to 4 waiting children goes with their count
            assert not hr
            assert (
                entry.get("suppressed")
                or (entry["name"] in WAITS and waiting_small)
                or (entry["name"] == "changes_per_child" and band_withheld)
            ), row
            marked += 1
        else:
            assert value == "x" and entry["value"] is None, row
    assert compared >= 5 and (marked > 0) is (not hr)
    bands = {
        r["slice"]["changes of social worker"]: r
        for r in results
        if r["name"] == "children_by_changes_of_social_worker" and len(r["slice"] or {}) == 1
    }
    row = next(r for r in sheet if r and r[0] == "All children")
    assert row[1] == COUNTED == bands["0"]["denominator"]
    for band, cell in zip(("0", "1", "2", "3+"), row[2:6], strict=True):
        expected = bands[band]["numerator"]
        assert cell == (expected if expected is not None else "c"), band
        if hr:
            assert cell == WHOLE[band]
    assert any(r and r[0] == "Case type: Child looked after" for r in sheet)


def test_the_method_no_longer_says_anything_is_missing(council, tmp_path):
    add_children(council)
    sheets = _sheet_tables(_command(tmp_path, "xlsx"))
    method = " ".join(str(c) for row in sheets["Method"] for c in row if c)
    assert "Not in this pack yet" not in method
    assert any("Children by changes of social worker" in str(r[0]) for r in sheets["Method"] if r)
