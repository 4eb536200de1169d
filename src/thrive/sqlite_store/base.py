"""Django's SQLite backend, with one change: a store on a full disk is still read.

In WAL mode SQLite must make a shared-memory file (``thrive.sqlite3-shm``) beside the database
to open it. On a full disk, with nothing else holding the store open, it cannot, and every
statement fails with "disk I/O error", so a file could not even be checked, and its problems
never reached the person importing it. Here, when opening fails so and the disk holding the
database has (next to) no free space left, the store is opened again as *immutable* (read
without the shared-memory file or any lock: safe, as nothing can write to a full disk) and the
connection is marked :attr:`DatabaseWrapper.on_full_disk`. Reads work; the file is checked and
every problem shown; a write is refused by SQLite ("attempt to write a readonly database"),
which :func:`thrive.faults.in_words` then says as a full disk, not a read-only one.

Not when the write-ahead log still holds commits (a process that did not close the store left
them there): an immutable reader would not see them, so the store is not read at all then, and
the fault is said in words as before.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db.backends.sqlite3 import base
from django.db.backends.sqlite3._functions import (  # type: ignore[import-untyped]
    register as register_functions,
)

# Below this many free bytes the disk counts as full (SQLite's shared-memory file needs 32 KiB).
FULL_BELOW = 1024 * 1024
_OPEN_FAILURES = ("disk i/o error", "database or disk is full")


def free_bytes(database: str) -> int | None:
    """Free space on the disk holding ``database`` (a path or a ``file:`` address), if known."""
    path = database.removeprefix("file:").split("?", 1)[0]
    try:
        return shutil.disk_usage(Path(path).resolve().parent).free
    except OSError:
        return None


def _unsaved_log(database: str) -> bool:
    """Whether the store's write-ahead log holds commits not yet copied into the database file
    (left by a process that did not close it), which an immutable reader would not see."""
    path = Path(database.removeprefix("file:").split("?", 1)[0] + "-wal")
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


class DatabaseWrapper(base.DatabaseWrapper):
    on_full_disk = False

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        try:
            connection = super().get_new_connection(conn_params)
        except sqlite3.OperationalError as error:
            database = str(conn_params.get("database", ""))
            free = free_bytes(database)
            failed_to_open = str(error).lower().startswith(_OPEN_FAILURES)
            if not failed_to_open or free is None or free >= FULL_BELOW or ":memory:" in database:
                raise
            if _unsaved_log(database):  # immutable would not see what the log holds: no stale read
                raise
            connection = self._immutable(conn_params, database)
            self.on_full_disk = True
            return connection
        self.on_full_disk = False
        return connection

    @staticmethod
    def _immutable(conn_params: dict[str, Any], database: str) -> Any:
        path = database.removeprefix("file:").split("?", 1)[0]
        params = {**conn_params, "database": f"file:{quote(path)}?immutable=1", "uri": True}
        connection = sqlite3.connect(**params)
        register_functions(connection)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA legacy_alter_table = OFF")
        return connection
