"""A static map's figure as PNG, SVG or PDF bytes, written apart from drawing because the
formats differ in paper size, text and font embedding, not in what the map shows."""

from __future__ import annotations

import io

from . import static_style as style


def save(fig, fmt: str, size: str, orientation: str, dpi: int) -> bytes:
    """Vector formats keep real text and the exact paper size; PNG gets the rounded pixel size.
    SVG text names its font (svg.fonttype none); PDF embeds the glyphs as Type 3 fonts with
    their Unicode (Noto CJK is CFF-flavoured OpenType, which pdf.fonttype 42 would declare as
    TrueType: readers warn of the mismatch)."""
    import matplotlib

    if fmt != "png":
        fig.set_size_inches(*style.page_inches(size, orientation))
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 3,
                                "svg.hashsalt": "geo-layout"}):
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white",
                    metadata=_metadata(fmt))
    return buf.getvalue()


def _metadata(fmt: str) -> dict:
    if fmt == "png":
        return {"Software": "geo_layout"}
    if fmt == "pdf":
        return {"Creator": "geo_layout", "Producer": "geo_layout (matplotlib)"}
    return {"Creator": "geo_layout"}
