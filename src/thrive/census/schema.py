"""Each collection year's XML schema (``rules/<year>.xsd``), and a return checked against it.

The Department's schema fixes, for each year, the items of the header, the LA-level figures and
every worker record, in a fixed order; the systems that receive a return validate it against that
order. A year's schema is found by its file name next to its rules (``rules/2024.xsd`` beside
``rules/2024.yaml``), so adding a collection year is adding its two files.

:func:`schema_problems` validates a return's XML and says what is wrong in plain words, located to
the record and element (``Message/CSWWWorker[3]/FTE30``). :func:`schema_items` reads a record's
items back out of the schema (for the test that the schema and the YAML rules agree).

>>> [item.name for item in schema_items(2025, "CSWWWorker")][:6]
['AgencyWorker', 'SWENo', 'FTE', 'PersonBirthDate', 'Sex', 'Ethnicity']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from lxml import etree

from thrive.census.rules import ElementRule, UnknownCollectionYearError, rules_for
from thrive.problems import Problem

XS = "{http://www.w3.org/2001/XMLSchema}"
RECORDS = ("LALevelVacancies", "CSWWWorker")


class NoSchemaError(LookupError):
    """A collection year with rules but no schema file: its return cannot be checked."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"no census schema for collection year {year}: Thrive needs "
            f"src/thrive/census/rules/{year}.xsd to check the return before writing it"
        )


@dataclass(frozen=True)
class SchemaItem:
    """One item of a record as the schema declares it."""

    name: str
    required: bool  # minOccurs="1"
    repeats: bool  # maxOccurs="unbounded"
    base: str  # xs:string, xs:decimal, xs:integer, xs:date
    codes: dict[str, str] = field(default_factory=dict)
    places: int | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    pattern: str | None = None
    max_length: int | None = None


def _schema_file(year: int) -> Traversable:
    path = resources.files("thrive.census").joinpath("rules", f"{year}.xsd")
    if not path.is_file():
        raise NoSchemaError(year)
    return path


@cache
def _schema_tree(year: int) -> Any:
    return etree.fromstring(_schema_file(year).read_bytes(), etree.XMLParser(no_network=True))


@cache
def schema_for(year: int) -> etree.XMLSchema:
    """The collection year's schema, ready to validate with."""
    return etree.XMLSchema(_schema_tree(year))


def _facet(restriction: Any, name: str) -> str | None:
    found = restriction.find(f"{XS}{name}")
    return None if found is None else str(found.get("value"))


def _item(element: Any, types: dict[str, Any]) -> SchemaItem:
    restriction = types[element.get("type")].find(f"{XS}restriction")
    codes = {
        str(e.get("value")): "".join(e.itertext()).strip()
        for e in restriction.findall(f"{XS}enumeration")
    }
    places, low, high, length = (
        _facet(restriction, f)
        for f in ("fractionDigits", "minInclusive", "maxInclusive", "maxLength")
    )
    return SchemaItem(
        name=str(element.get("name")),
        required=element.get("minOccurs", "1") != "0",
        repeats=element.get("maxOccurs", "1") == "unbounded",
        base=str(restriction.get("base")),
        codes=codes,
        places=None if places is None else int(places),
        min=None if low is None else Decimal(low),
        max=None if high is None else Decimal(high),
        pattern=_facet(restriction, "pattern"),
        max_length=None if length is None else int(length),
    )


@cache
def schema_items(year: int, record: str) -> tuple[SchemaItem, ...]:
    """The items of a record (``CSWWWorker`` or ``LALevelVacancies``), in the schema's order."""
    tree = _schema_tree(year)
    types = {t.get("name"): t for t in tree.findall(f"{XS}simpleType")}
    record_type = tree.find(f"{XS}complexType[@name='{record}']")
    if record_type is None:
        raise KeyError(f"the {year} schema has no {record} record")
    sequence = record_type.find(f"{XS}sequence")
    return tuple(_item(e, types) for e in sequence.findall(f"{XS}element"))


# What libxml2 says about a value that breaks a facet, in plain words.
_FACETS = {
    "enumeration": "a code the {year} return does not have",
    "fractionDigits": "too many decimal places",
    "minInclusive": "below the lowest value allowed",
    "maxInclusive": "above the highest value allowed",
    "pattern": "not written the way the schema asks",
    "maxLength": "too long",
    "minLength": "empty",
}
# What the header's items hold, in words (they have no entry in the YAML rules).
_HEADER = {
    "Collection": "CSWW (a children's social work workforce return)",
    "Year": "{year}, the collection year this schema is for",
    "ReferenceDate": "{year}-09-30, the census date of collection year {year}",
    "SourceLevel": "L (a local authority return)",
    "LEA": "the 3-digit LA number, e.g. 933",
    "SoftwareCode": "the name of the software that wrote the return",
    "DateTime": "the date and time the return was written, e.g. {year}-10-20T09:30:00",
}
_EXPECTED = re.compile(r"Expected is (?:one of )?\( (?P<names>[^)]*) \)")
_FACET = re.compile(r"\[facet '(?P<facet>\w+)'\]")


