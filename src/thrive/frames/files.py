"""The frames as files every process shares: built once per store version, then memory-mapped.

Reading a large council's store into frames takes seconds, and each server process, restart and
command used to pay it again. Here an authority's frames are written once per store version as
Arrow IPC files (Feather v2, uncompressed) under ``THRIVE_DATA_DIR/frames/<version>/``, and every
process maps them into memory, which takes milliseconds whatever their size (the figures, and
the other formats measured, are in ``docs/benchmarks.md``).

- **Atomic**: a folder is written under a temporary name and renamed into place, so a reader
  sees all of a version's files or none.
- **Once**: the builder holds a file lock (``fcntl.flock``) for that version and authority; a
  second process asking at the same moment waits on the lock and then reads what the first wrote.
- **Versioned**: the folder is named by a hash of the store fingerprint
  (:func:`thrive.frames.cache.store_version`), the database it came from and the code that
  wrote it (:func:`thrive.frames.code_version.code_version`: an upgrade writes afresh).
- **Cleaned up**: when a version is written, other versions' folders not touched for
  ``OLD_VERSION_SECONDS`` are removed (a process still mapping an old file keeps its pages).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import polars as pl
from django.conf import settings
from django.db import connection

from thrive.frames.code_version import code_version

F = TypeVar("F")

FOLDER = "frames"
# An older version's folder is removed once no process has written it for this long: longer than
# a process trusts a fingerprint it has read (two seconds) and than one build takes.
OLD_VERSION_SECONDS = 120.0
# A temporary folder left by a builder that died is removed after this long.
ABANDONED_SECONDS = 600.0
_META = "meta.json"

_log = logging.getLogger(__name__)


def root() -> Path:
    """Where the shared frames live: ``THRIVE_DATA_DIR/frames``."""
    return Path(settings.DATA_DIR) / FOLDER


def version_tag(version: str) -> str:
    """A folder (and cache key) name for this store version of this database, worked out by
    this release's code (two databases, or two releases, never share one)."""
    db = connection.settings_dict
    identity = (
        f"{db.get('ENGINE')}|{db.get('HOST')}|{db.get('PORT')}|{db.get('NAME')}|{version}"
        f"|{code_version()}"
    )
    return hashlib.sha256(identity.encode()).hexdigest()[:24]


def shared_frames(
    cls: type[F],
    family: str,
    authority_id: int,
    version: str,
    build: Callable[[], F],
    given: dict[str, Any] | None = None,
) -> F:
    """``cls`` frames of one authority for this store version, from the shared files.

    When the files are missing, this process builds them with ``build`` under the lock (or,
    if another process is already building them, waits and reads what it wrote). The fields
    named in ``given`` (another family's frames, read when first used) are neither written nor
    read here: they are passed to ``cls`` as given.
    """
    given = given or {}
    tag = version_tag(version)
    folder = root() / tag / f"{authority_id}-{family}"
    if folder.is_dir():
        return read_frames(cls, folder, given)
    with _locked(root() / f"{tag}-{authority_id}-{family}.lock"):
        if folder.is_dir():  # another process built them while this one waited
            return read_frames(cls, folder, given)
        built = build()
        write_frames(built, folder, leave_out=set(given))
        _log.info("Wrote the %s frames of authority %s to %s", family, authority_id, folder)
    remove_old_versions(keep=tag)
    return built


def write_frames(frames: object, folder: Path, leave_out: Collection[str] = ()) -> None:
    """Write a frames dataclass to ``folder`` atomically: one IPC file per frame, and its
    other fields (names, numbers) in ``meta.json``; the fields in ``leave_out`` are not
    written (nor read)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = folder.parent.parent / f".tmp-{uuid.uuid4().hex}"
    temporary.mkdir(parents=True)
    try:
        meta: dict[str, Any] = {}
        for field in fields(frames):  # type: ignore[arg-type]
            if field.name in leave_out:
                continue
            value = getattr(frames, field.name)
            if isinstance(value, pl.DataFrame):
                value.write_ipc(temporary / f"{field.name}.arrow", compression="uncompressed")
            else:
                meta[field.name] = value
        (temporary / _META).write_text(json.dumps(meta))
        os.rename(temporary, folder)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
        if not folder.is_dir():
            raise
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def read_frames(cls: type[F], folder: Path, given: dict[str, Any] | None = None) -> F:
    """A frames dataclass from ``folder`` (Polars memory-maps uncompressed IPC files), with
    the fields in ``given`` as given."""
    values: dict[str, Any] = {**json.loads((folder / _META).read_text()), **(given or {})}
    for field in fields(cls):  # type: ignore[arg-type]
        if field.name not in values:
            values[field.name] = pl.read_ipc(folder / f"{field.name}.arrow")
    return cls(**values)


def remove_old_versions(keep: str) -> None:
    """Remove other versions' folders not written for ``OLD_VERSION_SECONDS``, their locks, and
    temporary folders abandoned by a builder that died."""
    now = time.time()
    try:
        entries = list(root().iterdir())
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(keep):
            continue
        try:
            age = now - entry.stat().st_mtime
        except FileNotFoundError:
            continue
        abandoned = entry.name.startswith(".tmp-") and age > ABANDONED_SECONDS
        old = not entry.name.startswith(".tmp-") and age > OLD_VERSION_SECONDS
        if abandoned or old:
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def remove_all() -> None:
    """Remove every shared frame file (tests whose databases reuse fingerprints call this)."""
    shutil.rmtree(root(), ignore_errors=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if need be) until the block ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def try_lock(path: Path) -> Iterator[bool]:
    """Take an exclusive lock on ``path`` if no one holds it; yields whether it was taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
