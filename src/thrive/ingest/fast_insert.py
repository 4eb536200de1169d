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
