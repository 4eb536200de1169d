"""Getting a new store version ready before anyone asks: its frames files and the slow results.

When an import, an undo, the demo or an admin edit commits, the store's fingerprint moves, and
the work starts then (:func:`store_changed`, connected by ``thrive.centre.apps`` to the saving of
an import batch, an admin log entry or an authority, runs :func:`get_ready` once the transaction
commits), on a thread of its own, so the request or command that committed does not wait:

- in a web server process, the thread writes the frames files and works out the common pages'
  slow results for the latest date (the leaving-risk model, the retention curves, the themes,
  the surveys, ASYE and careers, recruitment, the forecast model and the Forecast page's
  runs for its opening scenario, the Overview's and the Children page's figures for the whole
  council and each service, the Workforce page's and the Teams index's figures,
  next year from the published statistics and its backtest);
- in a command (``thrive import``, ``thrive demo``...), the thread writes the frames files while
  the command carries on, and the command waits for it before it exits (:func:`finish`, called
  by ``thrive``'s entry point); a server running beside it then finds the files written.

Each web server process also runs a watcher (:func:`start_watching`, started by
``thrive.wsgi``) that reads the fingerprint every ``WATCH_SECONDS``: when it moves (a command's
commit, or another process's), one process (whichever takes the lock first) prepares the new
version as above, reading the frames files a command wrote, and every process maps the new
frames into memory. The same happens when the server starts, so a restart finds everything
ready (kept results survive it in the shared cache). With ``THRIVE_KEEP=process`` nothing is
prepared at commit or watched: each process works things out in the requests, as before. The
Django setting ``THRIVE_PREPARE_AT_COMMIT`` (on with ``THRIVE_KEEP=shared``; the tests turn it
off, as a thread reading beside a test writing its records would trip over them) turns the
work at commit off alone.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections, transaction

from thrive.frames import cache as frames_cache
from thrive.frames import files
from thrive.workforce.models import Authority

WATCH_SECONDS = 5.0

_log = logging.getLogger(__name__)
_started = threading.Event()
_ready_lock = threading.Lock()
_ready_thread: threading.Thread | None = None
_again = False


def prepare(authority: Authority) -> None:
    """Write the authority's frames files and work out the common pages' results (latest date)."""
    for _, step in steps(authority):
        step()


def steps(authority: Authority) -> list[tuple[str, Callable[[], object]]]:
    """What :func:`prepare` does, step by step, each named (``bench/memory/prepare_steps.py``
    measures them one at a time)."""
    # here, not at the top: every command loads this module at start-up (``thrive.centre.apps``)
    # and only a server prepares results
    from thrive.centre.centre import Centre
    from thrive.summaries import kept_pages, kept_results
    from thrive.summaries.forecast import Levers
    from thrive.summaries.retention import COHORT_CHOICES

    centre = Centre.for_authority(authority)
    as_at = centre.latest

    def frames() -> None:
        centre.frames, centre.lifecycle  # noqa: B018 - reading them writes the shared files
        centre.frames.allocations  # noqa: B018 - the children's too (continuity, Children page)

    def retention() -> None:
        for named in (True, False):
            kept_results.retention_curves(centre, COHORT_CHOICES[0][0], as_at, named=named)
            kept_results.exits_by_year(centre, as_at, named=named)

    def workforce() -> None:
        for hr in (True, False):
            kept_pages.workforce(centre, as_at, hr=hr)

    def words() -> None:
        for source in ("exits", "survey"):
            kept_results.text_themes(centre, source)
        for by in (None, "team"):
            kept_results.survey_summary(centre, by)

    def whole_council() -> None:  # the Overview and Children pages, the first most open
        for named in (True, False):
            kept_pages.overview(centre, as_at, service=None, named=named, chosen=[])
            kept_pages.children(centre, as_at, service=None, named=named)

    def forecasts() -> None:
        kept_results.forecast_model(centre)
        kept_results.forecast_results(centre, Levers())  # the page as it first opens
        made = kept_results.published_forecast(centre)
        kept_results.published_backtest(centre)
        if not isinstance(made, kept_results.Unavailable):
            kept_results.own_fte_forecast(centre, made.year)

    def services() -> list[str]:
        return sorted(centre.frames.teams["service"].unique().drop_nulls().to_list())

    def services_overview() -> None:
        # the Overview as it first opens for each service (for its manager; every service's
        # measures are worked out together)
        for service in services():
            for named in (True, False):
                kept_pages.overview(centre, as_at, service=service, named=named, chosen=[])

    def services_children() -> None:
        # each service's Children page, likewise (every service's in one pass)
        for service in services():
            for named in (True, False):
                kept_pages.children(centre, as_at, service=service, named=named)

    return [
        ("frames", frames),
        ("leaving risk", lambda: kept_results.leaving_risk(centre, as_at)),
        ("people at risk", lambda: kept_results.people_at_risk(centre, as_at)),
        ("retention", retention),
        ("recruitment", lambda: kept_results.recruitment_summary(centre, as_at)),
        ("workforce", workforce),
        ("teams index", lambda: kept_pages.team_index(centre, as_at)),
        ("careers", lambda: kept_results.careers(centre, as_at)),
        ("themes and surveys", words),
        ("whole council", whole_council),
        ("forecasts", forecasts),
        ("services' overview", services_overview),
        ("services' children", services_children),
    ]


def store_changed(**_: object) -> None:
    """A signal receiver: a record that moves the store version was saved, so once its
    transaction commits the new version is got ready (nothing happens if it rolls back)."""
    transaction.on_commit(get_ready)


def get_ready() -> None:
    """Start getting the store's current version ready on a thread (see the module's notes).

    If a thread is already at it, it goes round once more when it has finished, so a commit
    made while it worked is not missed.
    """
    global _ready_thread, _again
    if not frames_cache.shared() or not getattr(settings, "THRIVE_PREPARE_AT_COMMIT", False):
        return
    with _ready_lock:
        if _ready_thread is not None:
            _again = True
            return
        # a server's thread must not hold up a worker's exit; a command's must finish first
        _ready_thread = threading.Thread(
            target=_get_ready, name="thrive-ready", daemon=_started.is_set()
        )
        _ready_thread.start()


def finish(timeout: float | None = None) -> None:
    """Wait for the work :func:`get_ready` started (a command calls this before it exits)."""
    with _ready_lock:
        thread = _ready_thread
    if thread is not None:
        thread.join(timeout)


def write_all_frames() -> str:
    """Write every authority's frames files for the store version as it is now (files already
    written are left alone), the children's allocations too; returns that version."""
    version = frames_cache.fresh_version()
    for authority_id in Authority.objects.order_by("pk").values_list("pk", flat=True):
        frames_cache.frames_for(authority_id, version)
        frames_cache.lifecycle_for(authority_id, version)
        frames_cache.allocations_for(authority_id, version)
    return version


