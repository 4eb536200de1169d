"""Stay conversations ("Talk Before You Walk"): a manager and a worker talk before they leave."""

from __future__ import annotations

from django.db import models

from thrive.codes.lifecycle import ConversationOutcome, ConversationPrompt, LeavingReason
from thrive.workforce.models import Worker


class StayConversation(models.Model):
    """One stay conversation: who with, who held it, what prompted it and how it ended."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="stay_conversations")
    date = models.DateField()
    held_by = models.ForeignKey(
        Worker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stay_conversations_held",
        help_text="The manager (or colleague) who held it, if on the workforce.",
    )
    held_by_name = models.CharField(
        max_length=120, blank=True, help_text="Who held it, if not on the workforce (e.g. HR)."
    )
    prompted_by = models.CharField(max_length=16, choices=ConversationPrompt.choices())
    main_concern = models.CharField(max_length=24, choices=LeavingReason.choices(), blank=True)
    outcome = models.CharField(max_length=16, choices=ConversationOutcome.choices())
    actions = models.TextField(blank=True, help_text="What was agreed, e.g. a caseload review.")

    class Meta:
        ordering = ["-date", "worker"]
        indexes = [models.Index(fields=["worker", "date"], name="stay_worker_date_idx")]

    def __str__(self) -> str:
        return f"{self.worker}: stay conversation on {self.date}"
