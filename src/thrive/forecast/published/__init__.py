"""Every council's, region's and England's next collection year from the Department's published
table alone, with a P10-P90 range and backtests against the naive rules.

Pure analysis (polars, NumPy, scikit-learn; no Django): :mod:`.table` reads the CSV and joins
councils that merged or split to their predecessors' history; :mod:`.panel` builds the features;
:mod:`.model` fits the pooled model and makes the forecast; :mod:`.backtest` scores it against
past years and against a newer release. The method is in ``docs/forecasting.md``.
"""

from thrive.forecast.published.backtest import BACKTEST_YEARS, backtest, score, summarise
from thrive.forecast.published.model import PublishedForecastError, forecast
from thrive.forecast.published.table import MAIN_MEASURES, MEASURES, read_published

__all__ = [
    "BACKTEST_YEARS",
    "MAIN_MEASURES",
    "MEASURES",
    "PublishedForecastError",
    "backtest",
    "forecast",
    "read_published",
    "score",
    "summarise",
]
