"""The problems in imported files: one table for the terminal, one place for the full CSV."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from django.conf import settings
from rich.table import Table

# is_error, file, where, field, found, expected
ProblemRow = tuple[bool, str, str, str, str, str]


def problems_file(chosen: Path | str | None, prefix: str) -> Path:
    """The path asked for, else a dated CSV in the data folder's import-problems."""
    if chosen:
        return Path(chosen)
    folder = Path(settings.DATA_DIR) / "import-problems"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{prefix}-{datetime.now():%Y%m%d-%H%M%S}.csv"


def problem_table(title: str, rows: Iterable[ProblemRow]) -> Table:
    """Error or warning, file, where, field, what was found and what was expected."""
    table = Table(title=title)
    for heading in ("", "file", "where", "field", "found", "expected"):
        table.add_column(heading, overflow="fold")
    for is_error, *cells in rows:
        table.add_row("error" if is_error else "warning", *cells)
    return table
