"""Embedding in a real browser: a page on ANOTHER origin (a second loopback server) frames an
/embed/ map (drawn) and a normal page (refused); the embed panel builds the snippet of the
current view; the standalone HTML export works from file:// with the network closed.
Screenshot: docs/screenshots/embed.png with GEO_LAYOUT_SCREENSHOTS=1 (``make screenshots``)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urljoin, urlparse

import pytest

pytest.importorskip("playwright.sync_api")

from page_scripts import MAP_BOUNDS  # noqa: E402

pytestmark = pytest.mark.browser

PREFECTURES = "path.gl-prefecture"

HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A report that embeds a map</title>
<style>
body {{font: 16px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; color: #1d2733;
       max-width: 1040px; margin: 20px auto; padding: 0 16px;}}
h1 {{font-size: 26px; margin: 0 0 6px;}} p {{margin: 0 0 12px;}}
.note {{color: #5a6470; font-size: 14px;}}
iframe {{display: block; margin-bottom: 14px;}}
</style></head>
<body>
<h1>Where Yunnan's plan puts its information industry</h1>
<p>This page lives on another site (its own origin). The map below is the service's
<code>/embed/maps/layout</code> page in an <code>&lt;iframe&gt;</code>: pan, zoom and click it.</p>
<iframe id="embed" src="{app}/embed/maps/layout?lang=en" width="100%" height="600"
        style="border:1px solid #c9d1d9" loading="eager"
        title="Yunnan information industry layout"></iframe>
<p class="note">Below, the site's normal page <code>/maps/layout</code> in a frame: the service
refuses (X-Frame-Options: DENY, frame-ancestors 'none').</p>
<iframe id="full" src="{app}/maps/layout" width="100%" height="120"
        style="border:1px dashed #c9d1d9" title="Refused frame"></iframe>
</body></html>
"""


