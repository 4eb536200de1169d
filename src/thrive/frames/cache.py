"""The frames cache: one authority's frames, read once and kept until the data change.

Reading the store into frames is the slow part of a page (tens of thousands of rows), and the
data change only when someone imports a file, undoes a batch, corrects a record in the admin or
reloads the demo. :func:`store_version` is a cheap fingerprint of exactly those events (a few
indexed MAX/COUNT queries), so each process keeps the frames, and pages keep what they rendered,
until the fingerprint moves. ``THRIVE_WEB_CACHE=0`` turns all of it off.

Where they are kept is ``THRIVE_KEEP``: ``shared`` (the default) writes each version's frames
once as files every process memory-maps (:mod:`thrive.frames.files`) and keeps results in a cache
every process sees (files under ``THRIVE_DATA_DIR``, or Redis); ``process`` keeps both in each
process's memory, built in the request that first needs them (the benchmark's peer).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import polars as pl
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Max

from thrive.children.models import Allocation
from thrive.frames import files
from thrive.frames import load as frames_load
from thrive.frames import load_lifecycle as lifecycle_load
from thrive.frames.lifecycle import LifecycleFrames
from thrive.frames.workforce import AllocationFrames, WorkforceFrames
from thrive.workforce import models

T = TypeVar("T")
F = TypeVar("F")

# Tables whose newest row moves when records are added (MAX of the primary key is an index lookup;
# COUNT would scan). With the authorities, LogEntry (admin edits and deletions) and import batches
# (imports and undo) they catch every change Thrive itself makes; a row deleted by hand in a
# database shell is not seen until the next change or restart.
_GROWING = (
    models.Worker,
    models.EmploymentSpell,
    models.CaseloadSnapshot,
    models.Supervision,
    models.Appraisal,
    Allocation,
)

# How long a process trusts the fingerprint it last read: a change shows within this many seconds,
# and a busy page is spared eight queries on every request.
VERSION_CHECK_SECONDS = 2.0

_lock = threading.Lock()
_frames: dict[int, tuple[str, WorkforceFrames]] = {}
_lifecycle: dict[int, tuple[str, LifecycleFrames]] = {}
_allocations: dict[int, tuple[str, AllocationFrames]] = {}
_version: tuple[float, str] | None = None


def caching_on() -> bool:
    return bool(getattr(settings, "THRIVE_WEB_CACHE", True))


def shared() -> bool:
    """Whether frames and results are shared between processes (``THRIVE_KEEP=shared``)."""
    return caching_on() and getattr(settings, "THRIVE_KEEP", "shared") == "shared"


def current_version() -> str:
    """:func:`store_version`, read at most once every ``VERSION_CHECK_SECONDS`` per process."""
    global _version
    now = time.monotonic()
    with _lock:
        if _version is not None and now - _version[0] < VERSION_CHECK_SECONDS:
            return _version[1]
    return fresh_version()


def fresh_version() -> str:
    """:func:`store_version` read now, and trusted by this process for the next
    ``VERSION_CHECK_SECONDS`` (what prepares a new version calls, so it never prepares the
    version before it)."""
    global _version
    now = time.monotonic()
    version = store_version()
    with _lock:
        _version = (now, version)
    return version


def store_version(using: str = DEFAULT_DB_ALIAS) -> str:
    """A fingerprint that changes whenever the workforce records may have changed (in the
    database ``using`` names: a backup reads it from its snapshot)."""
    parts: list[str] = []
    authorities = models.Authority.objects.using(using).aggregate(n=Count("pk"), last=Max("pk"))
    parts.append(f"{authorities['n']}.{authorities['last']}")
    for model in _GROWING:
        parts.append(str(model.objects.using(using).aggregate(last=Max("pk"))["last"]))
    parts.append(str(LogEntry.objects.using(using).aggregate(last=Max("pk"))["last"]))
    if apps.is_installed("thrive.import_records"):
        batches = (
            apps.get_model("ingest", "ImportBatch")
            .objects.using(using)
            .aggregate(n=Count("pk"), last=Max("pk"), undone=Max("undone_at"))
        )
        parts.append(f"{batches['n']}.{batches['last']}.{batches['undone']}")
    return "-".join(parts)


def frames_for(authority_id: int, version: str | None = None) -> WorkforceFrames:
    """One authority's workforce frames, from this process's memory when the store has not
    changed. Their ``allocations`` are read (:func:`allocations_for`) when first used."""
    if not caching_on():
        return frames_load.load(models.Authority.objects.get(pk=authority_id))
    version = version or current_version()
    kept_version = version

    def allocations() -> pl.DataFrame:
        return allocations_for(authority_id, kept_version).allocations

    return _kept_frames(
        _frames,
        authority_id,
        version,
        lambda authority: frames_load.load(authority, allocations),
        WorkforceFrames,
        given={"allocations": allocations},
    )


def allocations_for(authority_id: int, version: str | None = None) -> AllocationFrames:
    """One authority's children's allocation spells, a family of frames of their own (files
    of their own with ``THRIVE_KEEP=shared``), kept alike."""
    return _kept_frames(
        _allocations, authority_id, version, frames_load.load_allocations, AllocationFrames
    )


def lifecycle_for(authority_id: int, version: str | None = None) -> LifecycleFrames:
    """One authority's lifecycle frames (recruitment, registration, surveys, exits), kept alike."""
    return _kept_frames(_lifecycle, authority_id, version, lifecycle_load.load, LifecycleFrames)


