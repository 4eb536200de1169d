"""The audit log's record (who saw which named worker, who changed what), below every surface.

The model is declared here, under the ``web`` app's label (its table, ``web_auditevent``, and
its migrations stay in :mod:`thrive.web`), so every surface that shows named people can write
to the one log without importing another surface: the web pages (:mod:`thrive.web.audit`) and
the API (:mod:`thrive.api`). :func:`write` is the one way a row is added outside the admin.
"""

from __future__ import annotations

from collections.abc import Iterable

from thrive.audit.models import AuditEvent

__all__ = ["AuditEvent", "write"]


def write(
    *,
    user_id: int | None,
    username: str,
    action: AuditEvent.Action,
    authority_id: int | None,
    subject: str,
    path: str,
    workers: Iterable[str] = (),
) -> AuditEvent:
    """Add one row to the audit log (subject and path cut to their columns' lengths)."""
    return AuditEvent.objects.create(
        user_id=user_id,
        username=username,
        action=action,
        authority_id=authority_id,
        subject=subject[:255],
        workers=sorted(workers),
        path=path[:500],
    )
