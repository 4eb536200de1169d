"""An issued board pack and its files, kept exactly as issued."""

from __future__ import annotations

from django.db import models


class IssuedPack(models.Model):
    """One issued pack: the half-year it runs to, who issued it and when, whether it was made
    for HR (small numbers and owners shown), its commentary and its figures as data."""

    authority = models.ForeignKey(
        "workforce.Authority", on_delete=models.CASCADE, related_name="issued_packs"
    )
    to = models.DateField(help_text="The half-year's end (31 March or 30 September).")
    named = models.BooleanField(
        default=False, help_text="Made for HR: small numbers and owners shown; not to publish."
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.CharField(max_length=150)
    commentary = models.JSONField(default=dict, blank=True, help_text="Section key: paragraph.")
    figures = models.JSONField(default=dict, help_text="The pack's sections and tables as data.")

    class Meta:
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return f"Board pack to {self.to:%-d %b %Y}, issued {self.issued_at:%-d %b %Y}"


class IssuedFile(models.Model):
    """One file of an issued pack (PDF, XLSX or HTML), with the SHA-256 of its bytes."""

    pack = models.ForeignKey(IssuedPack, on_delete=models.CASCADE, related_name="files")
    form = models.CharField("format", max_length=8)
    name = models.CharField(max_length=120)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pack", "form"], name="issued_file_one_per_format")
        ]

    def __str__(self) -> str:
        return self.name
