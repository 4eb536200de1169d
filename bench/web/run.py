"""Benchmark: every page as users meet it, first view and under steady use, on a real server.

For each scale (the demo council at ``--scale 1`` and the consortium-sized ``--scale 20``) and
each way of keeping results (``THRIVE_KEEP=shared``, the default, and the peer
``THRIVE_KEEP=process``, the old keep in each worker process), on ``thrive serve --workers 2``
(gunicorn, 2 sync workers) over a fresh copy of the demo store:

- cold: once the server has prepared the new store (the shared keep, as after an import: it
  logs when, and the time is reported; the process keep prepares nothing), each demo login (HR
  admin, leadership, service manager, team manager) opens each page it gets, once through each
  worker (the other worker is paused for the moment the request is accepted: see ``server.py``);
  a page that says "Working this out" is asked again until whole, and that time is reported;
- warm: then 16 concurrent clients cycle through all those pages for 30 s: p50, p95 and max
  latency, requests a second and errors (any answer but a page or a redirect to another page);
- memory: each worker's peak resident size (VmHWM in /proc) at the end.

Targets: every first view under 1 s at scale 1 and under 2 s at scale 20; warm p95 under 200 ms
at both; zero errors. Sessions are made like Django's ``Client.force_login`` (``logins.py``),
not through the sign-in form. Stores are built on first use (``bench/stores.py``).

    .venv/bin/python bench/web/run.py                 # scales 1 and 20, both keeps, 30 s warm
    .venv/bin/python bench/web/run.py --quick         # scale 1, five pages, 5 s warm
    .venv/bin/python bench/web/run.py --quick --scales 20   # the same on the scale-20 store
    .venv/bin/python bench/web/run.py --scales 1 --keeps process
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from pages import PAGES, QUICK_PAGES, Login  # noqa: E402
from phases import FirstView, Warm, cold, percentile, warm  # noqa: E402
from server import Server  # noqa: E402

from stores import demo_store, store_environment, working_copy  # noqa: E402

RESULTS = HERE.parent / "results" / "web"
FIRST_VIEW_TARGET = {1: 1.0, 20: 2.0}
WARM_P95_TARGET = 0.200
KEEP_VARIABLE = "THRIVE_KEEP"
PEER = "process"


def sign_in(data_dir: Path) -> list[Login]:
    shown = subprocess.run(
        [sys.executable, str(HERE / "logins.py")],
        env=store_environment(data_dir),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [Login(**found) for found in json.loads(shown)]


@dataclass
class Run:
    """What one server showed: first views, the warm phase, its workers' memory in MiB."""

    views: list[FirstView]
    warm: Warm
    memory: dict[int, tuple[float, float]]  # worker id: (resident now, peak)
    restarts: int  # workers gunicorn replaced during the run (its 30 s timeout)
    prepared: float | None  # seconds from the server's start until it said it was prepared

    @property
    def errors(self) -> int:
        failed = sum(1 for v in self.views for a in v.answers if not a.ok)
        return failed + self.warm.errors + self.restarts


