"""Field and constraint helpers shared by the workforce models."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q


def fte_field(
    help_text: str = "Contracted hours over the standard week (0-1).",
    verbose_name: str = "FTE",
) -> models.DecimalField:
    """An FTE, to 6 decimal places as the census returns it."""
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=6, help_text=help_text)


def end_not_before_start(
    name: str, start: str = "start_date", end: str = "end_date"
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=name,
        violation_error_message="The end date is before the start date.",
    )


def fte_in_range(name: str, field: str = "fte") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gt": Decimal(0)}) & Q(**{f"{field}__lte": Decimal(1)}),
        name=name,
        violation_error_message="FTE must be more than 0 and at most 1.",
    )


class Dated(models.Model):
    """A record true from ``start_date`` to ``end_date`` inclusive (no end date: still true)."""

    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Last day; empty while current.")

    class Meta:
        abstract = True
