"""Issuing a board pack, and reading an issued pack back exactly as it was issued.

Issuing makes the pack's three files once (PDF, XLSX, HTML) and keeps their bytes with each
one's SHA-256 and the pack's figures as data (:class:`thrive.issued_packs.models.IssuedPack`);
a later import changes the records and so the packs made afterwards, never an issued one. Before
a file is sent again its checksum is checked, so a file changed in the database is refused
rather than passed off as the issued one. A pack made for HR (small numbers and owners shown) is
listed and sent to HR admins only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import polars as pl
from django.db import transaction

from thrive.frames.workforce import WorkforceFrames
from thrive.issued_packs.models import IssuedFile, IssuedPack
from thrive.summaries import pack_files
from thrive.summaries.pack_figures import BoardPack, Figure


class ChangedFileError(Exception):
    """An issued file whose bytes no longer match the checksum taken when it was issued."""


@dataclass(frozen=True)
class IssuedRow:
    """An issued pack as the Reports page lists it."""

    pack_id: int
    to: date
    named: bool
    issued_at: datetime
    issued_by: str
    forms: list[str]


def pack_as_data(pack: BoardPack) -> dict[str, Any]:
    """The pack's sections, paragraphs, commentary and tables as JSON-ready data (a figure as
    its value, unit and mark), kept beside the files of an issued pack."""

    def cell(c: Figure | str) -> Any:
        if isinstance(c, Figure):
            return {"value": c.value, "unit": c.unit, "mark": c.mark}
        return c

    return {
        "title": pack.title,
        "to": pack.to.isoformat(),
        "named": pack.named,
        "measures": list(pack.measures),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "commentary": s.commentary,
                "paragraphs": list(s.paragraphs),
                "tables": [
                    {
                        "caption": t.caption,
                        "headers": list(t.headers),
                        "rows": [[cell(c) for c in row] for row in t.rows],
                    }
                    for t in [*s.tables, *(c.table for c in s.charts)]
                ],
            }
            for s in pack.sections
        ],
    }


def people_named(texts: Mapping[str, str], frames: WorkforceFrames) -> dict[str, list[str]]:
    """Each text (by section key) that names a worker of the council: the names found (whole
    names, any case). A pack for leadership names nobody, commentary included."""
    names = [
        n for n in frames.workers.select(pl.col("name")).to_series().drop_nulls().to_list() if n
    ]
    found: dict[str, list[str]] = {}
    for key, text in texts.items():
        lowered = text.lower()
        hits = sorted({n for n in names if n.lower() in lowered})
        if hits:
            found[key] = hits
    return found


def issue(pack: BoardPack, *, authority_id: int, issued_by: str) -> IssuedPack:
    """Make the pack's files and keep them, with their checksums and the figures, unchanged."""
    files = [(form, pack_files.render(pack, form)) for form in pack_files.FORMATS]
    with transaction.atomic():
        issued = IssuedPack.objects.create(
            authority_id=authority_id,
            to=pack.to,
            named=pack.named,
            issued_by=issued_by,
            commentary={s.key: s.commentary for s in pack.sections if s.commentary},
            figures=pack_as_data(pack),
        )
        for form, body in files:
            IssuedFile.objects.create(
                pack=issued,
                form=form,
                name=pack_files.file_name(pack, form).replace(
                    "board-pack-", f"board-pack-issued-{issued.pk}-"
                ),
                content=body,
                sha256=hashlib.sha256(body).hexdigest(),
            )
    return issued


def issued_packs(authority_id: int, *, named_allowed: bool) -> list[IssuedRow]:
    """The council's issued packs, newest first (packs made for HR only for HR)."""
    found = IssuedPack.objects.filter(authority_id=authority_id).prefetch_related("files")
    if not named_allowed:
        found = found.filter(named=False)
    return [
        IssuedRow(
            p.pk,
            p.to,
            p.named,
            p.issued_at,
            p.issued_by,
            sorted((f.form for f in p.files.all()), key=pack_files.FORMATS.index),
        )
        for p in found
    ]


def issued_file(
    pack_id: int, form: str, *, authority_id: int, named_allowed: bool
) -> tuple[IssuedPack, IssuedFile, bytes]:
    """An issued pack's file exactly as issued (``IssuedFile.DoesNotExist`` when there is no
    such file this reader may have; :class:`ChangedFileError` when its bytes have changed)."""
    packs = IssuedPack.objects.filter(authority_id=authority_id)
    if not named_allowed:
        packs = packs.filter(named=False)
    kept = IssuedFile.objects.select_related("pack").get(pack__in=packs, pack_id=pack_id, form=form)
    body = bytes(kept.content)
    if hashlib.sha256(body).hexdigest() != kept.sha256:
        raise ChangedFileError(f"{kept.name} no longer matches the file issued")
    return kept.pack, kept, body
