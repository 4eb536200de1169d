"""What can go wrong when asking for a measure, in words a user can act on."""

from __future__ import annotations


class MetricsError(Exception):
    """Base class for every error the metrics package raises."""


class UnknownMeasureError(MetricsError):
    """A measure name that is not in the registry."""

    def __init__(self, name: str, known: list[str]) -> None:
        close = [k for k in known if name.split("_")[0] in k][:5]
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        super().__init__(f"There is no measure called {name!r}.{hint}")
        self.name = name


class UnknownSliceError(MetricsError):
    """A slicing dimension other than team, service, grade, contract or route."""

    def __init__(self, by: str, known: list[str]) -> None:
        super().__init__(f"Cannot slice by {by!r}: choose one of {', '.join(known)}.")
        self.by = by


class PeriodError(MetricsError):
    """An as-at date or period that cannot be used (e.g. the end before the start)."""


class TargetsFileError(MetricsError):
    """A targets TOML file that cannot be read, naming the file, the entry and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
