"""The faults of the machine Thrive runs on, said in words a council's staff can act on.

A database that is down, locked, read-only or on a full disk, and a data folder that cannot be
written, reach the user as one plain sentence (the command line prints it; the web shows it on
a 503 page), never as a traceback. :func:`in_words` tells these faults from a bug: for anything
else it returns ``None`` and the caller logs the traceback and says where.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

UNREACHABLE = "unreachable"
LOCKED = "locked"
READ_ONLY = "read-only"
DISK_FULL = "disk full"
CANNOT_OPEN = "cannot open"
DISK_ERROR = "disk error"

# PostgreSQL's SQLSTATE codes for the faults above (class 08 is every connection failure).
_SQLSTATES = {
    "25006": READ_ONLY,  # read_only_sql_transaction (a standby, or default_transaction_read_only)
    "53100": DISK_FULL,
    "55P03": LOCKED,
    "57P01": UNREACHABLE,  # admin_shutdown: the server is stopping, or the session was ended
    "57P02": UNREACHABLE,
    "57P03": UNREACHABLE,  # cannot_connect_now: the server is starting up
}
_PHRASES = (
    ("database is locked", LOCKED),
    ("database table is locked", LOCKED),
    ("readonly database", READ_ONLY),
    ("read-only", READ_ONLY),
    ("disk is full", DISK_FULL),
    ("no space left on device", DISK_FULL),
    ("unable to open database file", CANNOT_OPEN),
    # SQLite in WAL mode cannot make its shared-memory file on a full disk (or a failing one)
    ("disk i/o error", DISK_ERROR),
    ("connection refused", UNREACHABLE),
    ("could not connect", UNREACHABLE),
    ("connection failed", UNREACHABLE),
    ("server closed the connection", UNREACHABLE),
    ("terminating connection", UNREACHABLE),
    ("connection is closed", UNREACHABLE),
    ("connection already closed", UNREACHABLE),
    ("the connection is lost", UNREACHABLE),
    ("consuming input failed", UNREACHABLE),
)
_ERRNOS = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
}

WORDS = {
    UNREACHABLE: "Thrive cannot reach its database. Check that the database server is running "
    "and that THRIVE_DATABASE_URL names it, then try again.",
    LOCKED: "The database is busy with another change and stayed locked too long. "
    "Try again in a minute.",
    READ_ONLY: "Thrive cannot write to its database or data folder: it is read-only. "
    "Ask whoever looks after the server to make THRIVE_DATA_DIR (and the database) writable.",
    DISK_FULL: "The disk holding Thrive's database or data folder is full. "
    "Free some space, then try again.",
    CANNOT_OPEN: "Thrive cannot open its database file. Check that THRIVE_DATA_DIR exists "
    "and can be written.",
    DISK_ERROR: "Thrive could not read or write its database file: the disk holding "
    "THRIVE_DATA_DIR may be full, or failing. Free some space (or check the disk), then try "
    "again.",
}


@dataclass(frozen=True)
class Fault:
    """A fault of the machine, not of Thrive: which kind, and what to tell the user."""

    kind: str
    detail: str = ""

    @property
    def words(self) -> str:
        text = WORDS[self.kind]
        return f"{text} ({self.detail})" if self.detail else text

    @property
    def unreachable(self) -> bool:
        return self.kind == UNREACHABLE


def in_words(error: BaseException) -> Fault | None:
    """The fault behind ``error`` (a database error or an ``OSError``), or ``None`` for a bug."""
    from django.db import DatabaseError, InterfaceError, OperationalError

    if isinstance(error, OSError) and not isinstance(error, ConnectionError):
        kind = _ERRNOS.get(error.errno or 0)
        where = f"{error.filename}: {error.strerror}" if error.filename else str(error.strerror)
        return Fault(kind, where) if kind else None
    if not isinstance(error, DatabaseError):
        return None
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or ""
    if sqlstate in _SQLSTATES:
        return Fault(_SQLSTATES[sqlstate])
    if sqlstate.startswith("08"):
        return Fault(UNREACHABLE)
    text = str(error).lower()
    for phrase, kind in _PHRASES:
        if phrase in text:
            return Fault(DISK_FULL if kind == READ_ONLY and _store_on_full_disk() else kind)
    if isinstance(error, InterfaceError):
        return Fault(UNREACHABLE)
    if isinstance(error, OperationalError) and not sqlstate and _is_postgresql_error(cause):
        return Fault(UNREACHABLE)  # psycopg says nothing more when the server went away
    return None


def _store_on_full_disk() -> bool:
    """Whether the store was opened read-only because its disk is full (thrive.sqlite_store)."""
    from django.db import connection

    return bool(getattr(connection, "on_full_disk", False))


def _is_postgresql_error(cause: BaseException | None) -> bool:
    return cause is not None and type(cause).__module__.startswith("psycopg")
