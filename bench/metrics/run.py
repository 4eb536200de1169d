"""Benchmark: the measures of success on the `--scale 20` demo store, against a pandas peer.

Targets, after the frames are loaded:
- every measure as at one date, for the whole authority and by team: under 0.5 s;
- a 10-year monthly trend of every measure: under 5 s;
- at least 20x faster than a straightforward pandas implementation that loops per worker
  (``peer_pandas.py``), on the same measures, measured in the same run; the two must agree.

Usage (the demo store is built on first use under bench/.stores/, see bench/stores.py; scale 20
takes several minutes the first time)::

    .venv/bin/python bench/metrics/run.py                   # the scale-20 store
    .venv/bin/python bench/metrics/run.py --quick           # the scale-1 store, one run of each
    .venv/bin/python bench/metrics/run.py --store DIR       # a store you built (THRIVE_DATA_DIR)

Wall times on a shared machine stretch with its load; the load average and the CPU time of
each step are printed beside them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1])]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")

from stores import demo_store  # noqa: E402

AS_AT = date(2018, 9, 30)
TREND = (date(2015, 10, 1), date(2025, 9, 30))


def timed(work: Callable[[], Any], repeat: int) -> tuple[Any, list[float], float]:
    """(result, wall seconds of each run, CPU seconds of the best run)."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return result, walls, cpus[walls.index(min(walls))]


def show(label: str, walls: list[float], cpu: float, target: float | None = None) -> None:
    runs = ", ".join(f"{w:.2f}" for w in walls)
    verdict = "" if target is None else (" MET" if min(walls) < target else " not met")
    goal = "" if target is None else f"  (target {target} s{verdict})"
    print(f"{label:58} best {min(walls):6.2f} s wall [{runs}]  cpu {cpu:.2f} s{goal}")


def load_frames() -> Any:
    import django

    django.setup()
    from thrive.frames.load import load
    from thrive.workforce.models import Authority

    demo = Authority.objects.filter(is_demo=True).first()
    if demo is None:
        sys.exit(
            "No demo authority in this store: build one with `thrive demo --scale 20` "
            "(THRIVE_DATA_DIR set to the same folder)."
        )
    started = time.perf_counter()
    frames = load(demo)
    print(
        f"store: {demo} (seed {demo.demo_seed}, scale {demo.demo_scale}); "
        f"{frames.workers.height:,} workers, {frames.spells.height:,} spells, "
        f"{sum(getattr(frames, n).height for n in frames.frame_names()):,} records; "
        f"loaded into frames in {time.perf_counter() - started:.1f} s"
    )
    return frames


Figures = dict[tuple[str, str | None], tuple[float, float | None]]


def agree(mine: Figures, peer: Figures) -> tuple[int, list[str]]:
    """How many figures were compared, and those that differ."""
    differ = []
    for key in sorted(set(mine) | set(peer), key=str):
        a, b = mine.get(key, (0.0, 0.0)), peer.get(key, (0.0, 0.0))
        for x, y in zip(a, b, strict=True):
            if abs((x or 0.0) - (y or 0.0)) > 1e-6:
                differ.append(f"{key}: thrive {a} peer {b}")
    return len(set(mine) | set(peer)), differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each timed step.")
    parser.add_argument("--peer-runs", type=int, default=1, help="Runs of the pandas peer.")
    parser.add_argument("--scale", type=int, default=20, help="Demo store to build or reuse.")
    parser.add_argument("--store", type=Path, help="Use this THRIVE_DATA_DIR instead.")
    parser.add_argument("--quick", action="store_true", help="Scale 1, one run of each step.")
    args = parser.parse_args()
    if args.quick:
        args.scale, args.repeat, args.peer_runs = 1, 1, 1
    store = args.store or demo_store(args.scale)
    os.environ.update(THRIVE_DATA_DIR=str(store), THRIVE_DATABASE_URL="")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    import peer_pandas

    from thrive.metrics import measures, results_frame
    from thrive.metrics.periods import month_ends
    from thrive.metrics.results import results_from

    frames = load_frames()
    everything = list(measures())
    results_frame(frames, [AS_AT], names=["fte_in_post"])  # warm up Polars

    def one_date() -> Any:
        return results_from(results_frame(frames, [AS_AT], by="team"))

    found, walls, cpu = timed(one_date, args.repeat)
    show(f"all {len(everything)} measures as at {AS_AT}, whole + by team", walls, cpu, 0.5)
    print(f"{'':58} ({len(found):,} results, each with target, status, year-earlier value)")
    _, walls, cpu = timed(lambda: results_frame(frames, [AS_AT], by="team"), args.repeat)
    show("  the same as one results frame (no Python objects)", walls, cpu)

    months = month_ends(*TREND)
    found, walls, cpu = timed(
        lambda: results_from(results_frame(frames, months)), max(1, args.repeat - 1)
    )
    show(f"trend: all measures at {len(months)} month ends, whole authority", walls, cpu, 5.0)
    print(f"{'':58} ({len(found):,} results)")

    subset = list(peer_pandas.MEASURES)

    def ours() -> Figures:
        table = results_frame(frames, [AS_AT], by="team", names=subset, compare=False, hr=True)
        return {
            (row["name"], row["slice"]): (row["numerator"], row["denominator"])
            for row in table.iter_rows(named=True)
        }

    mine, walls, cpu = timed(ours, args.repeat)
    show(f"the peer's {len(subset)} measures, whole + by team (Thrive)", walls, cpu)
    thrive_best = min(walls)
    peer, peer_walls, peer_cpu = timed(lambda: peer_pandas.measure(frames, AS_AT), args.peer_runs)
    show("  the same with the pandas per-worker peer", peer_walls, peer_cpu)
    compared, differ = agree(mine, peer)
    ratio = min(peer_walls) / thrive_best
    print(f"{'':58} agreement: {compared - len(differ)} of {compared} figures identical")
    for line in differ[:10]:
        print(f"    differs: {line}")
    met = "met" if ratio >= 20 else "not met"
    print(f"speed ratio (peer / Thrive, wall): {ratio:.0f}x  (target 20x: {met})")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    if differ:
        sys.exit(1)


if __name__ == "__main__":
    main()
