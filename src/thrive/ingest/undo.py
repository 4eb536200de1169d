"""Undoing an import batch as a whole: what it added is removed, what it changed is put back.

A batch can be undone only while no later batch (still applied) has touched the same records,
so undo never silently throws away later work: undo the later batch first.
"""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from thrive.import_records.lock import import_lock
from thrive.import_records.models import BatchChange, ImportBatch
from thrive.ingest.changes import restore_values
from thrive.problems import UndoRefusedError


def undo_batch(batch_id: int, user: str) -> ImportBatch:
    """Undo one batch, in one transaction. Raises :class:`UndoRefusedError` if it cannot be."""
    with import_lock(user, f"undo of batch #{batch_id}"):
        return _undo(batch_id, user)


def _undo(batch_id: int, user: str) -> ImportBatch:
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise UndoRefusedError(f"there is no import batch #{batch_id}")
    if batch.status == ImportBatch.Status.UNDONE:
        raise UndoRefusedError(f"import batch #{batch_id} was already undone on {batch.undone_at}")
    changes = list(batch.changes.order_by("-pk"))
    mine: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for change in changes:
        mine[change.model].append((change.object_id, change.last_object_id or change.object_id))
    later = (
        BatchChange.objects.filter(batch__pk__gt=batch.pk, batch__status=ImportBatch.Status.APPLIED)
        .filter(model__in=list(mine))
        .values_list("batch_id", "model", "object_id", "last_object_id")
        .iterator()
    )
    blocking = sorted(
        {b for b, model, first, last in later if _overlaps(mine[model], first, last or first)}
    )
    if blocking:
        names = ", ".join(f"#{b}" for b in blocking)
        raise UndoRefusedError(
            f"later imports ({names}) changed records that batch #{batch_id} made: undo them first"
        )
    try:
        with transaction.atomic():
            _reverse(changes)
            batch.status = ImportBatch.Status.UNDONE
            batch.undone_at = timezone.now()
            batch.undone_by = user
            batch.save(update_fields=["status", "undone_at", "undone_by"])
    except ProtectedError as protected:
        used = sorted({str(obj) for obj in protected.protected_objects})[:3]
        raise UndoRefusedError(
            f"records that batch #{batch_id} added are still used by other records "
            f"(e.g. {'; '.join(used)}): remove or undo those first"
        ) from None
    return batch


def _overlaps(ranges: list[tuple[int, int]], first: int, last: int) -> bool:
    return any(start <= last and first <= end for start, end in ranges)


def _reverse(changes: list[BatchChange]) -> None:
    """Reverse changes newest first: additions are deleted by id run, the rest restored."""
    for change in changes:
        model = apps.get_model(change.model)
        manager = model._default_manager
        if change.action == BatchChange.Action.ADDED:
            last = change.last_object_id or change.object_id
            manager.filter(pk__gte=change.object_id, pk__lte=last).delete()
        elif change.action == BatchChange.Action.UPDATED:
            values = restore_values(model, change.before or {})
            values.pop("id", None)
            manager.filter(pk=change.object_id).update(**values)
        else:
            manager.create(**restore_values(model, change.before or {}))
