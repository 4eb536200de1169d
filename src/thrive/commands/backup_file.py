"""The backup file ``thrive backup`` writes and ``thrive restore`` reads: what is in it, and its
checks.

One zip file (it opens on any computer, streams in and out, and its members carry a CRC):

- ``data/<app>.<model>.jsonl``: every row of one table, one JSON array a line, the columns in the
  order the manifest lists them; the tables come in foreign-key order (a row's parents first).
  Values are written database-neutrally (dates and times in ISO 8601, decimals as strings), so a
  backup of an SQLite store restores into PostgreSQL and back.
- ``manifest.json`` (written last): the format and its version, the Thrive version, the database
  it came from, the store version (the fingerprint the frames and caches are keyed by,
  :func:`thrive.frames.cache.store_version`), the migrations applied (every one, and the latest
  per app), each table's columns, row count and SHA-256, and the SHA-256 of the whole payload
  (every data member, in the manifest's order).

Sign-in sessions (``django_session``) are left out: people sign in again after a restore.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db.models import Field, Model
from django.utils.duration import duration_string

FORMAT = "thrive-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Not backed up: sign-in sessions (people sign in again).
LEFT_OUT = frozenset({"sessions.Session"})
# Rows ``thrive migrate`` writes by itself: an empty store has them, and a restore replaces them
# with the backup's (the same rows, with the ids the backup's records refer to).
MADE_BY_MIGRATE = ("auth.Permission", "contenttypes.ContentType")


class BackupError(Exception):
    """A backup file that cannot be written or restored, said in plain words."""


def backed_up_models(registry: Apps = global_apps) -> list[type[Model]]:
    """Every table a backup holds, parents before the rows that refer to them."""
    models = sorted(
        (
            m
            for m in registry.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy and m._meta.label not in LEFT_OUT
        ),
        key=lambda m: m._meta.label,
    )
    labels = {m._meta.label for m in models}
    needs = {
        m._meta.label: {
            f.related_model._meta.label
            for f in m._meta.local_concrete_fields
            if f.is_relation and f.related_model is not None and f.related_model is not m
        }
        & labels
        for m in models
    }
    ordered: list[type[Model]] = []
    done: set[str] = set()
    while len(ordered) < len(models):
        ready = [m for m in models if m._meta.label not in done and needs[m._meta.label] <= done]
        if not ready:  # a cycle: its tables in name order (foreign keys are checked at commit)
            ready = [next(m for m in models if m._meta.label not in done)]
        for model in ready:
            ordered.append(model)
            done.add(model._meta.label)
    return ordered


def columns(model: type[Model]) -> list[Field[Any, Any]]:
    """The columns of the model's own table, as a backup lists them."""
    return list(model._meta.local_concrete_fields)


def member_name(label: str) -> str:
    return f"data/{label.lower()}.jsonl"


def _plain(value: Any) -> Any:
    """A stored value as JSON can hold it, nothing lost (microseconds and decimal places kept)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"a backup cannot hold a value of type {type(value).__name__}")


def row_line(values: tuple[Any, ...]) -> bytes:
    """One row as a line of the data member. The same rows give the same bytes from either
    database (a JSON value's keys are sorted: PostgreSQL's jsonb keeps them in its own order)."""
    text = json.dumps(
        values, default=_plain, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )
    return (text + "\n").encode("utf-8")


@dataclass(frozen=True)
class Table:
    """One table's entry in the manifest."""

    model: str
    table: str
    member: str
    columns: list[str]
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    thrive_version: str
    made_at: str
    database: str
    store_version: str
    migrations: dict[str, list[str]]
    latest_migrations: dict[str, str]
    tables: list[Table]
    payload_sha256: str
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def as_json(self) -> bytes:
        data = {k: v for k, v in self.__dict__.items() if k != "tables"}
        data["tables"] = [t.__dict__ for t in self.tables]
        return json.dumps(data, indent=2, sort_keys=True).encode("utf-8")

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)


class BackupReader:
    """A backup file opened for checking and restoring, read member by member (bounded memory).

    Every way a file can be damaged (cut short, bytes changed, not a zip at all, written by
    something else) ends in :class:`BackupError` naming the file and what is wrong.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise BackupError(f"{path} does not exist (or is not a file).")
        try:
            self._zip = zipfile.ZipFile(path)
            raw = self._zip.read(MANIFEST)
        except KeyError:
            raise BackupError(f"{path} is not a Thrive backup: it has no {MANIFEST}.") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise self._damaged(error) from None
        self.manifest = _manifest(path, raw)

    def _damaged(self, error: BaseException) -> BackupError:
        return BackupError(
            f"{self.path} is damaged or was cut short, so it cannot be restored ({error}). "
            "Use another copy of the backup."
        )

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> BackupReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self) -> None:
        """Read every data member through once: its rows and SHA-256 must match the manifest."""
        payload = hashlib.sha256()
        for table in self.manifest.tables:
            digest = hashlib.sha256()
            rows = 0
            for line in self._lines(table):
                digest.update(line)
                payload.update(line)
                rows += 1
            if digest.hexdigest() != table.sha256 or rows != table.rows:
                raise BackupError(
                    f"{self.path} is damaged: the {table.model} rows do not match their checksum "
                    f"({rows:,} rows read, {table.rows:,} written). Use another copy of the backup."
                )
        if payload.hexdigest() != self.manifest.payload_sha256:
            raise BackupError(
                f"{self.path} is damaged: its payload does not match its SHA-256 checksum. "
                "Use another copy of the backup."
            )

    def rows(self, table: Table) -> Iterator[list[Any]]:
        """The table's rows, one list of values (as JSON holds them) at a time."""
        for line in self._lines(table):
            values = json.loads(line)
            if not isinstance(values, list) or len(values) != len(table.columns):
                raise BackupError(f"{self.path} is damaged: a {table.model} row is malformed.")
            yield values

    def _lines(self, table: Table) -> Iterator[bytes]:
        try:
            with self._zip.open(table.member) as member:
                yield from member
        except KeyError:
            raise BackupError(
                f"{self.path} is damaged: the {table.model} rows ({table.member}) are missing."
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise self._damaged(error) from None


def _manifest(path: Path, raw: bytes) -> Manifest:
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise BackupError(
                f"{path} is not a Thrive backup (its manifest names no Thrive format)."
            )
        if int(data["format_version"]) > FORMAT_VERSION:
            raise BackupError(
                f"{path} was written by a newer Thrive (backup format {data['format_version']}; "
                f"this Thrive reads format {FORMAT_VERSION} and older). "
                "Upgrade Thrive to restore it."
            )
        tables = [Table(**t) for t in data["tables"]]
        return Manifest(
            thrive_version=str(data["thrive_version"]),
            made_at=str(data["made_at"]),
            database=str(data["database"]),
            store_version=str(data["store_version"]),
            migrations={str(k): [str(n) for n in v] for k, v in data["migrations"].items()},
            latest_migrations={str(k): str(v) for k, v in data["latest_migrations"].items()},
            tables=tables,
            payload_sha256=str(data["payload_sha256"]),
            format_version=int(data["format_version"]),
        )
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"{path} is damaged: its manifest cannot be read ({error}).") from None
