"""Time and memory of getting a store version ready, step by step, and of one service's Children
page worked out cold.

    THRIVE_BENCH_STORES=/work/stores .venv/bin/python bench/memory/prepare_steps.py --scale 20
    .venv/bin/python bench/memory/prepare_steps.py --scale 1 --only children

Two fresh processes, each on a fresh copy of the demo store (``bench/stores.py``) in a
temporary folder (removed afterwards), with ``THRIVE_KEEP=shared``:

- **prepare**: :func:`thrive.centre.prepare.steps` run one by one, as the worker that prepares
  a new version runs them (:func:`thrive.centre.prepare.prepare`); after each, the step's wall
  time, the process's CPU time for it (every thread), and the process's peak and current
  resident size (``VmHWM`` and ``VmRSS`` from ``/proc/self/status``);
- **children**: what the other worker does when a service manager opens their Children page
  before it is prepared: map the frames files (:func:`thrive.centre.prepare.map_frames`) and
  the allocations' (written first, in a process of their own, as the preparing worker writes
  them), then work out that service's Children figures (named, as its manager sees them),
  each timed alike.

A copy is another store version (the store's path is part of it), so in **prepare** "frames"
reads the store and writes the frames files, as a server does after an import. The machine's
cores may be shared: read the CPU times beside the wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from stores import demo_store, store_environment  # noqa: E402

MIB = 1024 * 1024


def memory() -> dict[str, float]:
    """This process's peak and current resident size in MiB (``VmHWM``, ``VmRSS``)."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0]) / 1024  # kB
    return found


def measured(name: str, step: object) -> dict[str, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    step()  # type: ignore[operator]
    row = {
        "step": name,
        "wall_s": round(time.perf_counter() - wall, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        **{k: round(v) for k, v in memory().items()},
    }
    print(json.dumps(row), flush=True)
    return row


def run_inside(what: str, service: str | None) -> None:
    """In the child process: set Django up on the copy and measure ``what``."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    django.setup()
    from thrive.centre import prepare
    from thrive.centre.centre import Centre
    from thrive.summaries import kept_pages
    from thrive.workforce.models import Authority

    authority = Authority.objects.order_by("pk").first()
    assert authority is not None
    print(json.dumps({"step": "start", **{k: round(v) for k, v in memory().items()}}))
    if what == "prepare":
        for name, step in prepare.steps(authority):
            measured(name, step)
        return
    if what == "files":  # what the preparing worker (or the command) writes first
        measured("write the frames files", prepare.write_all_frames)
        return
    measured("map frames", prepare.map_frames)
    centre = Centre.for_authority(authority)
    measured("map the allocations", lambda: centre.frames.allocations)
    chosen = service or sorted(centre.frames.teams["service"].drop_nulls().unique())[0]
    measured(
        f"children's figures: {chosen}",
        lambda: kept_pages.children(centre, centre.latest, service=chosen, named=True),
    )


def run(what: str, scale: int, service: str | None) -> None:
    copy = Path(tempfile.mkdtemp(prefix=f"prepare-steps-{what}-")) / "store"
    shutil.copytree(demo_store(scale), copy)
    try:
        env = store_environment(copy, THRIVE_KEEP="shared")
        # a copy is another store version (its path is part of it): its frames files are
        # written first, in a process of their own, as the worker that prepares writes them
        for inside in ["files", what] if what == "children" else [what]:
            command = [sys.executable, __file__, "--inside", inside]
            if service:
                command += ["--service", service]
            print(f"# {inside}, scale {scale}, load average {Path('/proc/loadavg').read_text()}")
            subprocess.run(command, env=env, check=True)
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--only", choices=("prepare", "children"))
    parser.add_argument("--service", help="the service whose Children page (default: the first)")
    parser.add_argument(
        "--inside", choices=("prepare", "files", "children"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.inside:
        run_inside(args.inside, args.service)
        return
    for what in [args.only] if args.only else ["children", "prepare"]:
        run(what, args.scale, args.service)


if __name__ == "__main__":
    main()
