"""The demo stores the benchmarks run on: built on first use, reused while still current.

A store is what a newcomer gets from the documented commands, run into its own folder:

    thrive migrate
    thrive import dfe-stats --if-none
    thrive demo --scale N

It lives under ``bench/.stores/`` (ignored by git), or under ``$THRIVE_BENCH_STORES`` when set,
in a folder named by the scale and a hash of what decides its contents: the demo's code
(``src/thrive/demo/``), every ``migrations/`` folder and the shipped published table. Change any
of them and the next benchmark builds a new store (and removes the stale one of that scale). A
build goes into a temporary folder that is renamed when complete, so an interrupted build is
never reused. Always SQLite: ``THRIVE_DATABASE_URL`` is emptied for the build and the runs.

On a shared 2-core machine (3 December 2026, load average 7-13) scale 1 took 94-163 s and scale 20
(about 6,000 in post, 1.8 million records) 1,308 s.

    from stores import demo_store, store_environment
    folder = demo_store(20)  # the THRIVE_DATA_DIR of a current scale-20 demo store
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "thrive"


def stores_folder() -> Path:
    """Where the built stores are kept (``$THRIVE_BENCH_STORES`` or ``bench/.stores``)."""
    chosen = os.environ.get("THRIVE_BENCH_STORES")
    return Path(chosen).expanduser().resolve() if chosen else ROOT / "bench" / ".stores"


def _inputs() -> list[Path]:
    """The files whose contents decide what a demo store holds."""
    files = [p for p in (SOURCE / "demo").rglob("*") if p.is_file()]
    for migrations in SOURCE.rglob("migrations"):
        files += [p for p in migrations.rglob("*.py") if p.is_file()]
    files += [p for p in (SOURCE / "published" / "data").rglob("*") if p.is_file()]
    return sorted(p for p in files if "__pycache__" not in p.parts)


def code_version() -> str:
    """A short hash of the demo code, the migrations and the shipped published table."""
    digest = hashlib.sha256()
    for path in _inputs():
        digest.update(str(path.relative_to(SOURCE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def store_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for a ``thrive`` process (or server) on the store in ``data_dir``."""
    env = dict(os.environ)
    env.update(THRIVE_DATA_DIR=str(data_dir), THRIVE_DATABASE_URL="", THRIVE_DEBUG="0", **extra)
    return env


def thrive_command() -> list[str]:
    """The ``thrive`` command of the running Python's environment."""
    beside = Path(sys.executable).with_name("thrive")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "thrive.commands.cli"]


def demo_store(scale: int, seed: int = 1) -> Path:
    """The folder (a ``THRIVE_DATA_DIR``) of a current demo store at ``scale``, built if needed."""
    home = stores_folder()
    name = f"scale-{scale}-seed-{seed}-{code_version()}"
    folder = home / name
    if (folder / "built.json").exists():
        return folder
    home.mkdir(parents=True, exist_ok=True)
    for stale in home.glob(f"scale-{scale}-seed-{seed}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    building = home / f".building-{name}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    print(f"building the scale-{scale} demo store in {folder} (reused next time) ...", flush=True)
    env = store_environment(building)
    started = time.perf_counter()
    thrive = thrive_command()
    for step in (
        ["migrate", "--verbosity", "0"],
        ["import", "dfe-stats", "--if-none", "--user", "benchmark store"],
        ["demo", "--scale", str(scale), "--seed", str(seed)],
    ):
        subprocess.run([*thrive, *step], env=env, check=True, stdout=subprocess.DEVNULL)
    took = time.perf_counter() - started
    (building / "built.json").write_text(
        json.dumps({"scale": scale, "seed": seed, "code": code_version(), "seconds": round(took)})
    )
    building.rename(folder)
    print(f"built in {took:.0f} s", flush=True)
    return folder


def working_copy(store: Path, name: str) -> Path:
    """A fresh copy of ``store`` for one run to write to (sessions, audit rows), so the kept
    store stays as built and every run starts from the same state."""
    copy = stores_folder() / "runs" / f"{name}-{os.getpid()}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)
    return copy
