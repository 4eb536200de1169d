"""First-load benchmark: nine census returns (2017-2025) of a 300-worker council to its first
measures, Thrive against pandas + per-row ORM saves of the same files, in the same run.

    .venv/bin/python bench/onboard/run.py              # as in docs/benchmarks.md
    .venv/bin/python bench/onboard/run.py --repeat 3   # best of three for each side
    .venv/bin/python bench/onboard/run.py --quick      # the same (it is small already)

The nine returns are the demo council's own (``thrive demo`` then ``thrive census export`` for
each collection year), written once into a temporary folder. Each side then runs in its own
process on a fresh SQLite store, so neither warms the other's caches:

- **Thrive**: ``import_census`` of the nine files (read, checked against each year's rules,
  matched across years into one history, stored), then the first measures: the headline
  measures at 30 September of every year, computed from the store through the metrics registry.
- **Peer**: ``pandas.read_xml`` of each file and a Django ORM ``save()`` per worker and per role
  (a worker found again by Social Work England number is reused), then the same measures through
  the same registry. The peer does no validation and builds no history (a role is one spell per
  return): it is the plain way to load the files, timed for speed only.

Target (issue 12): under 20 s from files to first measures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

YEARS = tuple(range(2017, 2026))
HEADLINE = (
    "fte_in_post",
    "starters_fte",
    "leavers_fte",
    "turnover_rate",
    "agency_rate",
    "vacancy_rate",
    "average_caseload",
    "absence_rate",
)


def _setup(store: Path) -> None:
    os.environ["THRIVE_DATA_DIR"] = str(store)
    os.environ["THRIVE_DATABASE_URL"] = ""
    store.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _first_measures(la_number: str) -> dict[int, dict[str, float | None]]:
    from thrive.frames.load import load
    from thrive.metrics import compute
    from thrive.workforce import models as wf

    frames = load(wf.Authority.objects.get(la_number=la_number))
    figures: dict[int, dict[str, float | None]] = {}
    for year in YEARS:
        figures[year] = {
            r.name: r.value
            for r in compute(frames, as_at=date(year, 9, 30))
            if r.slice is None and r.name in HEADLINE
        }
    return figures


def prepare(folder: Path) -> dict[str, Any]:
    """The demo council in a scratch store, and its nine returns written into ``folder``."""
    _setup(folder / "demo-store")
    from django.core.management import call_command

    from thrive.workforce import models as wf

    call_command("demo", verbosity=0)
    authority = wf.Authority.objects.get()
    sizes = {}
    for year in YEARS:
        out = folder / "returns" / f"csww_{year}.xml"
        out.parent.mkdir(exist_ok=True)
        call_command("census", "export", "--year", str(year), "--out", str(out))
        sizes[year] = out.read_text(encoding="utf-8").count("<CSWWWorker>")
    return {"la_number": authority.la_number, "records": sizes}


def thrive(folder: Path) -> dict[str, Any]:
    _setup(folder / "thrive-store")
    from thrive.ingest.census_import import import_census

    files = sorted((folder / "returns").glob("*.xml"))
    cpu = time.process_time()
    started = time.perf_counter()
    outcomes = import_census(files, user="bench")
    stored = time.perf_counter()
    from thrive.workforce import models as wf

    figures = _first_measures(wf.Authority.objects.get().la_number)
    ended = time.perf_counter()
    return {
        "import_seconds": stored - started,
        "measure_seconds": ended - stored,
        "seconds": ended - started,
        "cpu_seconds": time.process_time() - cpu,
        "batches": len(outcomes),
        "warnings": sum(len(o.problems) for o in outcomes),
        "figures": figures,
    }


def peer(folder: Path) -> dict[str, Any]:
    _setup(folder / "peer-store")
    import pandas as pd
    from django.db import IntegrityError, transaction

    from thrive.workforce import models as wf

    files = sorted((folder / "returns").glob("*.xml"))
    started = time.perf_counter()
    la = pd.read_xml(files[0], xpath="//Source", parser="lxml")["LEA"].iloc[0]
    authority = wf.Authority.objects.create(la_number=f"{int(la):03d}", name="Peer")
    service = wf.Service.objects.create(authority=authority, name="Census")
    team = wf.Team.objects.create(service=service, name="Census", kind="assessment")
    workers: dict[str, wf.Worker] = {}
    rows = refused = 0
    with transaction.atomic():
        for path in files:
            frame = pd.read_xml(path, xpath="//CSWWWorker", parser="lxml")
            reference = date(int(path.stem[-4:]), 9, 30)
            for row in frame.itertuples(index=False):
                swe = str(row.SWENo)
                worker = workers.get(swe)
                if worker is None:
                    worker = wf.Worker(authority=authority, pseudonym=swe, swe_number=swe)
                    worker.save()
                    workers[swe] = worker
                agency = int(row.AgencyWorker) == 1
                start = getattr(row, "RoleStartDate", None)
                end = getattr(row, "RoleEndDate", None)
                ended = isinstance(end, str)
                org_role = int(row.OrgRole) if row.OrgRole == row.OrgRole else 5
                try:
                    with transaction.atomic():  # a savepoint per row, as a careful loader does
                        wf.EmploymentSpell.objects.update_or_create(
                            worker=worker,
                            org_role=org_role,
                            start_date=start if isinstance(start, str) else reference,
                            defaults={
                                "team": team,
                                "contract_type": "agency" if agency else "permanent",
                                "grade": "social_worker",
                                "fte": str(row.FTE),
                                "end_date": end if ended else (reference if agency else None),
                                "reason_leave": int(row.ReasonLeave) if ended else None,
                                "leaver_destination": int(row.LeaverDestination) if ended else None,
                            },
                        )
                except IntegrityError:
                    refused += 1
                    continue
                rows += 1
    stored = time.perf_counter()
    _first_measures(authority.la_number)
    ended_at = time.perf_counter()
    return {
        "rows": rows,
        "refused": refused,
        "import_seconds": stored - started,
        "measure_seconds": ended_at - stored,
        "seconds": ended_at - started,
    }


PHASES = {"prepare": prepare, "thrive": thrive, "peer": peer}


def _child(phase: str, folder: Path) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{phase} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side (best is kept)")
    parser.add_argument(
        "--quick", action="store_true", help="accepted for make bench-quick (already small)"
    )
    parser.add_argument("--phase", nargs=2, metavar=("PHASE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase, folder = args.phase
        print(json.dumps(PHASES[phase](Path(folder)), default=str))
        return
    with tempfile.TemporaryDirectory(prefix="thrive-bench-first-load-") as tmp:
        shared = Path(tmp)
        made = _child("prepare", shared)
        records = made["records"]
        print(
            f"Inputs: the demo council's returns {YEARS[0]}-{YEARS[-1]}, "
            f"{sum(records.values()):,} worker records "
            f"({min(records.values())}-{max(records.values())} a year)"
        )
        ours, theirs = [], []
        for run in range(args.repeat):
            for side, results in (("thrive", ours), ("peer", theirs)):
                folder = shared / f"{side}-{run}"
                folder.mkdir()
                (folder / "returns").symlink_to(shared / "returns")
                results.append(_child(side, folder))
    best = min(ours, key=lambda r: r["seconds"])
    runs = ", ".join(f"{r['seconds']:.2f}" for r in ours)
    peer_runs = ", ".join(f"{r['seconds']:.2f}" for r in theirs)
    best_peer = min(theirs, key=lambda r: r["seconds"])
    met = "met" if best["seconds"] < 20 else "NOT met"
    print(
        f"Thrive: nine returns stored in {best['import_seconds']:.2f} s, first measures for nine "
        f"years in {best['measure_seconds']:.2f} s: {best['seconds']:.2f} s wall "
        f"({best['cpu_seconds']:.2f} s CPU; runs {runs}) "
        f"[target < 20 s: {met}]"
    )
    print(
        f"Peer pandas.read_xml + per-row ORM update_or_create: {best_peer['rows']:,} rows stored "
        f"({best_peer['refused']} refused by the store as overlapping spells) in "
        f"{best_peer['import_seconds']:.2f} s, the same measures in "
        f"{best_peer['measure_seconds']:.2f} s: {best_peer['seconds']:.2f} s wall "
        f"(runs {peer_runs}) "
        f"-> Thrive x{best_peer['seconds'] / best['seconds']:.1f}"
    )
    print("Thrive's first measures (as at 30 September):")
    for year, figures in sorted(best["figures"].items()):
        shown = ", ".join(
            f"{name} {value:.1f}" if value is not None else f"{name} -"
            for name, value in figures.items()
        )
        print(f"  {year}: {shown}")
    print(f"Load average while measuring (2 cores shared): {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
