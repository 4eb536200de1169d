"""``thrive restore``'s work: a backup file put back into an empty store.

In order, and nothing written until the first three pass:

1. the file is read through once: every table's rows must match their SHA-256 and count, and
   the whole payload its checksum (a damaged or cut-short file is refused);
2. every migration the backup's store had must be one this Thrive knows (a backup from a newer
   Thrive is refused: upgrade first);
3. the store must be empty: nothing but what ``thrive migrate`` writes by itself;
4. the store is migrated to the backup's migrations (a new database needs no ``thrive migrate``
   first), every row is inserted with its own id in one transaction (all or nothing), and on
   PostgreSQL the id sequences are moved past the highest id;
5. the store is migrated up to this Thrive's migrations (a backup from an older Thrive is
   brought up to date the way ``thrive migrate`` would), and the kept frames and results are
   dropped.

Rows are read and inserted a batch at a time, so memory stays bounded whatever the file's size.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps.registry import Apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from thrive.commands.backup_file import (
    MADE_BY_MIGRATE,
    BackupError,
    BackupReader,
    Manifest,
    Table,
    backed_up_models,
)
from thrive.frames import cache as frames_cache

BATCH_ROWS = 1000


def check_file(path: Path) -> Manifest:
    """The file's manifest, once every check that needs no database has passed."""
    with BackupReader(path) as reader:
        reader.check()
        _refuse_unknown_migrations(path, reader.manifest)
        return reader.manifest


def restore(path: Path, *, say: Callable[[str], None]) -> Manifest:
    """Restore the backup at ``path`` into the (empty) store; return its manifest."""
    connection = connections[DEFAULT_DB_ALIAS]
    with BackupReader(path) as reader:
        manifest = reader.manifest
        say(f"Checking {path} ({manifest.total_rows:,} rows, made {manifest.made_at})...")
        reader.check()
        _refuse_unknown_migrations(path, manifest)
        _refuse_if_not_empty()
        _migrate_to(manifest)
        state = MigrationLoader(connection).project_state(
            [(app, name) for app, name in manifest.latest_migrations.items()], at_end=True
        )
        say("Restoring...")
        with transaction.atomic():
            _clear_made_by_migrate(state.apps)
            for table in manifest.tables:
                _insert(reader, table, state.apps)
                if table.rows:
                    say(f"  {table.model:<40} {table.rows:>10,} rows")
            _reset_sequences([state.apps.get_model(t.model) for t in manifest.tables])
    _migrate_up()
    frames_cache.forget()
    cache.clear()
    return manifest


def _known_migrations() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    return known


def _refuse_unknown_migrations(path: Path, manifest: Manifest) -> None:
    known = _known_migrations()
    unknown = [
        f"{app} {name}"
        for app, names in sorted(manifest.migrations.items())
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"{path} is from a newer Thrive (version {manifest.thrive_version}) than this one: "
            f"its store has migrations this Thrive does not know ({', '.join(unknown[:5])}"
            f"{'...' if len(unknown) > 5 else ''}). Upgrade Thrive, then restore it. "
            "Nothing was changed."
        )


def _refuse_if_not_empty() -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    existing = set(connection.introspection.table_names())
    holding = [
        model._meta.label
        for model in backed_up_models()
        if model._meta.label not in MADE_BY_MIGRATE
        and model._meta.db_table in existing
        and model._base_manager.exists()
    ]
    if holding:
        raise BackupError(
            f"The store is not empty (it holds {', '.join(holding[:4])}"
            f"{'...' if len(holding) > 4 else ''}), and a backup is restored only into an empty "
            "store. Point THRIVE_DATABASE_URL (or THRIVE_DATA_DIR) at a new, empty database and "
            "run thrive restore again. Nothing was changed."
        )


def _migrate_to(manifest: Manifest) -> None:
    """Bring the empty store to the backup's migrations (forwards, or back on empty tables)."""
    connection = connections[DEFAULT_DB_ALIAS]
    wanted = {(app, name) for app, names in manifest.migrations.items() for name in names}
    applied = set(MigrationRecorder(connection).applied_migrations())
    if applied == wanted:
        return
    try:
        for app, name in sorted(manifest.latest_migrations.items()):
            call_command("migrate", app, name, verbosity=0, interactive=False)
        for app in sorted({a for a, _ in applied} - set(manifest.latest_migrations)):
            call_command("migrate", app, "zero", verbosity=0, interactive=False)
    except (DatabaseError, CommandError, ValueError, RuntimeError) as error:
        raise BackupError(
            f"The store could not be brought to the backup's migrations ({error}). "
            "Restore into a new, empty database."
        ) from None


def _migrate_up() -> None:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def _clear_made_by_migrate(state: Apps) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        for label in MADE_BY_MIGRATE:
            table = state.get_model(label)._meta.db_table
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def _insert(reader: BackupReader, table: Table, state: Apps) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        model = state.get_model(table.model)
    except LookupError:
        raise BackupError(
            f"{reader.path} holds {table.model}, which its migrations do not describe."
        ) from None
    by_column = {f.column: f for f in model._meta.local_concrete_fields}
    if sorted(by_column) != sorted(table.columns):
        raise BackupError(
            f"{reader.path}: the {table.model} columns ({', '.join(table.columns)}) are not "
            f"the ones its migrations describe ({', '.join(sorted(by_column))})."
        )
    fields = [by_column[c] for c in table.columns]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in table.columns)})"
        f" VALUES ({', '.join(['%s'] * len(fields))})"
    )
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for values in reader.rows(table):
            batch.append(
                [
                    None if v is None else f.get_db_prep_save(f.to_python(v), connection)
                    for f, v in zip(fields, values, strict=True)
                ]
            )
            if len(batch) >= BATCH_ROWS:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _reset_sequences(models: list[type[Model]]) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
