"""Benchmark: the Overview page under load, kept between requests, against the same page
rendered from scratch on every request (the peer).

Target: gunicorn with 2 workers on loopback, 16 concurrent clients for 30 s, the
Overview at p95 under 200 ms on the demo authority and under 600 ms on the ``--scale 20`` store,
with zero errors. The peer is the same code with ``THRIVE_WEB_CACHE=0``: every request reads the
store into frames, computes every measure and its 12-quarter trend, and draws every chart.

Load comes from wrk (Debian package ``wrk``) with a Lua script that counts any response other
than 200 as an error (a redirect to the sign-in page would otherwise pass as a success) and
reports the 50th, 95th and 99th percentiles. Before the timed run each server gets a warm-up
(the kept page is built once per process, as after any deployment or import); the peer gets no
warm-up benefit by construction.

The stores are built once with ``thrive demo`` under bench/results/web/ (gitignored) and reused.

Run: .venv/bin/python bench/web/run.py [--scales 1 20] [--seconds 30] [--clients 16]
                                       [--peer-seconds 30] [--skip-peer]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results" / "web"
PAGE = "/overview/"
USER, PASSWORD = "leadership", "demo-leadership"
TARGET_MS = {1: 200.0, 20: 600.0}

WRK_SCRIPT = """
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\": %d, \\"seconds\\": %.3f, \\"p50_ms\\": %.2f, \\"p95_ms\\": %.2f, "
    .. "\\"p99_ms\\": %.2f, \\"max_ms\\": %.2f, \\"socket_errors\\": %d, \\"timeouts\\": %d, "
    .. "\\"status_errors\\": %d}\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write, errors.timeout, errors.status + bad))
