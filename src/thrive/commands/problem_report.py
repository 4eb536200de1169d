"""The problems in imported files: one table for the terminal, one place for the full CSV."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from django.conf import settings
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from thrive.faults import in_words
from thrive.ingest.outcome import write_problems_csv
from thrive.problems import Problem

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


def report_problems(
    console: Console, problems: Sequence[Problem], chosen: Path | str | None, prefix: str
) -> str:
    """Write every problem to its CSV and say where; when the file cannot be written (a full
    disk, a read-only data folder), print every problem here instead, so none is lost."""
    try:
        path = problems_file(chosen, prefix)
        write_problems_csv(problems, path)
    except OSError as error:
        fault = in_words(error)
        reason = fault.words if fault else f"{error.strerror or error}"
        console.print(f"Every problem ({len(problems):,}), one a line:")
        for problem in problems:
            console.print(escape(f"{problem.severity}: {problem.message()}"), soft_wrap=True)
        console.print(escape(f"The problems file could not be written. {reason}"))
        return "listed above (the problems file could not be written)"
    return f"listed in {path}"
