"""Authority names and regions from the shipped published table, by LA number."""

from __future__ import annotations

import csv
from functools import cache

from thrive.published.shipped import shipped_table_path


@cache
def _names() -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    with shipped_table_path().open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            if row["geographic_level"] == "Local authority" and row["old_la_code"].isdigit():
                names[row["old_la_code"]] = (row["la_name"], row["region_name"])  # latest wins
    return names


def authority_name(la_number: str) -> tuple[str, str]:
    """(name, region) of an authority; a plain label if the table does not know the number."""
    return _names().get(la_number, (f"Local authority {la_number}", ""))
