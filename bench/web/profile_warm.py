"""Where a warm page's worker CPU goes: every (role, page) pair, in one process, no server.

A tool, not a test. On a copy of a demo store (made in a temporary folder and removed at the
end; the stores under ``$THRIVE_BENCH_STORES`` are never written to), with ``THRIVE_KEEP=shared``
as a server runs: prepares the store as a server does when it starts
(:func:`thrive.centre.prepare.prepare_all`), signs in each demo login (as ``logins.py`` does,
Django's ``force_login``), opens each page the login gets (found as ``pages.py`` finds them: its
navigation, the first team on its Teams page, the first record on that team page), asking again
while a page says "Working this out" (the cold view), then asks each page ``--repeat`` more
times and reports, per (role, page):

- the CPU a warm request costs (``time.process_time``: this process's CPU, the request's worker
  CPU on a server) and its wall time, mean over the repeats;
- the database queries one warm request makes (Django's ``CaptureQueriesContext``);
- for the ``--profile`` dearest pairs, cProfile's top entries (own time and cumulative);

and the mean over all pairs, the dearest five, and the fixed cost of a request: the cheapest
kept page (a session's Overview, served from the file cache) with its profile, which is the
middleware, session, authentication, axes, CSP and the file cache's read.

Requests go through Django's test client (the whole middleware stack, no sockets or gunicorn),
so the figures are a little under a server worker's. The machine's two cores are shared: give
the load average (``cat /proc/loadavg``) with any figure.

    THRIVE_BENCH_STORES=/work/stores .venv/bin/python bench/web/profile_warm.py --scale 1
    THRIVE_BENCH_STORES=/work/stores .venv/bin/python bench/web/profile_warm.py --scale 20 \\
        --repeat 10 --profile 5
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from pages import PAGES, Answer, next_path, offered  # noqa: E402

from stores import demo_store, stores_folder  # noqa: E402


@dataclass
class Pair:
    role: str
    label: str
    path: str
    cookie_client: object
    cpu: float = 0.0  # mean CPU seconds a warm request
    wall: float = 0.0  # mean wall seconds a warm request
    queries: int = 0  # in one warm request
    status: int = 0


def _answer(response: object, seconds: float) -> Answer:
    body = b"" if getattr(response, "streaming", False) else response.content  # type: ignore[attr-defined]
    return Answer(
        response.status_code,  # type: ignore[attr-defined]
        seconds,
        body.decode(errors="replace"),
        response.get("Location") or "",  # type: ignore[attr-defined]
    )


def _get(client: object, path: str) -> Answer:
    started = time.perf_counter()
    response = client.get(path)  # type: ignore[attr-defined]
    return _answer(response, time.perf_counter() - started)


def _whole(client: object, path: str, limit: float = 600) -> tuple[Answer, float]:
    """Ask until the page is no longer "Working this out": the answer, and seconds taken."""
    started = time.perf_counter()
    answer = _get(client, path)
    while answer.working and time.perf_counter() - started < limit:
        time.sleep(0.5)
        answer = _get(client, path)
    return answer, time.perf_counter() - started


def cold(clients: dict[str, object]) -> list[Pair]:
    """Each login's pages, each opened until whole (printing the time a first view took)."""
    pairs = []
    for role, client in clients.items():
        seen: dict[str, Answer] = {}
        navigation: set[str] = set()
        for label, _path in PAGES:
            path = next_path(label, seen, navigation)
            if path is None:
                continue
            answer, took = _whole(client, path)
            seen[label] = answer
            if label == "Overview":
                navigation = offered(answer.body)
            print(f"  cold  {role:16} {label:18} {answer.status}  {took * 1000:8.0f} ms")
            pairs.append(Pair(role, label, path, client, status=answer.status))
    return pairs


def warm(pairs: list[Pair], repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for pair in pairs:
        with CaptureQueriesContext(connection) as queries:
            pair.cookie_client.get(pair.path)  # type: ignore[attr-defined]
        pair.queries = len(queries)
        cpu = time.process_time()
        wall = time.perf_counter()
        for _ in range(repeat):
            pair.cookie_client.get(pair.path)  # type: ignore[attr-defined]
        pair.cpu = (time.process_time() - cpu) / repeat
        pair.wall = (time.perf_counter() - wall) / repeat


def profile(pair: Pair, repeat: int, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        pair.cookie_client.get(pair.path)  # type: ignore[attr-defined]
    profiler.disable()
    shown = io.StringIO()
    stats = pstats.Stats(profiler, stream=shown)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return shown.getvalue()


def report(pairs: list[Pair], repeat: int, top: int, profiled: int) -> None:
    print(f"\nwarm: {repeat} requests a pair; CPU and wall in ms a request (mean)")
    print(f"  {'role':16} {'page':18} {'status':>6} {'CPU':>7} {'wall':>7} {'queries':>7}")
    for p in pairs:
        print(
            f"  {p.role:16} {p.label:18} {p.status:6} {p.cpu * 1000:7.1f} {p.wall * 1000:7.1f}"
            f" {p.queries:7}"
        )
    print(
        f"\nmean CPU over {len(pairs)} pairs: {statistics.mean(p.cpu for p in pairs) * 1000:.1f} ms"
    )
    dearest = sorted(pairs, key=lambda p: p.cpu, reverse=True)
    print("dearest five:")
    for p in dearest[:5]:
        print(f"  {p.cpu * 1000:7.1f} ms  {p.role} / {p.label} ({p.path})")
    cheapest = dearest[-1]
    print(f"\nfixed cost (the cheapest pair, {cheapest.role} / {cheapest.label}):")
    print(f"  {cheapest.cpu * 1000:.1f} ms CPU, {cheapest.queries} queries")
    for p in [cheapest, *dearest[:profiled]]:
        print(f"\n--- profile: {p.role} / {p.label} ({p.path}), {repeat} requests ---")
        print(profile(p, repeat, top))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="the demo store's scale (1 or 20)")
    parser.add_argument("--repeat", type=int, default=20, help="warm requests per pair")
    parser.add_argument("--profile", type=int, default=3, help="dearest pairs to profile")
    parser.add_argument("--top", type=int, default=25, help="profile entries shown")
    args = parser.parse_args()

    store = demo_store(args.scale)
    base = stores_folder().resolve()
    with tempfile.TemporaryDirectory(prefix="thrive-profile-warm-") as temporary:
        copy = Path(temporary) / "store"
        shutil.copytree(store, copy)
        assert base not in copy.resolve().parents
        os.environ.update(
            THRIVE_DATA_DIR=str(copy),
            THRIVE_DATABASE_URL="",
            THRIVE_DEBUG="0",
            THRIVE_KEEP="shared",
            THRIVE_ALLOWED_HOSTS="testserver",
            DJANGO_SETTINGS_MODULE="thrive.settings",
        )
        run(args)


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from thrive.centre import prepare
    from thrive.demo.logins import LOGINS

    started = time.perf_counter()
    prepare.prepare_all()
    print(f"prepared in {time.perf_counter() - started:.1f} s")
    users = get_user_model().objects
    clients: dict[str, object] = {}
    for username, _password, role in LOGINS:
        client = Client()
        client.force_login(
            users.get(username=username), backend="django.contrib.auth.backends.ModelBackend"
        )
        clients[str(role.label)] = client
    pairs = cold(clients)
    warm(pairs, args.repeat)
    report(pairs, args.repeat, args.top, args.profile)
    print(f"load average: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main()
