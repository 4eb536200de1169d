"""Checking a census return against its collection year's rules, before import or export.

:func:`check_return` converts every value and runs every rule of the year's YAML file, and
gives back the typed records together with every problem found (nothing stops at the first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from thrive.census.record import CensusReturn, WorkerRecord
from thrive.census.rules import (
    SUPPORTED_YEARS,
    CrossRule,
    ElementRule,
    YearRules,
    rules_for,
)
from thrive.census.values import BadValue, CensusValue, convert, same
from thrive.problems import Problem, Severity

TypedRecord = dict[str, CensusValue]


@dataclass
class CheckedWorker:
    """A worker record with typed values, and whether it passed."""

    index: int
    path: str
    values: TypedRecord
    raw: dict[str, str]
    ok: bool = True

    @property
    def agency(self) -> bool:
        return self.values.get("AgencyWorker") == "1"


@dataclass
class CheckedReturn:
    """A return after checking: typed values and every problem found."""

    file: str
    rules: YearRules | None
    la_number: str
    la_level: TypedRecord = field(default_factory=dict)
    workers: list[CheckedWorker] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def year(self) -> int:
        assert self.rules is not None
        return self.rules.year


def _problem(
    file: str, path: str, name: str, value: str, expected: str, severity: str = "error"
) -> Problem:
    return Problem(file, path, name, value, expected, Severity(severity))


def check_header(census: CensusReturn, file: str) -> list[Problem]:
    """Problems with the header (collection, year, reference date, LA number)."""
    header = census.header
    where = "Message/Header"
    problems = []
    if header.collection != "CSWW":
        problems.append(
            _problem(
                file, where, "Collection", header.collection, "CSWW (this is not a CSWW return)"
            )
        )
    if header.year not in SUPPORTED_YEARS:
        years = ", ".join(str(y) for y in SUPPORTED_YEARS)
        problems.append(
            _problem(
                file, where, "Year", str(header.year), f"a collection year Thrive knows: {years}"
            )
        )
    elif header.reference_date != date(header.year, 9, 30):
        problems.append(
            _problem(
                file,
                where,
                "ReferenceDate",
                header.reference_date.isoformat(),
                f"{header.year}-09-30, the census date of collection year {header.year}",
            )
        )
    if not re.fullmatch(r"[0-9]{3}", header.la_number):
        problems.append(
            _problem(file, where, "LEA", header.la_number, "the 3-digit LA number, e.g. 933")
        )
    if header.source_level != "L":
        problems.append(
            _problem(
                file, where, "SourceLevel", header.source_level, "L (a local authority return)"
            )
        )
    return problems


def _convert_all(
    elements: tuple[ElementRule, ...],
    raw: dict[str, str],
    agency: bool,
    rules: YearRules,
    file: str,
    path: str,
    problems: list[Problem],
) -> tuple[TypedRecord, bool]:
    typed: TypedRecord = {}
    ok = True
    known = {e.name for e in elements}
    for name, text in raw.items():
        if name not in known:
            why = rules.retired.get(name, f"no element called {name} in the {rules.year} return")
            problems.append(
                _problem(file, f"{path}/{name}", name, text, f"no {name} element: {why}")
            )
            ok = False
    for element in elements:
        found = raw.get(element.name) or ""
        if found == "":
            if element.required_for(agency):
                who = (
                    "every record" if element.required == "always" else "a directly employed worker"
                )
                problems.append(
                    _problem(
                        file,
                        f"{path}/{element.name}",
                        element.name,
                        "",
                        f"{element.name} is required for {who}: {element.expected()}",
                    )
                )
                ok = False
            continue
        try:
            value = convert(element, found)
        except BadValue as bad:
            problems.append(
                _problem(file, f"{path}/{element.name}", element.name, found, bad.expected)
            )
            ok = False
            continue
        typed[element.name] = value
        limit = element.warn_above
        if limit is not None and isinstance(value, int | Decimal) and value > limit:
            problems.append(
                _problem(
                    file,
                    f"{path}/{element.name}",
                    element.name,
                    found,
                    f"usually at most {limit} (allowed, but check it)",
                    "warning",
                )
            )
    return typed, ok


def _holds(rule: CrossRule, typed: TypedRecord, agency: bool) -> bool:
    if rule.agency is not None and rule.agency != agency:
        return False
    if any(name not in typed for name in rule.present):
        return False
    if any(name in typed for name in rule.absent):
        return False
    return all(str(typed.get(name)) == value for name, value in rule.equals.items())


def _cross_checks(
    rules: YearRules, typed: TypedRecord, agency: bool, file: str, path: str
) -> list[Problem]:
    problems = []
    for rule in rules.rules:
        if not _holds(rule, typed, agency):
            continue
        for name in rule.require:
            if name not in typed:
                problems.append(
                    _problem(
                        file, f"{path}/{name}", name, "", f"a value: {rule.why}", rule.severity
                    )
                )
        for name in rule.forbid:
            if name in typed:
                problems.append(
                    _problem(
                        file,
                        f"{path}/{name}",
                        name,
                        str(typed[name]),
                        f"no value: {rule.why}",
                        rule.severity,
                    )
                )
        for name, wanted in rule.equal.items():
            if name in typed and not same(rules.element(name), typed[name], wanted):
                problems.append(
                    _problem(
                        file,
                        f"{path}/{name}",
                        name,
                        str(typed[name]),
                        f"{wanted}: {rule.why}",
                        rule.severity,
                    )
                )
    return problems


def _date_checks(rules: YearRules, typed: TypedRecord, file: str, path: str) -> list[Problem]:
    problems = []
    reference = rules.reference_date
    for name in rules.not_after_reference:
        value = typed.get(name)
        if isinstance(value, date) and value > reference:
            problems.append(
                _problem(
                    file,
                    f"{path}/{name}",
                    name,
                    value.isoformat(),
                    f"a date on or before the census date {reference.isoformat()} "
                    "(it is in the future for this return)",
                )
            )
    for name in rules.within_year:
        value = typed.get(name)
        if isinstance(value, date) and value < rules.year_start:
            problems.append(
                _problem(
                    file,
                    f"{path}/{name}",
                    name,
                    value.isoformat(),
                    f"a date in the collection year {rules.year_start.isoformat()} to "
                    f"{reference.isoformat()} (a role that ended earlier is not in this return)",
                )
            )
    for first, then in rules.date_order:
        start, end = typed.get(first), typed.get(then)
        if isinstance(start, date) and isinstance(end, date) and end < start:
            problems.append(
                _problem(
                    file,
                    f"{path}/{then}",
                    then,
                    end.isoformat(),
                    f"a date on or after {first} ({start.isoformat()})",
                )
            )
    born = typed.get(rules.age_field)
    if isinstance(born, date) and born <= reference:
        age = (
            reference.year - born.year - ((reference.month, reference.day) < (born.month, born.day))
        )
        if not rules.age_min <= age <= rules.age_max:
            problems.append(
                _problem(
                    file,
                    f"{path}/{rules.age_field}",
                    rules.age_field,
                    born.isoformat(),
                    f"an age between {rules.age_min} and {rules.age_max} at the census date "
                    f"(this gives {age})",
                    rules.age_severity,
                )
            )
    return problems


def check_worker(
    rules: YearRules, record: WorkerRecord, file: str
) -> tuple[CheckedWorker, list[Problem]]:
    """Check one worker record: values, cross-element rules and dates."""
    problems: list[Problem] = []
    agency = record.values.get("AgencyWorker") == "1"
    typed, ok = _convert_all(
        rules.worker, record.values, agency, rules, file, record.path, problems
    )
    problems += _cross_checks(rules, typed, agency, file, record.path)
    problems += _date_checks(rules, typed, file, record.path)
    ok = ok and not any(p.is_error for p in problems)
    return CheckedWorker(record.index, record.path, typed, record.values, ok), problems


def check_return(census: CensusReturn, file: str) -> CheckedReturn:
    """Check a whole return against its year's rules; every problem is collected."""
    checked = CheckedReturn(file=file, rules=None, la_number=census.header.la_number)
    checked.problems += check_header(census, file)
    if census.header.year not in SUPPORTED_YEARS:
        return checked
    rules = rules_for(census.header.year)
    checked.rules = rules
    la_path = "Message/LALevelVacancies"
    if not census.la_level:
        checked.problems.append(
            _problem(file, la_path, "LALevelVacancies", "", "an LALevelVacancies element")
        )
    else:
        typed, _ = _convert_all(
            rules.la_level, census.la_level, False, rules, file, la_path, checked.problems
        )
        checked.la_level = typed
    if not census.workers:
        checked.problems.append(
            _problem(file, "Message", "CSWWWorker", "", "at least one CSWWWorker record")
        )
    seen: dict[tuple[Any, ...], str] = {}
    for record in census.workers:
        worker, problems = check_worker(rules, record, file)
        checked.problems += problems
        key = tuple(record.values.get(name, "") for name in rules.unique)
        if rules.unique and key in seen:
            names = ", ".join(rules.unique[:-1]) + " and " + rules.unique[-1]
            checked.problems.append(
                _problem(
                    file,
                    record.path,
                    "SWENo",
                    record.values.get("SWENo", ""),
                    f"one record per worker and role: {names} are the same as in {seen[key]}",
                )
            )
            worker.ok = False
        seen.setdefault(key, record.path)
        checked.workers.append(worker)
    return checked
