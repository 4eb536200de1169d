"""The demo authority: Somervale County Council, a synthetic council calibrated to Somerset.

Two halves, kept apart:

- the **simulation** (pure Python and NumPy, no Django): :func:`simulate` plays the council's
  people month by month from October 2014 to September 2025 - hires, ASYE years, promotions,
  moves, leavers, agency assignments and conversions, caseloads, supervision, appraisal,
  absence - and returns plain records (:class:`DemoRecords`). Its inputs are rates and plans
  (:mod:`thrive.demo.trajectory`); the figures it should land near are data too
  (:data:`TARGETS`, in :mod:`thrive.demo.calibration`).
- the **store** side (Django): :func:`load_demo` writes the records in one transaction and adds
  the demo logins; :func:`store_digest` fingerprints an authority's records, so two builds can be
  compared.

>>> records = simulate(seed=1, scale=1)                # doctest: +SKIP
>>> result = load_demo(seed=1)                          # doctest: +SKIP
>>> store_digest(result.authority) == result.digest     # doctest: +SKIP
True

The Django-side names are imported on first use, so the simulation can run without Django.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thrive.demo.calibration import TARGETS, Target
from thrive.demo.records import DemoRecords
from thrive.demo.simulation import DemoConfigurationError, simulate

if TYPE_CHECKING:
    from thrive.demo.digest import store_digest
    from thrive.demo.loader import DemoLoadError, DemoResult, load_demo
    from thrive.demo.logins import DemoLogin, DemoLoginError

_DJANGO_SIDE = {
    "store_digest": "thrive.demo.digest",
    "load_demo": "thrive.demo.loader",
    "DemoLoadError": "thrive.demo.loader",
    "DemoResult": "thrive.demo.loader",
    "DemoLogin": "thrive.demo.logins",
    "DemoLoginError": "thrive.demo.logins",
}


def __getattr__(name: str) -> Any:
    if name in _DJANGO_SIDE:
        from importlib import import_module

        return getattr(import_module(_DJANGO_SIDE[name]), name)
    raise AttributeError(f"module 'thrive.demo' has no attribute {name!r}")


__all__ = [
    "TARGETS",
    "DemoConfigurationError",
    "DemoLoadError",
    "DemoLogin",
    "DemoLoginError",
    "DemoRecords",
    "DemoResult",
    "Target",
    "load_demo",
    "simulate",
    "store_digest",
]