end
"""


def _environment(data_dir: Path, cache: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        THRIVE_DATA_DIR=str(data_dir),
        THRIVE_DATABASE_URL="",
        THRIVE_WEB_CACHE="1" if cache else "0",
        THRIVE_DEBUG="0",
    )
    return env


def ensure_store(scale: int) -> Path:
    """The demo store at this scale, built on first use (scale 20 takes several minutes)."""
    data_dir = RESULTS / f"scale-{scale}"
    marker = data_dir / "built.json"
    if marker.exists():
        # The store may predate a migration that landed since: bring it up to date.
        env = _environment(data_dir, cache=True)
        subprocess.run([BIN / "thrive", "migrate", "--verbosity", "0"], env=env, check=True)
        return data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    env = _environment(data_dir, cache=True)
    print(f"building the --scale {scale} demo store in {data_dir} ...", flush=True)
    started = time.perf_counter()
    subprocess.run([BIN / "thrive", "migrate", "--verbosity", "0"], env=env, check=True)
    subprocess.run([BIN / "thrive", "demo", "--scale", str(scale)], env=env, check=True)
    took = time.perf_counter() - started
    marker.write_text(json.dumps({"scale": scale, "seconds": round(took, 1)}))
    return data_dir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """gunicorn with 2 sync workers on a loopback port."""

    def __init__(self, data_dir: Path, cache: bool) -> None:
        self.port = _free_port()
        RESULTS.mkdir(parents=True, exist_ok=True)
        self.log = (RESULTS / "gunicorn.log").open("a")
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "thrive.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "300",
                "--log-level",
                "warning",
            ],
            env=_environment(data_dir, cache),
            start_new_session=True,
            stdout=self.log,
            stderr=self.log,
        )
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by gunicorn's master and workers."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(entry.name), int(fields[1])
            if pid == self.process.pid or ppid == self.process.pid:
                total += (int(fields[11]) + int(fields[12])) / ticks
        return total

    def stop(self) -> None:
        # SIGINT: gunicorn's quick shutdown (the peer's workers may be mid-request).
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.log.close()


def sign_in(base: str) -> str:
    """A session cookie for the demo leadership login, through the real sign-in form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token, "no CSRF token on the sign-in page"
    body = urllib.parse.urlencode(
        {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    opener.open(urllib.request.Request(f"{base}/login/", data=body), timeout=60).read()
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, "signing in failed"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def warm_up(base: str, cookie: str, requests: int = 8) -> float:
    """Send a few requests at once so each worker builds the page once; the slowest, in s."""
    script = (
        "import sys,time,urllib.request\n"
        "r=urllib.request.Request(sys.argv[1],headers={'Cookie':sys.argv[2]})\n"
        "t=time.perf_counter(); assert urllib.request.urlopen(r,timeout=600).status==200\n"
        "print(time.perf_counter()-t)\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, base + PAGE, cookie], stdout=subprocess.PIPE, text=True
        )
        for _ in range(requests)
    ]
    return max(float(p.communicate()[0]) for p in procs)


def load(base: str, cookie: str, seconds: int, clients: int, timeout: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(WRK_SCRIPT)
    try:
        shown = subprocess.run(
            [
                "wrk",
                "--threads",
                "2",
                "--connections",
                str(clients),
                "--duration",
                f"{seconds}s",
                "--timeout",
                f"{timeout}s",
                "--header",
                f"Cookie: {cookie}",
                "--script",
                lua.name,
                base + PAGE,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(lua.name)
    found = re.search(r"^RESULT (.*)$", shown, re.M)
    assert found, shown
    result: dict[str, float] = json.loads(found.group(1))
    result["requests_per_s"] = result["requests"] / result["seconds"]
    return result


def one_at_a_time(base: str, cookie: str, requests: int) -> list[float]:
    """Seconds for each of ``requests`` requests sent one after another (no queueing)."""
    timings = []
    for _ in range(requests):
        request = urllib.request.Request(base + PAGE, headers={"Cookie": cookie})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=900) as response:
            assert response.status == 200
            response.read()
        timings.append(time.perf_counter() - started)
    return timings


def measure_kept(data_dir: Path, args: argparse.Namespace) -> dict[str, float]:
    server = Server(data_dir, cache=True)
    try:
        cookie = sign_in(server.url)
        first = warm_up(server.url, cookie)
        before = server.cpu_seconds()
        result = load(server.url, cookie, args.seconds, args.clients, timeout=30)
        used = server.cpu_seconds() - before
        result["warm_up_s"] = first
        result["cpu_ms_per_request"] = 1000 * used / max(result["requests"], 1)
        return result
    finally:
        server.stop()


def measure_peer(
    data_dir: Path, scale: int, args: argparse.Namespace
) -> tuple[list[float], dict[str, float] | None]:
    """The uncached page: alone (a few requests in turn), and under load where that can finish."""
    server = Server(data_dir, cache=False)
    try:
        cookie = sign_in(server.url)
        alone = one_at_a_time(server.url, cookie, args.peer_requests)
        loaded = None
        if scale in args.peer_load_scales:
            loaded = load(server.url, cookie, args.peer_seconds, args.clients, timeout=290)
        return alone, loaded
    finally:
        server.stop()


def _line(r: dict[str, float]) -> str:
    return (
        f"p50 {r['p50_ms']:8.1f} ms  p95 {r['p95_ms']:8.1f} ms  p99 {r['p99_ms']:8.1f} ms  "
        f"{r['requests']:6.0f} requests  {r['requests_per_s']:7.1f} req/s  "
        f"errors {r['socket_errors'] + r['timeouts'] + r['status_errors']:.0f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--peer-seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--peer-requests", type=int, default=3)
    parser.add_argument(
        "--peer-load-scales",
        type=int,
        nargs="*",
        default=[1],
        help="Scales at which the peer also gets the 16-client load (at 20 a request takes "
        "over a minute, so 16 queued clients cannot finish in the run).",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    failed = False
    print(
        f"Overview page {PAGE}, gunicorn 2 workers, wrk {args.clients} clients, "
        f"{args.seconds} s; machine load average at start {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores",
        flush=True,
    )
    for scale in args.scales:
        data_dir = ensure_store(scale)
        kept = measure_kept(data_dir, args)
        print(
            f"scale {scale:>2}  Thrive (kept)    {_line(kept)}  "
            f"(first build {kept['warm_up_s']:.1f} s; server CPU "
            f"{kept['cpu_ms_per_request']:.1f} ms a request; load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        target = TARGET_MS.get(scale)
        errors = kept["socket_errors"] + kept["timeouts"] + kept["status_errors"]
        if target is not None and (kept["p95_ms"] > target or errors):
            failed = True
            print(f"          MISSED: p95 target {target:.0f} ms with zero errors", flush=True)
        if args.skip_peer:
            continue
        alone, loaded = measure_peer(data_dir, scale, args)
        middle = sorted(alone)[len(alone) // 2]
        print(
            f"scale {scale:>2}  peer, one request at a time: "
            + ", ".join(f"{t:.1f} s" for t in alone)
            + f" (median {middle:.1f} s; {middle * 1000 / kept['p50_ms']:.0f}x Thrive's p50 "
            "under load)",
            flush=True,
        )
        if loaded is not None:
            print(f"scale {scale:>2}  peer (uncached)  {_line(loaded)}", flush=True)
            if loaded["requests"]:
                print(
                    f"          ratio under load: p95 {loaded['p95_ms'] / kept['p95_ms']:.0f}x "
                    f"lower, throughput {kept['requests_per_s'] / loaded['requests_per_s']:.0f}x "
                    "higher",
                    flush=True,
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
