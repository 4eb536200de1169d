"""The measures every part of Thrive counts by: one registry, computed the Department's way.

Pure functions over Polars frames (no Django): give :func:`compute` a
:class:`~thrive.frames.workforce.WorkforceFrames` and an as-at date or collection year and
it returns one :class:`Result` per measure and slice, with the numerator and denominator behind
each value, the target, a red/amber/green status and the change from a year earlier. Measures
live in :mod:`thrive.metrics.definitions`, one module per theme; ``docs/metrics.md`` is generated
from the registry.

>>> results = compute(frames, as_at=date(2018, 9, 30), by="team")   # doctest: +SKIP
"""

from thrive.metrics.compute import compute, results_frame, series, trend
from thrive.metrics.context import Context, Options
from thrive.metrics.definitions.practice import direct_reports
from thrive.metrics.errors import (
    MetricsError,
    PeriodError,
    TargetsFileError,
    UnknownMeasureError,
    UnknownSliceError,
)
from thrive.metrics.registry import DIMENSIONS, Measure, measure, measures
from thrive.metrics.results import Result
from thrive.metrics.targets import Target, Targets, default_targets

__all__ = [
    "DIMENSIONS",
    "Context",
    "Measure",
    "MetricsError",
    "Options",
    "PeriodError",
    "Result",
    "Target",
    "Targets",
    "TargetsFileError",
    "UnknownMeasureError",
    "UnknownSliceError",
    "compute",
    "default_targets",
    "direct_reports",
    "measure",
    "measures",
    "results_frame",
    "series",
    "trend",
]
