"""The targets page's charts on a phone (390 x 844) and a narrow one (320): the axis labels do
not overlap one another, and no grid line crosses a label, a value or an axis label (the
boxes of the rendered text are compared)."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

BOXES = """() => [...document.querySelectorAll('svg.bar-chart')].map(svg => {
    const box = el => { const r = el.getBoundingClientRect();
                        return {x0: r.left, x1: r.right, y0: r.top, y1: r.bottom,
                                text: el.textContent}; };
    return {id: svg.id,
            ticks: [...svg.querySelectorAll('text.tick-label')].map(box),
            texts: [...svg.querySelectorAll('text.bar-label, text.bar-value')].map(box),
            lines: [...svg.querySelectorAll('line.tick')].map(box)};
})"""


def _overlap(a, b, pad=0.0) -> bool:
    return (a["x0"] < b["x1"] + pad and b["x0"] < a["x1"] + pad
            and a["y0"] < b["y1"] + pad and b["y0"] < a["y1"] + pad)


@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_text_never_collides_on_a_phone(page, shots, lang, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{page.base_url}/targets?lang={lang}")
    page.evaluate("document.fonts.ready")
    charts = page.evaluate(BOXES)
    counts = next(c for c in charts if c["id"] == "chart-counts")
    assert len(counts["ticks"]) >= 4                       # still an axis worth reading
    ticks = sorted(counts["ticks"], key=lambda b: b["x0"])
    for left, right in zip(ticks, ticks[1:]):
        assert left["x1"] + 2 <= right["x0"], (left["text"], right["text"])
    svg = page.locator("#chart-counts").bounding_box()
    for tick in ticks:                                     # inside the chart, not clipped
        assert svg["x"] - 0.5 <= tick["x0"] and tick["x1"] <= svg["x"] + svg["width"] + 0.5
    for chart in charts:
        for line in chart["lines"]:
            for text in chart["texts"] + chart["ticks"]:
                assert not _overlap(line, text), (chart["id"], text["text"])
    page.locator("#chart-counts").screenshot(path=str(shots / f"phone-targets-{lang}.png"))


def test_the_check_sees_an_overlap():
    a = {"x0": 0, "x1": 10, "y0": 0, "y1": 10}
    assert _overlap(a, {"x0": 5, "x1": 15, "y0": 5, "y1": 15})
    assert not _overlap(a, {"x0": 11, "x1": 15, "y0": 0, "y1": 10})
