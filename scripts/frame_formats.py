"""Measure ways to hand one authority's frames to a fresh process (docs/benchmarks.md).

    THRIVE_DATA_DIR=/path/to/store .venv/bin/python scripts/frame_formats.py [--la 999]

Reads the store into frames once (today's way, timed), writes them in each format to a
temporary folder, then times reading them back in a fresh Python process per format (the time
from "polars imported" to "every frame in memory", which is what a new server process pays).
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import time
from dataclasses import fields
from pathlib import Path

FORMATS = ("ipc", "ipc-lz4", "ipc-zstd", "parquet", "parquet-none", "pickle")


def _write(frames: object, folder: Path, fmt: str) -> None:
    import polars as pl

    folder.mkdir(parents=True)
    if fmt == "pickle":
        (folder / "frames.pickle").write_bytes(pickle.dumps(frames, protocol=5))
        return
    for field in fields(frames):  # type: ignore[arg-type]
        value = getattr(frames, field.name)
        if not isinstance(value, pl.DataFrame):
            continue
        if fmt.startswith("ipc"):
            compression = {"ipc": "uncompressed", "ipc-lz4": "lz4", "ipc-zstd": "zstd"}[fmt]
            value.write_ipc(folder / f"{field.name}.arrow", compression=compression)  # type: ignore[arg-type]
        else:
            compression = "zstd" if fmt == "parquet" else "uncompressed"
            value.write_parquet(folder / f"{field.name}.parquet", compression=compression)  # type: ignore[arg-type]


def _read(folder: Path, fmt: str) -> None:
    import polars as pl

    started = time.perf_counter()
    rows = 0
    if fmt == "pickle":
        frames = pickle.loads((folder / "frames.pickle").read_bytes())
        rows = sum(f.height for f in vars(frames).values() if isinstance(f, pl.DataFrame))
    else:
        for path in sorted(folder.iterdir()):
            frame = pl.read_ipc(path) if fmt.startswith("ipc") else pl.read_parquet(path)
            rows += frame.height
    print(f"{time.perf_counter() - started:.3f} {rows}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--la", default=None, help="LA number (default: the first authority)")
    parser.add_argument("--read", nargs=2, metavar=("FORMAT", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        _read(Path(args.read[1]), args.read[0])
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thrive.settings")
    import django

    django.setup()
    from thrive.frames import load, load_lifecycle
    from thrive.workforce.models import Authority

    authorities = Authority.objects.order_by("pk")
    authority = authorities.get(la_number=args.la) if args.la else authorities.first()
    assert authority is not None, "no authority in this store"
    started = time.perf_counter()
    workforce = load.load(authority)
    lifecycle = load_lifecycle.load(authority)
    from_store = time.perf_counter() - started
    print(f"{authority.name}: store -> frames (today, each process): {from_store:.2f} s")
    print(f"{'format':<14}{'write s':>9}{'size MB':>9}{'read s (fresh process)':>24}")
    with tempfile.TemporaryDirectory() as temporary:
        for fmt in FORMATS:
            reads = []
            started = time.perf_counter()
            for family, frames in (("workforce", workforce), ("lifecycle", lifecycle)):
                _write(frames, Path(temporary) / fmt / family, fmt)
            written = time.perf_counter() - started
            size = sum(p.stat().st_size for p in (Path(temporary) / fmt).rglob("*") if p.is_file())
            for _ in range(3):
                total = 0.0
                for family in ("workforce", "lifecycle"):
                    out = subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            "--read",
                            fmt,
                            str(Path(temporary) / fmt / family),
                        ],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout.split()
                    total += float(out[0])
                reads.append(total)
            print(f"{fmt:<14}{written:>9.2f}{size / 1e6:>9.1f}{min(reads):>24.3f}")


if __name__ == "__main__":
    main()
