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

from thrive.metrics.context import SLICE_COLUMNS, Context
from thrive.metrics.definitions import wording as w
from thrive.metrics.definitions.shape import stock_fte
from thrive.metrics.registry import DIMENSIONS, Basis, Kind, Unit, register

# In this order: opening the stock (or leaving it), from another slice, same slice, unexplained.
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


def _neighbours(ctx: Context, events: pl.DataFrame, day: str, before: bool) -> pl.DataFrame:
    """For each event's spell, the worker's spells the day before (or after) it, with their
    slice columns: (spell_id, <column>_other...). Only spells with an event are looked at."""
    spells = ctx.employed_spells
    if before:
        others = spells.filter(pl.col("end_date").is_not_null() & ~pl.col("is_leaver")).select(
            "worker_id", (pl.col("end_date") + pl.duration(days=1)).alias("day"), *SLICE_COLUMNS
        )
    else:
        others = spells.filter(pl.col("start_origin").is_null()).select(
            "worker_id", pl.col("start_date").alias("day"), *SLICE_COLUMNS
        )
    mine = events.select("spell_id", "worker_id", day).unique("spell_id")
    return mine.join(
        others.rename({c: f"{c}_other" for c in SLICE_COLUMNS}),
        left_on=["worker_id", day],
        right_on=["worker_id", "day"],
    ).drop("worker_id", day)


def _events(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Spell starts and stock exits in each point's year, and their neighbouring spells."""

    def build_starts() -> pl.DataFrame:
        return ctx.in_period(ctx.employed_spells, "start_date")

    def build_ends() -> pl.DataFrame:
        ended = ctx.employed_spells.filter(pl.col("end_date").is_not_null())
        return ctx.in_period(ended, "removal").with_columns(
            (pl.col("end_date") + pl.duration(days=1)).alias("next_day")
        )

    starts = ctx.memo("reconcile:starts", build_starts)
    ends = ctx.memo("reconcile:ends", build_ends)
    before = ctx.memo("reconcile:before", lambda: _neighbours(ctx, starts, "start_date", True))
    after = ctx.memo("reconcile:after", lambda: _neighbours(ctx, ends, "next_day", False))
    return starts, ends, before, after


def _key_sets() -> dict[str, list[str]]:
    """Every combination of columns a neighbour is compared on: none, contract type, each
    slicing dimension, and each with contract type."""
    sets: dict[str, list[str]] = {"": [], "contract_type": ["contract_type"]}
    for column in SLICE_COLUMNS:
        sets[column] = [column]
        sets[f"{column}+contract_type"] = list(dict.fromkeys([column, "contract_type"]))
    return sets


def _key_name(keys: list[str]) -> str:
    return "+".join(keys)


def _marked(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The year's start and exit events with, for every key set, whether a neighbouring spell
    exists (``has``) and whether one shares those keys (``same:<keys>``): one join and one
    grouping for all the ways the reconciliation is sliced."""

    def build() -> tuple[pl.DataFrame, pl.DataFrame]:
        starts, ends, before, after = _events(ctx)
        out = []
        for events, neighbours in ((starts, before), (ends, after)):
            joined = (
                events.select("spell_id", *SLICE_COLUMNS)
                .unique("spell_id")
                .join(neighbours, on="spell_id")
            )
            flags = [pl.lit(True).any().alias("has")]
            for name, keys in _key_sets().items():
                same = pl.lit(True)
                for k in keys:
                    same = same & pl.col(k).eq_missing(pl.col(f"{k}_other"))
                flags.append(same.any().alias(f"same:{name}"))
            found = joined.group_by("spell_id").agg(flags)
            out.append(events.join(found, on="spell_id", how="left"))
        return out[0], out[1]

    with ctx.memo_lock("reconcile:marked"):
        if "reconcile:marked" not in ctx.extra:
            ctx.extra["reconcile:marked"] = build()
    marked: tuple[pl.DataFrame, pl.DataFrame] = ctx.extra["reconcile:marked"]
    return marked


def _classified(ctx: Context, keys: list[str]) -> pl.DataFrame:
    """The year's start and exit events, each with its class against its neighbours."""
    starts, ends = _marked(ctx)
    same = pl.col(f"same:{_key_name(keys)}")
    flows = []
    for marked, opening, names in (
        (starts, pl.col("start_origin").is_not_null(), CLASSES_IN),
        (ends, pl.col("is_leaver"), CLASSES_OUT),
    ):
        event = (
            pl.when(opening)
            .then(pl.lit(names[0]))
            .when(same.fill_null(False))
            .then(pl.lit(names[2]))
            .when(pl.col("has").fill_null(False))
            .then(pl.lit(names[1]))
            .otherwise(pl.lit(names[3]))
            .alias("event")
        )
        flows.append(marked.select("point", *SLICE_COLUMNS, event, "fte"))
    return pl.concat(flows)


def _reconcile(ctx: Context, by: str | None, contract: bool) -> pl.DataFrame:
    keys = ([DIMENSIONS[by]] if by is not None else []) + (["contract_type"] if contract else [])
    keys = list(dict.fromkeys(keys))
    group = (
        pl.col("contract_type").alias("group")
        if contract
        else pl.lit(None, pl.String).alias("group")
    )
    grouping: list[str | pl.Expr] = ["point", Context.slice_expr(by), group]
    flows = _classified(ctx, keys).select(*grouping, "event", "fte")
    stock_keys = [Context.slice_expr(by), group]
    stocks = pl.concat(
        [
            stock_fte(ctx, stock_keys, day).with_columns(pl.lit(event).alias("event"))
            for day, event in (("stock_start", "start"), ("as_at", "end"))
        ]
    ).filter(pl.col("fte") != 0)
    every = pl.concat([flows, stocks.select(flows.columns)])
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
    groups=("permanent", "fixed_term"),
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
    people=("starters_headcount", "leavers_headcount", "headcount_in_post"),
)
def stock_flow_difference_fte(ctx: Context, by: str | None) -> pl.DataFrame:
    return pl.concat([_reconcile(ctx, by, contract=False), _reconcile(ctx, by, contract=True)])
