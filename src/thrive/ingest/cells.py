"""Turning one cell of an extract into a typed value, or saying plainly why it cannot be.

Dates may come as real dates (XLSX), Excel serial numbers (as numbers or as text), ISO text or
any of the profile's date formats; numbers as numbers or text; codes as Thrive's code, its
label, or the council's own code translated by the profile.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from thrive.ingest.field_spec import FieldSpec

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
    """Code, code in any case, and label in any case -> the typed code."""
    assert spec.codes is not None
    lookup: dict[str, Any] = {}
    for member in spec.codes:
        typed = member.value
        label = getattr(member, "label", "")
        if label:
            lookup[label.casefold()] = typed
        lookup[str(typed).casefold()] = typed
        lookup[str(typed)] = typed
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
        if spec.value_type == "integer" and type(value) is str and value.isdigit():
            whole = int(value)
            low_ok = (
                spec.min is None or whole > spec.min or (whole == spec.min and not spec.above_min)
            )
            if low_ok and (spec.max is None or whole <= spec.max):
                return whole
        number = to_decimal(value)
        if spec.value_type == "integer" and number != number.to_integral_value():
            raise BadCell(spec.expected())
        low_bad = spec.min is not None and (
            number <= spec.min if spec.above_min else number < spec.min
        )
        if low_bad or (spec.max is not None and number > spec.max):
            raise BadCell(spec.expected())
        return int(number) if spec.value_type == "integer" else number
    text = shown(value)
    if len(text) > spec.max_length:
        raise BadCell(spec.expected())
    return text
