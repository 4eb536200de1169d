"""The board pack as a file: HTML and PDF from one template, XLSX with one sheet per section.

The PDF is WeasyPrint's rendering of the HTML: A4, page numbers, a contents page, tagged (a
structure tree, so it reads aloud in order), each chart an image with its description as
alternative text, and the document's language set (en-GB). The spreadsheet holds every figure as
a number with the units in the headings, "c" and "x" where the Department would put them, and
text that could run as a formula escaped (:mod:`thrive.safe_cells`).
"""

from __future__ import annotations

import base64
import io
from typing import Any

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from thrive.safe_cells import escape, sheet_name
from thrive.summaries.board_pack import BoardPack
from thrive.summaries.pack_figures import Figure, Table

FORMATS = ("pdf", "xlsx", "html")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
SHEETS = {
    "summary": "Summary",
    "comparison": "Comparison",
    "trends": "Trends",
    "flows": "Starters and leavers",
    "caseloads": "Caseloads",
    "careers": "ASYE and careers",
    "retention": "Retention",
    "children": "Children",
    "forecast": "Forecast",
    "actions": "Action plan",
    "method": "Method",
}


def chart_source(svg: str) -> str:
    """A chart's SVG as an image address, so the PDF tags it as a figure with alt text."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def to_html(pack: BoardPack) -> str:
    """The pack as one self-contained HTML document (its own print styles)."""
    return render_to_string(
        "thrive/pack/board_pack.html",
        {
            "pack": pack,
            "sections": [
                {
                    "section": s,
                    "charts": [
                        {"src": chart_source(c.svg), "alt": c.description, "table": c.table}
                        for c in s.charts
                    ],
                }
                for s in pack.sections
            ],
        },
    )


def to_pdf(pack: BoardPack) -> bytes:
    """The pack as a tagged A4 PDF."""
    from weasyprint import HTML  # imported here: loading pango costs a second

    document = HTML(string=to_html(pack), base_url=None)
    pdf: bytes = document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return pdf


def to_xlsx(pack: BoardPack) -> bytes:
    """The pack as a workbook: a sheet per section, figures as numbers, marks as text."""
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Contents"
    used = {"contents"}
    cover.append([escape(pack.title)])
    cover.append(["Half-year ending", pack.to])
    cover.append(["Rates over the 12 months from", pack.period_start])
    cover.append(['"c": withheld to protect a small group; "x": not available'])
    for section in pack.sections:
        cover.append([escape(section.title)])
        sheet = book.create_sheet(sheet_name(SHEETS.get(section.key) or section.title, used))
        sheet.append([escape(section.title)])
        sheet["A1"].font = Font(bold=True)
        if section.commentary:
            sheet.append([escape(f"Commentary: {section.commentary}")])
        for paragraph in section.paragraphs:
            sheet.append([escape(paragraph)])
        for table in [*section.tables, *(c.table for c in section.charts)]:
            _write_table(sheet, table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_table(sheet: Any, table: Table) -> None:
    sheet.append([])
    sheet.append([escape(table.caption)])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([escape(h) for h in table.headers])
    for row in table.rows:
        cells: list[Any] = []
        for cell in row:
            if isinstance(cell, Figure):
                cells.append(cell.value if cell.value is not None else cell.mark)
            else:
                cells.append(escape(cell))
        sheet.append(cells)
        for column, cell in enumerate(row, start=1):
            if isinstance(cell, Figure) and cell.value is not None:
                places = "0" if cell.places == 0 else "0." + "0" * cell.places
                sheet.cell(row=sheet.max_row, column=column).number_format = f"#,##{places}"


def render(pack: BoardPack, form: str) -> bytes:
    """The pack in ``form`` (pdf, xlsx or html)."""
    if form == "pdf":
        return to_pdf(pack)
    if form == "xlsx":
        return to_xlsx(pack)
    if form == "html":
        return to_html(pack).encode()
    raise ValueError(f"A board pack comes as {', '.join(FORMATS)}, not {form!r}")


def file_name(pack: BoardPack, form: str) -> str:
    return f"board-pack-{pack.la_number}-{pack.to.isoformat()}.{form}"
