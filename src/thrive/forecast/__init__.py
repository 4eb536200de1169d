"""Forecasting capacity: supply, demand, cost and succession, with honest uncertainty.

Pure NumPy / Polars (and lifelines, SciPy): takes a ``WorkforceFrames``, never Django.

- ``CapacityForecast().fit(frames)`` estimates flow rates from the authority's own history
  (``rates``), reads the starting point (``starting_point``) and the case projection (``demand``);
- ``.run(scenario, runs, horizon)`` runs the vectorised Monte Carlo (``simulation``) and returns a
  ``ForecastResult`` (``outcomes``) with P10 / P50 / P90 per month;
- ``scenario`` reads the levers from TOML; ``goal_seek`` finds the smallest recruitment plan that
  meets a goal; ``succession`` looks at management and senior posts; ``backtest`` checks the
  method against what happened; ``charts`` draws fan charts;
- ``published`` forecasts every council's next collection year from the Department's published
  table alone (no ``WorkforceFrames``), with its own backtest.
"""

from thrive.forecast.errors import ForecastError, InsufficientHistoryError, ScenarioError
from thrive.forecast.model import CapacityForecast
from thrive.forecast.outcomes import MEASURES, ForecastResult, Milestone
from thrive.forecast.scenario import Scenario, load_scenario, packaged_scenarios, parse_scenario

__all__ = [
    "MEASURES",
    "CapacityForecast",
    "ForecastError",
    "ForecastResult",
    "InsufficientHistoryError",
    "Milestone",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "packaged_scenarios",
    "parse_scenario",
]
