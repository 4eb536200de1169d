"""Benchmark: building the demo council, against a peer writer that uses bulk_create everywhere.

Target: ``thrive demo`` at scale 1 in under 30 seconds on SQLite; ``--scale 20`` (about
6,000 workers in post, two million records) must be workable. For each scale this times the
simulation, the write (one transaction), the logins and the store digest, wall clock and CPU.

The peer, measured in the same run at the first scale: the same records written with Django's
``bulk_create`` for every table (the demo's writer uses ``executemany`` for the four high-volume
practice tables). The ratio is peer time / our time for the write.

Each build goes into a fresh temporary SQLite file (or, if THRIVE_DATABASE_URL is set, that
database, whose demo authority is replaced). Run:

    .venv/bin/python bench/demo/run.py                 # scale 1 and the peer
    .venv/bin/python bench/demo/run.py --scales 1 20   # also the consortium-sized store
    .venv/bin/python bench/demo/run.py --quick         # scale 1 only, whatever --scales says
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from typing import Any

if not os.environ.get("THRIVE_DATABASE_URL"):
    os.environ["THRIVE_DATA_DIR"] = tempfile.mkdtemp(prefix="thrive-bench-demo-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# The writing is timed alone: no frames files written on a thread after each commit (a command
# would write them while it carried on; here the next step deletes the authority under them).
settings.THRIVE_PREPARE_AT_COMMIT = False

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db import models as db  # noqa: E402

from thrive.demo import simulate, store_digest  # noqa: E402
from thrive.demo import store as writer  # noqa: E402
from thrive.demo.logins import create_logins  # noqa: E402
from thrive.demo.records import DemoRecords  # noqa: E402
from thrive.workforce import models  # noqa: E402

TARGET_SECONDS = 30.0


class Clock:
    """Wall-clock and CPU seconds of a block."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def _clear() -> None:
    existing = models.Authority.objects.filter(la_number=writer.LA_NUMBER).first()
    if existing is not None:
        with transaction.atomic():
            writer.delete(existing)


def _peer_insert(model: type[db.Model], columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]],
                 size: int) -> None:  # fmt: skip
    """The peer: a model instance per row and ``bulk_create``, as for the other tables."""
    names = [model._meta.get_field(c).attname for c in columns]  # type: ignore[union-attr]
    for batch in writer._batches(rows, size):
        model._default_manager.bulk_create(
            [model(**dict(zip(names, row, strict=True))) for row in batch], batch_size=size
        )


def timed_write(records: DemoRecords, insert: Callable[..., None] | None = None) -> Clock:
    original = writer._insert
    if insert is not None:
        writer._insert = insert  # type: ignore[assignment]
    try:
        with Clock() as clock, transaction.atomic():
            writer.write(records)
    finally:
        writer._insert = original  # type: ignore[assignment]
    return clock


def in_post(authority: models.Authority) -> int:
    from datetime import date

    from django.db.models import Q

    day = date(2025, 9, 30)
    spells = models.EmploymentSpell.objects.filter(worker__authority=authority, start_date__lte=day)
    current = spells.filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
    return current.values("worker").distinct().count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="scale 1 only (the default)")
    args = parser.parse_args()
    if args.quick:
        args.scales = [1]
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; {os.cpu_count()} CPUs; load {os.getloadavg()[0]:.1f}")
    for index, scale in enumerate(args.scales):
        _clear()
        with Clock() as sim:
            records = simulate(args.seed, scale)
        rows = sum(records.counts().values())
        if index == 0:
            peer = timed_write(records, _peer_insert)
            _clear()
        write = timed_write(records)
        authority = models.Authority.objects.get(la_number=writer.LA_NUMBER)
        with Clock() as logins:
            create_logins(authority)
        with Clock() as digest:
            store_digest(authority)
        total = sim.wall + write.wall + logins.wall + digest.wall
        print(f"\nscale {scale}: {rows:,} records, {len(records.workers):,} workers ever, "
              f"{in_post(authority):,} in post on 30 Sep 2025")  # fmt: skip
        for name, clock in (("simulate", sim), ("write", write), ("logins", logins),
                            ("digest", digest)):  # fmt: skip
            print(f"  {name:<9} {clock.wall:7.1f} s wall {clock.cpu:7.1f} s CPU")
        print(f"  total     {total:7.1f} s wall")
        if scale == 1:
            verdict = "met" if total < TARGET_SECONDS else "MISSED"
            print(f"  target: scale 1 under {TARGET_SECONDS:.0f} s: {verdict}")
        if index == 0:
            print(f"  peer (bulk_create for every table) write: {peer.wall:.1f} s wall, "
                  f"{peer.cpu:.1f} s CPU; ratio peer / ours: {peer.wall / write.wall:.1f}x wall, "
                  f"{peer.cpu / write.cpu:.1f}x CPU")  # fmt: skip
    _clear()


if __name__ == "__main__":
    sys.exit(main())
