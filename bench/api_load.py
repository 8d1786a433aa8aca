"""A bounded load test of the API against a static file of the same bytes.

The real production server (waitress) runs in a subprocess on a loopback port; it serves the
app plus ``/static-copy/``, a werkzeug ``SharedDataMiddleware`` over a temporary folder holding
a copy of the parks items response. So the ratio "endpoint / static file" isolates what the app
costs per request beyond the server, the socket and the bytes. Clients: 4 threads with
keep-alive ``http.client`` connections, 12 s per endpoint.

Run: ``python -m bench`` (or ``python -m bench.api_load --seconds 5``).
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ITEMS = "/ogc/collections/parks/items"
NEARBY = "/api/nearby?lon=102.71&lat=25.04&radius_km=50&k=10"
STATIC = "/static-copy/parks-items.json"
PAGE = "/maps/parks"
STATIC_PAGE = "/static-copy/maps-parks.html"
CLIENTS = 4
SECONDS = 8.0


def serve(port: int, folder: str) -> None:
    """The server process: the app with /static-copy/ mounted, on waitress."""
    import waitress
    from werkzeug.middleware.shared_data import SharedDataMiddleware

    from geo_layout.app import create_app

    app = SharedDataMiddleware(create_app(), {"/static-copy": folder}, cache=False)
    waitress.serve(app, host="127.0.0.1", port=port, threads=8, ident="geo-layout-bench",
                   _quiet=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def _wait_until_up(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("bench server exited during start-up")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if _get(conn, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("bench server did not start")


def load(port: int, path: str, seconds: float, clients: int = CLIENTS) -> dict:
    """``clients`` keep-alive connections hitting ``path`` for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    start = threading.Barrier(clients + 1)

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        _get(conn, path)  # warm-up, not counted
        start.wait()
        end = time.perf_counter() + seconds
        while (now := time.perf_counter()) < end:
            status, _ = _get(conn, path)
            latencies[i].append(time.perf_counter() - now)
            if status != 200:
                failures[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    every = [x for per in latencies for x in per]
    return {"path": path, "requests": len(every), "failures": sum(failures),
            "median_ms": statistics.median(every) * 1000,
            "p95_ms": statistics.quantiles(every, n=20)[-1] * 1000,
            "rps": len(every) / elapsed}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--serve", nargs=2, metavar=("PORT", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(int(args.serve[0]), args.serve[1])
        return

    with tempfile.TemporaryDirectory(prefix="geo-layout-bench-") as folder:
        port = _free_port()
        proc = subprocess.Popen([sys.executable, "-m", "bench.api_load", "--serve", str(port),
                                 folder], cwd=Path(__file__).resolve().parents[1])
        try:
            _wait_until_up(port, proc)
            status, body = _get(http.client.HTTPConnection("127.0.0.1", port), ITEMS)
            assert status == 200, status
            (Path(folder) / "parks-items.json").write_bytes(body)
            status, page = _get(http.client.HTTPConnection("127.0.0.1", port), PAGE)
            assert status == 200, status
            (Path(folder) / "maps-parks.html").write_bytes(page)
            print(f"waitress on 127.0.0.1:{port}, {CLIENTS} keep-alive clients, "
                  f"{args.seconds:g} s per endpoint; static copies = {len(body)} bytes of "
                  f"{ITEMS}, {len(page)} bytes of {PAGE}")
            results = [load(port, path, args.seconds)
                       for path in (STATIC, ITEMS, NEARBY, STATIC_PAGE, PAGE)]
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    by_path = {r["path"]: r for r in results}
    print(f"2. cached responses vs a static file of the same bytes (same server): "
          f"{ITEMS} = {by_path[ITEMS]['rps'] / by_path[STATIC]['rps']:.2f}x of static, "
          f"{PAGE} = {by_path[PAGE]['rps'] / by_path[STATIC_PAGE]['rps']:.2f}x of static "
          "(target >= 0.7x)")
    static = results[0]
    print(f"{'endpoint':58} {'requests':>8} {'median ms':>9} {'p95 ms':>7} {'req/s':>7} "
          f"{'x static latency':>16} {'static/this req/s':>17}")
    for r in results:
        print(f"{r['path']:58} {r['requests']:8d} {r['median_ms']:9.2f} {r['p95_ms']:7.2f} "
              f"{r['rps']:7.0f} {r['median_ms'] / static['median_ms']:16.2f} "
              f"{static['rps'] / r['rps']:17.2f}" + (f"  ({r['failures']} non-200!)"
                                                       if r["failures"] else ""))


if __name__ == "__main__":
    main()
