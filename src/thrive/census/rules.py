"""Each collection year's census rules, read from ``rules/<year>.yaml`` (data, not code).

>>> rules_for(2024).element("Sex").codes
{'M': 'Male', 'F': 'Female'}
>>> rules_for(2025).retired["QualInst"]
'from 2025 the return no longer collects QualInst'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

SUPPORTED_YEARS = tuple(range(2017, 2026))  # worker-level returns began in 2017


class UnknownCollectionYearError(LookupError):
    """No rules file for the collection year asked for."""

    def __init__(self, year: int) -> None:
        self.year = year
        years = ", ".join(str(y) for y in SUPPORTED_YEARS)
        super().__init__(f"no census rules for collection year {year}: Thrive knows {years}")


@dataclass(frozen=True)
class ElementRule:
    """One element of the return: its type, whether it is required, its range or code list."""

    name: str
    type: str  # code | decimal | integer | date | text
    required: str  # always | non_agency | optional
    meaning: str = ""
    codes: dict[str, str] = field(default_factory=dict)
    places: int | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    warn_above: Decimal | None = None
    pattern: str | None = None
    example: str = ""
    max_length: int | None = None
    repeats: bool = False  # the schema lets the item appear more than once (QualInst)

    def required_for(self, agency: bool) -> bool:
        return self.required == "always" or (self.required == "non_agency" and not agency)

    def expected(self) -> str:
        """What a valid value looks like, in words."""
        if self.type == "code":
            listed = ", ".join(f"{code} ({label})" for code, label in self.codes.items())
            return f"one of {listed}"
        if self.type == "date":
            return "a date written YYYY-MM-DD"
        if self.type in ("decimal", "integer"):
            kind = "a whole number" if self.type == "integer" else "a number"
            if self.places is not None:
                kind += f" with at most {self.places} decimal places"
            bounds = []
            if self.min is not None:
                bounds.append(f"at least {self.min}")
            if self.max is not None:
                bounds.append(f"at most {self.max}")
            return kind + (", " + " and ".join(bounds) if bounds else "")
        if self.pattern:
            return self.example or f"text matching {self.pattern}"
        if self.max_length:
            return f"text of at most {self.max_length} characters"
        return "text"


@dataclass(frozen=True)
class CrossRule:
    """A check across the elements of one worker record."""

    id: str
    why: str
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    equals: dict[str, str] = field(default_factory=dict)
    agency: bool | None = None
    require: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    equal: dict[str, str] = field(default_factory=dict)
    severity: str = "error"


@dataclass(frozen=True)
class YearRules:
    """The rules of one collection year's return."""

    year: int
    collection: str
    reference_date: date
    la_level: tuple[ElementRule, ...]
    worker: tuple[ElementRule, ...]
    retired: dict[str, str]
    rules: tuple[CrossRule, ...]
    not_after_reference: tuple[str, ...]
    within_year: tuple[str, ...]
    date_order: tuple[tuple[str, str], ...]
    age_field: str
    age_min: int
    age_max: int
    age_severity: str
    unique: tuple[str, ...]

    @property
    def year_start(self) -> date:
        return date(self.year - 1, 10, 1)

    def element(self, name: str) -> ElementRule:
        for rule in (*self.worker, *self.la_level):
            if rule.name == name:
                return rule
        raise KeyError(f"{name} is not an element of the {self.year} return")

    def worker_names(self) -> tuple[str, ...]:
        return tuple(rule.name for rule in self.worker)

    def la_level_names(self) -> tuple[str, ...]:
        return tuple(rule.name for rule in self.la_level)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _element(raw: dict[str, Any]) -> ElementRule:
    return ElementRule(
        name=raw["name"],
        type=raw["type"],
        required=raw.get("required", "optional"),
        meaning=raw.get("meaning", ""),
        codes={str(k): str(v) for k, v in (raw.get("codes") or {}).items()},
        places=raw.get("places"),
        min=_decimal(raw.get("min")),
        max=_decimal(raw.get("max")),
        warn_above=_decimal(raw.get("warn_above")),
        pattern=raw.get("pattern"),
        example=str(raw.get("example", "")),
        max_length=raw.get("max_length"),
        repeats=bool(raw.get("repeats", False)),
    )


def _cross(raw: dict[str, Any]) -> CrossRule:
    condition = raw.get("if") or {}
    return CrossRule(
        id=raw["id"],
        why=raw["why"],
        present=tuple(condition.get("present", ())),
        absent=tuple(condition.get("absent", ())),
        equals={k: str(v) for k, v in (condition.get("equals") or {}).items()},
        agency=condition.get("agency"),
        require=tuple(raw.get("require", ())),
        forbid=tuple(raw.get("forbid", ())),
        equal={k: str(v) for k, v in (raw.get("equal") or {}).items()},
        severity=raw.get("severity", "error"),
    )


def parse_rules(text: str) -> YearRules:
    """Rules from the text of a year's YAML file."""
    raw = yaml.safe_load(text)
    dates = raw.get("dates") or {}
    age = dates.get("age_at_reference") or {}
    return YearRules(
        year=int(raw["year"]),
        collection=str(raw["collection"]),
        reference_date=raw["reference_date"],
        la_level=tuple(_element(e) for e in raw["la_level"]),
        worker=tuple(_element(e) for e in raw["worker"]),
        retired={str(k): str(v) for k, v in (raw.get("retired") or {}).items()},
        rules=tuple(_cross(r) for r in raw.get("rules") or ()),
        not_after_reference=tuple(dates.get("not_after_reference", ())),
        within_year=tuple(dates.get("within_year", ())),
        date_order=tuple((a, b) for a, b in dates.get("order", ())),
        age_field=str(age.get("field", "")),
        age_min=int(age.get("min", 0)),
        age_max=int(age.get("max", 200)),
        age_severity=str(age.get("severity", "warning")),
        unique=tuple(raw.get("unique", ())),
    )


@cache
def rules_for(year: int) -> YearRules:
    """The rules of a collection year's return (2017 to 2025)."""
    if year not in SUPPORTED_YEARS:
        raise UnknownCollectionYearError(year)
    text = resources.files("thrive.census").joinpath("rules", f"{year}.yaml").read_text("utf-8")
    return parse_rules(text)
