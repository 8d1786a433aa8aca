"""The progress page as a person meets it, with the synthetic values of
tests/fixtures/progress-values.yaml (the ``progress_data`` fixture): on a desktop and a phone, in Chinese and English, every target
with its status in shape and words and its chart drawn (points, path, target) inside the
page's width; nothing serious for axe, nothing loaded from outside, no sideways scrolling.
Screenshots: docs/screenshots/progress*.png (make screenshots)."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")

from page_checks import check_page  # noqa: E402

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
WORDS = {"zh": ("实施进度", "目标"), "en": ("Progress", "Target")}


@pytest.fixture(scope="module")
def progress_server(serve, progress_app):
    with serve(progress_app) as url:
        yield url


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_target_with_its_status_and_chart(open_page, progress_server, shots, lang, size):
    page = open_page(progress_server)
    page.set_viewport_size(SIZES[size])
    page.goto(f"{progress_server}/progress?lang={lang}")
    nav, column = WORDS[lang]
    assert page.locator("nav.site-nav a[aria-current=page]").inner_text() == nav
    rows = page.locator("table.progress tbody tr")
    n = rows.count()
    assert n > 0
    # each row: a status with its shape and word, and a chart with a target marker, inside
    # the page's width
    assert page.locator("table.progress .status-cell .status .shape").count() == n
    charts = page.locator("table.progress svg.progress-chart")
    assert charts.count() == n
    width = SIZES[size]["width"]
    for i in range(n):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 150 and box["x"] >= 0 and box["x"] + box["width"] <= width, i
    assert page.locator("svg.progress-chart circle.pc-point").count() > 0
    assert page.locator("svg.progress-chart polyline.pc-path").count() > 0
    # the summary counts what the rows show
    summary = page.locator("#progress-summary").inner_text()
    assert str(n) in summary
    if size == "phone":  # each row a card: the labels come from the column names
        label = page.evaluate("""() => getComputedStyle(
            document.querySelector('table.progress tbody th[scope=row]'), '::before').content""")
        assert column in label
    check_page(page, SIZES[size], f"/progress {lang} {size}")
    assert page.watch.offsite == [] and page.watch.console_errors == []
    # the two the README shows: on a desktop, from the province-wide revenue (two statuses
    # behind, two without data, one on track)
    if (lang, size) == ("en", "desktop"):
        page.evaluate("document.getElementById('progress-information-industry-revenue-2025')"
                      ".scrollIntoView()")
        page.screenshot(path=str(shots / "progress.png"))
    if (lang, size) == ("zh", "phone"):
        page.screenshot(path=str(shots / "progress-zh-390.png"))
