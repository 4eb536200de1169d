"""One action of the recruitment and retention strategy's action plan."""

from __future__ import annotations

from django.db import models


class Action(models.Model):
    """An action the council has committed to: who owns it, when it is due, how it is going,
    and the measures it aims to move (registry names, e.g. ``turnover_rate``)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    authority = models.ForeignKey(
        "workforce.Authority", on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(max_length=200)
    owner = models.CharField(
        max_length=120, help_text="Who answers for it, by name or role: 'Head of service, CIN'."
    )
    due = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    measures = models.JSONField(
        default=list, blank=True, help_text="The registry's names of the measures it aims to move."
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return f"{self.title} (due {self.due:%-d %b %Y})"
