"""The problems of one file, kept in bounded memory: the first ones in full, the rest counted.

A file of a million bad rows has a million problems; holding them all (and writing them all to
the report) would cost more than the file. The first :data:`KEPT` are kept as they are, errors
and warnings alike, in the order found; after that only the numbers of errors and warnings are,
and :meth:`KeptProblems.listed` ends with one problem saying how many more there were.
"""

from __future__ import annotations

from collections.abc import Iterable

from thrive.problems import Problem, Severity

KEPT = 1_000


class KeptProblems:
    """Problems as they are found: the first ``limit`` in full, all of them counted."""

    def __init__(self, file: str, limit: int = KEPT) -> None:
        self.file, self.limit = file, limit
        self.kept: list[Problem] = []
        self.errors = 0
        self.warnings = 0

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            if problem.is_error:
                self.errors += 1
            else:
                self.warnings += 1
            if len(self.kept) < self.limit:
                self.kept.append(problem)

    @property
    def left_out(self) -> tuple[int, int]:
        """(errors, warnings) found but not kept in full."""
        kept_errors = sum(1 for p in self.kept if p.is_error)
        return self.errors - kept_errors, self.warnings - (len(self.kept) - kept_errors)

    def listed(self) -> list[Problem]:
        """The kept problems, and a last one counting those left out (if any were)."""
        errors, warnings = self.left_out
        if not errors and not warnings:
            return list(self.kept)
        more = " and ".join(
            f"{n:,} more {word}{'s' if n != 1 else ''}"
            for n, word in ((errors, "error"), (warnings, "warning"))
            if n
        )
        note = Problem(
            self.file,
            "",
            "",
            "",
            f"the first {self.limit:,} problems are listed; the file has {more} not listed "
            f"({self.errors:,} errors and {self.warnings:,} warnings in all)",
            Severity.ERROR if errors else Severity.WARNING,
        )
        return [*self.kept, note]
