"""Printing a view model (a result dataclass, or a dict of plain values) as rich tables, or as
JSON, for the commands."""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
from typing import IO, Any

from rich.console import Console
from rich.table import Table

MAX_COLUMNS = 12


def as_payload(result: object) -> dict[str, Any]:
    """A result as plain values: a dataclass's fields in order (rows and parts in turn), or a
    dict as it is."""
    if is_dataclass(result) and not isinstance(result, type):
        return asdict(result)
    if isinstance(result, dict):
        return result
    raise TypeError(f"not a result: {type(result).__name__}")


def to_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, indent=2, default=str)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _table(title: str, rows: list[dict[str, Any]]) -> Table:
    columns = list(rows[0])[:MAX_COLUMNS]
    table = Table(title=title.replace("_", " ").capitalize(), title_justify="left")
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    return table


def print_payload(payload: dict[str, Any], stream: IO[str], width: int = 160) -> None:
    """Scalars as ``name: value`` lines, lists of rows as tables, nested dicts in turn."""
    console = Console(file=stream, highlight=False, width=width)

    def show(section: dict[str, Any], prefix: str = "") -> None:
        for key, value in section.items():
            name = f"{prefix}{key}"
            if isinstance(value, list) and value and isinstance(value[0], dict):
                console.print(_table(name, value))
            elif isinstance(value, dict) and any(
                isinstance(v, list | dict) for v in value.values()
            ):
                show(value, prefix=f"{name}.")
            else:
                console.print(f"[bold]{name.replace('_', ' ')}[/bold]: {_cell(value)}")

    show(payload)
