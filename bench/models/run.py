"""Benchmark: the retention, recruitment, careers and forecast results behind the pages.

Times each result as a page (or ``thrive retention``) computes it, through
``Centre.for_authority``, after the frames are loaded (loading is timed apart), on the store in
``THRIVE_DATA_DIR`` when it is set, else on a fresh copy of the demo store at ``--scale`` (20;
``--quick``: 1), built on first use and reused (``bench/stores.py``). Usage::

    .venv/bin/python bench/models/run.py                          # the scale-20 demo store
    .venv/bin/python bench/models/run.py --quick                  # the scale-1 demo store
    THRIVE_DATA_DIR=/tmp/store20 .venv/bin/python bench/models/run.py --only risk,at-risk

``--profile NAME`` writes a cProfile of one result to ``NAME.prof`` and prints its top lines.
``--timeout`` gives up on a result after that many seconds (it is reported as over the limit).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stores import demo_store, working_copy  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")


class TooLong(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise TooLong


def results() -> dict[str, Callable[[], Any]]:
    """Each result's name and the call that computes it, for the authority in the store."""
    import django

    django.setup()
    from thrive.centre.centre import Centre
    from thrive.forecast.model import CapacityForecast
    from thrive.summaries import results as r
    from thrive.summaries.careers import careers_page
    from thrive.summaries.forecast import Levers, forecast_page, forecast_results
    from thrive.workforce.models import Authority

    centre = Centre.for_authority(Authority.objects.order_by("pk").first())  # type: ignore[arg-type]
    started = time.perf_counter()
    data = centre.records()
    frames = data.frames
    print(f"{'frames loaded':34} {time.perf_counter() - started:7.2f} s")
    day = centre.as_at

    def forecast() -> Any:
        model = CapacityForecast().fit(frames)
        kept = forecast_results(model, frames, Levers())
        return forecast_page(kept, named_teams=set(), sees_everyone=True)

    def risk_and_at_risk() -> Any:  # as thrive.centre.prepare makes them: one fit for both
        fit = r.fit_risk(data, as_at=day)
        return (
            r.leaving_risk(data, as_at=day, fit=fit),
            r.people_at_risk(data, visible=None, as_at=day, top=None, fit=fit),
        )

    return {
        "curves": lambda: r.retention_curves(data, by="route_in", as_at=day),
        "risk+at-risk": risk_and_at_risk,
        "risk": lambda: r.leaving_risk(data, as_at=day),
        "at-risk": lambda: r.people_at_risk(data, visible=None, as_at=day, top=None),
        "exits": lambda: r.exits_summary(data, end=day, by="year", named=True),
        "themes-exits": lambda: r.text_themes(data, source="exits"),
        "themes-survey": lambda: r.text_themes(data, source="survey"),
        "survey": lambda: (r.survey_summary(data, by=None), r.survey_summary(data, by="team")),
        "careers": lambda: careers_page(
            frames, day, centre.targets(), named=True, summary=r.careers_summary(data, day)
        ),
        "recruitment": lambda: r.recruitment_summary(data, by="source", as_at=day),
        "forecast": forecast,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated result names (default: all)")
    parser.add_argument("--profile", help="profile this result with cProfile")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--scale", type=int, default=20, help="the demo store's scale")
    parser.add_argument("--quick", action="store_true", help="the scale-1 demo store")
    args = parser.parse_args()
    if os.environ.get("THRIVE_DATA_DIR"):
        return run(args)
    copy = working_copy(demo_store(1 if args.quick else args.scale), "models")
    os.environ.update(THRIVE_DATA_DIR=str(copy), THRIVE_DATABASE_URL="")
    try:
        run(args)
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    found = results()
    chosen = args.only.split(",") if args.only else list(found)
    signal.signal(signal.SIGALRM, _alarm)
    for name in chosen:
        profiler = cProfile.Profile() if name == args.profile else None
        signal.alarm(args.timeout)
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            if profiler:
                profiler.enable()
            found[name]()
            note = ""
        except TooLong:
            note = f"  (stopped: over {args.timeout} s)"
        finally:
            signal.alarm(0)
            if profiler:
                profiler.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{name:34} {wall:7.2f} s wall  cpu {cpu:7.2f} s{note}", flush=True)
        if profiler:
            profiler.dump_stats(f"{name}.prof")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
