"""Real stores of their own for the backup tests: a folder and a database each, driven through the
``thrive`` command in a subprocess (a backup reads what is committed, on a connection of its own,
so the test database's rolled-back transactions are no use to it).

A store is SQLite (a file in its folder) or PostgreSQL (a database made for it on the server
THRIVE_DATABASE_URL names, dropped afterwards).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

import dj_database_url

SUITE_URL = os.environ.get("THRIVE_DATABASE_URL", "")


def suite_engine() -> str:
    return "postgresql" if SUITE_URL.startswith("postgres") else "sqlite"


class Store:
    """One store: ``run`` is ``thrive ...`` against it."""

    def __init__(self, folder: Path, engine: str) -> None:
        self.folder = folder
        self.engine = engine
        folder.mkdir(parents=True, exist_ok=True)
        self.url = ""
        self.database = ""
        if engine == "postgresql":
            self.database = f"test_backup_{uuid.uuid4().hex[:12]}"
            _admin(f'CREATE DATABASE "{self.database}"')
            parsed = dj_database_url.parse(SUITE_URL)
            user = parsed.get("USER") or "postgres"
            password = f":{parsed['PASSWORD']}" if parsed.get("PASSWORD") else ""
            host = parsed.get("HOST") or "127.0.0.1"
            port = parsed.get("PORT") or 5432
            self.url = f"postgres://{user}{password}@{host}:{port}/{self.database}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "THRIVE_DATA_DIR": str(self.folder),
            "THRIVE_DATABASE_URL": self.url,
            "THRIVE_KEEP": "process",
        }

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "thrive.commands.cli", *args],
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "thrive.commands.cli", *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if ok and done.returncode != 0:
            raise AssertionError(f"thrive {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def measures(self) -> dict[str, Any]:
        """Every measure, as ``thrive metrics --format json`` gives them, on several footings."""
        asked = {
            "2018-09-30 by team": ("--as-at", "2018-09-30", "--by", "team"),
            "2025-09-30": ("--as-at", "2025-09-30"),
            "2025-09-30 by service": ("--as-at", "2025-09-30", "--by", "service", "--hr"),
            "collection year 2017": ("--period", "2017"),
        }
        return {
            name: json.loads(self.run("metrics", "--format", "json", *args).stdout)
            for name, args in asked.items()
        }

    def version(self) -> str:
        code = "from thrive.frames.cache import store_version; print(store_version())"
        return self.run("shell", "-c", code).stdout.strip().splitlines()[-1]

    def drop(self) -> None:
        if self.database:
            _admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def _admin(sql: str) -> None:
    import psycopg

    parsed = dj_database_url.parse(SUITE_URL)
    with psycopg.connect(
        dbname="postgres",
        user=parsed.get("USER") or "postgres",
        password=parsed.get("PASSWORD") or None,
        host=parsed.get("HOST") or "127.0.0.1",
        port=parsed.get("PORT") or 5432,
        autocommit=True,
    ) as connection:
        connection.execute(sql)


def manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as backup:
        loaded: dict[str, Any] = json.loads(backup.read("manifest.json"))
        return loaded


def rows(path: Path, model: str) -> int:
    """The row count the backup's manifest gives for one model."""
    return next(t["rows"] for t in manifest(path)["tables"] if t["model"] == model)
