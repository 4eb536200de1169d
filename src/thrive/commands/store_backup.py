"""``thrive backup``'s work: one consistent snapshot of the store, written as a backup file.

The snapshot is taken while Thrive runs, an import perhaps half written:

- **SQLite**: SQLite's online backup API copies the database, in one step under one read lock,
  to a temporary file beside the backup (a copy of the file's bytes taken during an import can
  hold half a transaction; this copy holds only what was committed). A write in progress makes
  the copy wait until it commits or rolls back. The rows are then read from the copy.
- **PostgreSQL**: one ``REPEATABLE READ, READ ONLY`` transaction on a connection of its own, so
  every table is read as it stood at the transaction's first query, whatever commits meanwhile.

The file is written under a temporary name and renamed into place, so a backup that fails part
way never leaves a file under the name asked for.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

import thrive
from thrive.commands.backup_file import (
    MANIFEST,
    BackupError,
    Manifest,
    Table,
    backed_up_models,
    columns,
    member_name,
    row_line,
)
from thrive.frames.cache import store_version

SNAPSHOT = "thrive_backup_snapshot"
CHUNK_ROWS = 2000
WRITE_BYTES = 1 << 20


def write_backup(out: Path, *, overwrite: bool = False, say: Callable[[str], None]) -> Manifest:
    """Write a backup of the store to ``out``; return its manifest."""
    out = out.expanduser().absolute()
    if out.exists() and not overwrite:
        raise BackupError(f"{out} already exists: give a new name, or --overwrite to replace it.")
    if not out.parent.is_dir():
        raise BackupError(f"The folder {out.parent} does not exist.")
    handle, partial = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(handle)
    try:
        with snapshot(Path(partial).parent) as alias:
            _refuse_unmigrated(alias)
            manifest = _write(Path(partial), alias, say)
        os.replace(partial, out)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return manifest


def _refuse_unmigrated(alias: str) -> None:
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise BackupError(
            f"The store has {len(plan)} migration(s) not yet applied: run `thrive migrate` first."
        )


@contextmanager
def snapshot(work_dir: Path) -> Iterator[str]:
    """A database alias reading one consistent snapshot of the store (see the module's note)."""
    default = connections[DEFAULT_DB_ALIAS]
    settings_dict = dict(default.settings_dict)
    temporary: Path | None = None
    if default.vendor == "sqlite":
        temporary = Path(tempfile.mkdtemp(prefix=".thrive-backup-", dir=work_dir))
        copy = temporary / "snapshot.sqlite3"
        _sqlite_copy(str(settings_dict["NAME"]), copy)
        settings_dict["NAME"] = str(copy)
    connections.databases[SNAPSHOT] = settings_dict
    try:
        with transaction.atomic(using=SNAPSHOT):
            if default.vendor == "postgresql":
                with connections[SNAPSHOT].cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield SNAPSHOT
    finally:
        connections[SNAPSHOT].close()
        del connections[SNAPSHOT]
        del connections.databases[SNAPSHOT]
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _sqlite_copy(name: str, copy: Path) -> None:
    source = sqlite3.connect(name, uri=name.startswith("file:"), timeout=60)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)  # pages=-1: all in one step, so one read lock sees one state
    finally:
        target.close()
        source.close()


def _write(path: Path, alias: str, say: Callable[[str], None]) -> Manifest:
    connection = connections[alias]
    applied = sorted(MigrationRecorder(connection).applied_migrations())
    migrations: dict[str, list[str]] = {}
    for app, name in applied:
        migrations.setdefault(app, []).append(name)
    latest = {app: names[-1] for app, names in migrations.items()}
    version = store_version(using=alias)
    tables: list[Table] = []
    payload = hashlib.sha256()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as backup:
        for model in backed_up_models():
            fields = columns(model)
            member = member_name(model._meta.label)
            digest = hashlib.sha256()
            rows = 0
            buffer: list[bytes] = []
            size = 0
            query = (
                model._base_manager.using(alias)
                .order_by("pk")
                .values_list(*(f.attname for f in fields))
            )
            info = zipfile.ZipInfo(member, date_time=datetime.now().timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            with backup.open(info, "w", force_zip64=True) as stream:
                for values in query.iterator(chunk_size=CHUNK_ROWS):
                    line = row_line(values)
                    digest.update(line)
                    payload.update(line)
                    buffer.append(line)
                    size += len(line)
                    rows += 1
                    if size >= WRITE_BYTES:
                        stream.write(b"".join(buffer))
                        buffer, size = [], 0
                stream.write(b"".join(buffer))
            tables.append(
                Table(
                    model=model._meta.label,
                    table=model._meta.db_table,
                    member=member,
                    columns=[str(f.column) for f in fields],
                    rows=rows,
                    sha256=digest.hexdigest(),
                )
            )
            if rows:
                say(f"  {model._meta.label:<40} {rows:>10,} rows")
        manifest = Manifest(
            thrive_version=thrive.__version__,
            made_at=datetime.now(UTC).isoformat(timespec="seconds"),
            database=connection.vendor,
            store_version=version,
            migrations=migrations,
            latest_migrations=latest,
            tables=tables,
            payload_sha256=payload.hexdigest(),
        )
        backup.writestr(MANIFEST, manifest.as_json())
    return manifest
