"""Peak memory of one large import: a generated absence extract through ``import_extract``.

    .venv/bin/python bench/memory/run.py                  # 1,000,000 rows (docs/benchmarks.md)
    .venv/bin/python bench/memory/run.py --rows 100000    # a smaller run
    .venv/bin/python bench/memory/run.py --refused        # the same file with one bad last row
    .venv/bin/python bench/memory/run.py --quick          # 100,000 rows, 2,000 workers

A fresh SQLite store is made in a temporary folder and given 20 teams and the workers (a staff
extract, in a process of its own); then the absence extract (episodes of every worker, written
week by week, so each part of the file names every worker) is imported in a child process, and
that process's peak resident size is read from ``os.wait4`` (the kernel's ``ru_maxrss`` of that
one child). With ``--refused`` the last row has an unknown reason code, so the whole file is
checked and then refused, changing nothing.

The figure is for whichever ``thrive`` the child imports: set ``PYTHONPATH`` to another source
tree (e.g. an older commit unpacked with ``git archive``) to measure that one.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ingest"))

import generate  # noqa: E402

REASONS = ["SIC", "SIC", "SIC", "OTH", "TRN", "UNP", "PUB"]
FIRST_WEEK = date(2000, 1, 3)


def absence(path: Path, rows: int, workers: int, bad_last_row: bool = False, seed: int = 5) -> None:
    """``rows`` absence episodes: week by week, one for each worker, in worker order."""
    rng = random.Random(seed)
    with path.open("w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(["worker_id", "start_date", "end_date", "reason", "working_days_lost"])
        for n in range(rows):
            week, worker = divmod(n, workers)
            start = FIRST_WEEK + timedelta(weeks=week)
            days = rng.randrange(1, 6)
            reason = "XXX" if bad_last_row and n == rows - 1 else rng.choice(REASONS)
            end = start + timedelta(days=days - 1)
            out.writerow([f"E{worker:06d}", start.isoformat(), end.isoformat(), reason, days])


def _setup(store: Path) -> None:
    os.environ["THRIVE_DATA_DIR"] = str(store)
    os.environ["THRIVE_DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()


def child_prepare(folder: Path) -> None:
    _setup(folder / "store")
    from django.core.management import call_command

    from thrive.ingest.extract_import import import_extract

    call_command("migrate", verbosity=0)
    import_extract("posts", folder / "posts.csv", authority="850", user="bench")
    import_extract("staff", folder / "staff.csv", user="bench", today=date(2026, 1, 1))


def child_import(folder: Path) -> None:
    _setup(folder / "store")
    import thrive
    from thrive.ingest.extract_import import import_extract
    from thrive.problems import ImportValidationError

    started = time.perf_counter()
    result: dict[str, Any] = {"thrive": str(Path(thrive.__file__).parent)}
    try:
        outcome = import_extract("absence", folder / "absence.csv", user="bench")
    except ImportValidationError as refused:
        result["refused"] = len(refused.errors)
    else:
        result["added"] = outcome.counts.added
    result["seconds"] = round(time.perf_counter() - started, 1)
    (folder / "result.json").write_text(json.dumps(result))


def _run_child(mode: str, folder: Path) -> tuple[float, dict[str, Any] | None]:
    """Run this script in ``mode`` in a child process: its peak memory (MiB) and result."""
    child = subprocess.Popen([sys.executable, __file__, f"--{mode}", str(folder)])
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"the {mode} child failed with exit code {child.returncode}")
    found = folder / "result.json"
    return usage.ru_maxrss / 1024, json.loads(found.read_text()) if found.exists() else None


def measure(rows: int, workers: int, refused: bool, folder: Path) -> dict[str, Any]:
    """Generate the files, prepare the store and import the extract; what was seen."""
    generate.posts(folder / "posts.csv")
    generate.staff(folder / "staff.csv", workers)
    absence(folder / "absence.csv", rows, workers, bad_last_row=refused)
    (folder / "store").mkdir(exist_ok=True)
    _run_child("prepare", folder)
    peak, result = _run_child("import", folder)
    assert result is not None
    size = (folder / "absence.csv").stat().st_size
    return {"rows": rows, "workers": workers, "file_mib": round(size / 2**20, 1),
            "peak_mib": round(peak), **result}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=5_000)
    parser.add_argument("--refused", action="store_true", help="make the last row bad")
    parser.add_argument("--quick", action="store_true", help="100,000 rows, 2,000 workers")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--import", dest="do_import", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        return child_prepare(args.prepare)
    if args.do_import:
        return child_import(args.do_import)
    if args.quick:
        args.rows, args.workers = 100_000, 2_000
    with tempfile.TemporaryDirectory(prefix="thrive-memory-") as tmp:
        print(json.dumps(measure(args.rows, args.workers, args.refused, Path(tmp))))
    print(f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)


if __name__ == "__main__":
    main()
