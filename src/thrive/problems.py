"""What can be wrong in a file, said in plain English, and the exceptions that carry it.

Every check in Thrive's importers reports a :class:`Problem`: which file, where in it (a row
number, or an XML element path such as ``Message/CSWWWorker[12]/FTE``), which field, the value
found and what was expected. Errors stop a file going in; warnings (suspicious but legal values,
such as a caseload over 40) are reported and let it through.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

MAX_SHOWN = 80
# The characters that change the direction text is shown in (embeddings, overrides, isolates):
# never needed in a record, and how a name or id is made to look like another.
DIRECTION = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# What an identifier may not hold: controls, format characters (direction marks, zero-width
# joiners, soft hyphens, byte-order marks), surrogates, line and paragraph separators.
NOT_IN_IDENTIFIERS = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
TEXT_BREAKS = frozenset("\t\n\r")


def unsafe_character(text: str, identifier: bool = False) -> str:
    """Where ``text`` holds a character a record may not, in words; "" if it holds none.

    Free text (a name, a comment) may hold line breaks and tabs, but no other control character
    and no direction override; an identifier (an id, a code, a team's name) neither.

    >>> unsafe_character("SW12\u202e34")
    'character 5 is U+202E RIGHT-TO-LEFT OVERRIDE'
    """
    if text.isprintable():
        return ""
    for at, ch in enumerate(text):
        category = unicodedata.category(ch)
        if (
            category in NOT_IN_IDENTIFIERS
            if identifier
            else ch in DIRECTION or (category in ("Cc", "Cs") and ch not in TEXT_BREAKS)
        ):
            name = unicodedata.name(ch, "a control character")
            return f"character {at + 1} is U+{ord(ch):04X} {name}"
    return ""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in an input file."""

    file: str
    location: str
    field: str
    value: str
    expected: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if len(self.value) > MAX_SHOWN:  # a huge field is named, not repeated in full
            shown = f"{self.value[:MAX_SHOWN]}... ({len(self.value):,} characters)"
            object.__setattr__(self, "value", shown)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self) -> str:
        """The problem as one sentence a council analyst can act on."""
        where = f"{self.file}, {self.location}" if self.location else self.file
        if not self.field and self.value == "":
            return f"{where}: {self.expected}"
        field = f", {self.field}" if self.field else ""
        found = f": found {self.value!r}" if self.value != "" else ": found nothing"
        return f"{where}{field}{found}; expected {self.expected}"

    def as_row(self) -> dict[str, str]:
        return {
            "severity": str(self.severity),
            "file": self.file,
            "location": self.location,
            "field": self.field,
            "value": self.value,
            "expected": self.expected,
        }

    def __str__(self) -> str:
        return self.message()


PROBLEM_COLUMNS = ("severity", "file", "location", "field", "value", "expected")


class IngestError(Exception):
    """Base class of everything an import refuses."""


class ImportValidationError(IngestError):
    """A file (or several) had errors, so nothing was written. Carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.is_error]
        first = errors[0].message() if errors else "no details"
        super().__init__(f"{len(errors)} error(s); first: {first}")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class UnreadableFileError(IngestError):
    """The file cannot be read at all (empty, wrong format, wrong encoding, unsafe XML...)."""

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")

    def as_problem(self) -> Problem:
        return Problem(self.file, "", "", "", self.reason)


class UnsafeFileError(UnreadableFileError):
    """The file tries something dangerous (an XML entity bomb, an external entity...)."""


class UndoRefusedError(IngestError):
    """An import batch cannot be undone (already undone, or later imports depend on it)."""
