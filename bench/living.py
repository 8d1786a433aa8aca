"""Benchmark 6: living data with 100,000 sites (``geo-layout synth``, seed 1) in a database.

For the embedded GeoPackage and for PostgreSQL (a throwaway cluster, as the tests make one):
the server's memory (RSS after start and after a round of reads; peak), the write latency of
an edit through the OGC API (PUT with If-Match, p50/p99 of 40), edit-to-visible on the same
server, and edit-to-visible on a second server on the same database (PostgreSQL; median and
worst of 10). Each latency is also given as a ratio to a plain read (GET of one item)
measured in the same run: the machine is shared and noisy, absolute times are not comparable
between runs."""

from __future__ import annotations

import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .common import ROOT, _free_port, peak_rss_mb, postgres_server
from .scale import dataset

N = 100_000
PLAN = "yunnan-14th-fyp-information-industry"
CLI = [sys.executable, "-m", "geo_layout.cli"]


def _request(method, url, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/geo+json",
                                          **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            body = r.read()
            is_json = "json" in (r.headers.get("Content-Type") or "")
            return r.status, r.headers, json.loads(body or b"null") if is_json else body
    except urllib.error.HTTPError as err:
        return err.code, err.headers, json.loads(err.read() or b"null")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def serving(database: str):
    port = _free_port()
    proc = subprocess.Popen([*CLI, "serve", "--port", str(port), "--database", database],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start")
                time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        proc.wait(30)


def prepare(database: str, n: int) -> dict:
    """The 100,000-site plan in ``database``, an editor and a token (import timed)."""
    t = time.perf_counter()
    subprocess.run([*CLI, "db", "init", "--database", database, "--seeds", dataset(n)],
                   check=True, capture_output=True)
    import_s = time.perf_counter() - t
    subprocess.run([*CLI, "users", "add", "bench", "--role", "editor", "--plan", PLAN,
                    "--password-stdin", "--database", database],
                   input="bench password 123\n", text=True, capture_output=True)
    token = subprocess.run([*CLI, "tokens", "create", "--user", "bench", "--database", database],
                           text=True, check=True, capture_output=True).stdout.strip()
    return {"import_s": import_s,
            "auth": {"Authorization": f"Bearer {token}", "X-Change-Source": "other: bench"}}


def _site_ids(base: str, k: int) -> list[str]:
    _, _, page = _request("GET", f"{base}/api/sites?limit={k}")
    return [f["id"] for f in page["features"]]


def _edit(base: str, auth: dict, fid: str, i: int) -> tuple[float, str]:
    """PUT a new note on site ``fid``; (seconds, the note)."""
    url = f"{base}/ogc/collections/sites/items/{fid}"
    _, headers, feature = _request("GET", url)
    note = f"bench edit {i} {time.time()}"
    feature["properties"]["note_en"] = note
    feature["properties"]["note_zh"] = note
    t = time.perf_counter()
    status, _, body = _request("PUT", url, feature, {**auth, "If-Match": headers["ETag"]})
    elapsed = time.perf_counter() - t
    if status != 200:
        raise RuntimeError(f"PUT {fid}: {status} {body}")
    return elapsed, note


def _visible_s(base: str, fid: str, note: str, since: float) -> float:
    url = f"{base}/ogc/collections/sites/items/{fid}"
    while True:
        _, _, feature = _request("GET", url)
        if feature["properties"]["note_en"] == note:
            return time.perf_counter() - since
        if time.perf_counter() - since > 30:
            return float("inf")
        time.sleep(0.01)


def _read_s(base: str, fid: str) -> float:
    url = f"{base}/ogc/collections/sites/items/{fid}"
    times = []
    for i in range(20):
        t = time.perf_counter()
        _request("GET", f"{url}?lod=low&n={i}")  # distinct URLs: no render-cache answer
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def one_server(database: str, label: str, second: bool, n: int) -> dict:
    prep = prepare(database, n)
    out = {"db": label, "import_s": prep["import_s"]}
    with serving(database) as (base, proc):
        out["rss_start_mb"] = rss_mb(proc.pid)
        ids = _site_ids(base, 60)
        for q in ("/api/sites?limit=100", "/api/nearby?lon=102.7&lat=25.0&k=10",
                  "/api/clusters/sites?bbox=97,21,104,29&zoom=7", "/maps/sites",
                  "/api/search?q=kunming"):
            _request("GET", base + q)
        out["rss_reads_mb"] = rss_mb(proc.pid)
        read = _read_s(base, ids[0])
        writes, visible = [], []
        for i, fid in enumerate(ids[:40]):
            took, note = _edit(base, prep["auth"], fid, i)
            writes.append(took)
            visible.append(_visible_s(base, fid, note, time.perf_counter() - took))
        writes.sort()
        out.update(read_ms=read * 1000, write_p50_ms=statistics.median(writes) * 1000,
                   write_p99_ms=writes[int(len(writes) * 0.99) - 1] * 1000,
                   visible_same_ms=statistics.median(visible) * 1000)
        if second:
            with serving(database) as (other, other_proc):
                seen = []
                for i, fid in enumerate(ids[40:50]):
                    took, note = _edit(base, prep["auth"], fid, 100 + i)
                    seen.append(_visible_s(other, fid, note, time.perf_counter() - took))
                out.update(visible_other_median_ms=statistics.median(seen) * 1000,
                           visible_other_max_ms=max(seen) * 1000)
        out["rss_peak_mb"] = peak_rss_mb(proc.pid)
        out["rss_end_mb"] = rss_mb(proc.pid)
    return out


def run(n: int = N) -> None:
    print(f"6. Living data with {n:,} sites: memory, write latency, edit-to-visible")
    rows = []
    with tempfile.TemporaryDirectory(prefix="geo-layout-bench-") as tmp:
        rows.append(one_server(str(Path(tmp) / "bench.gpkg"), "gpkg", second=True, n=n))
    server = postgres_server()
    if server is not None:
        try:
            rows.append(one_server(server.create_database("bench_living"), "postgres",
                                   second=True, n=n))
        finally:
            server.stop()
    for r in rows:
        print(f"   {r['db']:8} import {r['import_s']:.0f} s; RSS start {r['rss_start_mb']:.0f} MB, "
              f"after reads {r['rss_reads_mb']:.0f} MB, end {r['rss_end_mb']:.0f} MB, "
              f"peak {r['rss_peak_mb']:.0f} MB")
        print(f"            read of one item {r['read_ms']:.1f} ms; write p50 "
              f"{r['write_p50_ms']:.0f} ms ({r['write_p50_ms'] / r['read_ms']:.0f}x a read), "
              f"p99 {r['write_p99_ms']:.0f} ms; visible on the same server "
              f"{r['visible_same_ms']:.0f} ms after the PUT was sent")
        if "visible_other_median_ms" in r:
            print(f"            visible on a second server: median "
                  f"{r['visible_other_median_ms']:.0f} ms, worst "
                  f"{r['visible_other_max_ms']:.0f} ms (poll every 0.5 s)")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else N)
