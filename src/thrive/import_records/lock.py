"""One import at a time into a store: the second waits, then is refused in words.

Every path that writes import batches (``thrive import``, ``thrive onboard``, ``thrive
recruitment``, the Data page's uploads and undo, ``thrive demo``) holds :func:`import_lock`
while it checks and writes. A second import into the same store meanwhile waits up to its
patience (``THRIVE_IMPORT_WAIT`` seconds on the command line, none on the web), then is refused
with :class:`ImportBusyError`: "Another import is running (started 14:02 by hr.admin: staff
staff.csv); nothing was written. Try again when it has finished."

- **SQLite**: an exclusive ``flock`` on a file beside the database (``thrive.sqlite3.import-lock``),
  which holds who started the import and when.
- **PostgreSQL**: a session advisory lock (``pg_try_advisory_lock``); who and when are the
  holder's ``application_name``, which ``pg_stat_activity`` shows to the one refused.

Either lock is the operating system's or the database server's: a process killed with ``kill -9``
or a dropped connection lets it go, so a crash never leaves the store locked. The lock is
re-entrant within a thread (``thrive onboard`` imports each file through the same importers).
When the SQLite lock file cannot be made because the folder is read-only, no import can write
there either: the file is still checked (so its problems are shown) and a write is refused in
words (:mod:`thrive.faults`).
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from thrive.problems import IngestError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; SQLite's own lock still applies
    fcntl = None  # type: ignore[assignment]

# pg_locks shows a bigint advisory key below 2**31 as classid 0, objid KEY.
ADVISORY_KEY = 0x7468_7276  # "thrv"
APPLICATION_PREFIX = "thrive import"
POLL_SECONDS = 0.2
READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, since when, importing what (as far as the holder could say)."""

    user: str
    started: datetime | None
    what: str = ""

    def words(self) -> str:
        if self.started is None:
            return f"by {self.user}" if self.user else ""
        local = timezone.localtime(self.started)
        when = f"{local:%H:%M}" if local.date() == timezone.localdate() else f"{local:%d %b %H:%M}"
        who = f" by {self.user}" if self.user else ""
        what = f": {self.what}" if self.what else ""
        return f"started {when}{who}{what}"


class ImportBusyError(IngestError):
    """Another import into this store is running; nothing was written."""

    def __init__(self, holder: Holder | None, waited: float) -> None:
        self.holder = holder
        self.waited = waited
        said = holder.words() if holder else ""
        said = f" ({said})" if said else ""
        after = f" after waiting {waited:.0f} s" if waited >= 1 else ""
        super().__init__(
            f"Another import is running{said}{after}; nothing was written. "
            "Try again when it has finished."
        )


class StoreNotWritableError(IngestError):
    """The data folder cannot be written (read-only, full, or not Thrive's to write)."""


_state = threading.local()


def _depth() -> int:
    return getattr(_state, "depth", 0)


def _quiet(_: str) -> None:
    pass


@contextmanager
def patience(seconds: float, say: Callable[[str], None] = _quiet) -> Iterator[None]:
    """Imports started in this thread meanwhile wait up to ``seconds`` for another to finish,
    telling ``say`` once when they start waiting."""
    before = getattr(_state, "patience", 0.0), getattr(_state, "say", _quiet)
    _state.patience, _state.say = max(0.0, seconds), say
    try:
        yield
    finally:
        _state.patience, _state.say = before


def _waiting(holder: Holder | None, wait: float) -> None:
    said = holder.words() if holder else ""
    getattr(_state, "say", _quiet)(
        f"Another import is running{f' ({said})' if said else ''}: "
        f"waiting up to {wait:.0f} s for it to finish..."
    )


