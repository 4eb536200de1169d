"""An authority's own targets for the measures of success, editable in the admin.

Each row overrides one measure's target (or, with a group, the local population's share of one
group for a representative-workforce measure). :func:`thrive.centre.targets.targets_for`
combines, in order, Thrive's defaults, the authority's TOML file and these rows.

The store knows measures by their registry key only. Which keys exist, and which take a group,
is handed to it at start-up (:func:`know_measures`, called by :mod:`thrive.centre.apps`), so the
store never imports the analysis packages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import models

from thrive.workforce.models.organisation import Authority


class KnownMeasure(Protocol):
    """What the store needs to know of a measure: its key, its label and its groups."""

    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def breakdown(self) -> str | None: ...
    @property
    def groups(self) -> tuple[str, ...]: ...
    @property
    def population(self) -> bool: ...


_known_measures: Callable[[], Mapping[str, KnownMeasure]] = dict


def know_measures(source: Callable[[], Mapping[str, KnownMeasure]]) -> None:
    """Tell the store where the list of measures comes from (the metrics registry)."""
    global _known_measures
    _known_measures = source


def known_measures() -> Mapping[str, KnownMeasure]:
    """Every measure in the registry, by key (empty until the registry is known)."""
    return _known_measures()


def measure_choices() -> list[tuple[str, str]]:
    """Every measure in the registry, for the admin's drop-down."""
    return [(m.name, f"{m.label} ({m.name})") for m in _known_measures().values()]


class MeasureTarget(models.Model):
    """One authority's target for one measure, with an optional amber band."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="targets")
    measure = models.CharField(max_length=64, choices=measure_choices)
    group = models.CharField(
        max_length=40,
        blank=True,
        help_text="Only for a representative-workforce measure: the group whose local "
        "population share this is, e.g. 'Asian' or 'Under 30'. Leave empty for a target.",
    )
    target = models.DecimalField(max_digits=12, decimal_places=2)
    amber_within = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Amber when the measure misses the target by no more than this (in the "
        "measure's unit). Empty: 10% of the target.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Where the target comes from.")

    class Meta:
        ordering = ["authority", "measure", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "measure", "group"], name="measure_target_unique"
            )
        ]

    def __str__(self) -> str:
        group = f" ({self.group})" if self.group else ""
        return f"{self.measure}{group}: {self.target}"

    def clean(self) -> None:
        super().clean()
        known = _known_measures()
        if self.measure not in known:
            raise ValidationError({"measure": "There is no such measure."})
        measure = known[self.measure]
        if self.group and not (measure.breakdown and measure.population):
            raise ValidationError(
                {
                    "group": "Only the workforce by ethnicity, sex, age band and disability take "
                    "a group."
                }
            )
        if self.group and self.group not in measure.groups:
            raise ValidationError(
                {"group": f"Choose one of the groups: {', '.join(measure.groups)}."}
            )
