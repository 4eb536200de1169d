"""Benchmark: one authority's frames ready in a fresh process, from the shared files or the store.

Issue 13's target: at scale 20 a fresh process (a new server worker, a restart, a command) has
the frames in memory in under 0.5 s. With ``THRIVE_KEEP=shared`` (the default) it maps the
uncompressed Arrow IPC files written once per store version under ``THRIVE_DATA_DIR/frames``;
the peer, measured in the same run, is what every process did before and what
``THRIVE_KEEP=process`` still does: read the store (SQLite) into frames.

For each scale, on a fresh copy of the demo store (``bench/stores.py``): the frames files are
written once in a process of their own (as a command or the server does after a commit), then
each way is timed ``--rounds`` times, each time in a new Python process, from "Django set up"
to "frames in memory", for the workforce and lifecycle frames (what every page reads) and the
children's allocation spells (read when a page first uses them).

    .venv/bin/python bench/frames/run.py                 # scales 1 and 20, 3 rounds
    .venv/bin/python bench/frames/run.py --quick         # scale 1, 2 rounds
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from stores import demo_store, store_environment, working_copy  # noqa: E402

TARGET_SECONDS = {20: 0.5}
WAYS = {"shared": "the shared files (THRIVE_KEEP=shared)", "process": "the store (peer)"}

# What the fresh process runs: the figures it prints are seconds after Django is set up.
FRESH = """
import json, os, time
import django
django.setup()
from thrive.frames import cache
from thrive.workforce.models import Authority
authority = Authority.objects.order_by("pk").first().pk
version = cache.fresh_version()
started = time.perf_counter()
frames = cache.frames_for(authority, version)
lifecycle = cache.lifecycle_for(authority, version)
ready = time.perf_counter() - started
started = time.perf_counter()
allocations = cache.allocations_for(authority, version).allocations
print(json.dumps({
    "ready": ready,
    "allocations": time.perf_counter() - started,
    "spells": frames.all_spells.height,
    "allocation_spells": allocations.height,
}))
"""

WRITE = """
import django
django.setup()
from thrive.centre.prepare import write_all_frames
print(write_all_frames())
"""


def _python(code: str, env: dict[str, str]) -> str:
    env = {**env, "DJANGO_SETTINGS_MODULE": "thrive.settings"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"a fresh process failed:\n{done.stderr}")
    return done.stdout


def measure(scale: int, rounds: int) -> dict[str, list[dict[str, float]]]:
    """Each way's figures, one per round, on a fresh copy of the scale's demo store."""
    copy = working_copy(demo_store(scale), f"frames-{scale}")
    try:
        _python(WRITE, store_environment(copy, THRIVE_KEEP="shared"))
        seen: dict[str, list[dict[str, float]]] = {way: [] for way in WAYS}
        for _ in range(rounds):
            for way in WAYS:  # alternately, so both meet the same load
                env = store_environment(copy, THRIVE_KEEP=way)
                seen[way].append(json.loads(_python(FRESH, env)))
        return seen
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def report(scale: int, seen: dict[str, list[dict[str, float]]]) -> None:
    first = seen["shared"][0]
    print(
        f"\nscale {scale}: {first['spells']:,.0f} employment spells, "
        f"{first['allocation_spells']:,.0f} children's allocation spells"
    )
    print(f"{'from':42} {'workforce + lifecycle':>24} {'allocations':>14}")
    best: dict[str, float] = {}
    for way, label in WAYS.items():
        ready = [r["ready"] for r in seen[way]]
        allocations = [r["allocations"] for r in seen[way]]
        best[way] = min(ready)
        print(
            f"{label:42} {min(ready):8.3f} s best, {statistics.median(ready):6.3f} median "
            f"{min(allocations):8.3f} s best"
        )
    print(f"peer / shared (best, workforce + lifecycle): {best['process'] / best['shared']:.1f}x")
    target = TARGET_SECONDS.get(scale)
    if target is not None:
        met = "met" if best["shared"] < target else "NOT met"
        print(f"target: ready in under {target} s in a fresh process: {met}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,20", help="comma-separated demo scales")
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes for each way")
    parser.add_argument("--quick", action="store_true", help="scale 1, 2 rounds")
    args = parser.parse_args()
    scales = [1] if args.quick else [int(s) for s in args.scales.split(",")]
    rounds = 2 if args.quick else args.rounds
    for scale in scales:
        report(scale, measure(scale, rounds))
    print(f"\nload average {os.getloadavg()[0]:.1f} (2 cores: read the figures with it)")


if __name__ == "__main__":
    main()
