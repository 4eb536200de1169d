"""Hand-made insight frames for exact answers (exits, surveys, pipeline, registration)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thrive.insight.frame_schema import InsightFrames, empty_insight, insight_frame


def insight(**kinds: list[tuple[object, ...]]) -> InsightFrames:
    """Insight frames with the given rows (tuples in schema order) and the rest empty."""
    return replace(
        empty_insight(), **{name: insight_frame(name, rows) for name, rows in kinds.items()}
    )


def exit_row(
    worker: int, day: date, primary: str, secondary: str = "", back: bool | None = True,
    recommend: bool | None = True, spell: int | None = None, text: str = "",
) -> tuple[object, ...]:  # fmt: skip
    return (worker, spell, day, "interview", primary, secondary, back, recommend, text)
