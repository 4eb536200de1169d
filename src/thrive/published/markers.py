"""The markers the Department puts in a statistics cell instead of a number, and what they mean."""

from __future__ import annotations

MARKER_REASONS: dict[str, str] = {
    "z": "not applicable",
    "x": "unavailable",
    "c": "confidential (a small number, suppressed)",
    "u": "low reliability",
    "low": "rounds to zero but is not zero",
    ":": "not available",
}


def is_marker(cell: str) -> bool:
    """True if the cell holds one of the Department's markers rather than a number."""
    return cell.strip() in MARKER_REASONS
