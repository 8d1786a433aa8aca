"""The export panel exports what is on screen: after panning and zooming, its PNG link carries
the map's bounds and the page's filters with the options chosen in the panel (keyboard only),
and the file it downloads names the filter in words."""

from __future__ import annotations

import subprocess
from urllib.parse import parse_qs, urlparse

import pytest

pytest.importorskip("playwright.sync_api")

from page_scripts import MAP_BOUNDS  # noqa: E402

pytestmark = pytest.mark.browser

PREFECTURES = "path.gl-prefecture"


def _open_panel(page):
    summary = page.locator("details.embed-panel > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.embed-panel").evaluate("d => d.open")


def _link(page, fmt: str):
    href = page.locator(f"a.export-link[data-format='{fmt}']").get_attribute("href")
    return urlparse(href), parse_qs(urlparse(href).query)


def test_directory_export_carries_view_filters_and_panel_options(page):
    page.goto(page.base_url + "/parks?prefecture=530100&lang=en")
    page.locator(PREFECTURES).first.wait_for(state="attached")
    _open_panel(page)
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(400)
    page.mouse.move(400, 500)
    page.evaluate("() => window[document.querySelector('.gl-map').id].panBy([60, -40],"
                  " {animate: false})")
    page.wait_for_timeout(300)
    # options chosen with the keyboard
    page.locator("select[name='export-size']").focus()
    page.keyboard.press("Home")  # A3, the first size
    page.locator("select[name='export-orientation']").select_option("portrait")
    page.locator("select[name='export-dpi']").select_option("96")
    page.locator("select[name='export-lang']").select_option("zh")
    url, query = _link(page, "png")
    assert url.path == "/export/maps/parks.png"
    assert query["prefecture"] == ["530100"] and query["lang"] == ["zh"]
    assert query["size"] == ["a3"] and query["orientation"] == ["portrait"]
    assert query["dpi"] == ["96"]
    bbox = [float(v) for v in query["bbox"][0].split(",")]
    assert bbox == pytest.approx(page.evaluate(MAP_BOUNDS), abs=1e-3)
    # every format follows the same view and filters
    for fmt in ("svg", "pdf", "html"):
        _, other = _link(page, fmt)
        assert other["bbox"] == query["bbox"] and other["prefecture"] == ["530100"]
    # the PDF names the filter in words
    _, pdf_query = _link(page, "pdf")
    pdf_url = page.locator("a.export-link[data-format='pdf']").get_attribute("href")
    response = page.request.get(page.base_url + pdf_url)
    assert response.status == 200
    assert 'filename="yunnan-parks-530100-zh-a3-portrait.pdf"' in response.headers[
        "content-disposition"]
    text = subprocess.run(["pdftotext", "-", "-"], input=response.body(), capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "筛选：昆明市（州市）" in text and "prefecture=530100" not in text
    png = page.request.get(page.base_url + _link_href(page, "png"))
    assert png.status == 200 and png.headers["content-type"] == "image/png"
    assert page.watch.offsite == [] and page.watch.console_errors == []


def _link_href(page, fmt: str) -> str:
    return page.locator(f"a.export-link[data-format='{fmt}']").get_attribute("href")


def test_park_page_offers_exports_that_answer(page):
    page.goto(page.base_url + "/parks/guandu-digital-economy-industrial-park")
    page.locator(".gl-marker").first.wait_for(state="attached")
    _open_panel(page)
    for fmt in ("png", "svg", "pdf"):
        href = _link_href(page, fmt)
        assert urlparse(href).path == f"/export/parks/guandu-digital-economy-industrial-park.{fmt}"
        response = page.request.get(page.base_url + href)
        assert response.status == 200, (href, response.text()[:200])


def test_print_hides_controls_and_keeps_map_and_legend(page):
    page.set_viewport_size({"width": 390, "height": 844})  # the legend starts folded here
    page.goto(page.base_url + "/elements/zone")
    page.locator(PREFECTURES).first.wait_for(state="attached")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header', '.map-tools', '.leaflet-control-zoom',
        '.leaflet-control-layers', '.embed-panel'].map(s => {
            const el = document.querySelector(s);
            return el ? getComputedStyle(el).display : 'none';
        })""")
    assert hidden == ["none"] * 5
    assert page.locator(".gl-map").is_visible()
    assert page.locator(".gl-legend").is_visible()  # opened for the print
    assert page.locator("main h1").is_visible()
