"""Turning one census element's text into a typed value, or saying why it cannot be."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from thrive.census.rules import ElementRule
from thrive.problems import unsafe_character

CensusValue = str | int | Decimal | date


class BadValue(Exception):
    """A value that does not fit its element; ``expected`` says what would."""

    def __init__(self, expected: str, severity: str = "error") -> None:
        self.expected = expected
        self.severity = severity
        super().__init__(expected)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def convert(rule: ElementRule, text: str) -> CensusValue:
    """The typed value of an element's text (codes stay strings), or :class:`BadValue`."""
    if rule.type == "code":
        if text not in rule.codes:
            raise BadValue(rule.expected())
        return text
    if rule.type == "date":
        if not _DATE.match(text):
            raise BadValue(rule.expected())
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise BadValue("a real calendar date written YYYY-MM-DD") from None
    if rule.type in ("decimal", "integer"):
        return _number(rule, text)
    where = unsafe_character(text)
    if where:
        raise BadValue(f"text without control characters or direction overrides ({where})")
    if rule.pattern and not re.match(rule.pattern, text):
        raise BadValue(rule.expected())
    if rule.max_length is not None and len(text) > rule.max_length:
        raise BadValue(rule.expected())
    return text


def _number(rule: ElementRule, text: str) -> int | Decimal:
    if len(text) > 40 or not _NUMBER.fullmatch(text):  # xs:decimal's form, in ASCII digits
        raise BadValue(rule.expected())
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise BadValue(rule.expected()) from None
    exponent: Any = number.as_tuple().exponent
    if rule.type == "integer" and (exponent < 0 or "." in text or "e" in text.lower()):
        raise BadValue(rule.expected())
    if rule.places is not None and isinstance(exponent, int) and -exponent > rule.places:
        raise BadValue(rule.expected())
    if (rule.min is not None and number < rule.min) or (rule.max is not None and number > rule.max):
        raise BadValue(rule.expected())
    return int(number) if rule.type == "integer" else number


def same(rule: ElementRule, value: CensusValue, wanted: str) -> bool:
    """True if a typed value equals a value written in the rules (``FTE30: "0"``)."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return Decimal(value) == Decimal(wanted)
    return str(value) == wanted