@contextmanager
def import_lock(
    user: str | None = None, what: str = "", wait: float | None = None
) -> Iterator[None]:
    """Hold the store's import lock; raise :class:`ImportBusyError` if another import keeps it
    longer than ``wait`` seconds (default: this thread's :func:`patience`, else none)."""
    if _depth() > 0:  # this thread already holds it (onboard -> each file's importer)
        _state.depth += 1
        try:
            yield
        finally:
            _state.depth -= 1
        return
    patience_s = getattr(_state, "patience", 0.0) if wait is None else wait
    who = user or _os_user()
    lock = _PostgresLock() if connection.vendor == "postgresql" else _FileLock(_lock_path())
    lock.acquire(Holder(who, datetime.now(UTC), what), patience_s)
    _state.depth = 1
    try:
        yield
    finally:
        _state.depth = 0
        lock.release()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _lock_path() -> Path:
    """Beside the SQLite file; in the data folder for an in-memory database (the tests')."""
    name = str(connection.settings_dict["NAME"])
    if name.startswith("file:") or name == ":memory:" or "mode=memory" in name:
        return Path(settings.DATA_DIR) / "import.lock"
    return Path(f"{name}.import-lock")


def not_writable(path: Path, error: OSError) -> StoreNotWritableError:
    """A plain refusal for a folder or file Thrive cannot write."""
    full = error.errno in (errno.ENOSPC, errno.EDQUOT)
    reason = "the disk is full" if full else (error.strerror or str(error))
    return StoreNotWritableError(
        f"Thrive cannot write to {path.parent} ({reason}); nothing was imported."
    )


class _FileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = -1

    def acquire(self, holder: Holder, wait: float) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o664)
        except OSError as error:
            if error.errno in READ_ONLY:
                # Nothing can be written beside the database, so no import can write either:
                # the file is still checked (its problems shown), and a write is refused in words.
                return
            raise not_writable(self.path, error) from None
        if fcntl is None:  # pragma: no cover
            return
        started, told = time.monotonic(), False
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= wait:
                    other = self._holder()
                    os.close(self.fd)
                    raise ImportBusyError(other, waited) from None
                if not told:
                    _waiting(self._holder(), wait)
                    told = True
                time.sleep(POLL_SECONDS)
        since = holder.started.isoformat() if holder.started else ""
        record = {"user": holder.user, "started": since, "what": holder.what}
        try:  # who holds it, for the one refused; a full disk only loses these words
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, json.dumps(record).encode(), 0)
        except OSError:
            pass

    def _holder(self) -> Holder | None:
        try:
            record = json.loads(os.pread(self.fd, 4096, 0) or b"null")
            started = datetime.fromisoformat(record["started"])
            return Holder(str(record["user"]), started, str(record.get("what", "")))
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def release(self) -> None:
        if self.fd < 0:
            return
        with suppress(OSError):
            os.ftruncate(self.fd, 0)
        os.close(self.fd)  # closing the file lets the flock go


class _PostgresLock:
    def acquire(self, holder: Holder, wait: float) -> None:
        started, told = time.monotonic(), False
        with connection.cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
                if cursor.fetchone()[0]:
                    break
                waited = time.monotonic() - started
                if waited >= wait:
                    raise ImportBusyError(self._holder(cursor), waited)
                if not told:
                    _waiting(self._holder(cursor), wait)
                    told = True
                time.sleep(POLL_SECONDS)
            name = f"{APPLICATION_PREFIX} {holder.started:%Y-%m-%dT%H:%MZ} {holder.user}"
            if holder.what:
                name += f": {holder.what}"
            cursor.execute(
                "SELECT set_config('application_name', %s, false)",
                [name.encode()[:63].decode(errors="ignore")],
            )

    @staticmethod
    def _holder(cursor: object) -> Holder | None:
        from django.db.backends.utils import CursorWrapper

        assert isinstance(cursor, CursorWrapper)
        cursor.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = %s "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            [ADVISORY_KEY],
        )
        row = cursor.fetchone()
        return _from_application_name(row[0]) if row else None

    @staticmethod
    def release() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
                cursor.execute("RESET application_name")
        except DatabaseError:
            # The session could not be told (an aborted transaction, a dropped connection):
            # closing it ends the session, and with it the lock.
            connection.close()


def _from_application_name(name: str) -> Holder | None:
    if not name.startswith(APPLICATION_PREFIX + " "):
        return Holder("", None)
    rest = name[len(APPLICATION_PREFIX) + 1 :]
    stamp, _, rest = rest.partition(" ")
    user, _, what = rest.partition(": ")
    try:
        started = datetime.strptime(stamp, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    except ValueError:
        return Holder(user, None, what)
    return Holder(user, started, what)
