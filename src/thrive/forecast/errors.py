"""The forecast's own exceptions, so callers can tell a data problem from a bad scenario."""

from __future__ import annotations


class ForecastError(Exception):
    """Something stops a forecast from being made."""


class InsufficientHistoryError(ForecastError):
    """The authority's history is too short or too thin to estimate what the forecast needs."""


class ScenarioError(ForecastError):
    """A scenario file or lever is invalid. ``field`` names the offending setting."""

    def __init__(self, message: str, field: str = "", source: str = "") -> None:
        self.field = field
        self.source = source
        where = ": ".join(part for part in (source, field) if part)
        super().__init__(f"{where}: {message}" if where else message)
