"""Small-number suppression for figures about groups of people shared outside HR.

A group of 1 to ``below - 1`` people is hidden (its count and share emptied, ``suppressed``
set). When only one group in a breakdown is hidden, the next smallest non-empty group is hidden
too (secondary suppression), so the hidden one cannot be worked out from the total; and when
a hidden group is the only one with anyone in it, the total is hidden as well.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from thrive.metrics.registry import Measure

BREAKDOWN = ["name", "point", "by", "slice"]


def suppress(long: pl.DataFrame, chosen: Sequence[Measure], below: int) -> pl.DataFrame:
    """``long`` with small groups of the suppressible measures hidden."""
    names = [m.name for m in chosen if m.suppressible]
    applies = pl.col("name").is_in(names) & pl.col("group").is_not_null()
    groups = long.filter(applies)
    rest = long.filter(~applies).with_columns(pl.lit(False).alias("suppressed"))
    small = (pl.col("numerator") > 0) & (pl.col("numerator") < below)
    marked = groups.with_columns(small.alias("suppressed"))
    primary = pl.col("suppressed").sum().over(BREAKDOWN) == 1
    candidate = ~pl.col("suppressed") & (pl.col("numerator") > 0)
    size = pl.when(candidate).then(pl.col("numerator")).otherwise(float("inf"))
    smallest = pl.struct(size.alias("n"), pl.col("group")).rank("ordinal").over(BREAKDOWN) == 1
    secondary = primary & candidate & smallest
    hidden = marked.with_columns(
        (pl.col("suppressed") | secondary).alias("suppressed"),
        # Everyone in one group: its count is the total, so the total goes too.
        ((pl.col("numerator") > 0).sum().over(BREAKDOWN) == 1).alias("alone"),
    )
    hidden = (
        hidden.with_columns(
            pl.when(pl.col("suppressed")).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("numerator", "value")
        )
        .with_columns(
            pl.when(pl.col("suppressed") & pl.col("alone"))
            .then(None)
            .otherwise(pl.col("denominator"))
            .alias("denominator")
        )
        .drop("alone")
    )
    return pl.concat([rest, hidden], how="diagonal_relaxed")