def _kept_frames(
    kept_here: dict[int, tuple[str, F]],
    authority_id: int,
    version: str | None,
    load: Callable[[models.Authority], F],
    kind: type[F],
    given: dict[str, Any] | None = None,
) -> F:
    if not caching_on():
        return load(models.Authority.objects.get(pk=authority_id))
    version = version or current_version()
    with _lock:
        found = kept_here.get(authority_id)
        if found is not None and found[0] == version:
            return found[1]

    def from_store() -> F:
        return load(models.Authority.objects.get(pk=authority_id))

    if shared():
        family = _FAMILIES[kind]
        loaded = files.shared_frames(kind, family, authority_id, version, from_store, given)
    else:
        loaded = from_store()
    with _lock:
        kept_here[authority_id] = (version, loaded)
    return loaded


_FAMILIES: dict[type, str] = {
    WorkforceFrames: "workforce",
    LifecycleFrames: "lifecycle",
    AllocationFrames: "allocations",
}


def remembered(key: str, build: Callable[[], T], *, version: str, timeout: int = 3600) -> T:
    """What ``build`` returns, kept in Django's cache under ``key`` for this store version."""
    return remembered_at(_cache_key(version, key), build, timeout=timeout)


def remembered_at(full_key: str, build: Callable[[], T], *, timeout: int = 3600) -> T:
    """What ``build`` returns, kept in Django's cache under ``full_key`` (see :func:`cache_key`)."""
    if not caching_on():
        return build()
    found: T | None = cache.get(full_key)
    if found is not None:
        return found
    built = build()
    cache.set(full_key, built, timeout)
    return built


def _cache_key(version: str, key: str) -> str:
    """A cache key any backend takes: keys naming teams or dates with spaces, or long ones,
    are hashed (memcached refuses spaces and keys over 250 characters)."""
    full = f"thrive:{files.version_tag(version)}:{key}"
    if len(full) > 200 or any(c.isspace() or ord(c) < 33 or ord(c) > 126 for c in full):
        return f"thrive:{hashlib.sha256(full.encode()).hexdigest()}"
    return full


def cache_key(key: str, *, version: str) -> str:
    """The key ``key`` is kept under for this store version (the database named in it too)."""
    return _cache_key(version, key)


def kept(key: str, *, version: str) -> Any:
    """What :func:`keep` kept under ``key`` for this store version, or None."""
    return cache.get(_cache_key(version, key)) if caching_on() else None


def keep(key: str, value: object, *, version: str, timeout: int = 3600) -> None:
    """Keep ``value`` under ``key`` until the store version changes (or ``timeout`` s pass)."""
    if caching_on():
        cache.set(_cache_key(version, key), value, timeout)


def forget(*, files_too: bool = True) -> None:
    """Drop every kept frame and fingerprint, and the shared frame files unless ``files_too`` is
    False (tests call this: their databases hand out the same fingerprints again)."""
    global _version
    with _lock:
        _frames.clear()
        _lifecycle.clear()
        _allocations.clear()
        _version = None
    if files_too:
        files.remove_all()
