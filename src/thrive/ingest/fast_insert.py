"""Inserting many rows quickly: multi-row ``INSERT ... RETURNING id`` through Django's connection.

Django's ``bulk_create`` spends most of its time preparing each field of each model instance;
an import of 100,000 rows cannot afford that. These helpers take plain values (dates, decimals,
numbers, text, None, which both SQLite and PostgreSQL adapt natively), send them in batches, and
give back the new primary keys in insertion order (as ``bulk_create`` itself relies on). They run
inside the caller's transaction, so a failure still rolls back the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

MAX_PARAMS = 30_000
MAX_ROWS = 2_000


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    returning: bool = True,
) -> list[int]:
    """Insert rows (values in ``columns`` order, column = field attname); their new ids."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    per_batch = max(1, min(MAX_ROWS, MAX_PARAMS // max(1, len(columns))))
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    pk = model._meta.pk
    assert pk is not None
    tail = " RETURNING " + connection.ops.quote_name(str(pk.column)) if returning else ""
    ids: list[int] = []
    batch: list[Any] = []
    count = 0

    def send(cursor: Any) -> None:
        sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * count)}{tail}"
        cursor.execute(sql, batch)
        if returning:
            ids.extend(row[0] for row in cursor.fetchall())

    with connection.cursor() as cursor:
        for row in rows:
            batch.extend(row)
            count += 1
            if count == per_batch:
                send(cursor)
                batch, count = [], 0
        if count:
            send(cursor)
    return ids


def create_all(instances: Sequence[models.Model]) -> None:
    """Insert unsaved model instances of one model and give each its new primary key."""
    if not instances:
        return
    model = type(instances[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = [str(f.column) for f in fields]
    attnames = [f.attname for f in fields]
    for instance in instances:  # foreign keys set by object get their id copied over
        for field in fields:
            if field.is_relation and getattr(instance, field.attname) is None:
                related = getattr(instance, field.name, None)
                if related is not None:
                    setattr(instance, field.attname, related.pk)
    ids = insert_rows(model, columns, ([getattr(i, a) for a in attnames] for i in instances))
    database = connection.alias
    for instance, pk in zip(instances, ids, strict=True):
        instance.pk = pk
        instance._state.adding = False
        instance._state.db = database
