"""A bounded load test of the whole service: several concurrent clients for a fixed time over
the main pages and API routes, against the real production server (waitress) on loopback.

Every response must be a 2xx/304 with a complete body (its Content-Length read in full); the
run prints requests served, errors and p50 / p99 latency, and exits 1 on any error.

``make loadtest`` runs it for 45 s with 6 clients (``python -m bench.loadtest --seconds 45``);
``tests/test_loadtest.py`` calls :func:`run` for a few seconds against the test server.
Traffic only ever goes to 127.0.0.1, and the loop stops by itself (time and count bounds).
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: What a visitor and a client program do: pages, maps, API, OGC, search, downloads.
ROUTES = (
    "/", "/maps/parks", "/parks", "/parks?q=%E6%98%86%E6%98%8E", "/targets?lang=en",
    "/elements/core", "/prefectures/530100",
    "/api/parks", "/api/sites?lod=low", "/api/layout-elements?lod=low", "/api/targets",
    "/api/search?q=silicon", "/api/nearby?lon=102.71&lat=25.04&radius_km=100&k=10",
    "/ogc", "/ogc/collections", "/ogc/collections/parks/items?limit=5",
    "/ogc/collections/prefectures/items?limit=3", "/downloads/parks.geojson", "/healthz",
)
MAX_REQUESTS = 200_000  # a hard bound on top of the time bound


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    by_route: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> str:
        lat = self.latencies
        return (f"{self.requests} requests, {len(self.errors)} errors, "
                f"p50 {self.percentile(0.50) * 1000:.1f} ms, "
                f"p99 {self.percentile(0.99) * 1000:.1f} ms, "
                f"mean {statistics.fmean(lat) * 1000 if lat else float('nan'):.1f} ms")


def _client(host: str, port: int, deadline: float, offset: int, result: Result,
            lock: threading.Lock, budget: list[int]) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    i = offset
    while time.monotonic() < deadline:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        path = ROUTES[i % len(ROUTES)]
        i += 1
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept-Encoding": "identity"})
            response = conn.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - start
            length = response.getheader("Content-Length")
            problem = None
            if response.status >= 400:
                problem = f"{path}: HTTP {response.status}"
            elif length is not None and int(length) != len(body):
                problem = f"{path}: body {len(body)} of {length} bytes"
            elif response.status == 200 and not body:
                problem = f"{path}: empty body"
        except (OSError, http.client.HTTPException) as exc:
            elapsed = time.perf_counter() - start
            problem = f"{path}: {type(exc).__name__}: {exc}"
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        with lock:
            result.latencies.append(elapsed)
            result.by_route[path] = result.by_route.get(path, 0) + 1
            if problem:
                result.errors.append(problem)
    conn.close()


def run(base_url: str, seconds: float = 5.0, clients: int = 4,
        max_requests: int = MAX_REQUESTS) -> Result:
    """Load ``base_url`` (a loopback server) with ``clients`` threads for ``seconds``."""
    parts = urlsplit(base_url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the load test only targets a server on this machine (loopback)")
    result, lock, budget = Result(), threading.Lock(), [max_requests]
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(parts.hostname, parts.port, deadline,
                                                      n * 3, result, lock, budget))
               for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_up(base_url: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    parts = urlsplit(base_url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server exited before it was up")
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not come up")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--threads", type=int, default=8, help="server worker threads")
    args = parser.parse_args(argv)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    from geo_layout.data.paths import default_seeds_dir

    # the reads of the embedded seeds, served read-only: no database file left behind
    server = subprocess.Popen([sys.executable, "-m", "geo_layout.cli", "serve", "--host",
                               "127.0.0.1", "--port", str(port), "--threads",
                               str(args.threads), "--data", str(default_seeds_dir())])
    try:
        _wait_up(base, server)
        print(f"loading {base} with {args.clients} clients for {args.seconds:g} s "
              f"over {len(ROUTES)} routes", flush=True)
        result = run(base, args.seconds, args.clients)
    finally:
        server.terminate()
        server.wait(30)
    print(result.summary())
    for path, count in sorted(result.by_route.items()):
        print(f"  {count:6d}  {path}")
    for error in result.errors[:20]:
        print("ERROR", error)
    return 1 if result.errors or not result.requests else 0


if __name__ == "__main__":
    sys.exit(main())
