"""``thrive import dfe-stats FILE``: the published table into the store, as one batch.

A later release of the same table replaces the figures it covers (same year, area, measure),
so importing the same file twice changes nothing and a new release updates what changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from django.db import transaction

from thrive.benchmark.models import PublishedFigure
from thrive.benchmark.table import Figure, read_table, shipped_table_path
from thrive.ingest.changes import ChangeLog, save_changes
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import create_all
from thrive.ingest.outcome import FileOutcome, current_user, finish_batch, new_batch, sha256_of
from thrive.ingest.problems import ImportValidationError


def _key(f: Figure | PublishedFigure) -> tuple[int, str, str, str, str]:
    return (f.year, f.level, f.area_code, f.la_number, f.measure)


def import_dfe_stats(path: Path | None = None, *, user: str | None = None) -> FileOutcome:
    """Import the Department's table (the shipped 2017-2024 one when no path is given)."""
    source = path or shipped_table_path()
    figures, problems = read_table(source)
    if any(p.is_error for p in problems):
        raise ImportValidationError(problems)
    outcome = FileOutcome(source.name, problems=problems)
    counts = Counts()
    with transaction.atomic():
        batch = new_batch(
            "dfe-stats", source, source.name, sha256_of(source), user or current_user()
        )
        log = ChangeLog(batch)
        existing = {_key(f): f for f in PublishedFigure.objects.all()}
        new = []
        for figure in figures:
            stored = existing.get(_key(figure))
            values = {
                "area_name": figure.area_name,
                "region_code": figure.region_code,
                "region_name": figure.region_name,
                "value": figure.value,
                "marker": figure.marker,
            }
            if stored is None:
                new.append(
                    PublishedFigure(
                        year=figure.year,
                        level=figure.level,
                        area_code=figure.area_code,
                        la_number=figure.la_number,
                        measure=figure.measure,
                        source=source.name,
                        **values,
                    )
                )
            elif _differs(stored, values) and save_changes(stored, values, log):
                counts.updated += 1
            else:
                counts.unchanged += 1
        create_all(new)
        log.added(new)
        counts.added += len(new)
        log.flush()
        finish_batch(batch, counts, problems)
    outcome.batch, outcome.counts = batch, counts
    return outcome


def _differs(stored: PublishedFigure, values: Mapping[str, object]) -> bool:
    for name, value in values.items():
        current = getattr(stored, name)
        if name == "value" and current is not None and value is not None:
            if current.compare(value) != 0:
                return True
        elif current != value:
            return True
    return False
