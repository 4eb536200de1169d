"""The Department's published table as one row per area and collection year, with councils that
merged or split joined to the history of the councils they came from.

Reads the CSV itself (the analysis layer does not touch the store): every cell that is not a
number (the Department's markers ``z x c u low :``, or an empty cell) is missing, never zero.
An area is keyed by its LA number (``old_la_code``) for councils, its region code for regions
and the country code for England, so a council whose ONS code changed (Somerset 2023, North
Yorkshire, Buckinghamshire) keeps one history; the output names the latest ONS code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

# The measures forecast, by published column name; the first five are the main ones.
MAIN_MEASURES = (
    "inpost_fte",
    "turnover_rate_fte",
    "agency_rate_fte",
    "vacancy_rate_fte",
    "caseload_fte",
)
MEASURES = (*MAIN_MEASURES, "starters_fte", "leavers_fte")
# Forecast on the log scale (a change is a proportion): the counts.
LOG_MEASURES = frozenset({"inpost_fte", "starters_fte", "leavers_fte", "agency_fte", "cases"})
# Read beside the forecast measures, as linked measures.
LINKED = ("agency_fte", "vacancy_fte", "cases", "case_holders_fte")
COLUMNS = (*MEASURES, *LINKED)
# Rates (and caseload, cases per case holder): a merger weights them, a split keeps them.
RATES = frozenset({"turnover_rate_fte", "agency_rate_fte", "vacancy_rate_fte", "caseload_fte"})

# Councils that replaced others: successor LA number -> (predecessors, first year published).
# A split (Cumbria into Cumberland and Westmorland and Furness) gives each part the parent's
# history of rates and of proportional changes; a merger (Bournemouth and Poole into BCP) adds
# the predecessors' counts and weights their rates by FTE in post; a one-to-one replacement
# (Northamptonshire by the North and West Northamptonshire pair, Dorset by the new Dorset)
# continues the predecessor's series.
LINEAGE: dict[str, tuple[tuple[str, ...], int]] = {
    "940 / 941": (("928",), 2021),
    "839": (("837", "836"), 2019),
    "838": (("835",), 2019),
    "942": (("909",), 2023),
    "943": (("909",), 2023),
}
LEVEL_ORDER = {"National": 0, "Regional": 1, "Local authority": 2}


@dataclass(frozen=True)
class Area:
    """One area of the table as it was last published."""

    key: str
    level: str
    la_code: str
    old_la_code: str
    name: str
    region_code: str
    region_name: str
    first_year: int
    last_year: int


def read_published(path: Path) -> pl.DataFrame:
    """The table as columns ``key, level, year, la_code, old_la_code, name, region_code,
    region_name`` and one float column per measure in :data:`COLUMNS` (null when not a number).
    A column the file lacks is all null; columns it adds are ignored."""
    raw = pl.read_csv(path, infer_schema_length=0, encoding="utf8-lossy")
    for column in COLUMNS:
        if column not in raw.columns:
            raw = raw.with_columns(pl.lit(None, dtype=pl.String).alias(column))
    level = pl.col("geographic_level")
    key = (
        pl.when(level == "National")
        .then(pl.col("country_code"))
        .when(level == "Regional")
        .then(pl.col("region_code"))
        .otherwise(pl.col("old_la_code"))
    )
    return (
        raw.filter(level.is_in(list(LEVEL_ORDER)) & pl.col("time_period").str.contains(r"^\d{4}$"))
        .select(
            key.alias("key"),
            level.alias("level"),
            pl.col("time_period").cast(pl.Int32).alias("year"),
            pl.when(level == "National")
            .then(pl.col("country_code"))
            .when(level == "Regional")
            .then(pl.col("region_code"))
            .otherwise(pl.col("new_la_code"))
            .alias("la_code"),
            pl.col("old_la_code").fill_null(""),
            pl.when(level == "National")
            .then(pl.lit("England"))
            .when(level == "Regional")
            .then(pl.col("region_name"))
            .otherwise(pl.col("la_name"))
            .alias("name"),
            pl.col("region_code").fill_null(""),
            pl.col("region_name").fill_null(""),
            *(
                pl.col(c).str.replace_all(",", "").str.strip_chars().cast(pl.Float64, strict=False)
                for c in COLUMNS
            ),
        )
        .unique(subset=["key", "level", "year"], keep="last", maintain_order=True)
        .sort("level", "key", "year")
    )


# One published figure as the store keeps it: year, level, area code (ONS), LA number, area
# name, region code, region name, measure (the column name) and value (None: not a number).
Record = tuple[int, str, str, str, str, str, str, str, float | None]


def from_records(records: Iterable[Record]) -> pl.DataFrame:
    """The table as :func:`read_published` gives it, from the published figures one a row (as
    ``thrive import dfe-stats`` stored them), so a page forecasts from the very rows it
    compares with. Measures outside :data:`COLUMNS` are ignored."""
    ids = ("year", "level", "area_code", "la_number", "area_name", "region_code", "region_name")
    schema = dict.fromkeys(ids, pl.String) | {"year": pl.Int32, "measure": pl.String}
    long = pl.DataFrame(
        [r for r in records if r[7] in COLUMNS and r[1] in LEVEL_ORDER],
        schema={**schema, "value": pl.Float64},
        orient="row",
    )
    wide = long.pivot(on="measure", index=list(ids), values="value", aggregate_function="first")
    for column in COLUMNS:
        if column not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.Float64).alias(column))
    level = pl.col("level")
    return (
        wide.select(
            pl.when(level == "Local authority")
            .then(pl.col("la_number"))
            .otherwise(pl.col("area_code"))
            .alias("key"),
            level,
            pl.col("year"),
            pl.col("area_code").alias("la_code"),
            pl.col("la_number").alias("old_la_code"),
            pl.when(level == "National")
            .then(pl.lit("England"))
            .otherwise(pl.col("area_name"))
            .alias("name"),
            pl.col("region_code"),
            pl.col("region_name"),
            *(pl.col(c).cast(pl.Float64) for c in COLUMNS),
        )
        .sort("level", "key", "year", "la_code")
        .unique(subset=["key", "level", "year"], keep="last", maintain_order=True)
        .sort("level", "key", "year")
    )


def areas(table: pl.DataFrame) -> list[Area]:
    """Every area in the table, as last published, England first, then regions, then councils."""
    found = []
    for key, level in table.select("key", "level").unique().iter_rows():
        rows = table.filter((pl.col("key") == key) & (pl.col("level") == level)).sort("year")
        last = rows.row(-1, named=True)
        found.append(
            Area(
                key=key,
                level=level,
                la_code=last["la_code"] or "",
                old_la_code=last["old_la_code"],
                name=last["name"] or "",
                region_code=last["region_code"],
                region_name=last["region_name"],
                first_year=int(rows["year"].min()),  # type: ignore[arg-type]
                last_year=int(rows["year"].max()),  # type: ignore[arg-type]
            )
        )
    return sorted(found, key=lambda a: (LEVEL_ORDER[a.level], a.name, a.key))


def _predecessor_values(table: pl.DataFrame, key: str, before: int) -> pl.DataFrame:
    """The predecessors' published rows for the years before ``key`` was first published, as
    if they were the successor's: a merger's counts added, its rates weighted by FTE in post; a
    split's rates as they were and its counts scaled by the part's share of FTE in post."""
    predecessors, first = LINEAGE[key]
    old = table.filter(
        (pl.col("level") == "Local authority")
        & pl.col("key").is_in(list(predecessors))
        & (pl.col("year") < min(first, before))
    )
    if old.is_empty():
        return old
    rates = [c for c in COLUMNS if c in RATES]
    counts = [c for c in COLUMNS if c not in RATES]
    weight = pl.col("inpost_fte").fill_null(0.0)
    merged = old.group_by("year").agg(
        *(pl.col(c).sum() if len(predecessors) > 1 else pl.col(c).first() for c in counts),
        *(
            ((pl.col(c) * weight).sum() / weight.filter(pl.col(c).is_not_null()).sum()).alias(c)
            if len(predecessors) > 1
            else pl.col(c).first()
            for c in rates
        ),
    )
    splits = [k for k, (p, _) in LINEAGE.items() if p == predecessors]
    if len(splits) > 1:  # a split: the part's share of the parent's FTE in post
        own = table.filter((pl.col("key") == key) & (pl.col("year") == first))
        parent = merged.filter(pl.col("year") == first - 1)
        if own.is_empty() or parent.is_empty() or not parent["inpost_fte"][0]:
            merged = merged.with_columns(pl.lit(None, dtype=pl.Float64).alias(c) for c in counts)
        else:
            share = float(own["inpost_fte"][0] or np.nan) / float(parent["inpost_fte"][0])
            merged = merged.with_columns(pl.col(c) * share for c in counts)
    return merged


def with_lineage(table: pl.DataFrame) -> pl.DataFrame:
    """The table with each successor council's history carried back through its predecessors
    (the predecessors' own rows stay, as the areas they were)."""
    extra = []
    for key in LINEAGE:
        own = table.filter((pl.col("key") == key) & (pl.col("level") == "Local authority"))
        if own.is_empty():
            continue
        old = _predecessor_values(table, key, int(own["year"].min()))  # type: ignore[arg-type]
        if old.is_empty():
            continue
        last = own.sort("year").row(-1, named=True)
        ids = {c: last[c] for c in ("key", "level", "la_code", "old_la_code", "name")}
        ids |= {"region_code": last["region_code"], "region_name": last["region_name"]}
        extra.append(
            old.with_columns(pl.lit(v).alias(k) for k, v in ids.items()).select(table.columns)
        )
    if not extra:
        return table
    return pl.concat([table, *(e.cast(table.schema) for e in extra)]).sort("level", "key", "year")
