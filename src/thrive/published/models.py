"""The Department for Education's published children's social work workforce statistics.

One :class:`PublishedFigure` per year, area and measure (``turnover_rate_fte`` for North Somerset
in 2018...). A cell the Department did not publish as a number keeps its marker (``c``, ``x``...)
and so stays "not available" with its reason: it is never read as zero.
"""

from __future__ import annotations

from django.db import models

from thrive.published.markers import MARKER_REASONS


class PublishedFigure(models.Model):
    """One published figure, or the reason it is not available."""

    class Level(models.TextChoices):
        NATIONAL = "National", "England"
        REGIONAL = "Regional", "Region"
        LOCAL_AUTHORITY = "Local authority", "Local authority"

    year = models.PositiveSmallIntegerField(help_text="Reporting year to 30 September.")
    level = models.CharField(max_length=16, choices=Level.choices)
    area_code = models.CharField(max_length=40, help_text="ONS code of the area (two when merged).")
    la_number = models.CharField(
        "LA number", max_length=16, blank=True, help_text="e.g. 933; '940 / 941' when merged."
    )
    area_name = models.CharField(max_length=120)
    region_code = models.CharField(max_length=12, blank=True)
    region_name = models.CharField(max_length=60, blank=True)
    measure = models.CharField(
        max_length=40, help_text="The table's column, e.g. turnover_rate_fte."
    )
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    marker = models.CharField(
        max_length=4,
        blank=True,
        choices=[(code, reason) for code, reason in MARKER_REASONS.items()],
        help_text="Why there is no number: the Department's marker.",
    )
    source = models.CharField(max_length=120, blank=True, help_text="File it was imported from.")

    class Meta:
        ordering = ["year", "level", "area_name", "measure"]
        indexes = [
            models.Index(fields=["la_number", "year"], name="figure_la_year_idx"),
            models.Index(fields=["level", "year", "measure"], name="figure_level_year_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "level", "area_code", "la_number", "measure"],
                name="figure_one_per_cell",
            ),
            models.CheckConstraint(
                condition=(models.Q(value__isnull=True) & ~models.Q(marker=""))
                | (models.Q(value__isnull=False) & models.Q(marker="")),
                name="figure_value_or_marker",
                violation_error_message="A figure has a number or a marker, never both.",
            ),
        ]

    def __str__(self) -> str:
        shown = self.value if self.value is not None else f"not available ({self.marker})"
        return f"{self.area_name} {self.year} {self.measure}: {shown}"

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def reason(self) -> str:
        """Why the figure is not available, in words ('' when it is)."""
        return MARKER_REASONS.get(self.marker, "") if self.marker else ""
