"""Getting a new store version ready before anyone asks: its frames files and the slow results.

When an import, an undo, the demo or an admin edit commits, the store's fingerprint moves. Each
web server process runs a watcher (:func:`start_watching`, started by ``thrive.wsgi``) that
reads the fingerprint every ``WATCH_SECONDS``; when it moves, one process (whichever takes the
lock first) writes the frames files and works out the common pages' slow results for the latest
date (the leaving-risk model, the retention curves, the themes, the surveys, ASYE and careers,
recruitment, the forecast model), and every process maps the new frames into memory. The same
happens when the server starts, so a restart finds everything ready (kept results survive it in
the shared cache). With ``THRIVE_KEEP=process`` nothing is watched: each process works things
out in the requests, as before.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import connections

from thrive.centre.centre import Centre
from thrive.frames import cache as frames_cache
from thrive.frames import files
from thrive.summaries import kept_results
from thrive.summaries.retention import COHORT_CHOICES
from thrive.workforce.models import Authority

WATCH_SECONDS = 5.0

_log = logging.getLogger(__name__)
_started = threading.Event()


def prepare(authority: Authority) -> None:
    """Write the authority's frames files and work out the common pages' results (latest date)."""
    centre = Centre.for_authority(authority)
    as_at = centre.latest
    centre.frames, centre.lifecycle  # noqa: B018 - reading them writes the shared files
    kept_results.leaving_risk(centre, as_at)
    kept_results.people_at_risk(centre, as_at)
    for named in (True, False):
        kept_results.retention_curves(centre, COHORT_CHOICES[0][0], as_at, named=named)
        kept_results.exits_by_year(centre, as_at, named=named)
    kept_results.recruitment_summary(centre, as_at)
    kept_results.careers(centre, as_at)
    for source in ("exits", "survey"):
        kept_results.text_themes(centre, source)
    for by in (None, "team"):
        kept_results.survey_summary(centre, by)
    kept_results.forecast_model(centre)


def prepare_all() -> bool:
    """Prepare every authority, unless another process is already at it (then False)."""
    with files.try_lock(files.root() / "prepare.lock") as mine:
        if not mine:
            return False
        for authority in Authority.objects.order_by("pk"):
            prepare(authority)
        return True


def map_frames() -> None:
    """Bring every authority's frames into this process (mapping the shared files)."""
    version = frames_cache.current_version()
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
