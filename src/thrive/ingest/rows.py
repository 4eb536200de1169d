"""Checking each row of an extract: every value, then the rules that tie a row's values together.

Each row becomes a :class:`Row` with typed values and its problems (file, row number, field,
value, what was expected). Rows are checked one at a time as they stream in; only duplicates
need to remember earlier rows, and they keep just the keys, each as one short text (a
million-row file's keys take about a tenth of the memory they would as tuples of values).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from thrive.codes import CareerGrade, ContractType
from thrive.codes.staff import SOCIAL_WORKER
from thrive.ingest.cells import BadCell, convert, shown
from thrive.ingest.fields import FIELDS, NO_WORKER
from thrive.ingest.profiles import MappingProfile
from thrive.ingest.record_rules import check_record_rules
from thrive.ingest.tables import Table
from thrive.problems import Problem, Severity

AGENCY = str(ContractType.AGENCY)  # enum value lookups are slow in a loop

# Looking an enum member up by value is slow (a linear search): 100,000 rows need a dict.
GRADE_ORG_ROLE = {str(g): int(g.org_role) for g in CareerGrade}
NOT_IN_FUTURE = {
    "birth_date",
    "qualified_on",
    "start_date",
    "date",
    "leaving_date",
    "completed_date",
}

# The fields that make a row unique within one file, per kind.
KEYS = {
    "staff": ("worker", "start_date", "org_role"),
    "leavers": ("worker",),
    "absence": ("worker", "start_date", "reason"),
    "supervision": ("worker", "date", "kind"),
    "appraisal": ("worker", "cycle"),
    "caseloads": ("worker", "date"),
    "posts": ("team", "reference"),
    "line_management": ("worker", "start_date"),
    "asye": ("worker",),
    "schemes": ("worker", "scheme", "start_date"),
    "exit_interviews": ("worker", "date"),
    "survey": ("wave", "respondent", "item"),
    "cpd": ("worker", "date", "title"),
    "stay_conversations": ("worker", "date"),
    "teams": ("team",),
    "team_managers": ("team", "worker", "start_date"),
    "registration": ("worker", "registration_year", "event"),
    "allocations": ("child_id", "start_date"),
    "targets": ("group", "measure"),  # the group is "" for a measure's own target
    "courses": ("course",),
    "training": ("worker", "course", "completed_date"),
    "induction": ("worker", "start_date"),
    "students": ("student", "start_date"),
    "trainees": ("trainee",),
    "visits": ("visit",),
}


@dataclass
class Row:
    """One data row: where it is, what it said, its typed values and its problems."""

    number: int
    raw: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)
    present: frozenset[str] = frozenset()  # the fields the file has a column (or default) for
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems or not any(p.is_error for p in self.problems)

    @property
    def worker(self) -> str:
        """The worker reference: worker_id if given, else the SWE number."""
        return str(self.values.get("worker_id") or self.values.get("swe_number") or "")


class RowChecker:
    """Checks the rows of one extract against its kind's fields and rules."""

    def __init__(self, table: Table, kind: str, profile: MappingProfile, today: date) -> None:
        self.table, self.kind, self.profile, self.today = table, kind, profile, today
        self.specs = {s.name: s for s in FIELDS[kind]}
        self.mapping = profile.mapping(kind)
        self.seen: dict[str, int] = {}  # each key as one text (see _key_text) -> first row
        self.swe_owner: dict[str, tuple[str, int]] = {}
        self.present = frozenset(table.headings) | frozenset(self.mapping.defaults)
        self.key_names = KEYS[kind]
        # Only the fields the file has (or that are required) need looking at on each row.
        self.active = [
            (name, spec, name in self.mapping.codes)
            for name, spec in self.specs.items()
            if name in self.present or spec.required
        ]

    def _problem(
        self, row: Row, name: str, value: str, expected: str, severity: Severity = Severity.ERROR
    ) -> None:
        heading = self.table.headings.get(name)
        label = f"{name} (column {heading!r})" if heading and heading != name else name
        row.problems.append(
            Problem(self.table.file, f"row {row.number}", label, value, expected, severity)
        )

    def check(self, number: int, raw: dict[str, Any]) -> Row:
        row = Row(number, raw, present=self.present)
        defaults = self.mapping.defaults
        for name, spec, translated in self.active:
            value = raw.get(name)
            if type(value) is str:
                value = value.strip()
            if (value is None or value == "") and name in defaults:
                value = defaults[name]
            if value is None or value == "":
                if spec.required:
                    self._problem(row, name, "", f"a value: {spec.name} is required")
                continue
            if translated:
                value = self.profile.translate(
                    self.kind, name, value if type(value) is str else shown(value)
                )
            try:
                typed = convert(spec, value, self.profile.date_formats)
            except BadCell as bad:
                self._problem(row, name, shown(raw.get(name)), bad.expected)
                continue
            if name in NOT_IN_FUTURE and isinstance(typed, date) and typed > self.today:
                self._problem(
                    row,
                    name,
                    typed.isoformat(),
                    f"a date not in the future (today is {self.today.isoformat()})",
                )
                continue
            if spec.warn_above is not None and typed > spec.warn_above:
                self._problem(
                    row,
                    name,
                    shown(raw.get(name)),
                    f"usually at most {spec.warn_above} (allowed, but check it)",
                    Severity.WARNING,
                )
            row.values[name] = typed
        if (
            self.kind not in NO_WORKER
            and not row.worker
            and not any(p.field.startswith(("worker_id", "swe_number")) for p in row.problems)
        ):
            self._problem(row, "worker_id", "", "worker_id or swe_number to say who this is")
        self._rules(row)
        self._duplicates(row)
        return row

    def _rules(self, row: Row) -> None:
        v = row.values
        start, end = v.get("start_date"), v.get("end_date")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self._problem(
                row,
                "end_date",
                end.isoformat(),
                f"a date on or after start_date ({start.isoformat()})",
            )
        if self.kind == "staff":
            self._staff_rules(row)
        noted = {p.field.split(" ")[0] for p in row.problems}
        check_record_rules(
            self.kind, v, noted, lambda name, found, want: self._problem(row, name, found, want)
        )
        if self.kind == "appraisal" and "cycle" in v:
            cycle = str(v["cycle"])
            if not (
                len(cycle) == 7 and cycle[4] == "/" and cycle[:4].isdigit() and cycle[5:].isdigit()
            ):
                self._problem(row, "cycle", cycle, "an appraisal year written like 2023/24")
        if self.kind == "absence" and isinstance(start, date) and isinstance(end, date):
            lost = v.get("working_days_lost")
            days = (end - start).days + 1
            if lost is not None and lost > days:
                self._problem(
                    row,
                    "working_days_lost",
                    str(lost),
                    f"at most the {days} calendar days from start_date to end_date",
                )

    def _staff_rules(self, row: Row) -> None:
        v = row.values
        grade = v.get("grade")
        if grade is not None and "org_role" not in v:
            v["org_role"] = GRADE_ORG_ROLE[grade]
        agency = v.get("contract_type") == AGENCY
        reason, destination = v.get("reason_leave"), v.get("leaver_destination")
        if agency and (reason is not None or destination is not None):
            self._problem(
                row,
                "reason_leave",
                shown(row.raw.get("reason_leave")),
                "nothing: agency workers are not leavers of the council",
            )
        elif (reason is None) != (destination is None):
            missing = "leaver_destination" if destination is None else "reason_leave"
            self._problem(
                row, missing, "", "a value: a leaver needs both reason_leave and leaver_destination"
            )
        if reason is not None and v.get("end_date") is None:
            self._problem(row, "end_date", "", "the leaving date: reason_leave is set")
        # The census's needs are a social worker's only: other staff groups never enter it.
        census = v.get("staff_group", SOCIAL_WORKER) == SOCIAL_WORKER
        if agency and census and not v.get("swe_number"):
            self._problem(row, "swe_number", "", "a value: an agency worker needs their SWE number")
        noted = {p.field.split(" ")[0] for p in row.problems}
        census_employed = census and not agency and v.get("contract_type")
        if census_employed and "birth_date" not in set(v) | noted:
            self._problem(row, "birth_date", "", "a value: the census needs it for employed staff")
        if census_employed:
            for name in ("sex", "ethnicity"):
                if name not in v and name not in noted:
                    self._problem(
                        row, name, "", "a value (the census return needs it)", Severity.WARNING
                    )

    def _duplicates(self, row: Row) -> None:
        names = self.key_names
        values = row.values
        key = tuple((row.worker or None) if n == "worker" else values.get(n) for n in names)
        if None not in key:
            text = _key_text(key)
            first = self.seen.get(text)
            if first is not None:
                self._problem(
                    row,
                    names[-1],
                    shown(key[-1]),
                    f"one row per {' and '.join(names)}: row {first} has the same",
                )
            else:
                self.seen[text] = row.number
        swe, worker_id = row.values.get("swe_number"), row.values.get("worker_id")
        if self.kind == "staff" and swe and worker_id:
            owner = self.swe_owner.get(str(swe))
            if owner is not None and owner[0] != worker_id:
                self._problem(
                    row,
                    "swe_number",
                    str(swe),
                    f"a Social Work England number of this worker only: row {owner[1]} gives it "
                    f"to worker {owner[0]}",
                )
            else:
                self.swe_owner.setdefault(str(swe), (str(worker_id), row.number))

    def rows(self) -> Iterator[Row]:
        for number, raw in self.table.rows:
            yield self.check(number, raw)


def _key_text(key: tuple[Any, ...]) -> str:
    """A row's key as one text, equal for equal keys only: each value's text after its length.

    >>> _key_text(("N1", date(2024, 1, 8), "SIC"))
    '2:N1|10:2024-01-08|3:SIC'
    >>> _key_text(("a|1:b", "c")) == _key_text(("a", "b|1:c"))
    False
    """
    parts = []
    for value in key:
        text = value if type(value) is str else _value_text(value)
        parts.append(f"{len(text)}:{text}")
    return "|".join(parts)


def _value_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value.normalize())  # 1.0 and 1.00 are the same value
    return str(value)  # a date as 2024-01-08; a column's values are all of one type
