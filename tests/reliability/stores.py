"""Stores of their own for the reliability suite: real ``thrive`` processes on a real database.

Each test gets a fresh store that only its subprocesses use: on SQLite a copy of a migrated
file in a temporary data folder; on PostgreSQL (when the suite runs with THRIVE_DATABASE_URL
naming one) a database made from a migrated template and dropped afterwards. Both already hold
LA 933 with 40 teams, so a staff extract goes straight in. Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import csv
import fcntl
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STAFF_HEADINGS = [
    "worker_id",
    "swe_number",
    "name",
    "birth_date",
    "sex",
    "ethnicity",
    "qualification_level",
    "route",
    "team",
    "grade",
    "contract_type",
    "fte",
    "start_date",
    "end_date",
    "start_origin",
    "reason_leave",
    "leaver_destination",
    "day_rate",
    "post_reference",
]
TEAMS = 40
BIG = 10_000  # rows: long enough that an import can be caught while checking and while writing
TIMEOUT = 300
store_names = itertools.count()


def _settings() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.DATABASES["default"])


def on_postgres() -> bool:
    return "postgresql" in _settings()["ENGINE"]


def pg_url(name: str) -> str:
    db = _settings()
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def pg_admin(dbname: str = "postgres") -> Any:
    import psycopg

    db = _settings()
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname=dbname,
        autocommit=True,
    )


def write_staff(path: Path, rows: int, prefix: str, *, team: str = "Team") -> Path:
    """A staff extract of ``rows`` social workers in the store's 40 teams (``prefix`` a letter
    that keeps each file's workers apart)."""
    code = "BCSX".index(prefix) + 1
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(STAFF_HEADINGS)
        for i in range(rows):
            writer.writerow(
                [f"{prefix}{i:06d}", f"SW{code}{i:05d}", f"Person {prefix}{i}",
                 "1980-01-01", "F", "WBRI", "1", "experienced", f"{team} {i % TEAMS}",
                 "social_worker", "permanent", "1", "2020-04-01", "", "2", "", "", "", ""]
            )  # fmt: skip
    return path


def write_posts(path: Path) -> Path:
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "service",
                "team",
                "team_kind",
                "reference",
                "grade",
                "funded_fte",
                "start_date",
                "end_date",
            ]
        )
        for t in range(TEAMS):
            writer.writerow(
                ["Safeguarding", f"Team {t}", "child_protection", f"T{t}-001", "social_worker",
                 "1", "2020-04-01", ""]
            )  # fmt: skip
    return path


def thrive_env(data_dir: Path, url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THRIVE_")}
    env.update(
        {
            "THRIVE_DATA_DIR": str(data_dir),
            "THRIVE_DATABASE_URL": url,
            "THRIVE_KEEP": "process",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def thrive(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "thrive.commands.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@dataclass
class Store:
    """One store used only by this test's ``thrive`` processes."""

    data_dir: Path
    url: str  # empty: the SQLite file in data_dir
    database: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def sqlite_file(self) -> Path:
        return self.data_dir / "thrive.sqlite3"

    def env(self, **extra: str) -> dict[str, str]:
        return thrive_env(self.data_dir, self.url, **{**self.extra, **extra})

    def run(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return thrive(self.env(**extra), *args)

    def start(self, *args: str, **extra: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "thrive.commands.cli", *args],
            env=self.env(**extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def snapshot(self) -> list[tuple[str, list[str]]]:
        """Every row of every table, as text, table by table (sorted: no order is assumed)."""
        if not self.url:
            with self._reader() as db:
                tables = [
                    r[0]
                    for r in db.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                    )
                ]
                return [(t, sorted(map(repr, db.execute(f'SELECT * FROM "{t}"')))) for t in tables]
        with pg_admin(self.database) as db:
            tables = [
                r[0]
                for r in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            return [(t, sorted(map(repr, db.execute(f'SELECT * FROM "{t}"')))) for t in tables]

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection; where SQLite cannot make a WAL store's shared-memory file
        (a read-only folder, a full disk), the store read as immutable (every writer closed)."""
        db = sqlite3.connect(f"file:{self.sqlite_file}?mode=ro", uri=True)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            db.close()
            db = sqlite3.connect(f"file:{self.sqlite_file}?immutable=1", uri=True)
        try:
            yield db
        finally:
            db.close()

    def count(self, table: str) -> int:
        if not self.url:
            with self._reader() as db:
                return int(db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        with pg_admin(self.database) as db:
            return int(db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    def lock_held(self) -> bool:
        """Whether an import holds the store's import lock (it is checking or writing)."""
        if not self.url:
            lock = Path(f"{self.sqlite_file}.import-lock")
            return lock.exists() and lock.stat().st_size > 0
        with pg_admin(self.database) as db:
            return bool(
                db.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                    "AND application_name LIKE 'thrive import %%'",
                    [self.database],
                ).fetchone()[0]
            )

    def writing(self) -> bool:
        """Whether an import has begun writing (its transaction has changed the store)."""
        if not self.url:  # the write lock is held: another writer is refused at once
            db = sqlite3.connect(self.sqlite_file, timeout=0, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError as busy:
                if "locked" not in str(busy):
                    raise
                return True
            finally:
                db.close()
        with pg_admin(self.database) as db:
            return bool(
                db.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                    "AND application_name LIKE 'thrive import %%' AND backend_xid IS NOT NULL",
                    [self.database],
                ).fetchone()[0]
            )


def copy_sqlite(source: Path, target: Path) -> None:
    """A copy of a SQLite store, committed writes still in its write-ahead log included
    (the main file alone can lack them)."""
    db, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        db.backup(copy)
    finally:  # closed (a with block would only commit): nothing left open on the target's disk
        copy.close()
        db.close()


def wait_until(test: Callable[[], bool], process: subprocess.Popen[str], seconds: float) -> bool:
    """Poll ``test`` every 10 ms until it holds (True) or ``process`` ends or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if test():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.01)
    return False


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=TIMEOUT)


@contextmanager
def another_import(store: Store, user: str, what: str) -> Iterator[None]:
    """Hold the store's import lock from outside, as a running import does (who, since when)."""
    from thrive.import_records.lock import ADVISORY_KEY, APPLICATION_PREFIX

    started = datetime.now(UTC)
    if not store.url:
        fd = os.open(f"{store.sqlite_file}.import-lock", os.O_RDWR | os.O_CREAT, 0o664)
        fcntl.flock(fd, fcntl.LOCK_EX)
        record = {"user": user, "started": started.isoformat(), "what": what}
        os.write(fd, json.dumps(record).encode())
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            os.close(fd)
        return
    with pg_admin(store.database) as db:
        db.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
        name = f"{APPLICATION_PREFIX} {started:%Y-%m-%dT%H:%MZ} {user}: {what}"
        db.execute("SELECT set_config('application_name', %s, false)", [name])
        yield
