"""The Department's 2017-2024 local-authority table, shipped inside the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SHIPPED_TABLE = "csww_indicators_2017_to_2024.csv"


def shipped_table_path() -> Path:
    """The 2017-2024 table shipped inside the package."""
    return Path(str(resources.files("thrive.published").joinpath("data", SHIPPED_TABLE)))
