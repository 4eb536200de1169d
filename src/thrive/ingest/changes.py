"""Recording what an import batch does to the store, so it can be counted and undone.

Loaders call :class:`ChangeLog` as they add, update or delete records; the log keeps each
updated or deleted record's values before the change (as JSON), and writes them all to
:class:`~thrive.import_records.models.BatchChange` in bulk at the end of the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from thrive.import_records.models import BatchChange, ImportBatch
from thrive.ingest.fast_insert import insert_rows


def label_of(model: type[models.Model] | models.Model) -> str:
    return model._meta.label


def _json(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Every concrete field of a record, as JSON-ready values keyed by column attribute."""
    return {
        field.attname: _json(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
    }


def restore_values(model: type[models.Model], saved: dict[str, Any]) -> dict[str, Any]:
    """Saved JSON values turned back into Python values for the model's fields."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    return {name: fields[name].to_python(value) for name, value in saved.items() if name in fields}


class ChangeLog:
    """What one batch changed; written to the database with :meth:`flush`."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        self._pending: list[BatchChange] = []
        self._added: list[tuple[str, int, int]] = []  # runs of consecutive ids, as they come

    def added(self, instances: Iterable[models.Model]) -> None:
        for instance in instances:
            self._add(label_of(instance), instance.pk)

    def added_ids(self, model: type[models.Model], ids: Iterable[int]) -> None:
        label = label_of(model)
        for pk in ids:
            self._add(label, pk)

    def _add(self, label: str, pk: int) -> None:
        runs = self._added
        if runs:
            last = runs[-1]
            if last[0] == label and last[2] + 1 == pk:
                runs[-1] = (label, last[1], pk)
                return
        runs.append((label, pk, pk))

    def updated(self, instance: models.Model, before: dict[str, Any]) -> None:
        self._pending.append(
            BatchChange(
                batch=self.batch,
                model=label_of(instance),
                object_id=instance.pk,
                action=BatchChange.Action.UPDATED,
                before=before,
            )
        )

    def updated_values(self, model: type[models.Model], pk: int, before: dict[str, Any]) -> None:
        """An update made without a model instance: ``before`` holds the changed fields."""
        self._pending.append(
            BatchChange(
                batch=self.batch,
                model=label_of(model),
                object_id=pk,
                action=BatchChange.Action.UPDATED,
                before={name: _json(value) for name, value in before.items()},
            )
        )

    def deleted(self, instance: models.Model) -> None:
        self._pending.append(
            BatchChange(
                batch=self.batch,
                model=label_of(instance),
                object_id=instance.pk,
                action=BatchChange.Action.DELETED,
                before=snapshot(instance),
            )
        )

    def flush_changed(self) -> None:
        """Write the updates and deletions logged so far (a long import does so as it goes,
        so they are not all held); additions wait for :meth:`flush`."""
        BatchChange.objects.bulk_create(self._pending, batch_size=5000)
        self._pending = []

    def flush(self) -> None:
        """Write the log: updates and deletions first, then additions, each in the order made.

        Undo works newest first, so it removes what the batch added before it restores what
        the batch changed; a restored record never refers to an added one.
        """
        self.flush_changed()
        added = str(BatchChange.Action.ADDED)
        insert_rows(
            BatchChange,
            ("batch_id", "model", "object_id", "last_object_id", "action"),
            ((self.batch.pk, label, first, last, added) for label, first, last in self._added),
            returning=False,
        )
        self._added = []


def save_changes(
    instance: models.Model, values: dict[str, Any], log: ChangeLog, fields: Sequence[str] = ()
) -> bool:
    """Set ``values`` on a stored record; save and log it only if something differs."""
    differs = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if not differs:
        return False
    before = snapshot(instance)
    for name, value in differs.items():
        setattr(instance, name, value)
    instance.save(update_fields=list(fields or differs))
    log.updated(instance, before)
    return True
