"""A progress bar (rich) that appears only when an import has been running for over a second."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
)


class Ticker(Protocol):
    def __call__(self, done: int, description: str | None = None) -> None: ...


class LazyProgress:
    """Call with the number of items done so far; shows a bar after ``delay`` seconds."""

    def __init__(
        self,
        description: str,
        total: int | None = None,
        delay: float = 1.0,
        console: Console | None = None,
    ) -> None:
        self.description, self.total, self.delay = description, total, delay
        self.console = console or Console(file=sys.stderr)
        self.started = time.monotonic()
        self.progress: Progress | None = None
        self.task = TaskID(0)

    def __call__(self, done: int, description: str | None = None) -> None:
        if description is not None:
            self.description = description
        if self.progress is None:
            if time.monotonic() - self.started < self.delay or not self.console.is_terminal:
                return
            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=self.console,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task(self.description, total=self.total)
        self.progress.update(self.task, completed=done, description=self.description)

    def __enter__(self) -> LazyProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.progress is not None:
            self.progress.stop()


def no_progress(done: int, description: str | None = None) -> None:
    """A ticker that shows nothing (library use and tests)."""
