"""Print the demo's calibration table (markdown) for some seeds: target, tolerance, measured.

The figures are counted from the store exactly as the demo tests count them
(``tests/demo/demo_counting.py``), after building each seed into a temporary SQLite file. This
is how the table in ``docs/demo.md`` was made:

    .venv/bin/python bench/demo/calibration.py --seeds 1 2 3 4 5
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ["THRIVE_DATA_DIR"] = tempfile.mkdtemp(prefix="thrive-demo-calibration-")
os.environ.pop("THRIVE_DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
sys.path.insert(0, str(Path(__file__).parents[2] / "tests" / "demo"))

import django  # noqa: E402

django.setup()

from demo_counting import FIGURES  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from thrive.demo import TARGETS, load_demo  # noqa: E402
from thrive.frames.load import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    measured: dict[int, dict[str, float]] = {}
    for seed in args.seeds:
        with transaction.atomic():
            frames = load(load_demo(seed=seed).authority)
            measured[seed] = {key: count(frames) for key, count in FIGURES.items()}
            transaction.set_rollback(True)
    seeds = " | ".join(f"seed {s}" for s in args.seeds)
    print(f"| figure | when | target | tolerance | {seeds} |")
    print("|---|---|---|---|" + "---|" * len(args.seeds))
    for t in TARGETS:
        values = " | ".join(
            ("" if t.holds_for(measured[s][t.key]) else "**MISS** ") + f"{measured[s][t.key]:.1f}"
            for s in args.seeds
        )
        unit = "" if t.unit in ("people", "cases") else f" {t.unit}"
        print(f"| {t.figure} | {t.when} | {t.target:g}{unit} | ± {t.tolerance:g} | {values} |")


if __name__ == "__main__":
    main()
