"""Cells a spreadsheet will not run: text that looks like a formula is escaped in every CSV or
XLSX Thrive writes.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula, so a value such as
``=HYPERLINK("http://...")`` taken from an uploaded file would run when the HR admin opens
Thrive's problem report. Following OWASP's guidance on CSV injection, such text is written with
a leading apostrophe: the spreadsheet shows it as text. Numbers are left as they are, whether
given as numbers or as text that is a plain number (``-0.5`` stays ``-0.5``).

The escape can be undone exactly: text that already starts with apostrophes before one of those
characters gets one more, and :func:`unescape` (which the importers apply to every text cell)
takes one away. So a file Thrive writes (``thrive export records``) reads back to the values it
was written from.

>>> escape('=1+2'), escape('-0.5'), escape(-0.5), escape('Smith')
("'=1+2", '-0.5', -0.5, 'Smith')
>>> unescape(escape("'=1")) == "'=1"
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
# characters a worksheet's name may not hold (and an apostrophe, which may not begin or end one)
_SHEET_NAME = re.compile(r"[\[\]:*?/\\']")
SHEET_NAME_LENGTH = 31

T = TypeVar("T")
K = TypeVar("K")


def escape(value: T) -> T | str:
    """The value as a cell no spreadsheet runs: text that looks like a formula gets a ``'``."""
    if not isinstance(value, str) or not value:
        return value
    text: str = value
    first = text[0]
    if first in FORMULA_STARTS:
        return text if _NUMBER.fullmatch(text) else "'" + text
    if first == "'" and _ESCAPED.match(text):
        return "'" + text
    return text


def unescape(value: str) -> str:
    """The text a cell written by :func:`escape` was made from (other text unchanged)."""
    if value[:1] == "'" and _ESCAPED.match(value):
        return value[1:]
    return value


def escape_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row escaped."""
    return [escape(v) for v in values]


def escape_dict(row: Mapping[K, Any]) -> dict[K, Any]:
    """Every value of a row (as a mapping, for ``csv.DictWriter``) escaped."""
    return {k: escape(v) for k, v in row.items()}


def sheet_name(name: str, used: set[str]) -> str:
    """A worksheet name Excel accepts for ``name``: no ``[]:*?/\\'``, at most 31 characters, and
    not one already in ``used`` (compared ignoring case, as Excel does; " (2)" is added), which
    it joins."""
    base = _SHEET_NAME.sub(" ", name).strip()[:SHEET_NAME_LENGTH] or "Table"
    chosen, n = base, 2
    while chosen.lower() in used:
        suffix = f" ({n})"
        chosen, n = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix, n + 1
    used.add(chosen.lower())
    return chosen