def _get_ready() -> None:
    global _ready_thread, _again
    while True:
        try:
            if not _started.is_set():
                write_all_frames()  # a command: the frames; a server prepares the rest
            elif not prepare_all():
                map_frames()  # another process prepares: this one maps what it writes
        except Exception:  # the commit stands; a page works out what is missing when asked
            _log.exception("Getting the store's new version ready failed")
        finally:
            connections.close_all()  # this thread's connections only
        with _ready_lock:
            if not _again:
                _ready_thread = None
                return
            _again = False


def prepare_all() -> bool:
    """Prepare every authority, unless another process is already at it (then False)."""
    with files.try_lock(files.root() / "prepare.lock") as mine:
        if not mine:
            return False
        started = time.monotonic()
        version = frames_cache.fresh_version()  # not the one this process read 2 s ago
        for authority in Authority.objects.order_by("pk"):
            prepare(authority)
        _log.info(
            "Prepared store version %s in %.1f s: the frames files and the common pages' results",
            version,
            time.monotonic() - started,
        )
        return True


def map_frames() -> None:
    """Bring every authority's frames into this process (mapping the shared files; the
    children's allocations are mapped when a page first uses them)."""
    version = frames_cache.fresh_version()
    for authority_id in Authority.objects.order_by("pk").values_list("pk", flat=True):
        frames_cache.frames_for(authority_id, version)
        frames_cache.lifecycle_for(authority_id, version)


def start_watching() -> None:
    """Start this process's watcher thread (once; only with ``THRIVE_KEEP=shared``)."""
    if not frames_cache.shared() or _started.is_set():
        return
    _started.set()
    threading.Thread(target=_watch, name="thrive-prepare", daemon=True).start()


def _watch() -> None:
    seen = None
    while True:
        try:
            version = frames_cache.store_version()
            if version != seen:
                if not prepare_all():
                    map_frames()  # another process prepares: this one maps what it writes
                seen = version
        except Exception:  # a watcher must outlive a bad moment (a locked or busy database)
            _log.exception("Preparing the store's new version failed")
        finally:
            connections.close_all()
        time.sleep(WATCH_SECONDS)
