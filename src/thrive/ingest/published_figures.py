"""``thrive import dfe-stats FILE``: the published table into the store, as one batch.

A later release of the same table replaces the figures it covers (same year, area, measure),
so importing the same file twice changes nothing and a new release updates what changed.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from thrive.import_records.lock import import_lock
from thrive.ingest.changes import ChangeLog
from thrive.ingest.counts import Counts
from thrive.ingest.fast_insert import insert_rows
from thrive.ingest.outcome import FileOutcome, current_user, finish_batch, new_batch, sha256_of
from thrive.ingest.published_table import Figure, read_table
from thrive.problems import ImportValidationError
from thrive.published.models import PublishedFigure
from thrive.published.shipped import shipped_table_path


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
    who = user or current_user()
    with import_lock(who, f"published statistics {source.name}"), transaction.atomic():
        batch = new_batch("dfe-stats", source, source.name, sha256_of(source), who)
        log = ChangeLog(batch)
        fields = ("area_name", "region_code", "region_name", "value", "marker")
        existing = {
            row[1:6]: row
            for row in PublishedFigure.objects.values_list(
                "pk", "year", "level", "area_code", "la_number", "measure", *fields
            )
        }
        new = []
        for figure in figures:
            stored = existing.get(_key(figure))
            values = (
                figure.area_name,
                figure.region_code,
                figure.region_name,
                figure.value,
                figure.marker,
            )
            if stored is None:
                new.append((*_key(figure), *values, source.name))
                continue
            before = dict(zip(fields, stored[6:], strict=True))
            changed = {f: v for f, v in zip(fields, values, strict=True) if before[f] != v}
            if changed:
                PublishedFigure.objects.filter(pk=stored[0]).update(**changed)
                log.updated_values(PublishedFigure, stored[0], {f: before[f] for f in changed})
                counts.updated += 1
            else:
                counts.unchanged += 1
        columns = ("year", "level", "area_code", "la_number", "measure", *fields, "source")
        log.added_ids(PublishedFigure, insert_rows(PublishedFigure, columns, new))
        counts.added += len(new)
        log.flush()
        finish_batch(batch, counts, problems)
    outcome.batch, outcome.counts = batch, counts
    return outcome
