"""The page fonts a person sees: English pages in a Latin font (no full-width quotes or digits
from the CJK font), Chinese pages in a Simplified Chinese font. Asked of Chromium itself: the
DevTools protocol names the platform fonts that drew a node's text."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


def _fonts_drawing(page, selector: str) -> dict[str, int]:
    """Platform font family -> glyphs it drew in the first element matching ``selector``."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"]: f["glyphCount"] for f in fonts}


@pytest.mark.parametrize("path", ["/?lang=en", "/parks?lang=en", "/embed/maps/layout?lang=en"])
def test_english_text_is_drawn_in_a_latin_font(page, path):
    page.goto(page.base_url + path)
    page.evaluate("document.fonts.ready")
    selector = "h1" if not path.startswith("/embed") else ".gl-prefecture-label span"
    page.wait_for_selector(selector, state="attached")
    used = _fonts_drawing(page, selector)
    assert used and not any("CJK" in family for family in used), used


def test_english_quotes_are_not_drawn_by_the_cjk_font(page):
    page.goto(page.base_url + "/?lang=en")
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.id = 'quotes'; p.textContent = '\u201cCore\u201d \u2018zone\u2019 2021\u20132025';
        document.querySelector('main').append(p);
    }""")
    used = _fonts_drawing(page, "#quotes")
    assert used and not any("CJK" in family for family in used), used


def test_chinese_text_is_drawn_in_the_simplified_chinese_font(page):
    page.goto(page.base_url + "/")
    page.evaluate("document.fonts.ready")
    used = _fonts_drawing(page, "h1")
    assert max(used, key=used.get) == "Noto Sans CJK SC", used
