"""The static maps' fonts: Simplified Chinese in regular and bold from the PyPI packages when
the system has no CJK font, Latin first in English, fallbacks named in SVG, and PDF fonts that
a reader takes as what they are."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from pypdf import PdfReader

from geo_layout.maps import fonts
from geo_layout.maps.static_export import render_static

# Characters whose Japanese and Simplified Chinese forms differ visibly.
VARIANT_TEXT = "骨直说门"


def _draw(text: str, family: str, weight: str, language: str) -> np.ndarray:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 1), dpi=60)
    canvas = FigureCanvasAgg(fig)
    label = fig.text(0.05, 0.3, text, fontsize=30, family=family, weight=weight)
    label.set_language(language)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., 0].copy()


@pytest.fixture()
def bundled(hidden_system_fonts):
    with hidden_system_fonts():
        yield fonts.map_fonts()


def test_bundled_fonts_are_used_without_system_fonts(bundled):
    assert bundled.source == "bundled"
    regular, bold = bundled.files
    assert regular.endswith("NotoSansCJK-Regular.ttc") and "site-packages" in regular
    assert bold.endswith("NotoSansCJKjp-Bold.otf") and "site-packages" in bold


def test_regular_and_bold_resolve_to_different_files(bundled):
    from matplotlib import font_manager

    find = font_manager.fontManager.findfont
    regular = find(font_manager.FontProperties(family=fonts.SC_FAMILY, weight="normal"))
    bold = find(font_manager.FontProperties(family=fonts.SC_FAMILY, weight="bold"))
    assert (regular, bold) == bundled.files


def test_text_is_shaped_in_simplified_forms(bundled):
    # the SC face drawn as is is the reference; the JP-default faces shaped as zh-Hans match
    # it, and shaped as Japanese they do not
    reference = _draw(VARIANT_TEXT, fonts.SC_FAMILY, "normal", "en")
    as_zh = _draw(VARIANT_TEXT, "Noto Sans CJK JP", "normal", fonts.TEXT_LANGUAGE)
    as_ja = _draw(VARIANT_TEXT, "Noto Sans CJK JP", "normal", "ja")
    assert (as_zh != reference).sum() == 0
    assert (as_ja != reference).sum() > 500
    bold_zh = _draw(VARIANT_TEXT, fonts.SC_FAMILY, "bold", fonts.TEXT_LANGUAGE)
    bold_ja = _draw(VARIANT_TEXT, fonts.SC_FAMILY, "bold", "ja")
    assert (bold_zh != bold_ja).sum() > 500  # the bold's Japanese forms are replaced
    assert (bold_zh < 128).sum() > (reference < 128).sum() * 1.15  # and it is bold


def _pdf_fonts(data: bytes) -> list:
    page = PdfReader(io.BytesIO(data)).pages[0]
    return [f.get_object() for f in page["/Resources"]["/Font"].values()]


def test_pdf_embeds_regular_and_bold_as_type3_with_unicode(bundled, store):
    data = render_static(store, "maps/layout", fmt="pdf", dpi=96)
    embedded = _pdf_fonts(data)
    assert {f["/Subtype"] for f in embedded} == {"/Type3"}  # no CFF declared as TrueType
    names = {str(f["/BaseFont"]).split("+")[-1] for f in embedded}
    assert names == {"NotoSansCJKsc-Regular", "NotoSansCJKjp-Bold"}
    assert all("/ToUnicode" in f for f in embedded)
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    title = store.plan().layout_title.zh
    assert title in text.replace("\n", "") and "昆明市" in text


def test_english_maps_put_a_latin_font_first(bundled, store):
    data = render_static(store, "maps/layout", fmt="pdf", lang="en", dpi=96)
    names = {str(f["/BaseFont"]).split("+")[-1] for f in _pdf_fonts(data)}
    assert names >= {"DejaVuSans", "DejaVuSans-Bold"}
    assert not any("CJK" in n for n in names)  # all-English text needs no CJK glyph


def test_svg_names_fallback_fonts_and_its_language(bundled, store):
    svg = render_static(store, "maps/layout", fmt="svg", dpi=96).decode()
    assert '<svg xml:lang="zh-Hans" ' in svg
    families = set(re.findall(r"font-family: ([^;\"]+)", svg))
    assert families == {"'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
                        "'Microsoft YaHei', sans-serif"}
    english = render_static(store, "maps/layout", fmt="svg", lang="en", dpi=96).decode()
    assert '<svg xml:lang="en" ' in english
    assert set(re.findall(r"font-family: ([^;\"]+)", english)) == {
        "'DejaVu Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
        "'Microsoft YaHei', sans-serif"}


def test_svg_fallbacks_leave_text_alone():
    svg = (b'<svg a><text style="font-family: \'Noto Sans CJK SC\'">'
           b"'Noto Sans CJK SC'</text></svg>")
    out = fonts.svg_with_fallbacks(svg, "zh")
    assert out.endswith(b">'Noto Sans CJK SC'</text></svg>")
    assert out.count(b"PingFang SC") == 1
