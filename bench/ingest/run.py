"""Import benchmark: Thrive's importers against pandas + a per-row ORM save, in the same run.

    .venv/bin/python bench/ingest/run.py            # full size (as in docs/benchmarks.md)
    .venv/bin/python bench/ingest/run.py --quick    # a tenth of the size, for a smoke run

Targets: a 100,000-row staff-and-caseload extract validated and stored on SQLite in
under 10 s; a 40,000-worker census return in under 30 s with peak memory under 1 GiB. Each
measurement runs in its own process on a fresh SQLite store, so memory figures are its own.
The peer ("pandas") reads the same file with pandas (read_csv / read_excel / read_xml) and saves
each row with the Django ORM inside one transaction; it runs on a sample of rows and is
reported in rows per second, like Thrive.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _setup(folder: Path) -> None:
    os.environ["THRIVE_DATA_DIR"] = str(folder / "store")
    os.environ["THRIVE_DATABASE_URL"] = ""
    (folder / "store").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- measurements, each run in a child process --------------------------------------------------


def thrive_extract(folder: Path) -> dict[str, Any]:
    _setup(folder)
    from thrive.ingest.extract_import import import_extract

    import_extract("posts", folder / "posts.csv", authority="850", user="bench")
    cpu = time.process_time()
    started = time.perf_counter()
    staff = import_extract("staff", folder / "staff.csv", user="bench")
    middle = time.perf_counter()
    cases = import_extract("caseloads", folder / "caseloads.csv", user="bench")
    ended = time.perf_counter()
    cpu = time.process_time() - cpu
    rows = staff.counts.added + cases.counts.added
    again = time.perf_counter()
    repeat = import_extract("caseloads", folder / "caseloads.csv", user="bench")
    return {
        "rows": rows,
        "seconds": ended - started,
        "cpu_seconds": cpu,
        "staff_seconds": middle - started,
        "caseload_seconds": ended - middle,
        "reimport_unchanged": repeat.counts.unchanged,
        "reimport_seconds": time.perf_counter() - again,
        "peak_mib": _peak_mib(),
    }


def _peer_workers(folder: Path, limit: int, reader: str) -> tuple[float, float, int]:
    """pandas + per-row save of staff rows: (read seconds, save seconds, rows saved)."""
    import pandas as pd
    from django.db import transaction

    from thrive.workforce import models as wf

    started = time.perf_counter()
    frame = pd.read_csv(folder / "staff.csv", parse_dates=["birth_date", "start_date"])
    read = time.perf_counter() - started
    authority = wf.Authority.objects.get(la_number="850")
    teams = {t.name: t for t in wf.Team.objects.filter(service__authority=authority)}
    started = time.perf_counter()
    with transaction.atomic():
        for row in frame.head(limit).itertuples(index=False):
            worker = wf.Worker(
                authority=authority,
                pseudonym=row.worker_id,
                swe_number=row.swe_number,
                birth_date=row.birth_date.date(),
                sex=row.sex,
                ethnicity=row.ethnicity,
            )
            worker.save()
            wf.EmploymentSpell(
                worker=worker,
                team=teams[row.team],
                contract_type=row.contract_type,
                grade=row.grade,
                org_role=5,
                fte=str(row.fte),
                start_date=row.start_date.date(),
                start_origin=int(row.start_origin),
            ).save()
    return read, time.perf_counter() - started, min(limit, len(frame))


def peer_extract(folder: Path, limit: int) -> dict[str, Any]:
    _setup(folder)
    import pandas as pd
    from django.db import transaction

    from thrive.ingest.extract_import import import_extract
    from thrive.workforce import models as wf

    import_extract("posts", folder / "posts.csv", authority="850", user="bench")
    staff_read, staff_save, staff_rows = _peer_workers(folder, limit // 5, "csv")
    started = time.perf_counter()
    frame = pd.read_csv(folder / "caseloads.csv", parse_dates=["date"])
    cases_read = time.perf_counter() - started
    workers = {w.pseudonym: w for w in wf.Worker.objects.all()}
    sample = frame[frame["worker_id"].isin(list(workers))].head(limit - staff_rows)
    started = time.perf_counter()
    with transaction.atomic():
        for row in sample.itertuples(index=False):
            wf.CaseloadSnapshot(
                worker=workers[row.worker_id],
                date=row.date.date(),
                cases=int(row.cases),
                children=int(row.children),
                weighted_points=str(row.weighted_points),
            ).save()
    cases_save = time.perf_counter() - started
    rows = staff_rows + len(sample)
    return {
        "rows": rows,
        "read_rows": len(frame) + staff_rows * 5,
        "read_seconds": staff_read + cases_read,
        "save_seconds": staff_save + cases_save,
        "peak_mib": _peak_mib(),
    }


def thrive_xlsx(folder: Path) -> dict[str, Any]:
    _setup(folder)
    from thrive.ingest.extract_import import import_extract

    import_extract("posts", folder / "posts.csv", authority="850", user="bench")
    import_extract("staff", folder / "staff.csv", user="bench")
    started = time.perf_counter()
    outcome = import_extract("caseloads", folder / "caseloads.xlsx", user="bench")
    return {"rows": outcome.counts.added, "seconds": time.perf_counter() - started}


def peer_xlsx(folder: Path, limit: int) -> dict[str, Any]:
    _setup(folder)
    import pandas as pd
    from django.db import transaction

    from thrive.ingest.extract_import import import_extract
    from thrive.workforce import models as wf

    import_extract("posts", folder / "posts.csv", authority="850", user="bench")
    import_extract("staff", folder / "staff.csv", user="bench")
    started = time.perf_counter()
    frame = pd.read_excel(folder / "caseloads.xlsx", header=2)
    read = time.perf_counter() - started
    workers = {w.pseudonym: w for w in wf.Worker.objects.all()}
    started = time.perf_counter()
    with transaction.atomic():
        for row in frame.head(limit).itertuples(index=False):
            wf.CaseloadSnapshot(
                worker=workers[row.worker_id],
                date=row.date.date(),
                cases=int(row.cases),
                children=int(row.children),
                weighted_points=str(row.weighted_points),
            ).save()
    return {
        "rows": min(limit, len(frame)),
        "read_rows": len(frame),
        "read_seconds": read,
        "save_seconds": time.perf_counter() - started,
    }


def thrive_census(folder: Path) -> dict[str, Any]:
    _setup(folder)
    from thrive.ingest.census_import import import_census

    cpu = time.process_time()
    started = time.perf_counter()
    outcomes = import_census([folder / "census.xml"], user="bench")
    return {
        "records": outcomes[0].counts.added,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "peak_mib": _peak_mib(),
    }


def peer_census(folder: Path, limit: int) -> dict[str, Any]:
    _setup(folder)
    import pandas as pd
    from django.db import transaction

    from thrive.workforce import models as wf

    started = time.perf_counter()
    frame = pd.read_xml(folder / "census.xml", xpath="//CSWWWorker", parser="lxml")
    read = time.perf_counter() - started
    authority = wf.Authority.objects.create(la_number="850", name="Bench")
    service = wf.Service.objects.create(authority=authority, name="Census")
    team = wf.Team.objects.create(service=service, name="Census", kind="assessment")
    employed = frame[frame["AgencyWorker"] == 0].head(limit)
    started = time.perf_counter()
    with transaction.atomic():
        for row in employed.itertuples(index=False):
            worker = wf.Worker(
                authority=authority,
                pseudonym=row.SWENo,
                swe_number=row.SWENo,
                birth_date=row.PersonBirthDate,
                sex=row.Sex,
                ethnicity=row.Ethnicity,
            )
            worker.save()
            ended = isinstance(row.RoleEndDate, str)
            wf.EmploymentSpell(
                worker=worker,
                team=team,
                contract_type="permanent",
                grade="social_worker",
                org_role=int(row.OrgRole),
                fte=str(row.FTE),
                start_date=row.RoleStartDate,
                end_date=row.RoleEndDate if ended else None,
                reason_leave=int(row.ReasonLeave) if ended else None,
                leaver_destination=int(row.LeaverDestination) if ended else None,
            ).save()
    return {
        "rows": len(employed),
        "read_rows": len(frame),
        "read_seconds": read,
        "save_seconds": time.perf_counter() - started,
        "peak_mib": _peak_mib(),
    }


PHASES = {
    "thrive-extract": thrive_extract,
    "peer-extract": peer_extract,
    "thrive-xlsx": thrive_xlsx,
    "peer-xlsx": peer_xlsx,
    "thrive-census": thrive_census,
    "peer-census": peer_census,
}


def _child(phase: str, files: Path, limit: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"thrive-bench-{phase}-") as work:
        folder = Path(work)
        for source in files.iterdir():
            (folder / source.name).symlink_to(source)
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--phase",
            phase,
            str(folder),
            str(limit),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"{phase} failed:\n{done.stderr[-3000:]}")
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the size")
    parser.add_argument("--phase", nargs=3, metavar=("PHASE", "FOLDER", "LIMIT"))
    args = parser.parse_args()
    if args.phase:
        phase, folder, limit = args.phase
        print(
            json.dumps(
                PHASES[phase](Path(folder), int(limit))
                if phase.startswith("peer")
                else PHASES[phase](Path(folder))
            )
        )  # type: ignore[operator]
        return
    sys.path.insert(0, str(HERE))
    import generate

    scale = 10 if args.quick else 1
    staff_rows, census_workers = 20_000 // scale, 40_000 // scale
    with tempfile.TemporaryDirectory(prefix="thrive-bench-files-") as tmp:
        files = Path(tmp)
        generate.posts(files / "posts.csv")
        generate.staff(files / "staff.csv", staff_rows)
        case_rows = generate.caseloads(files / "caseloads.csv", staff_rows)
        generate.caseloads_xlsx(files / "caseloads.xlsx", staff_rows)
        census_records = generate.census(files / "census.xml", census_workers)
        print(
            f"Inputs: staff {staff_rows:,} rows + caseloads {case_rows:,} rows (CSV); "
            f"caseloads {staff_rows:,} rows (XLSX); census {census_records:,} records "
            f"({(files / 'census.xml').stat().st_size / 2**20:.1f} MiB)"
        )
        ours = _child("thrive-extract", files, 0)
        peer = _child("peer-extract", files, 5_000 // scale)
        ours_x = _child("thrive-xlsx", files, 0)
        peer_x = _child("peer-xlsx", files, 2_000 // scale)
        ours_c = _child("thrive-census", files, 0)
        peer_c = _child("peer-census", files, 2_000 // scale)
    report(ours, peer, ours_x, peer_x, ours_c, peer_c, census_workers)
    print(f"Load average while measuring (2 cores shared): {os.getloadavg()[0]:.1f}")


def _rate(rows: float, seconds: float) -> float:
    return rows / seconds if seconds else float("inf")


def _peer_rate(peer: dict[str, Any]) -> float:
    """Rows per second of read-then-save: pandas' read time per row plus save time per row."""
    return 1 / (peer["read_seconds"] / peer["read_rows"] + peer["save_seconds"] / peer["rows"])


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(*results: Any) -> None:
    ours, peer, ours_x, peer_x, ours_c, peer_c, census_workers = results
    rate, peer_rate = _rate(ours["rows"], ours["seconds"]), _peer_rate(peer)
    print(
        f"\nStaff + caseload extract (CSV, SQLite): {ours['rows']:,} rows validated and stored "
        f"in {ours['seconds']:.2f} s wall, {ours['cpu_seconds']:.2f} s CPU (staff "
        f"{ours['staff_seconds']:.2f} s, caseloads {ours['caseload_seconds']:.2f} s) = "
        f"{rate:,.0f} rows/s; peak {ours['peak_mib']:.0f} MiB "
        f"[target < 10 s: {_met(ours['seconds'] < 10)}]"
    )
    print(
        f"  same caseload file again: {ours['reimport_unchanged']:,} rows unchanged in "
        f"{ours['reimport_seconds']:.2f} s"
    )
    print(
        f"  peer pandas.read_csv + per-row ORM save: {peer_rate:,.0f} rows/s (read "
        f"{peer['read_rows']:,} rows in {peer['read_seconds']:.2f} s; saved {peer['rows']:,} in "
        f"{peer['save_seconds']:.2f} s) -> Thrive x{rate / peer_rate:.1f}"
    )
    rate_x, peer_x_rate = _rate(ours_x["rows"], ours_x["seconds"]), _peer_rate(peer_x)
    print(
        f"Caseload workbook (XLSX): {ours_x['rows']:,} rows in {ours_x['seconds']:.2f} s = "
        f"{rate_x:,.0f} rows/s; peer pandas.read_excel + per-row save {peer_x_rate:,.0f} rows/s "
        f"-> Thrive x{rate_x / peer_x_rate:.1f}"
    )
    rate_c, peer_c_rate = _rate(census_workers * 1.1, ours_c["seconds"]), _peer_rate(peer_c)
    print(
        f"Census return ({census_workers:,} workers + {census_workers // 10:,} agency): stored "
        f"in {ours_c['seconds']:.2f} s wall, {ours_c['cpu_seconds']:.2f} s CPU = {rate_c:,.0f} "
        f"records/s, peak memory {ours_c['peak_mib']:.0f} MiB [targets < 30 s: "
        f"{_met(ours_c['seconds'] < 30)}; < 1 GiB: {_met(ours_c['peak_mib'] < 1024)}]"
    )
    print(
        f"  peer pandas.read_xml + per-row ORM save: {peer_c_rate:,.0f} records/s (read "
        f"{peer_c['read_rows']:,} in {peer_c['read_seconds']:.2f} s, peak "
        f"{peer_c['peak_mib']:.0f} MiB; saved {peer_c['rows']:,} in "
        f"{peer_c['save_seconds']:.2f} s) -> Thrive x{rate_c / peer_c_rate:.1f}"
    )


if __name__ == "__main__":
    main()