@pytest.fixture(scope="module")
def host_site(live_server):
    """A second loopback server (another port = another origin) serving HOST_PAGE."""
    body = HOST_PAGE.format(app=live_server).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200 if self.path == "/" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _wait(frame, expression: str, timeout_ms: int = 5000):
    """Poll ``expression`` (a JS function) until it is truthy. Not ``wait_for_function``:
    the app's CSP forbids the eval that Playwright's in-page polling uses."""
    for _ in range(timeout_ms // 50):
        if frame.evaluate(expression):
            return
        frame.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {expression}")


def _context(browser, allowed: set[str]):
    """A context whose network is closed except to the ``allowed`` netlocs (and data:/blob:);
    returns (context, blocked requests, console messages)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    blocked: list[str] = []

    def route(r):
        url = urlparse(r.request.url)
        if url.scheme in ("data", "blob", "about") or (url.scheme == "http"
                                                        and url.netloc in allowed):
            return r.continue_()
        blocked.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    return context, blocked


def test_embed_is_framed_and_pages_are_not(browser, live_server, host_site, shots):
    context, blocked = _context(browser, {urlparse(live_server).netloc,
                                          urlparse(host_site).netloc})
    console: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    try:
        page.goto(host_site + "/")
        embed = page.frame_locator("#embed")
        embed.locator(PREFECTURES).first.wait_for(state="attached")
        assert embed.locator(PREFECTURES).count() == 16
        assert embed.locator(".gl-legend").first.is_visible()
        assert embed.locator(".site-header").count() == 0
        link = embed.locator("a.gl-open-full")
        assert link.is_visible() and link.inner_text().startswith("Open full map")
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("rel") == "noopener"
        # the normal page is refused: its frame holds Chromium's error page, not the site
        page.wait_for_timeout(300)
        full = page.locator("#full").element_handle().content_frame()
        assert not full.url.startswith(live_server), full.url
        assert page.frame_locator("#full").locator(".gl-map, .site-header").count() == 0
        refused = [c for c in console if "frame-ancestors 'none'" in c
                   or "Refused to display" in c]
        assert len(refused) == 1, console
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(500)  # let Leaflet finish fitting the view
        page.screenshot(path=str(shots / "embed.png"))
        # panning in the embed moves its "open full map" link to the new view
        frame = page.locator("#embed").element_handle().content_frame()
        before = frame.evaluate(MAP_BOUNDS)
        embed.locator(".leaflet-control-zoom-in").click()
        _wait(frame, f"() => ({MAP_BOUNDS})()[0] > {before[0] + 0.5}")
        _wait(frame, "() => !document.querySelector('.leaflet-zoom-anim')")
        href = embed.locator("a.gl-open-full").get_attribute("href")
        query = parse_qs(urlparse(href).query)
        assert urlparse(href).path == "/maps/layout" and query["lang"] == ["en"]
        bbox = [float(x) for x in query["bbox"][0].split(",")]
        assert bbox == pytest.approx(frame.evaluate(MAP_BOUNDS), abs=1e-3)
        assert blocked == []
        errors = [c for c in console if c.startswith(("error", "pageerror"))
                  and c not in refused]
        assert errors == []
    finally:
        context.close()


def test_embed_panel_builds_the_snippet_of_the_current_view(page):
    page.goto(page.base_url + "/maps/layout?lang=en")
    page.locator(PREFECTURES).first.wait_for(state="attached")
    code = page.locator("#embed-code")
    summary = page.locator("details.embed-panel > summary")
    summary.focus()
    page.keyboard.press("Enter")  # keyboard opens the panel
    assert page.locator("details.embed-panel").evaluate("d => d.open")
    _wait(page, "() => document.querySelector('#embed-code').value.includes('bbox=')")
    first = code.input_value()
    assert first.startswith(f'<iframe src="{page.base_url}/embed/maps/layout?lang=en&amp;bbox=')
    assert 'height="500"' in first and 'title="Layout map"' in first
    page.locator(".leaflet-control-zoom-in").click()
    _wait(page, f"() => document.querySelector('#embed-code').value !== {first!r}")
    page.locator("input[name='embed-legend']").uncheck()
    page.locator("input[name='embed-size'][value='responsive']").check()
    snippet = code.input_value()
    assert "padding-bottom:56.25%" in snippet and "legend=0" in snippet
    src = snippet.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    query = parse_qs(urlparse(src).query)
    assert urlparse(src).path == "/embed/maps/layout" and query["lang"] == ["en"]
    west, south, east, north = (float(x) for x in query["bbox"][0].split(","))
    zoomed = page.evaluate(MAP_BOUNDS)
    assert [west, south, east, north] == pytest.approx(zoomed, abs=1e-3)
    # the snippet's URL shows that view, without a legend, in English
    page.goto(src)
    page.locator(PREFECTURES).first.wait_for(state="attached")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".gl-legend").count() == 0
    shown = page.evaluate(MAP_BOUNDS)
    assert shown[0] <= west + 0.05 and shown[2] >= east - 0.05
    # and its "open full map" link opens the full page on the same view
    # (embed.js makes the link absolute once it runs: either form must lead to the same view)
    page.goto(urljoin(page.base_url + "/", page.locator("a.gl-open-full").get_attribute("href")))
    page.locator(PREFECTURES).first.wait_for(state="attached")
    page.wait_for_timeout(300)
    full = page.evaluate(MAP_BOUNDS)
    assert full[0] <= west + 0.05 and full[2] >= east - 0.05
    assert full[2] - full[0] < (east - west) * 2.5
    assert page.watch.offsite == [] and page.watch.console_errors == []


def test_standalone_html_works_offline_from_a_file(browser, store, tmp_path):
    from geo_layout.maps import layout_map
    from geo_layout.maps.standalone import standalone_html

    path = tmp_path / "layout.html"
    path.write_text(standalone_html(layout_map(store, lang="en")), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    requests: list[str] = []

    def route(r):  # the network is closed: only the file itself loads, the rest is aborted
        if r.request.url == path.as_uri():
            return r.continue_()
        requests.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(
        ("file:", "data:")) else None)
    try:
        page.goto(path.as_uri())
        page.locator(PREFECTURES).first.wait_for(state="attached")
        assert page.locator(PREFECTURES).count() == 16
        assert page.locator(".gl-legend").is_visible()
        assert page.locator(".leaflet-control-layers").count() == 1
        assert page.locator(".gl-badge").count() == 6
        icon = page.locator(".leaflet-control-layers-toggle").evaluate(
            "e => getComputedStyle(e).backgroundImage")
        assert icon.startswith('url("data:image/png;base64,')
        page.locator(".gl-badge-core span").click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert "Kunming" in popup.inner_text()
        before = page.evaluate(MAP_BOUNDS)
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(400)
        after = page.evaluate(MAP_BOUNDS)
        assert after[2] - after[0] < (before[2] - before[0]) * 0.6
        assert requests == []
        assert errors == []
    finally:
        context.close()
