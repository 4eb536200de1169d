"""Stock and flow: in post at the start + starters - leavers = in post at the end, by contract.

The year's opening stock is counted a year before the as-at date and the closing stock on it.
Every change between them is a spell starting or a spell leaving the stock inside the year, and
each is put in exactly one class, so the sum always balances:

    end = start + starters - leavers + moved in - moved out + FTE changes + other in - other out

- **starters / leavers**: spells with a start origin / a reason for leaving (the Department's);
- **moved in / moved out**: a worker whose previous (next) spell, the day before (after), is in
  another slice or contract type: e.g. fixed-term to permanent, or a move between teams;
- **FTE changes**: a continuing worker whose next spell is in the same slice and contract but
  with different hours (their old spell out, their new one in);
- **other in / other out**: a spell that starts without a start origin and without a spell the
  day before, or ends without a reason for leaving and without a spell the day after: records
  the data does not explain (usually a missing start origin or leaving reason to correct).
"""

from __future__ import annotations

import polars as pl

from thrive.metrics.context import Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.registry import DIMENSIONS, Basis, Kind, Unit, register

CLASSES_IN = ("starters", "moved_in", "changed_in", "other_in")
CLASSES_OUT = ("leavers", "moved_out", "changed_out", "other_out")
DETAIL = (
    "start_fte",
    "starters_fte",
    "leavers_fte",
    "moved_in_fte",
    "moved_out_fte",
    "fte_changes",
    "other_in_fte",
    "other_out_fte",
    "end_fte",
)


def _classify(spells: pl.DataFrame, keys: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each spell's start and end event, classed against the worker's neighbouring spells."""
    cols = ["worker_id", *keys]
    before = spells.filter(pl.col("end_date").is_not_null() & ~pl.col("is_leaver")).select(
        *cols, (pl.col("end_date") + pl.duration(days=1)).alias("day")
    )
    after = spells.filter(pl.col("start_origin").is_null()).select(
        *cols, pl.col("start_date").alias("day")
    )

    def neighbours(events: pl.DataFrame, day: str, others: pl.DataFrame) -> pl.DataFrame:
        joined = events.select("spell_id", "worker_id", day, *keys).join(
            others.rename({k: f"{k}_other" for k in keys}),
            left_on=["worker_id", day],
            right_on=["worker_id", "day"],
        )
        same = pl.lit(True)
        for k in keys:
            same = same & pl.col(k).eq_missing(pl.col(f"{k}_other"))
        return joined.group_by("spell_id").agg(same.any().alias("same"))

    starts = spells.join(neighbours(spells, "start_date", before), on="spell_id", how="left")
    starts = starts.with_columns(
        pl.when(pl.col("start_origin").is_not_null())
        .then(pl.lit("starters"))
        .when(pl.col("same"))
        .then(pl.lit("changed_in"))
        .when(pl.col("same").is_not_null())
        .then(pl.lit("moved_in"))
        .otherwise(pl.lit("other_in"))
        .alias("event")
    )
    ended = spells.filter(pl.col("end_date").is_not_null()).with_columns(
        (pl.col("end_date") + pl.duration(days=1)).alias("next_day")
    )
    ends = ended.join(neighbours(ended, "next_day", after), on="spell_id", how="left")
    ends = ends.with_columns(
        pl.when(pl.col("is_leaver"))
        .then(pl.lit("leavers"))
        .when(pl.col("same"))
        .then(pl.lit("changed_out"))
        .when(pl.col("same").is_not_null())
        .then(pl.lit("moved_out"))
        .otherwise(pl.lit("other_out"))
        .alias("event")
    )
    return starts, ends


def _reconcile(ctx: Context, by: str | None, contract: bool) -> pl.DataFrame:
    keys = ([DIMENSIONS[by]] if by is not None else []) + (["contract_type"] if contract else [])
    keys = list(dict.fromkeys(keys))
    starts, ends = _classify(ctx.employed_spells, keys)
    group = (
        pl.col("contract_type").alias("group")
        if contract
        else pl.lit(None, pl.String).alias("group")
    )
    grouping: list[str | pl.Expr] = ["point", Context.slice_expr(by), group]
    flows = pl.concat(
        [
            ctx.in_period(starts, "start_date").select(*grouping, "event", "fte"),
            ctx.in_period(ends, "removal").select(*grouping, "event", "fte"),
        ]
    )
    opening = ctx.points.select("point", pl.col("stock_start").alias("as_at")).join_where(
        ctx.employed_spells,
        pl.col("start_date") <= pl.col("as_at"),
        pl.col("removal") > pl.col("as_at"),
    )
    stocks = pl.concat(
        [
            opening.select(*grouping, pl.lit("start").alias("event"), "fte"),
            ctx.employed_in_post.select(*grouping, pl.lit("end").alias("event"), "fte"),
        ]
    )
    every = pl.concat([flows, stocks])
    sums = {
        name: pl.col("fte").filter(pl.col("event") == name).sum()
        for name in ("start", "end", *CLASSES_IN, *CLASSES_OUT)
    }
    totals = every.group_by("point", "slice", "group").agg(
        **{name: expr.cast(pl.Float64) for name, expr in sums.items()}
    )
    expected = pl.col("start") + pl.col("starters") - pl.col("leavers")
    return totals.select(
        "point",
        "slice",
        "group",
        pl.col("end").alias("numerator"),
        expected.alias("denominator"),
        pl.col("start").alias("detail_start_fte"),
        pl.col("starters").alias("detail_starters_fte"),
        pl.col("leavers").alias("detail_leavers_fte"),
        pl.col("moved_in").alias("detail_moved_in_fte"),
        pl.col("moved_out").alias("detail_moved_out_fte"),
        (pl.col("changed_in") - pl.col("changed_out")).alias("detail_fte_changes"),
        pl.col("other_in").alias("detail_other_in_fte"),
        pl.col("other_out").alias("detail_other_out_fte"),
        pl.col("end").alias("detail_end_fte"),
    )


@register(
    "stock_flow_difference_fte",
    label="Stock and flow: difference to explain (FTE)",
    section=w.STOCK_AND_FLOW,
    formula="FTE in post at the end - (FTE in post at the start + FTE starters - FTE leavers), "
    "for all directly employed staff and for each contract type; the detail explains it as "
    "moved in - moved out + FTE changes + other in - other out.",
    numerator="FTE in post at the as-at date (end_fte)",
    denominator="FTE in post a year earlier + FTE starters - FTE leavers",
    source=w.DFE_SOURCE + " (published in post, starters and leavers do not reconcile: "
    "continuing staff change FTE and move in and out of scope)",
    unit=Unit.FTE,
    kind=Kind.DIFFERENCE,
    higher_is_better=None,
    basis=Basis.PERIOD,
    breakdown="contract",
    edge_cases=(
        w.YEAR,
        w.IN_POST,
        "A move between contract types (fixed-term to permanent) is moved out of one and into "
        "the other, and cancels out in the total; a move between teams does the same when "
        "sliced by team.",
        "A change of hours shows under FTE changes; a starter who changes hours within the year "
        "starts at their first FTE and the change shows there too.",
        "Anything in 'other' is a record to check: a spell starting with no start origin and "
        "no spell before it, or ending with no reason for leaving and no spell after it.",
        "It always balances: end = start + starters - leavers + moved in - moved out + FTE "
        "changes + other in - other out.",
    ),
    detail=DETAIL,
)
def stock_flow_difference_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return pl.concat([_reconcile(ctx, by, contract=False), _reconcile(ctx, by, contract=True)])
