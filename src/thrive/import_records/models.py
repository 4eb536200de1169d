"""What the importers record: each import batch, what it changed, and the rows it set aside.

- :class:`ImportBatch`: one file imported (who, when, its SHA-256, counts), undoable as a whole.
- :class:`BatchChange`: one record a batch added, updated or deleted, with the values before, so
  the batch can be undone without touching the workforce model.
- :class:`QuarantinedRow`: a row rejected under ``--skip-invalid``, kept with its errors.
- :class:`CensusAuthorityReturn` and :class:`CensusWorkerDetail`: the census items the workforce
  model has no field for (the LA-level figures and 2025 flags; qualifying institution and 2025
  pay), kept so a return can be written back out exactly.
"""

from __future__ import annotations

from django.db import models

from thrive.workforce.models import Authority, Worker


class ImportBatch(models.Model):
    """One imported file: where it came from, what it did, and whether it was undone."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        UNDONE = "undone", "Undone"

    authority = models.ForeignKey(
        Authority, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_batches"
    )
    kind = models.CharField(max_length=24, help_text="census, staff, leavers, dfe-stats...")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    imported_by = models.CharField(max_length=150)
    imported_at = models.DateTimeField(auto_now_add=True)
    profile = models.CharField(max_length=120, blank=True)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.APPLIED)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name_plural = "import batches"
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.file_name} ({self.status})"


class BatchChange(models.Model):
    """A record an import batch touched, and its values before (for updates and deletions)."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        UPDATED = "updated", "Updated"
        DELETED = "deleted", "Deleted"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    model = models.CharField(max_length=64, help_text="app_label.ModelName")
    object_id = models.BigIntegerField()
    last_object_id = models.BigIntegerField(
        null=True, blank=True, help_text="For additions: the last id of a run of ids added."
    )
    action = models.CharField(max_length=8, choices=Action.choices)
    before = models.JSONField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["model", "object_id"], name="batchchange_object_idx")]

    def __str__(self) -> str:
        return f"batch {self.batch_id} {self.action} {self.model} {self.object_id}"


class QuarantinedRow(models.Model):
    """A row rejected by an import run with ``--skip-invalid``: never dropped, kept here."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="quarantine")
    location = models.CharField(max_length=255, help_text="Row number or XML element path.")
    values = models.JSONField(help_text="The row as it was in the file.")
    errors = models.JSONField(help_text="The problems found, one object each.")

    class Meta:
        ordering = ["batch", "pk"]

    def __str__(self) -> str:
        return f"batch {self.batch_id} {self.location}"


class CensusAuthorityReturn(models.Model):
    """An authority's LA-level census figures for one collection year (``LALevelVacancies``).

    The vacancies themselves go into the store as unfilled establishment posts on 30 September
    (so the vacancy rate follows from the workforce model alone); this record keeps what the
    return said, including the 2025 LA-level pay flags, so the return can be written back out.
    """

    authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, related_name="census_returns"
    )
    year = models.PositiveSmallIntegerField(help_text="Collection year (to 30 September).")
    number_of_vacancies = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    agency_fte = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    agency_headcount = models.PositiveIntegerField(null=True)
    flags = models.JSONField(default=dict, blank=True, help_text="2025 LA-level flags (0/1/2).")
    other_allowances = models.TextField(blank=True)
    software_code = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["authority", "year"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="census_return_one_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.authority} CSWW {self.year}"


class CensusWorkerDetail(models.Model):
    """A worker's census items with no home in the workforce model, for one collection year.

    One row per worker and year, so ``role_start_date`` holds one role's date: a worker with two
    roles that the store counts from a later day in the same year keeps the first one's.
    """

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="census_details")
    year = models.PositiveSmallIntegerField()
    qual_inst = models.CharField("qualifying institution", max_length=120, blank=True)
    base_salary = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    rr_payments = models.DecimalField(
        "recruitment and retention payments", max_digits=9, decimal_places=2, null=True, blank=True
    )
    other_payments = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    contract_weeks = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    role_start_date = models.DateField(
        "RoleStartDate as returned",
        null=True,
        blank=True,
        help_text=(
            "The RoleStartDate the return gave for a role the store counts from a later day "
            "(an earlier return did not have the role in post), so an export of the year gives "
            "the council's date back. Empty when the store's start is the returned one."
        ),
    )

    class Meta:
        ordering = ["worker", "year"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "year"], name="census_detail_one_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.worker} CSWW {self.year}"
