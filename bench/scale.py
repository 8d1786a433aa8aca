"""Benchmark 3: the sites map and the spatial queries at 1,000 / 10,000 / 100,000 synthetic
sites (``geo-layout synth``, seed 1; folders cached in bench/.data/). Per N: server start-up
(until /healthz), first response of /maps/sites (bytes, gzip bytes), time until clusters are
drawn in headless chromium and its JS heap (median of 3 cold loads), HTTP latency of
nearest-10, 10 km radius and bbox queries (median of 60, a different point each time so the
render cache never answers), the server's peak RSS; then the same nearest-10 and 10 km queries
on the store in-process (no HTTP, no serialisation), and name search: the first /api/search
(which builds the lazy index) and the median of 60 distinct searches, over HTTP and in-process."""

from __future__ import annotations

import time
from urllib.parse import quote

from .common import ROOT, chromium, get, gz, peak_rss_mb, render_ms, server, timed

SIZES = (1_000, 10_000, 100_000)
READY = "() => document.querySelectorAll('.gl-cluster, .gl-marker').length > 0"
#: What people type (names, pinyin, initials, English words) and a few that match nearly every
#: synthetic site; each is asked with 5 limits so that all 60 URLs differ (render cache).
SEARCHES = ("kunming", "chenggong", "cgxx", "Information Park", "呈贡", "昆明", "robot",
            "软件", "synthetic site 42", "合成项目", "site", "xyzzy")
SEARCH_LIMITS = (20, 10, 30, 50, 100)


def point(i: int) -> tuple[float, float]:
    """The i-th of 60 query points near Kunming."""
    return 102.5 + (i % 60) * 0.01, 25.0 + (i % 7) * 0.01


def search_args(i: int) -> tuple[str, int]:
    return SEARCHES[i % len(SEARCHES)], SEARCH_LIMITS[i // len(SEARCHES) % len(SEARCH_LIMITS)]


def dataset(n: int) -> str:
    """The n-site folder, cached in bench/.data/ and written again when the seeds changed."""
    from geo_layout.data.db_records import folder_version
    from geo_layout.data.paths import default_seeds_dir
    from geo_layout.data.synth import write_synthetic

    folder = ROOT / "bench" / ".data" / f"sites-{n}"
    stamp = folder / ".seeds-version"
    seeds = folder_version(default_seeds_dir())
    if not (folder / "sites.yaml").is_file() or not stamp.is_file() \
            or stamp.read_text() != seeds:
        write_synthetic(folder, n, seed=1)
        stamp.write_text(seeds)
    return str(folder)


def measure(n: int, browser) -> dict:
    data = dataset(n)
    t0 = time.perf_counter()
    with server(data=data) as (port, proc):
        start_s = time.perf_counter() - t0
        _, page, _ = get(port, "/maps/sites", {"Accept-Encoding": "identity"})
        ms, heap = render_ms(browser, f"http://127.0.0.1:{port}/maps/sites", READY, runs=3,
                             heap=True)

        def query(path):
            return lambda i: get(port, path.format(lon=point(i)[0], lat=point(i)[1]))

        k10 = timed(query("/api/nearby?lon={lon}&lat={lat}&k=10"), 60)
        r10 = timed(query("/api/nearby?lon={lon}&lat={lat}&radius_km=10&k=100"), 60)
        bbox = timed(query("/api/sites?bbox={lon},{lat},102.9,25.2&limit=100"), 60)
        clusters = timed(query("/api/clusters/sites?bbox=97,21,{lon},29&zoom=7"), 60)
        rss = peak_rss_mb(proc.pid)

        def search(i):
            q, limit = search_args(i)
            status, _, _ = get(port, f"/api/search?q={quote(q)}&limit={limit}")
            assert status == 200, (q, status)

        t = time.perf_counter()
        get(port, "/api/search?q=yunnan&limit=1")  # the first search builds the index
        index_s = time.perf_counter() - t
        search_ms = timed(search, 60)
        rss_search = peak_rss_mb(proc.pid)
    return {"n": n, "start_s": start_s, "page_bytes": len(page), "page_gzip": gz(page),
            "render_ms": ms, "heap_mb": heap, "k10_ms": k10, "r10_ms": r10, "bbox_ms": bbox,
            "clusters_ms": clusters, "rss_mb": rss, "index_s": index_s, "search_ms": search_ms,
            "rss_search_mb": rss_search, **measure_store(data)}


def measure_store(data: str) -> dict:
    """The same queries on the store in-process: what the index costs without HTTP and
    serialisation."""
    from geo_layout.data.store import open_store

    store = open_store(data)
    k10 = timed(lambda i: store.nearby(*point(i), k=10), 60)
    r10 = timed(lambda i: store.nearby(*point(i), radius_km=10, k=100), 60)
    t = time.perf_counter()
    store.search("yunnan", limit=1)
    index_s = time.perf_counter() - t
    search = timed(lambda i: store.search(search_args(i)[0], limit=search_args(i)[1]), 60)
    return {"store_k10_ms": k10, "store_r10_ms": r10, "store_index_s": index_s,
            "store_search_ms": search}


def run() -> list[dict]:
    rows = []
    with chromium() as browser:
        for n in SIZES:
            rows.append(measure(n, browser))
    print("3. sites map and queries by number of synthetic sites (HTTP medians incl. the server)")
    print(f"   {'N':>7} {'start s':>7} {'page B':>8} {'gzip B':>7} {'draw ms':>7} {'heap MB':>7} "
          f"{'k10 ms':>6} {'r10km ms':>8} {'bbox ms':>7} {'clust ms':>8} {'RSS MB':>6}")
    for r in rows:
        print(f"   {r['n']:>7,} {r['start_s']:7.2f} {r['page_bytes']:8,} {r['page_gzip']:7,} "
              f"{r['render_ms']:7.0f} {r['heap_mb']:7.1f} {r['k10_ms']:6.2f} {r['r10_ms']:8.2f} "
              f"{r['bbox_ms']:7.2f} {r['clusters_ms']:8.2f} {r['rss_mb']:6.0f}")
    a, b = rows[0], rows[-1]
    grow = b["n"] / a["n"]
    print(f"   growth 1k -> 100k (N x{grow:.0f}): page gzip x{b['page_gzip'] / a['page_gzip']:.2f}, "
          f"draw x{b['render_ms'] / a['render_ms']:.2f}, k10 x{b['k10_ms'] / a['k10_ms']:.2f}, "
          f"RSS x{b['rss_mb'] / a['rss_mb']:.2f}, start x{b['start_s'] / a['start_s']:.2f}")
    print("   queries and name search: store = in-process (no HTTP), HTTP = through the server; "
          "index s = first search (builds the index); RSS after the searches")
    print(f"   {'N':>7} {'k10 store':>9} {'k10 HTTP':>8} {'r10 store':>9} {'r10 HTTP':>8} "
          f"{'index s':>7} {'search store':>12} {'search HTTP':>11} {'RSS MB':>6}")
    for r in rows:
        print(f"   {r['n']:>7,} {r['store_k10_ms']:9.2f} {r['k10_ms']:8.2f} "
              f"{r['store_r10_ms']:9.2f} {r['r10_ms']:8.2f} {r['index_s']:7.2f} "
              f"{r['store_search_ms']:12.2f} {r['search_ms']:11.2f} {r['rss_search_mb']:6.0f}")
    return rows


if __name__ == "__main__":
    run()
