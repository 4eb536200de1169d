"""A real Thrive server for the benchmark: ``thrive serve --workers 2`` on a loopback port.

Started as users start it (gunicorn, 2 sync workers, its own settings), with the environment
the benchmark chooses (the store, ``THRIVE_KEEP``). Besides starting and stopping it, this reads
what the benchmark reports from ``/proc``: each worker's process id, its resident memory now
(VmRSS) and at its peak (VmHWM), and the length of the listening socket's accept queue.

Choosing the worker that answers: gunicorn's workers all accept from one socket, so a request
cannot be addressed to one of them. :meth:`Server.through` pauses every other worker with SIGSTOP,
sends the request, waits until the accept queue is empty (the chosen worker has taken the
connection) and resumes the others with SIGCONT: they are paused for milliseconds, never for the
length of the request, so gunicorn's 30-second worker timeout is not disturbed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stores import store_environment, thrive_command  # noqa: E402

T = TypeVar("T")
WORKERS = 2
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status(pid: int) -> dict[str, str]:
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines if ":" in line)


def _mib(value: str) -> float:
    return int(value.split()[0]) / 1024  # "123456 kB"


class Server:
    """``thrive serve --workers 2`` on the store in ``data_dir``, logging to ``log``."""

    def __init__(self, data_dir: Path, log: Path, **environment: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("a")
        self.log_path, self.log_from = log, self.log.tell()
        self.started = time.monotonic()
        self.seen: set[int] = set()  # every worker id seen: more than WORKERS means restarts
        self.process = subprocess.Popen(
            [*thrive_command(), "serve", "--port", str(self.port), "--workers", str(WORKERS)],
            env=store_environment(data_dir, **environment),
            start_new_session=True,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 120
        while len(self.workers()) < WORKERS or not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"thrive serve did not start: see {log}")
            time.sleep(0.1)

    def prepared(self, timeout: float) -> float | None:
        """Wait until the server says it has prepared the store version (frames files and the
        common pages' results: ``thrive.centre.prepare``); the seconds since it was started, or
        None if it did not say so within ``timeout`` (or never will: ``THRIVE_KEEP=process``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.log.flush()
            with self.log_path.open() as log:
                log.seek(self.log_from)
                if "Prepared store version" in log.read():
                    return time.monotonic() - self.started
            time.sleep(0.2)
        return None

    def _listening(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return True
        except OSError:
            return False

    def workers(self) -> list[int]:
        """The worker processes' ids (the gunicorn master's children), in order."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            found = sorted(int(pid) for pid in children.read_text().split())
        except OSError:
            return []
        self.seen.update(found)
        return found

    def restarts(self) -> int:
        """Workers gunicorn replaced so far (its 30 s timeout kills a worker stuck on a request)."""
        self.workers()
        return max(0, len(self.seen) - WORKERS)

    def memory(self) -> dict[int, tuple[float, float]]:
        """Each worker's resident memory (now, peak) in MiB, from /proc/<pid>/status."""
        found = {}
        for pid in self.workers():
            status = _status(pid)
            found[pid] = (_mib(status["VmRSS"]), _mib(status["VmHWM"]))
        return found

    def cpu_seconds(self, pid: int | None = None) -> float:
        """CPU time (user + system) used so far by one worker, or by all of them."""
        total = 0.0
        for worker in [pid] if pid is not None else self.workers():
            try:
                fields = Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / TICKS
        return total

    def accept_queue(self) -> int:
        """Connections waiting for a worker to accept them (the listening socket's rx_queue)."""
        port = f"{self.port:04X}"
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port}") and fields[3] == "0A":  # 0A: LISTEN
                return int(fields[4].split(":")[1], 16)
        raise RuntimeError(f"no listening socket on port {self.port}")

    @contextmanager
    def _only(self, worker: int) -> Iterator[None]:
        others = [pid for pid in self.workers() if pid != worker]
        for pid in others:
            os.kill(pid, signal.SIGSTOP)
        try:
            yield
        finally:
            for pid in others:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)

    def worker(self, position: int) -> int:
        """The process id of the worker at ``position`` (in order of process id), waiting up to
        60 s while gunicorn replaces one (its timeout killed it)."""
        deadline = time.monotonic() + 60
        while len(self.workers()) < WORKERS and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.workers()[position]

    def through(self, position: int, send: Callable[[], T]) -> T:
        """Call ``send`` (which connects and sends a request) so that the worker at ``position``
        (0 or 1, in order of process id) takes it."""
        with self._only(self.worker(position)):
            sent = send()
            deadline = time.monotonic() + 30
            while self.accept_queue() and time.monotonic() < deadline:
                time.sleep(0.001)
        return sent

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                for pid in self.workers():
                    os.kill(pid, signal.SIGKILL)
                self.process.kill()
                self.process.wait(timeout=30)
        self.log.close()
