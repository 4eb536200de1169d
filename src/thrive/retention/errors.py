"""The retention analysis's own exceptions, so callers can tell thin data from a bad request."""

from __future__ import annotations


class RetentionError(Exception):
    """Something stops a retention analysis from being made."""


class InsufficientDataError(RetentionError):
    """Too few people, leavers or answers to estimate what was asked for (e.g. no leavers yet)."""


class UnknownCohortError(RetentionError):
    """A cohort, covariate or slice name that the analysis does not know."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"{name!r} is not one of: {', '.join(known)}")
