"""The pooled model: every council's next collection year of each published measure, with a
P10-P90 range from the model's own out-of-sample errors.

For each measure, one robust regression (scikit-learn's ``HuberRegressor``, with an L2 penalty
that shrinks every coefficient toward "no change") is fitted on every council and every year of
the training years together: it predicts the change from the last published year from the
features of :mod:`.panel`. The median forecast is the last value plus the predicted change.

The range: each training year in turn is left out, the model refitted on the others and its
errors on the left-out year kept (the left-out year's national shift was not seen, as the
forecast year's will not be). A small council's figures move more, so the errors are put on a
common scale by their spread at each size (the squared error modelled as ``a + b / FTE in
post``, with a, b >= 0); the 10th and 90th percentiles of the scaled errors, times the area's
own spread, give P10 and P90. Regions and England get the councils' model and a spread with the
same ``a`` (the national shift) and their own size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from sklearn.linear_model import HuberRegressor, LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from thrive.forecast.published.panel import Array, Panel, features, target, unscaled
from thrive.forecast.published.table import LINEAGE, MEASURES, areas, with_lineage

ALPHA = 1.0  # the L2 penalty on the standardised coefficients
EPSILON = 1.5  # Huber's threshold, in robust standard deviations
WEIGHT = 0.5  # a council's weight in the fit: its FTE in post to this power
SHRINKAGE = (0.0, 0.25, 0.5, 0.75, 1.0)  # the shares of the predicted change tried


class PublishedForecastError(ValueError):
    """The table cannot give a forecast for the year asked."""


@dataclass
class _Fitted:
    model: object
    shrink: float  # the share of the predicted change kept (the rest: "as last year")
    spread: tuple[float, float]  # a, b of the squared error = a + b / FTE in post
    low: float  # the 10th and 90th percentiles of the councils' scaled errors
    high: float
    area_band: tuple[float, float]  # the same of the regions' and England's errors (unscaled)
    bounds: tuple[Array, Array]  # the councils' range of each feature (wider areas kept inside)


def _stack(
    panel: Panel, ref: Panel, measure: str, columns: range | list[int]
) -> tuple[Array, Array, Array]:
    xs, ys, sizes = [], [], []
    for j in columns:
        x, y = features(panel, ref, measure, j), target(panel, measure, j)
        keep = np.isfinite(y) & np.isfinite(panel.inpost[:, j - 1])
        xs.append(x[keep])
        ys.append(y[keep])
        sizes.append(panel.inpost[keep, j - 1])
    return np.vstack(xs), np.concatenate(ys), np.concatenate(sizes)


def _regression(x: Array, y: Array, sizes: Array) -> object:
    """The robust regression, each council weighted by its size to the power :data:`WEIGHT`."""
    weight = np.maximum(sizes, 1.0) ** WEIGHT
    model = make_pipeline(StandardScaler(), HuberRegressor(epsilon=EPSILON, alpha=ALPHA))
    return model.fit(x, y, huberregressor__sample_weight=weight / weight.mean())


def _spread(a_b: tuple[float, float], sizes: Array) -> Array:
    a, b = a_b
    spread: Array = np.sqrt(a + b / np.maximum(sizes, 1.0))
    return spread


def fit_measure(panel: Panel, wider: Panel, measure: str) -> _Fitted:
    """The model for one measure on every year of the councils' panel, with its shrinkage and
    its error range from leaving each year out in turn (the councils' errors scaled by size;
    the regions' and England's, ``wider``, as they are)."""
    years = range(1, len(panel.years))
    x, y, s = _stack(panel, panel, measure, years) if years else (None, np.empty(0), None)
    if len(y) < 30 or x is None or s is None:
        raise PublishedForecastError(
            "the published table has too few years before the forecast year to fit the model "
            "(it needs at least two)"
        )
    actual, predicted, sizes, wide_actual, wide_predicted = [], [], [], [], []
    for left_out in years:
        others = [j for j in years if j != left_out]
        xo, yo, so = _stack(panel, panel, measure, others)
        xl, yl, sl = _stack(panel, panel, measure, [left_out])
        if len(yo) < 30 or not len(yl):
            continue
        fitted = _regression(xo, yo, so)
        actual.append(yl)
        predicted.append(fitted.predict(xl))  # type: ignore[attr-defined]
        sizes.append(sl)
        xw, yw, _ = _stack(wider, panel, measure, [left_out])
        if len(yw):
            wide_actual.append(yw)
            wide_predicted.append(fitted.predict(np.clip(xw, xo.min(0), xo.max(0))))  # type: ignore[attr-defined]
    model = _regression(x, y, s)
    if not actual:  # one training year: its in-sample errors
        actual, predicted, sizes = [y], [model.predict(x)], [s]  # type: ignore[attr-defined]
    change, guess, size = (np.concatenate(a) for a in (actual, predicted, sizes))
    shrink = min(SHRINKAGE, key=lambda k: float(np.mean(np.abs(change - k * guess))))
    error = change - shrink * guess
    centred = error - np.median(error)
    spread_fit = LinearRegression(positive=True).fit(
        (1.0 / np.maximum(size, 1.0)).reshape(-1, 1), centred**2
    )
    a = max(float(spread_fit.intercept_), 1e-9)
    b = float(spread_fit.coef_[0])
    z = error / _spread((a, b), size)
    low, high = np.quantile(z, [0.1, 0.9])
    if sum(len(w) for w in wide_actual) >= 10:
        wide = np.concatenate(wide_actual) - shrink * np.concatenate(wide_predicted)
        area_band = tuple(float(q) for q in np.quantile(wide, [0.1, 0.9]))
    else:  # too few: the councils' band at the size of the largest council
        area_band = (low * np.sqrt(a), high * np.sqrt(a))
    bounds = (x.min(axis=0), x.max(axis=0))
    return _Fitted(model, shrink, (a, b), float(low), float(high), area_band, bounds)  # type: ignore[arg-type]


def _training_panels(table: pl.DataFrame, year: int) -> tuple[dict[str, Panel], list[int]]:
    before = with_lineage(table.filter(pl.col("year") < year))
    years = sorted(set(before["year"].to_list()))
    if not years or years[-1] != year - 1:
        latest = years[-1] if years else None
        raise PublishedForecastError(
            f"the table's latest collection year is {latest}: it can forecast {latest + 1} "
            "(one year ahead), not " + str(year)
            if latest
            else "the table has no year before " + str(year)
        )
    years = [*years, year]
    return {
        "Local authority": Panel.build(before, ("Local authority",), years),
        "wider": Panel.build(before, ("National", "Regional"), years),
    }, years


def forecast(table: pl.DataFrame, year: int, measures: tuple[str, ...] = MEASURES) -> pl.DataFrame:
    """P10, P50 and P90 of each measure in ``year`` for every area published the year before,
    from the years before ``year`` only. One row per area and measure; an area with no
    published value of a measure the year before gets no row for it."""
    panels, years = _training_panels(table, year)
    councils = panels["Local authority"]
    j = len(years) - 1
    known = {a.key: a for a in areas(table.filter(pl.col("year") < year))}
    rows = []
    for measure in measures:
        with threadpool_limits(1):  # many small fits: one thread each is ten times faster
            fitted = fit_measure(_trimmed(councils), _trimmed(panels["wider"]), measure)
        for name, panel in panels.items():
            x = np.clip(features(panel, councils, measure, j), *fitted.bounds)
            last = panel.values[measure][:, j - 1]
            centre = last + fitted.shrink * fitted.model.predict(x)  # type: ignore[attr-defined]
            spread = _spread(fitted.spread, panel.inpost[:, j - 1])
            for i, key in enumerate(panel.keys):
                if not np.isfinite(last[i]) or not np.isfinite(centre[i]):
                    continue
                if name == "wider":
                    low, high = fitted.area_band
                else:
                    s = spread[i] if np.isfinite(spread[i]) else np.sqrt(fitted.spread[0])
                    low, high = fitted.low * s, fitted.high * s
                band = np.array([centre[i] + low, centre[i], centre[i] + high])
                p10, p50, p90 = (float(v) for v in unscaled(measure, band))
                area = known[key]
                rows.append(
                    {
                        "level": area.level,
                        "la_code": area.la_code,
                        "old_la_code": area.old_la_code,
                        "la_name": area.name,
                        "region_name": area.region_name,
                        "measure": measure,
                        "year": year,
                        "last": round(float(unscaled(measure, last[i : i + 1])[0]), 1),
                        "p10": round(p10, 1),
                        "p50": round(p50, 1),
                        "p90": round(p90, 1),
                        "note": _note(area.old_la_code, area.first_year, year),
                    }
                )
    return pl.DataFrame(rows)


def _trimmed(panel: Panel) -> Panel:
    """The councils' panel without the forecast year's (empty) column."""
    return Panel(
        panel.keys,
        panel.regions,
        panel.years[:-1],
        {c: v[:, :-1] for c, v in panel.values.items()},
        panel.inpost[:, :-1],
    )


def _note(old_la_code: str, first_year: int, year: int) -> str:
    """Where an area's history comes from when it is not all its own."""
    if old_la_code in LINEAGE and LINEAGE[old_la_code][1] > year - 4:
        predecessors, first = LINEAGE[old_la_code]
        return f"first published {first}; its years before from LA " + " and ".join(predecessors)
    if first_year > year - 3:
        return f"first published {first_year}: a short history"
    return ""
