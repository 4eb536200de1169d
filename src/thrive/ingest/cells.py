"""Turning one cell of an extract into a typed value, or saying plainly why it cannot be.

Dates may come as real dates (XLSX), Excel serial numbers (as numbers or as text), ISO text or
any of the profile's date formats; numbers as numbers or text, within their field's range and
rounded to the decimal places Thrive keeps; codes as Thrive's code, its label, or the council's
own code translated by the profile. Text that names something (a worker id, a Social Work
England number, a team) is normalised (Unicode NFKC) and may hold no control or direction
characters; other text may hold line breaks and tabs but no other control characters and no
direction overrides.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import Any

from thrive.ingest.field_spec import SWE_NUMBERS, SWE_PATTERN, FieldSpec
from thrive.problems import unsafe_character

EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (10_000, 80_000)  # 1927 to 2119: anything else is not a plausible Excel date


class BadCell(Exception):
    """The cell does not hold what its field needs; ``expected`` says what would."""

    def __init__(self, expected: str) -> None:
        self.expected = expected
        super().__init__(expected)


def shown(value: Any) -> str:
    """A cell as text, for an error message."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_date(value: Any, formats: tuple[str, ...]) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(float(value))
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    if text.isdigit():
        return _serial(float(text))
    for form in formats:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    written = [datetime(2024, 9, 30).strftime(f) for f in formats if f != "%Y-%m-%d"]
    raise BadCell("a real date such as " + " or ".join(["2024-09-30", *written[:2]]))


def _serial(number: float) -> date:
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1] or not number.is_integer():
        raise BadCell("a date (an Excel date serial between 10000 and 80000, or written out)")
    return EXCEL_EPOCH + timedelta(days=int(number))


def to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise BadCell("a number")
    try:
        number = (
            Decimal(str(value).strip()) if not isinstance(value, float) else Decimal(repr(value))
        )
    except InvalidOperation:
        raise BadCell("a number") from None
    if not number.is_finite():
        raise BadCell("a number")
    return number


@cache
def _code_lookup(spec: FieldSpec) -> dict[str, Any]:
    """Code, code in any case, label in any case (and a list's own spellings) -> the typed
    code."""
    assert spec.codes is not None
    lookup: dict[str, Any] = {}
    for member in spec.codes:
        typed = member.value
        label = getattr(member, "label", "")
        if label:
            lookup[label.casefold()] = typed
        lookup[str(typed).casefold()] = typed
        lookup[str(typed)] = typed
    spellings = getattr(spec.codes, "spellings", None)  # other ways exports write a code
    if spellings is not None:
        lookup.update({text.casefold(): member.value for text, member in spellings().items()})
    return lookup


def to_code(spec: FieldSpec, value: Any) -> Any:
    text = value if type(value) is str else shown(value)
    lookup = _code_lookup(spec)
    found = lookup.get(text)
    if found is None:
        found = lookup.get(text.casefold())
    if found is None:
        raise BadCell(spec.expected())
    return found


YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


def to_yes_no(spec: FieldSpec, value: Any) -> bool:
    """A yes/no answer: yes, y, true or 1; no, n, false or 0 (any case); or a real boolean."""
    if isinstance(value, bool):
        return value
    text = shown(value).casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise BadCell(spec.expected())


MAX_NUMBER_TEXT = 40
_SWE = re.compile(SWE_PATTERN, re.ASCII)


def to_identifier(spec: FieldSpec, value: Any) -> str:
    """An id or name as Unicode NFKC, refused if it holds a control or direction character."""
    text = shown(value)
    if not (text.isascii() and text.isprintable()):
        text = unicodedata.normalize("NFKC", text).strip()
        where = unsafe_character(text, identifier=True)
        if where:
            raise BadCell(f"an id or name without control or direction characters ({where})")
    if spec.name in SWE_NUMBERS:
        text = text.upper()
        if not _SWE.fullmatch(text):
            raise BadCell(spec.expected())
    if len(text) > spec.max_length:
        raise BadCell(spec.expected())
    return text


def to_text(spec: FieldSpec, value: Any) -> str:
    """Free text (a name, a comment), refused if it holds control or direction characters."""
    text = shown(value)
    where = unsafe_character(text)
    if where:
        raise BadCell(f"text without control characters or direction overrides ({where})")
    if len(text) > spec.max_length:
        raise BadCell(spec.expected())
    return text


def _out_of_range(spec: FieldSpec, number: Decimal) -> bool:
    low_bad = spec.min is not None and (number <= spec.min if spec.above_min else number < spec.min)
    return low_bad or (spec.max is not None and number > spec.max)


def to_number(spec: FieldSpec, value: Any) -> int | Decimal:
    """A number within the field's range (and decimal places), or :class:`BadCell`."""
    if type(value) is str:
        if len(value) > MAX_NUMBER_TEXT:  # no number in range needs so many characters
            raise BadCell(spec.expected())
        if spec.value_type == "integer" and value.isascii() and value.isdigit():
            whole = int(value)
            if _out_of_range(spec, Decimal(whole)):
                raise BadCell(spec.expected())
            return whole
    number = to_decimal(value)
    if spec.value_type == "integer" and number != number.to_integral_value():
        raise BadCell(spec.expected())
    if _out_of_range(spec, number):
        raise BadCell(spec.expected())
    if spec.value_type == "integer":
        return int(number)
    exponent = number.as_tuple().exponent
    if spec.places is not None and isinstance(exponent, int) and -exponent > spec.places:
        number = number.quantize(Decimal(1).scaleb(-spec.places), rounding=ROUND_HALF_UP)
        if _out_of_range(spec, number):  # e.g. an FTE of 0.0000001, which rounds to 0
            raise BadCell(f"{spec.expected()}, to {spec.places} decimal places")
    return number


def convert(spec: FieldSpec, value: Any, formats: tuple[str, ...]) -> Any:
    """The typed value of a non-blank cell for this field, or :class:`BadCell`."""
    if spec.value_type == "yes_no":
        return to_yes_no(spec, value)
    if spec.codes is not None:
        code = to_code(spec, value)
        return int(code) if isinstance(code, int) else str(code)
    if spec.value_type == "date":
        if type(value) is str and len(value) == 10 and value[4] == "-":
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        return to_date(value, formats)
    if spec.value_type in ("decimal", "integer"):
        return to_number(spec, value)
    if spec.identifier:
        return to_identifier(spec, value)
    return to_text(spec, value)