def _location(path: str) -> str:
    """``/Message/CSWWWorker[3]/FTE30`` as the importers write it (a lone record is [1])."""
    steps = path.strip("/").split("/")
    return "/".join(
        f"{step}[1]" if step in RECORDS[1:] and "[" not in step else step for step in steps
    )


def _rule(year: int, name: str) -> ElementRule | None:
    try:
        return rules_for(year).element(name)
    except (KeyError, UnknownCollectionYearError):
        return None


def _needed(year: int, name: str, record: str) -> str:
    """Why a missing item is needed, and what a valid one looks like."""
    rule = _rule(year, name)
    return f"every {record} record gives it" + (f" ({rule.expected()})" if rule else "")


def _out_of_place(year: int, element: Any, expected: list[str], file: str) -> Problem:
    """An element the schema does not expect where it stands: unknown, after a missing item,
    repeated, or out of order."""
    name, record, path = element.tag, element.getparent(), element.getroottree().getpath(element)
    location, value = _location(path), element.text or ""
    if record is None or record.tag not in RECORDS:
        where = record.tag if record is not None else "the file"
        why = f"the {year} schema has no {name} in {where}"
        return Problem(file, location, name, value, f"no {name} element: {why}")
    items = schema_items(year, record.tag)
    names = [item.name for item in items]
    if name not in names:
        why = rules_for(year).retired.get(name, f"the {year} schema has no {name} in {record.tag}")
        return Problem(file, location, name, value, f"no {name} element: {why}")
    siblings = list(record)
    given = {child.tag for child in siblings}
    missing = [
        n for n in expected if n in names and items[names.index(n)].required and n not in given
    ]
    if missing and names.index(missing[0]) < names.index(name):
        where = f"{_location(record.getroottree().getpath(record))}/{missing[0]}"
        needed = _needed(year, missing[0], record.tag)
        return Problem(file, where, missing[0], "", f"{missing[0]} before {name}: {needed}")
    before = [child.tag for child in siblings[: siblings.index(element)]]
    if name in before and not items[names.index(name)].repeats:
        return Problem(file, location, name, value, f"one {name} only in a {record.tag} record")
    at = names.index(name)
    order = f"after {names[at - 1]}" if at else "first"
    if at + 1 < len(names):
        order += f" and before {names[at + 1]}"
    here = f"here it follows {before[-1]}" if before else "here it comes first"
    return Problem(
        file,
        location,
        name,
        value,
        f"{name} {order}, in the order the {year} schema sets for the items ({here})",
    )


def _explain(year: int, error: Any, document: Any, file: str) -> Problem:
    found = document.xpath(error.path) if error.path else []
    element = found[0] if found else None
    name = element.tag if element is not None else ""
    location = _location(error.path or "")
    message = str(error.message)
    listed = _EXPECTED.search(message)
    expected = listed.group("names").split(", ") if listed else []
    if "Missing child element" in message:
        missing = expected[0] if expected else "an item"
        needed = _needed(year, missing, name)
        return Problem(file, f"{location}/{missing}", missing, "", f"{missing}: {needed}")
    if "This element is not expected" in message and element is not None:
        return _out_of_place(year, element, expected, file)
    facet = _FACET.search(message)
    why = _FACETS.get(facet.group("facet"), "") if facet else "not a value of the right kind"
    value = element.text or "" if element is not None else ""
    if name in _HEADER:
        return Problem(file, location, name, value, _HEADER[name].format(year=year))
    rule = _rule(year, name)
    wanted = rule.expected() if rule is not None else message.split(": ", 1)[-1].strip()
    return Problem(file, location, name, value, f"{wanted} ({why.format(year=year)})")


def schema_problems(xml: bytes, year: int, file: str) -> list[Problem]:
    """Everything in a return's XML that its year's schema refuses (empty if it validates)."""
    schema = schema_for(year)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    document = etree.fromstring(xml, parser).getroottree()
    if schema.validate(document):
        return []
    errors: Any = schema.error_log  # an iterable of libxml2's log entries (the stubs say not)
    return [_explain(year, error, document, file) for error in errors]
