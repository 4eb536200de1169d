"""What an upload's outcome puts in the audit log, whichever surface it came in by.

The Data page writes these rows in its request (:mod:`thrive.web.audit`); an import run in a
process of its own writes them itself as it finishes (:func:`write_entries`), naming the user
and the address (a page, or an API call) that started it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from thrive.audit import AuditEvent, write


def upload_entries(result: Any) -> list[tuple[AuditEvent.Action, str]]:
    """What an upload's outcome (an ``UploadResult``) puts in the audit log."""
    if result.refused:
        return [
            (
                AuditEvent.Action.REFUSED_UPLOAD,
                f"Upload {result.file} refused with {len(result.errors)} errors",
            )
        ]
    return [
        (
            AuditEvent.Action.IMPORT,
            f"Imported {batch.file_name} as batch #{batch.pk} ({batch.kind}): "
            f"{batch.added} added, {batch.updated} updated",
        )
        for batch in result.batches
    ]


def first_load_entries(result: Any) -> list[tuple[AuditEvent.Action, str]]:
    """What a first load's outcome (an ``OnboardResult``) puts in the audit log."""
    entries = []
    if result.refused:
        entries.append(
            (
                AuditEvent.Action.REFUSED_UPLOAD,
                f"First load of {len(result.files)} files refused with "
                f"{len(result.problems)} problems",
            )
        )
    entries += [
        (
            AuditEvent.Action.IMPORT,
            f"Imported {batch.file_name} as batch #{batch.pk} ({batch.kind}) in a first load: "
            f"{batch.added} added, {batch.updated} updated",
        )
        for batch in result.batches
    ]
    return entries


def write_entries(
    entries: Iterable[tuple[AuditEvent.Action, str]],
    *,
    user_id: int | None,
    username: str,
    authority_id: int | None,
    path: str,
) -> None:
    """Write audit rows outside a request (an import run in a process of its own), naming the
    user and the page address of the request that started it. All or none."""
    with transaction.atomic():
        for action, subject in entries:
            write(
                user_id=user_id,
                username=username,
                action=action,
                authority_id=authority_id,
                subject=subject,
                path=path,
            )
