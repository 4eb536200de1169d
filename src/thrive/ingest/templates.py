"""Empty extract templates with documented columns (``thrive import template KIND``).

A CSV template is the heading row alone; an XLSX template has the headings on a "data" sheet and
a "columns" sheet saying what each column means, whether it is required and what it accepts.
"""

from __future__ import annotations

import csv
from pathlib import Path

from thrive.ingest.fields import FIELDS, FieldSpec
from thrive.safe_cells import escape_row


def column_rows(kind: str) -> list[tuple[str, str, str, str, str]]:
    """(column, required, meaning, accepts, example) for each column of a kind."""
    return [
        (s.name, "yes" if s.required else "no", s.doc, _accepts(s), s.example) for s in FIELDS[kind]
    ]


def _accepts(spec: FieldSpec) -> str:
    if spec.codes is not None:
        return ", ".join(f"{m.value} ({getattr(m, 'label', m.value)})" for m in spec.codes)
    return spec.expected()


def write_template(kind: str, out: Path) -> None:
    names = [s.name for s in FIELDS[kind]]
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        data = book.active
        assert data is not None
        data.title = "data"
        data.append(escape_row(names))
        for cell in data[1]:
            cell.font = Font(bold=True)
        columns = book.create_sheet("columns")
        columns.append(["column", "required", "meaning", "accepts", "example"])
        for row in column_rows(kind):
            columns.append(escape_row(row))
        book.save(out)
        return
    with out.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerow(escape_row(names))
