"""The audit log: who saw which named worker, and who changed what, when.

Staff data is personal data (UK GDPR; ethnicity and sickness are special category), so every
page that shows a named worker and every change made through Thrive leaves a row here, which an
HR admin can read on the audit page; so does every page a signed-in user is refused and every
upload refused. Rows keep the user name and the workers' pseudonyms as
text, so the trail survives the deletion of the account or the record.

Declared here, below the surfaces, so the web pages and the API write the one log; the app label
is ``web``, which holds the table and the migrations.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One audited event: a page showing named workers, or a change to the records."""

    class Action(models.TextChoices):
        VIEW_WORKER = "view_worker", "Viewed a worker's record"
        VIEW_TEAM = "view_team", "Viewed a team's named workers"
        CHANGE = "change", "Changed a record"
        IMPORT = "import", "Imported a file"
        UNDO = "undo", "Undid an import"
        DOWNLOAD = "download", "Downloaded named data"
        REFUSED = "refused", "Was refused a page"
        REFUSED_UPLOAD = "refused_upload", "Had an upload refused"
        API_NAMED = "api_named", "Read named workers through the API"
        REPORT = "report", "Made a board pack"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=16, choices=Action.choices)
    authority = models.ForeignKey(
        "workforce.Authority", on_delete=models.SET_NULL, null=True, blank=True
    )
    subject = models.CharField(max_length=255, help_text="What was seen or changed, in words.")
    workers = models.JSONField(
        default=list, blank=True, help_text="Pseudonyms of the named workers seen or changed."
    )
    path = models.CharField(max_length=500, blank=True, help_text="The page or admin address.")

    class Meta:
        app_label = "web"  # the table and its migrations stay in thrive.web (see thrive.audit)
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["username", "at"], name="audit_user_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username}: {self.subject}"
