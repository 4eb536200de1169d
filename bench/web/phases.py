"""The two things a user meets: the first view of each page after a restart (cold), on every
worker, and every page under steady use (warm).

Cold: for each demo login in turn, each page it gets, in navigation order, is requested once
through each of the server's workers (worker 1, then worker 2), so every figure is a worker's
first request for that page and that login. Warm: straight after, ``clients`` concurrent clients
(threads, spread over a few processes so the client's own Python does not become the bottleneck)
each cycle through every (login, page) pair for ``seconds`` seconds.
"""

from __future__ import annotations

import http.client
import multiprocessing
import threading
import time
from dataclasses import dataclass, field

from pages import Answer, Login, Request, get, next_path, offered
from server import WORKERS, Server


@dataclass
class FirstView:
    role: str
    label: str
    path: str
    answers: list[Answer] = field(default_factory=list)  # one per worker, in worker order
    cpu: list[float] = field(default_factory=list)  # the worker's CPU seconds for each answer
    # for an answer that said "Working this out": seconds from asking until the page was whole
    filled: list[float | None] = field(default_factory=list)


def _through(server: Server, position: int, path: str, cookie: str) -> Answer:
    started = time.perf_counter()
    try:
        request = server.through(position, lambda: Request(server.port, path, cookie))
        return request.answer()
    except (OSError, http.client.HTTPException) as failed:
        return Answer(0, time.perf_counter() - started, str(failed), "")


def _until_filled(server: Server, path: str, cookie: str, since: float, limit: float) -> float:
    """Ask again, as the page itself does, until it is whole: seconds since ``since``."""
    while time.perf_counter() - since < limit:
        time.sleep(0.5)
        if not get(server.port, path, cookie, timeout=60).working:
            break
    return time.perf_counter() - since


def cold(server: Server, logins: list[Login], labels: tuple[str, ...]) -> list[FirstView]:
    """Each login's first view of each of its pages, through each worker."""
    views = []
    for login in logins:
        seen: dict[str, Answer] = {}
        navigation: set[str] = set()
        for label in labels:
            path = next_path(label, seen, navigation)
            if path is None:
                continue
            view = FirstView(login.role, label, path)
            for position in range(WORKERS):
                worker = server.worker(position)
                before, asked = server.cpu_seconds(worker), time.perf_counter()
                answer = _through(server, position, path, login.cookie)
                view.cpu.append(server.cpu_seconds(worker) - before)
                view.answers.append(answer)
                view.filled.append(
                    _until_filled(server, path, login.cookie, asked, 600)
                    if answer.working
                    else None
                )
            seen[label] = view.answers[0]
            if label == "Overview":
                navigation = offered(view.answers[0].body)
            views.append(view)
    return views


Target = tuple[str, str, str]  # (role, label, path) with the cookie looked up by role
Timing = tuple[int, bool, float]  # (index of the target, answered well, seconds)


def _client_process(
    port: int, targets: list[Target], cookies: dict[str, str], offsets: list[int], seconds: float
) -> list[Timing]:
    timings: list[Timing] = []
    lock = threading.Lock()
    ends = time.perf_counter() + seconds

    def client(offset: int) -> None:
        mine: list[Timing] = []
        i = offset
        while time.perf_counter() < ends:
            at = i % len(targets)
            role, _label, path = targets[at]
            answer = get(port, path, cookies[role], timeout=60)
            mine.append((at, answer.ok, answer.seconds))
            i += 1
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=client, args=(o,)) for o in offsets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


@dataclass
class Warm:
    targets: list[Target]
    timings: list[Timing]
    seconds: float
    server_cpu: float  # CPU seconds the workers used during the phase

    @property
    def errors(self) -> int:
        return sum(1 for _, ok, _ in self.timings if not ok)

    def latencies(self, label: str | None = None) -> list[float]:
        return sorted(
            s for at, _, s in self.timings if label is None or self.targets[at][1] == label
        )


def warm(
    server: Server,
    views: list[FirstView],
    logins: list[Login],
    clients: int,
    seconds: float,
    processes: int = 4,
) -> Warm:
    """``clients`` concurrent clients cycling through every page seen in the cold phase."""
    targets = [(v.role, v.label, v.path) for v in views]
    cookies = {login.role: login.cookie for login in logins}
    spread = len(targets) / clients
    offsets = [int(i * spread) for i in range(clients)]
    processes = max(1, min(processes, clients))
    groups = [offsets[i::processes] for i in range(processes)]
    started, cpu = time.perf_counter(), server.cpu_seconds()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        done = pool.starmap(
            _client_process,
            [(server.port, targets, cookies, group, seconds) for group in groups],
        )
    took, cpu = time.perf_counter() - started, server.cpu_seconds() - cpu
    return Warm(targets, [t for part in done for t in part], took, cpu)


def percentile(sorted_values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` between 0 and 1) of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, round(share * len(sorted_values) + 0.4999))
    return sorted_values[min(rank, len(sorted_values)) - 1]
