"""Shared pieces of the benchmarks: a server subprocess, headless chromium, medians, RSS."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .api_load import _free_port, _wait_until_up

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("GEO_LAYOUT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--headless=new",
                 "--disable-background-networking", "--disable-component-update"]


@contextlib.contextmanager
def server(data: str | None = None, static_folder: str | None = None):
    """``python -m bench.api_load --serve`` (the app + /static-copy/ on waitress) in a
    subprocess; yields (port, Popen)."""
    port = _free_port()
    env = dict(os.environ)
    if data:
        env["GEO_LAYOUT_DATA"] = data
    folder = static_folder or str(ROOT / "bench")
    proc = subprocess.Popen([sys.executable, "-m", "bench.api_load", "--serve", str(port),
                             folder], cwd=ROOT, env=env)
    try:
        _wait_until_up(port, proc, timeout=180)
        yield port, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", path, headers=headers or {})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, body, dict(r.getheaders())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def median(values) -> float:
    return statistics.median(values)


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


#: Runs in every page before its own scripts: checks ``window.__benchReady`` (a predicate set by
#: :func:`render_ms`) on every animation frame and notes when it first holds, so the time is the
#: page's own clock, not the moment a Playwright round trip happens to look.
_PROBE = """(() => {
  const ready = %s;
  const check = () => {
    let ok = false;
    try { ok = ready(); } catch (e) { ok = false; }
    if (ok) { window.__benchReady = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();"""


def render_ms(browser, url: str, ready_js: str, runs: int = 5, heap: bool = False):
    """Median ms from navigation start until ``ready_js`` is true (fresh context each run, so
    nothing is cached), and the median JS heap in MB if asked."""
    times, heaps = [], []
    for _ in range(runs):
        t, h = _one_load(browser, url, ready_js, heap)
        times.append(t)
        heaps.append(h)
    return median(times), (median(heaps) if heap else None)


def render_pair(browser, urls: dict[str, str], ready_js: dict[str, str], runs: int = 7) -> dict:
    """Median load-to-ready ms of several pages measured in turns (a, b, a, b, ...), so a
    burst of load on this shared machine hits both alike; one unmeasured load of each first
    (the server's render cache and the OS file cache are warm for both)."""
    for name, url in urls.items():
        _one_load(browser, url, ready_js[name], False)
    times: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            times[name].append(_one_load(browser, url, ready_js[name], False)[0])
    return {name: median(values) for name, values in times.items()}


def _one_load(browser, url: str, ready_js: str, heap: bool) -> tuple[float, float | None]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_PROBE % ready_js)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => window.__benchReady !== undefined", timeout=60_000)
    ms = page.evaluate("window.__benchReady")
    used = None
    if heap:
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        used = metrics["JSHeapUsedSize"] / 1e6
    context.close()
    return ms, used


def timed(fn, repeat: int = 50) -> float:
    """Median ms of ``fn()``."""
    out = []
    for i in range(repeat):
        t = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t) * 1000)
    return median(out)


def postgres_server():
    """A throwaway PostgreSQL with PostGIS (tests/postgres.py makes it), or None when it
    cannot start (said on the output: the GeoPackage figures still come)."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import postgres  # tests/postgres.py
        return postgres.start_server()
    except Exception as exc:  # noqa: BLE001 - reported, the GeoPackage figures still come
        print(f"   (PostgreSQL not measured: {exc})")
        return None
