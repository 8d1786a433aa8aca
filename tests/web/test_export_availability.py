"""Exports that cannot be drawn now answer 503 with a reason, never 500: no CJK font at all, or
too many slow exports at once (past a small queue, with Retry-After), while the rest of the
server keeps answering."""

from __future__ import annotations

import concurrent.futures
import time
import urllib.error
import urllib.request

import pytest

from geo_layout.app import create_app


def test_export_without_any_cjk_font_is_503_naming_what_is_missing(
        client, monkeypatch, hidden_system_fonts):
    from geo_layout.maps import fonts

    with hidden_system_fonts():
        monkeypatch.setattr(fonts, "BUNDLED_FONT_MODULES", ("no_such_font_package",) * 2)
        resp = client.get("/export/maps/layout.png?dpi=97")
    assert resp.status_code == 503
    body = resp.get_json()
    assert body["code"] == "font-missing"
    assert "fonts-noto-cjk" in body["description"]
    assert "noto-cjk-sans-otc noto-cjk-sans-jp-bold" in body["description"]


def test_export_with_only_the_bundled_fonts_is_200(client, hidden_system_fonts):
    with hidden_system_fonts():
        resp = client.get("/export/maps/layout.pdf?dpi=98&lang=zh")
    assert resp.status_code == 200 and resp.data.startswith(b"%PDF")


def test_full_queue_answers_503_with_retry_after():
    app = create_app({"TESTING": True})  # its own render cache: nothing answered from cache
    client = app.test_client()
    queue = app.extensions["geo_layout.export_queue"]
    held = [queue.slot() for _ in range(queue.capacity)]
    for slot in held:
        slot.__enter__()
    try:
        resp = client.get("/export/maps/layout.png?dpi=99")
        assert resp.status_code == 503
        assert resp.headers["Retry-After"] == "10"
        assert resp.get_json()["code"] == "unavailable"
        assert client.get("/export/maps/layout.html").status_code == 503  # standalone too
    finally:
        for slot in held:
            slot.__exit__(None, None, None)
    assert queue.in_flight == 0
    assert client.get("/export/maps/layout.png?dpi=99").status_code == 200


@pytest.mark.server
def test_a_burst_of_slow_exports_leaves_threads_for_everyone_else(serve):
    """Eight uncached 600-dpi exports at once on a 4-thread waitress with a queue of 2: the
    extra ones are refused at once with Retry-After, and /healthz answers meanwhile."""
    app = create_app({"TESTING": True, "EXPORT_QUEUE": 2})
    with serve(app) as base:
        def export(i: int):
            url = f"{base}/export/maps/sites.png?dpi=600&size=a5&lang={'zh' if i % 2 else 'en'}" \
                  f"&orientation={'portrait' if i % 3 else 'landscape'}&v={i}"
            try:
                with urllib.request.urlopen(url, timeout=120) as r:
                    return r.status, None
            except urllib.error.HTTPError as e:
                return e.code, e.headers.get("Retry-After")

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(export, i) for i in range(8)]
            time.sleep(0.5)
            started = time.monotonic()
            with urllib.request.urlopen(f"{base}/healthz", timeout=30) as r:
                assert r.status == 200
            health_seconds = time.monotonic() - started
            results = [f.result() for f in futures]
    statuses = sorted(s for s, _ in results)
    assert statuses.count(503) >= 5, results  # 8 asked, at most 2 (+ a finished one) admitted
    assert 200 in statuses and set(statuses) <= {200, 503}
    assert all(retry == "10" for s, retry in results if s == 503)
    assert health_seconds < 5, health_seconds
