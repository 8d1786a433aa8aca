"""The fonts of the static maps: Chinese in Simplified Chinese forms, regular and bold, on any
machine, with or without system fonts.

The system's Noto Sans CJK collections (Debian's ``fonts-noto-cjk``) are used when present.
Otherwise the faces that two PyPI packages ship (SIL Open Font License 1.1), installed with
the app: ``noto-cjk-sans-otc`` (the regular collection; its face "Noto Sans CJK SC" has the
Simplified forms) and ``noto-cjk-sans-jp-bold`` (the only bold on PyPI: the same glyph set
with Japanese forms by default, registered here as the bold of "Noto Sans CJK SC" so that one
family serves both weights). Every text is therefore shaped with the language ``zh-Hans``
(matplotlib passes it to the shaper, whose OpenType ``locl`` feature picks the Simplified
forms): with either source, 骨 and 直 come out as in mainland print.

English maps put a Latin font first (DejaVu Sans, which matplotlib ships) and fall back to
the CJK face for any Chinese, so quotes and digits are not the CJK font's full-width ones.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import Unavailable

#: Shaping language of every text: selects the Simplified Chinese glyph forms.
TEXT_LANGUAGE = "zh-Hans"
LATIN_FAMILY = "DejaVu Sans"
SC_FAMILY = "Noto Sans CJK SC"
#: (regular, bold) collections of the usual system packages, looked for in this order.
SYSTEM_FONT_FILES: tuple[tuple[str, str], ...] = tuple(
    (f"{folder}/NotoSansCJK-Regular.ttc", f"{folder}/NotoSansCJK-Bold.ttc")
    for folder in ("/usr/share/fonts/opentype/noto",         # Debian, Ubuntu
                   "/usr/share/fonts/google-noto-cjk",       # Fedora
                   "/usr/share/fonts/noto-cjk"))             # Arch
#: The PyPI packages' modules (each has FONT_PATH), regular then bold.
BUNDLED_FONT_MODULES = ("noto_cjk_sans_otc", "noto_cjk_sans_jp_bold")
BUNDLED_PACKAGES = "noto-cjk-sans-otc noto-cjk-sans-jp-bold"


class CJKFontMissing(Unavailable):
    """No font with Chinese glyphs: a map would print empty boxes, so exports refuse (503)."""

    code = "font-missing"


@dataclass(frozen=True)
class MapFonts:
    """Where the fonts came from, and the family list of matplotlib texts."""

    source: str                 # "system" or "bundled"
    files: tuple[str, str]      # (regular, bold) font files

    @staticmethod
    def families(lang: str) -> list[str]:
        """Latin first in English (CJK glyphs fall back to the CJK face), CJK alone in Chinese."""
        return [LATIN_FAMILY, SC_FAMILY] if lang == "en" else [SC_FAMILY]


_lock = threading.Lock()
_found: MapFonts | None = None


def map_fonts() -> MapFonts:
    """The fonts of the static maps, found and registered with matplotlib once."""
    global _found
    with _lock:
        if _found is None:
            _found = _register(_locate())
        return _found


def forget() -> None:
    """Look again on the next call (tests hide or restore the system fonts)."""
    global _found
    with _lock:
        _found = None


def _locate() -> MapFonts:
    for regular, bold in SYSTEM_FONT_FILES:
        if Path(regular).is_file() and Path(bold).is_file():
            return MapFonts("system", (regular, bold))
    files = tuple(_package_font(module) for module in BUNDLED_FONT_MODULES)
    if None in files:
        raise CJKFontMissing(
            "no font with Chinese glyphs: the static maps need Noto Sans CJK, either "
            f"Debian's fonts-noto-cjk or the PyPI packages {BUNDLED_PACKAGES} "
            "(pip install them, or reinstall geo_layout)")
    return MapFonts("bundled", files)


def _package_font(module: str) -> str | None:
    import importlib

    try:
        package = importlib.import_module(module)
    except ImportError:
        return None
    path = Path(str(package.FONT_PATH))
    return str(path) if path.is_file() else None


def _register(fonts: MapFonts) -> MapFonts:
    """Make both files known to matplotlib, and the bold known as the bold of SC_FAMILY (the
    bundled bold calls itself "Noto Sans CJK JP"), as matplotlib itself adds a font's
    alternative names."""
    import dataclasses

    from matplotlib import font_manager, ft2font

    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    for path in fonts.files:
        if path not in known:
            manager.addfont(path)  # every face of a collection
    bold = fonts.files[1]
    if not any(e.fname == bold and e.name == SC_FAMILY for e in manager.ttflist):
        face = font_manager.ttfFontProperty(ft2font.FT2Font(bold))
        manager.ttflist.append(dataclasses.replace(face, name=SC_FAMILY))
        manager._findfont_cached.cache_clear()
    return fonts


#: What an SVG viewer without Noto Sans CJK may have instead (the same design under Adobe's
#: name, macOS, Windows), then the generic family.
SVG_FALLBACKS = ("'Source Han Sans SC'", "'PingFang SC'", "'Microsoft YaHei'", "sans-serif")
SVG_LANGUAGE = {"zh": TEXT_LANGUAGE, "en": "en"}


def svg_with_fallbacks(svg: bytes, lang: str) -> bytes:
    """An SVG keeps real text, so its viewer picks the font: name the fallbacks after ours and
    say the document's language (a viewer then shapes Chinese in Simplified forms too)."""
    import re

    # only inside style attributes (which cannot hold a '"'), never in the text of a name
    pattern = re.compile(rb'(style="[^"]*?font-family: [^;"]*?' + re.escape(
        f"'{SC_FAMILY}'".encode()) + rb")")
    fallbacks = b"".join(b", " + name.encode() for name in SVG_FALLBACKS)
    svg = pattern.sub(lambda m: m.group(1) + fallbacks, svg)
    return svg.replace(b"<svg ", f'<svg xml:lang="{SVG_LANGUAGE[lang]}" '.encode(), 1)
