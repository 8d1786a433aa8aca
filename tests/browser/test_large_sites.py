"""The sites map with 20,000 synthetic sites in real chromium: a small first response, server-side
clusters drawn, and moves that fetch only what is in view. One page load for all assertions."""

from __future__ import annotations

import gzip
from urllib.parse import parse_qs, urlparse

import pytest

from geo_layout.app import create_app
from geo_layout.data.synth import write_synthetic

N = 20_000


@pytest.fixture(scope="module")
def large_server(tmp_path_factory, serve):
    folder = write_synthetic(tmp_path_factory.mktemp("large") / "data", N, seed=1)
    with serve(create_app({"TESTING": True, "DATA": str(folder)})) as url:
        yield url


def _bbox(url: str) -> list[float]:
    return [float(v) for v in parse_qs(urlparse(url).query)["bbox"][0].split(",")]


def _poll(page, condition, timeout_ms: int = 10_000) -> None:
    """Wait (without fixed sleeps, which flake on a loaded machine) until ``condition()``."""
    for _ in range(timeout_ms // 50):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("timed out")


def test_sites_map_at_20000_sites(open_page, large_server):
    page = open_page(large_server)
    cluster_requests = []
    page.on("request", lambda r: cluster_requests.append(r.url)
            if "/api/clusters/sites" in r.url else None)
    try:
        response = page.goto(f"{large_server}/maps/sites", wait_until="domcontentloaded")
        html = response.body()
        assert response.headers.get("content-encoding") == "gzip"
        assert "synthetic-19999" not in html.decode("utf-8")  # the points are not inlined
        assert len(gzip.compress(html)) < 100_000

        page.wait_for_selector(".gl-cluster", timeout=10_000)
        counts = [int(t) for t in page.locator(".gl-cluster span").all_inner_texts()]
        assert len(counts) >= 5 and sum(counts) > N * 0.9
        assert int(page.locator(".gl-map").get_attribute("data-gl-points")) >= N
        assert cluster_requests and all("zoom=" in u and "bbox=" in u for u in cluster_requests)
        first = _bbox(cluster_requests[-1])

        # zoom in twice on Kunming: the requests ask for a smaller box at a higher zoom
        before = len(cluster_requests)
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(400)
        page.locator(".leaflet-control-zoom-in").click()
        _poll(page, lambda: len(cluster_requests) > before and (
            _bbox(cluster_requests[-1])[2] - _bbox(cluster_requests[-1])[0]
            < (first[2] - first[0]) / 3))
        page.wait_for_load_state("networkidle")
        zoomed = _bbox(cluster_requests[-1])

        # pan: the next request's box moves with the view and stays the same size
        before = len(cluster_requests)
        box = page.locator(".gl-map").bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(cx, cy)
        page.mouse.down()
        page.mouse.move(cx - 300, cy, steps=8)
        page.mouse.up()
        _poll(page, lambda: len(cluster_requests) > before)
        panned = _bbox(cluster_requests[-1])
        assert panned[0] > zoomed[0]
        assert abs((panned[2] - panned[0]) - (zoomed[2] - zoomed[0])) < 0.05
        assert page.locator(".gl-cluster, .gl-marker").count() > 0
        assert not page.watch.offsite
        assert not page.watch.console_errors
    finally:
        page.close()
