"""Results worked out on background threads, so no request waits on a model fit.

A page asks :func:`when_ready` for a result kept in Django's cache. If it is there, the page has
it. If not, the work starts on one of this process's background threads (unless another process
has already claimed it, with a marker in the shared cache) and the page waits up to
``WAIT_SECONDS``: quick results arrive within that, and a slow one (fitting the leaving-risk
model on a large council) leaves the page saying "Working this out" and asking again shortly,
while the worker process stays free for other requests.

Why threads and not a task queue: the work is the kept results of one store version, any
process can redo it if a worker dies (the claim expires after ``CLAIM_SECONDS``), and the
results land in the cache every process reads. A queue (Celery, Huey, django-tasks) would add a
worker process to run and watch for the same effect. Polars, NumPy and the model fits release
the interpreter lock for their heavy parts, so a request served beside a fit is not starved.

``THRIVE_BACKGROUND`` (a Django setting, on when ``THRIVE_KEEP=shared``) False works the result
out in the request instead, as the per-process keep always did; tests whose data live in an
uncommitted transaction use that, as a background thread's connection could not see them.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections

T = TypeVar("T")

# How long a request waits for a result that is being worked out before saying so.
WAIT_SECONDS = 2.0
# How long a claim on a piece of work lasts: a process that died while working frees it then.
CLAIM_SECONDS = 600
# How long a failure is remembered, so a page polling for the result shows the error.
FAILED_SECONDS = 60
# How often a page waiting on another process's work looks in the cache.
LOOK_SECONDS = 0.2
THREADS = 2

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_running: dict[str, Future[object]] = {}


class ResultFailed(RuntimeError):
    """Working out a result raised an error (the message is the error's)."""


def in_background() -> bool:
    return bool(getattr(settings, "THRIVE_BACKGROUND", False))


def when_ready(
    key: str, build: Callable[[], T], *, timeout: int, wait: float | None = None
) -> T | None:
    """The result kept under the cache key ``key``, or None while it is being worked out.

    With background work off, ``build`` runs here and its result is kept and returned.
    ``wait``: how long to wait for it (default ``WAIT_SECONDS``).
    """
    wait = WAIT_SECONDS if wait is None else wait
    found: T | None = cache.get(key)
    if found is not None:
        return found
    if not in_background():
        built = build()
        cache.set(key, built, timeout)
        return built
    failed = cache.get(f"{key}:failed")
    if failed is not None:
        raise ResultFailed(str(failed))
    future = start(key, build, timeout=timeout)
    if future is not None:
        try:
            future.result(timeout=wait)
        except FutureTimeout:
            return None
        except Exception as problem:
            raise ResultFailed(str(problem)) from problem
        result: T | None = cache.get(key)
        return result
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(LOOK_SECONDS)
        found = cache.get(key)
        if found is not None:
            return found
    return None


def start(key: str, build: Callable[[], T], *, timeout: int) -> Future[object] | None:
    """Start working out ``key`` here, unless this or another process already is.

    Returns this process's piece of work, or None when another process has claimed it.
    """
    global _pool
    with _lock:
        running = _running.get(key)
        if running is not None and not running.done():
            return running
        if not cache.add(f"{key}:working", os.getpid(), CLAIM_SECONDS):
            return None
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="thrive-results")
        future: Future[object] = _pool.submit(_work, key, build, timeout)
        _running[key] = future
        return future


def _work(key: str, build: Callable[[], object], timeout: int) -> None:
    try:
        cache.set(key, build(), timeout)
    except Exception as problem:
        _log.exception("Working out %s failed", key)
        cache.set(f"{key}:failed", f"{type(problem).__name__}: {problem}", FAILED_SECONDS)
        raise
    finally:
        cache.delete(f"{key}:working")
        with _lock:
            _running.pop(key, None)
        connections.close_all()  # this thread's connections only: they are per thread
