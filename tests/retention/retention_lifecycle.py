"""Hand-made lifecycle frames for exact answers (exits, surveys, pipeline, registration)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thrive.frames.lifecycle import LifecycleFrames, empty_lifecycle, lifecycle_frame


def lifecycle(**kinds: list[tuple[object, ...]]) -> LifecycleFrames:
    """Lifecycle frames with the given rows (tuples in schema order) and the rest empty."""
    return replace(
        empty_lifecycle(), **{name: lifecycle_frame(name, rows) for name, rows in kinds.items()}
    )


def exit_row(
    worker: int, day: date, primary: str, secondary: str = "", back: bool | None = True,
    recommend: bool | None = True, spell: int | None = None, text: str = "",
) -> tuple[object, ...]:  # fmt: skip
    return (worker, spell, day, "interview", primary, secondary, back, recommend, text)
