"""Writing the audit log: views of named workers, and changes made in the admin or by imports.

Pages call :func:`record` when they show named workers; the error pages call :func:`refused` for
a page a signed-in user was refused, and the Data page for an upload it refused. Changes made in
Django's admin are caught from the admin's own change history (each ``LogEntry`` the admin
writes), so nothing in the workforce app needs to know about auditing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from thrive.summaries.scope import Scope, scope_for
from thrive.web.models import AuditEvent

# The request attribute listing the named workers a page has shown (see record).
NAMED_ON_PAGE = "thrive_named_on_page"
_ADMIN_VERBS = {ADDITION: "Added", CHANGE: "Changed", DELETION: "Deleted"}


def record(
    request: HttpRequest,
    scope: Scope,
    action: AuditEvent.Action,
    subject: str,
    workers: Iterable[str] = (),
) -> AuditEvent:
    """Write one audit row for what ``request``'s user saw or did (and note on the request the
    named workers it showed, so a download of the page is audited with them too)."""
    named = sorted(workers)
    if named:
        setattr(request, NAMED_ON_PAGE, [*getattr(request, NAMED_ON_PAGE, []), *named])
    return AuditEvent.objects.create(
        user_id=request.user.pk,
        username=scope.username,
        action=action,
        authority_id=scope.authority_id,
        subject=subject[:255],
        workers=named,
        path=request.get_full_path()[:500],
    )


def refused(
    request: HttpRequest,
    subject: str,
    action: AuditEvent.Action = AuditEvent.Action.REFUSED,
) -> AuditEvent | None:
    """Write one audit row for something refused to ``request``'s signed-in user (nothing for
    a visitor who is not signed in: there is no one to name)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    try:
        authority_id: int | None = scope_for(user).authority_id
    except PermissionDenied:  # an account with no role: refused everything, still audited
        authority_id = None
    return AuditEvent.objects.create(
        user_id=user.pk,
        username=user.get_username(),
        action=action,
        authority_id=authority_id,
        subject=subject[:255],
        workers=[],
        path=request.get_full_path()[:500],
    )


def record_admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """Signal receiver: copy each admin change into the audit log (connected in apps.py)."""
    if not created:
        return
    verb = _ADMIN_VERBS.get(instance.action_flag, "Changed")
    kind = instance.content_type.name if instance.content_type else "record"
    subject = f"{verb} {kind} {instance.object_repr}"
    workers = []
    if instance.content_type and instance.content_type.model == "worker" and instance.object_id:
        from thrive.workforce.models import Worker

        pseudonym = (
            Worker.objects.filter(pk=instance.object_id).values_list("pseudonym", flat=True).first()
        )
        workers = [pseudonym] if pseudonym else []
    AuditEvent.objects.create(
        user_id=instance.user_id,
        username=instance.user.get_username() if instance.user_id else "",
        action=AuditEvent.Action.CHANGE,
        subject=subject[:255],
        workers=workers,
        path=f"/admin/{instance.get_admin_url()}" if instance.get_admin_url() else "",
    )
