"""Another import holding the store's import lock while a test tries its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from thrive.import_records.lock import import_lock


@contextmanager
def another_import() -> Iterator[None]:
    """Another import holding the store's lock, on a thread (and connection) of its own."""
    holding, done = threading.Event(), threading.Event()

    def run() -> None:
        try:
            with import_lock("hr.admin", "staff other.csv"):
                holding.set()
                done.wait(60)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert holding.wait(30)
    try:
        yield
    finally:
        done.set()
        thread.join(30)
