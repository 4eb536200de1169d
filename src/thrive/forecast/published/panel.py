"""The published table as arrays (area x collection year) and the features the model reads.

Each measure is on its forecasting scale: the counts (FTE in post, starters, leavers) as logs, so
a change is a proportion; the rates and the caseload as published. The model predicts the change
from the last published year, from:

- the area's own last change, and how far its last value sits from its own earlier mean (a
  council whose turnover jumped tends to fall back);
- how far its last value sits from the median council and from its region's median;
- the national shift: the median council's last change (the year being forecast is not known);
- the linked measures: agency rate beside turnover and vacancies; FTE in post beside starters
  minus leavers and the vacancy rate; caseload beside the change in cases and in FTE in post;
- the size of the council (FTE in post, as a log).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from thrive.forecast.published.table import COLUMNS, LOG_MEASURES

Array = np.ndarray


def scaled(measure: str, values: Array) -> Array:
    """A measure on its forecasting scale (log for counts)."""
    if measure in LOG_MEASURES:
        with np.errstate(divide="ignore", invalid="ignore"):
            out: Array = np.log(values + 1.0)
            return out
    return values


def unscaled(measure: str, values: Array) -> Array:
    """Back from the forecasting scale, never below zero (rates never above 100)."""
    out: Array = np.exp(values) - 1.0 if measure in LOG_MEASURES else values
    out = np.maximum(out, 0.0)
    if measure.endswith("_rate_fte"):
        out = np.minimum(out, 100.0)
    return out


@dataclass
class Panel:
    """Areas x years: ``values[column]`` on the forecasting scale (NaN where not published)."""

    keys: list[str]
    regions: list[str]
    years: list[int]
    values: dict[str, Array]
    inpost: Array  # FTE in post as published (for sizes)

    @classmethod
    def build(cls, table: pl.DataFrame, levels: tuple[str, ...], years: list[int]) -> Panel:
        rows = table.filter(pl.col("level").is_in(list(levels)))
        keys = sorted(set(rows["key"].to_list()))
        index = {k: i for i, k in enumerate(keys)}
        col = {y: j for j, y in enumerate(years)}
        regions = [""] * len(keys)
        raw = {c: np.full((len(keys), len(years)), np.nan) for c in COLUMNS}
        for row in rows.iter_rows(named=True):
            if row["year"] not in col:
                continue
            i, j = index[row["key"]], col[row["year"]]
            regions[i] = row["region_code"] or regions[i]
            for c in COLUMNS:
                if row[c] is not None:
                    raw[c][i, j] = float(row[c])
        values = {c: scaled(c, raw[c]) for c in COLUMNS}
        return cls(keys, regions, years, values, raw["inpost_fte"])


def _nanmedian(values: Array) -> float:
    kept = values[np.isfinite(values)]
    return float(np.median(kept)) if kept.size else 0.0


def _own_mean(y: Array, j: int) -> Array:
    """Each area's mean over the years before column ``j`` (NaN when it has none)."""
    block = y[:, :j]
    counts = np.isfinite(block).sum(axis=1)
    sums = np.where(np.isfinite(block), block, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def _change(y: Array, j: int) -> Array:
    """The change into column ``j`` (NaN where either year is missing)."""
    if j < 1:
        return np.full(y.shape[0], np.nan)
    change: Array = y[:, j] - y[:, j - 1]
    return change


def _zero(values: Array) -> Array:
    return np.where(np.isfinite(values), values, 0.0)


LINKS: dict[str, tuple[str, ...]] = {
    "turnover_rate_fte": ("agency_rate_fte", "vacancy_rate_fte"),
    "agency_rate_fte": ("turnover_rate_fte", "vacancy_rate_fte"),
    "vacancy_rate_fte": ("agency_rate_fte", "turnover_rate_fte"),
    "inpost_fte": ("vacancy_rate_fte", "turnover_rate_fte"),
    "caseload_fte": ("cases", "inpost_fte"),
    "starters_fte": ("vacancy_rate_fte", "inpost_fte", "leavers_fte"),
    "leavers_fte": ("turnover_rate_fte", "inpost_fte", "starters_fte"),
}


def features(panel: Panel, reference: Panel, measure: str, j: int) -> Array:
    """The features for predicting column ``j`` from columns before it (one row per area of
    ``panel``; the medians come from ``reference``, the councils)."""
    y = panel.values[measure]
    ref = reference.values[measure]
    last = y[:, j - 1]
    national = _nanmedian(ref[:, j - 1])
    columns = [
        _zero(_change(y, j - 1)),
        _zero(last - _own_mean(y, j - 1)),
        _zero(last - national),
    ]
    region_median = {
        r: _nanmedian(ref[[i for i, g in enumerate(reference.regions) if g == r], j - 1])
        for r in set(reference.regions)
    }
    columns.append(_zero(last - np.array([region_median.get(r, national) for r in panel.regions])))
    for other in LINKS[measure]:
        z = panel.values[other]
        columns.append(_zero(_change(z, j - 1)))
        columns.append(_zero(z[:, j - 1] - _nanmedian(reference.values[other][:, j - 1])))
    if measure == "inpost_fte":  # starters minus leavers, as a share of FTE in post
        raw = {c: np.exp(panel.values[c][:, j - 1]) - 1 for c in ("starters_fte", "leavers_fte")}
        with np.errstate(invalid="ignore", divide="ignore"):
            net = (raw["starters_fte"] - raw["leavers_fte"]) / panel.inpost[:, j - 1]
        columns.append(_zero(net))
    with np.errstate(divide="ignore", invalid="ignore"):
        size = np.log(panel.inpost[:, j - 1]) - _nanmedian(np.log(reference.inpost[:, j - 1]))
    columns.append(_zero(size))
    return np.column_stack(columns)


def target(panel: Panel, measure: str, j: int) -> Array:
    """The change into column ``j`` on the forecasting scale (NaN where not published)."""
    change: Array = _change(panel.values[measure], j)
    return change
