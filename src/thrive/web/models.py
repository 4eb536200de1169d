"""The web app's models: the audit log, declared in :mod:`thrive.audit` (under this app's label,
so its table and migrations stay here) and shared with the API."""

from thrive.audit.models import AuditEvent

__all__ = ["AuditEvent"]
