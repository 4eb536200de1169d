"""Every table on a page, read from the page as its viewer was shown it, for download.

A page's tables are read back from its rendered HTML, so a download holds exactly what that
viewer saw: the same scope (their teams, their named people) and the same small-number
suppression, by construction. Each table is named by its caption, or else the nearest heading
above it. Cells become:

- numbers where the cell is a number ("1,234" is 1234, "13.9%" is 13.9); a column whose numbers
  all share a unit (%, FTE, cases, days, years, points, £) takes the unit into its heading
  ("Turnover rate (%)"); a column of mixed units keeps its figures as text with their units;
- ``"c"`` for a figure withheld to protect a small group (the pages' "fewer than 5" and
  "not shown"), and ``"x"`` for a figure the records cannot give (the pages' "–"), the marks the
  Department uses in its published statistics ("-" too, where a page prints a hyphen);
- text otherwise, with screen-reader-only text left out (it repeats what the cell shows).

>>> [t.rows for t in read_tables("<table><tr><th>Team</th><th>FTE</th></tr>"
...     "<tr><td>Fostering</td><td>12.5 FTE</td></tr><tr><td>CIC</td><td>fewer than 5</td></tr>"
...     "</table>")]
[[['Fostering', 12.5], ['CIC', 'c']]]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html
from lxml.html import HtmlElement

WITHHELD = "c"
NOT_AVAILABLE = "x"
MARKS_KEY = '"c": withheld to protect a small group; "x": not available'

Cell = str | int | float

_WITHHELD = re.compile(r"(fewer than \d[\d,]*( [a-z]+)?|not shown)", re.IGNORECASE)
_NOT_AVAILABLE = frozenset({"–", "—", "-"})
_NUMBER = re.compile(
    r"(?P<sign>[+\-−]?) ?(?P<pound>£)?(?P<after>[+\-−]?)"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>%| FTE| cases| days| years| points)?"
)
_SKIPPED = frozenset({"svg", "script", "style", "template", "button", "input", "select"})
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd"})
_HIDDEN = "govuk-visually-hidden"


@dataclass
class PageTable:
    """One table: its name, its column headings and its rows of cells."""

    name: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def read_tables(page: str | bytes) -> list[PageTable]:
    """Every ``<table>`` of the page, in the order the page shows them."""
    if not page:
        return []
    document = lxml_html.fromstring(page)
    tables = [t for t in document.iter("table") if isinstance(t, HtmlElement)]
    return [_read(table, number) for number, table in enumerate(tables, start=1)]


def _read(table: HtmlElement, number: int) -> PageTable:
    head_rows = table.xpath("./thead/tr")
    body_rows = table.xpath("./tbody/tr | ./tr | ./tfoot/tr")
    if not head_rows and body_rows and all(c.tag == "th" for c in _cells(body_rows[0])):
        head_rows, body_rows = body_rows[:1], body_rows[1:]
    headers = _texts(head_rows[-1]) if head_rows else []
    texts = [_texts(row) for row in body_rows]
    rows, units = _typed(texts)
    for column, unit in units.items():
        if column < len(headers) and headers[column] and headers[column] != unit:
            headers[column] = f"{headers[column]} ({unit})"
    return PageTable(_name(table, number), headers, rows)


def _cells(row: HtmlElement) -> list[HtmlElement]:
    return [c for c in row if c.tag in ("th", "td")]


def _texts(row: HtmlElement) -> list[str]:
    texts: list[str] = []
    for cell in _cells(row):
        texts.append(cell_text(cell))
        span = cell.get("colspan", "1")
        texts.extend([""] * (int(span) - 1 if span.isdigit() and 1 < int(span) < 100 else 0))
    return texts


def cell_text(cell: HtmlElement) -> str:
    """What the cell shows: lines kept, spaces collapsed, screen-reader-only text left out
    (unless that is all the cell holds, as in a heading for a column of links)."""
    shown = _lines(cell, skip_hidden=True)
    return shown if shown else _lines(cell, skip_hidden=False)


def _lines(cell: HtmlElement, *, skip_hidden: bool) -> str:
    parts: list[str] = []

    def walk(element: HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        skipped = (
            not tag
            or tag in _SKIPPED
            or element.get("aria-hidden") == "true"
            or (skip_hidden and _HIDDEN in (element.get("class") or "").split())
        )
        if tag == "br" or tag in _BLOCKS:
            parts.append("\n")
        if not skipped:
            parts.append(element.text or "")
            for child in element:
                walk(child)
                parts.append(child.tail or "")
        if tag in _BLOCKS:
            parts.append("\n")

    walk(cell)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _name(table: HtmlElement, number: int) -> str:
    captions = table.xpath("./caption")
    if captions:
        caption = _lines(captions[0], skip_hidden=False).replace("\n", " ")
        if caption:
            return caption
    headings = table.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]")
    if headings:
        heading = _lines(headings[0], skip_hidden=False).replace("\n", " ")
        if heading:
            return heading
    return f"Table {number}"


def _typed(texts: list[list[str]]) -> tuple[list[list[Cell]], dict[int, str]]:
    """The rows with numbers as numbers and marks as marks, and each column's one unit."""
    seen: dict[int, set[str]] = {}
    parsed: list[list[tuple[str, float | int | None, str]]] = []
    for texts_row in texts:
        cells = []
        for column, text in enumerate(texts_row):
            value, unit = _number(text)
            if value is not None:
                seen.setdefault(column, set()).add(unit)
            cells.append((text, value, unit))
        parsed.append(cells)
    units = {c: next(iter(u)) for c, u in seen.items() if len(u) == 1 and "" not in u}
    rows: list[list[Cell]] = []
    for cells in parsed:
        row: list[Cell] = []
        for column, (text, value, unit) in enumerate(cells):
            if value is not None and (not unit or units.get(column) == unit):
                row.append(value)
            else:
                row.append(_mark(text))
        rows.append(row)
    return rows, units


def _number(text: str) -> tuple[float | int | None, str]:
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None, ""
    digits = match["digits"].replace(",", "")
    value: float | int = float(digits) if "." in digits else int(digits)
    if {match["sign"], match["after"]} & {"-", "−"}:
        value = -value
    unit = "£" if match["pound"] else (match["unit"] or "").strip()
    return value, unit


def _mark(text: str) -> str:
    if _WITHHELD.fullmatch(text):
        return WITHHELD
    if text in _NOT_AVAILABLE:
        return NOT_AVAILABLE
    return text
