"""Benchmark 3: the sites map and the spatial queries at 1,000 / 10,000 / 100,000 synthetic
sites (``geo-layout synth``, seed 1; folders cached in bench/.data/). Per N: server start-up
(until /healthz), first response of /maps/sites (bytes, gzip bytes), time until clusters are
drawn in headless chromium and its JS heap (median of 3 cold loads), HTTP latency of
nearest-10, 10 km radius and bbox queries (median of 60, a different point each time so the
render cache never answers), and the server's peak RSS."""

from __future__ import annotations

import time
from pathlib import Path

from .common import ROOT, chromium, get, gz, peak_rss_mb, render_ms, server, timed

SIZES = (1_000, 10_000, 100_000)
READY = "() => document.querySelectorAll('.gl-cluster, .gl-marker').length > 0"


def dataset(n: int) -> str:
    from geo_layout.data.synth import write_synthetic

    folder = ROOT / "bench" / ".data" / f"sites-{n}"
    if not (folder / "sites.yaml").is_file():
        write_synthetic(folder, n, seed=1)
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
            return lambda i: get(port, path.format(lon=102.5 + (i % 60) * 0.01,
                                                   lat=25.0 + (i % 7) * 0.01))

        k10 = timed(query("/api/nearby?lon={lon}&lat={lat}&k=10"), 60)
        r10 = timed(query("/api/nearby?lon={lon}&lat={lat}&radius_km=10&k=100"), 60)
        bbox = timed(query("/api/sites?bbox={lon},{lat},102.9,25.2&limit=100"), 60)
        clusters = timed(query("/api/clusters/sites?bbox=97,21,{lon},29&zoom=7"), 60)
        rss = peak_rss_mb(proc.pid)
    return {"n": n, "start_s": start_s, "page_bytes": len(page), "page_gzip": gz(page),
            "render_ms": ms, "heap_mb": heap, "k10_ms": k10, "r10_ms": r10, "bbox_ms": bbox,
            "clusters_ms": clusters, "rss_mb": rss}


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
    return rows


if __name__ == "__main__":
    run()