def measure(store: Path, scale: int, keep: str, args: argparse.Namespace) -> Run:
    """One server, started fresh on a copy of the store with ``THRIVE_KEEP=keep``."""
    copy = working_copy(store, f"web-{scale}-{keep}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    try:
        logins = sign_in(copy)
        server = Server(copy, RESULTS / "server.log", **{KEEP_VARIABLE: keep})
        try:
            # As after an import: the new store version is prepared before anyone asks (the
            # shared keep); the process keep prepares nothing, so its first views start at once.
            prepared = server.prepared(args.prepare_wait) if keep == "shared" else None
            views = cold(server, logins, args.pages)
            steady = warm(server, views, logins, args.clients, args.seconds)
            memory = server.memory()
            restarts = server.restarts()
        finally:
            server.stop()
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return Run(views, steady, memory, restarts, prepared)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _first_views(views: list[FirstView]) -> list[float]:
    return [a.seconds for v in views for a in v.answers]


def show_scale(scale: int, runs: dict[str, Run]) -> list[str]:
    """Print one scale's tables; return its verdict lines."""
    keeps = list(runs)
    print(f"\nscale {scale}: first view of each page after a restart, worker 1 / worker 2 (s)")
    header = f"  {'role':17} {'page':18}" + "".join(f" {k + ' keep':>19}" for k in keeps)
    print(header)
    by_key: dict[str, dict[tuple[str, str], FirstView]] = {
        k: {(v.role, v.label): v for v in run.views} for k, run in runs.items()
    }
    rows = list(dict.fromkeys(key for k in keeps for key in by_key[k]))
    for role, label in rows:
        cells = []
        for k in keeps:
            found = by_key[k].get((role, label))
            if found is None:
                cells.append(f"{'-':>19}")
                continue
            text = " / ".join(
                f"{a.seconds:.2f}" if a.ok else f"ERR {a.status}" for a in found.answers
            )
            cells.append(f" {text:>18}")
        print(f"  {role:17} {label:18}" + "".join(cells))
    verdicts = []
    target = FIRST_VIEW_TARGET.get(scale, 2.0)
    summary: dict[str, dict[str, float]] = {}
    for k, run in runs.items():
        views, steady = run.views, run.warm
        firsts = _first_views(views)
        over = sum(1 for s in firsts if s >= target)
        lat = steady.latencies()
        errors = run.errors
        summary[k] = {
            "slowest": max(firsts),
            "total": sum(firsts),
            "p95": percentile(lat, 0.95),
            "rps": len(lat) / steady.seconds,
        }
        cpu = [c for v in views for c in v.cpu]
        filled = [f for v in views for f in v.filled if f is not None]
        if k == "shared":
            print(
                f"\nscale {scale}, {KEEP_VARIABLE}={k}: the server said it had prepared the store "
                + (
                    f"{run.prepared:.1f} s after it started (the first views below come after)"
                    if run.prepared is not None
                    else "NOT within the wait (the first views below did not wait for it)"
                )
            )
        print(
            f"\nscale {scale}, {KEEP_VARIABLE}={k}: first views {len(firsts)}, slowest "
            f"{max(firsts):.2f} s, median {percentile(sorted(firsts), 0.5):.2f} s, "
            f"{over} at or over {target:.0f} s; worker CPU for them: slowest "
            f"{max(cpu):.2f} s, all {sum(cpu):.1f} s for {sum(firsts):.1f} s wall"
        )
        print(
            f"  warm ({len(lat):,} requests in {steady.seconds:.0f} s, "
            f"{len(steady.targets)} pages): p50 {_ms(percentile(lat, 0.5))}, "
            f"p95 {_ms(percentile(lat, 0.95))}, max {_ms(lat[-1] if lat else 0)}, "
            f"{len(lat) / steady.seconds:,.1f} requests/s, errors {errors}; "
            f"worker CPU {1000 * steady.server_cpu / max(len(lat), 1):.1f} ms a request"
            + (
                f" (incl. {run.restarts} workers killed by gunicorn's timeout)"
                if run.restarts
                else ""
            )
        )
        slow = sorted(
            {t[1] for t in steady.targets}, key=lambda lb: -percentile(steady.latencies(lb), 0.95)
        )[:4]
        print(
            "  slowest pages warm (p95): "
            + ", ".join(f"{lb} {_ms(percentile(steady.latencies(lb), 0.95))}" for lb in slow)
        )
        memory = run.memory
        print(
            "  peak memory per worker (VmHWM): "
            + ", ".join(f"{peak:,.0f} MiB" for _, peak in memory.values())
            + " (resident now: "
            + ", ".join(f"{now:,.0f} MiB" for now, _ in memory.values())
            + ")"
        )
        print(
            f"  first views that said 'Working this out': {len(filled)}"
            + (f", whole after at most {max(filled):.1f} s" if filled else "")
        )
        met = "MET" if over == 0 and not filled and firsts else "NOT MET"
        verdicts.append(
            f"scale {scale:>2}, {k:>7} keep: every first view whole and under {target:.0f} s: "
            f"{met} (slowest {max(firsts):.2f} s, {len(filled)} said 'Working this out')"
        )
        met = "MET" if summary[k]["p95"] < WARM_P95_TARGET else "NOT MET"
        verdicts.append(
            f"scale {scale:>2}, {k:>7} keep: warm p95 under {_ms(WARM_P95_TARGET)}: {met} "
            f"({_ms(summary[k]['p95'])})"
        )
        verdicts.append(
            f"scale {scale:>2}, {k:>7} keep: zero errors: {'MET' if not errors else 'NOT MET'}"
            f" ({errors})"
        )
    if "shared" in summary and PEER in summary:
        ours, peer = summary["shared"], summary[PEER]
        print(
            f"\nscale {scale}, peer ({PEER} keep) / shared keep: slowest first view "
            f"{peer['slowest'] / ours['slowest']:.2f}x, all first views "
            f"{peer['total'] / ours['total']:.2f}x, warm p95 {peer['p95'] / ours['p95']:.2f}x, "
            f"throughput {ours['rps'] / peer['rps']:.2f}x (above 1: shared is better)"
        )
    return verdicts


def _record(scale: int, keep: str, run: Run) -> dict[str, object]:
    views, steady = run.views, run.warm
    return {
        "scale": scale,
        "keep": keep,
        "first_views": [
            {
                "role": v.role,
                "page": v.label,
                "path": v.path,
                "seconds": [a.seconds for a in v.answers],
                "cpu_seconds": v.cpu,
                "status": [a.status for a in v.answers],
            }
            for v in views
        ],
        "warm": {
            "seconds": steady.seconds,
            "requests": len(steady.timings),
            "errors": steady.errors,
            "p50": percentile(steady.latencies(), 0.5),
            "p95": percentile(steady.latencies(), 0.95),
            "max": max(steady.latencies(), default=0.0),
            "worker_cpu_seconds": steady.server_cpu,
        },
        "memory_mib": {str(pid): list(m) for pid, m in run.memory.items()},
        "worker_restarts": run.restarts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", help="default 1 20 (--quick: 1)")
    parser.add_argument("--keeps", nargs="+", default=["shared", PEER], help="THRIVE_KEEP values")
    parser.add_argument("--seconds", type=float, default=30, help="length of the warm phase")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients when warm")
    parser.add_argument("--quick", action="store_true", help="five pages, 5 s warm, scale 1")
    parser.add_argument(
        "--prepare-wait",
        type=float,
        default=900,
        help="seconds to wait for the shared keep's server to prepare the store (default 900)",
    )
    args = parser.parse_args()
    labels = tuple(label for label, _ in PAGES)
    if args.quick:
        args.seconds, labels = min(args.seconds, 5), QUICK_PAGES
    args.scales = args.scales or ([1] if args.quick else [1, 20])
    args.pages = labels
    print(
        f"thrive serve --workers 2 on loopback; {args.clients} clients for {args.seconds:.0f} s "
        f"warm; {KEEP_VARIABLE} in {args.keeps}; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores; {datetime.now():%Y-%m-%d %H:%M}",
        flush=True,
    )
    verdicts: list[str] = []
    records = []
    errors = 0
    for scale in args.scales:
        store = demo_store(scale)
        runs = {}
        for keep in args.keeps:
            started = time.perf_counter()
            runs[keep] = measure(store, scale, keep, args)
            print(
                f"  measured scale {scale} with {KEEP_VARIABLE}={keep} in "
                f"{time.perf_counter() - started:.0f} s (load average {os.getloadavg()[0]:.1f})",
                flush=True,
            )
            records.append(_record(scale, keep, runs[keep]))
            errors += runs[keep].errors
        verdicts += show_scale(scale, runs)
    print("\ntargets:")
    for line in verdicts:
        print(f"  {line}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"web-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(records, indent=1))
    print(f"every figure: {out}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
