"""The look of the static maps: paper sizes, the colour-blind-safe palette and the fixed
wording keys (the fonts are in fonts.py, the words in geo_layout.words), kept apart from the
drawing code so a change of style touches one file."""

from __future__ import annotations

from .. import words
from ..errors import InvalidParameter
from .style import blended



def role_fills(role_colours: dict[str, str]) -> dict[str, str]:
    """The web maps' role colours (:attr:`.roles.Palette.roles`) as they appear there (fills
    at LAYOUT_FILL_OPACITY over the map background), to paint opaquely: one palette."""
    return {role: blended(colour) for role, colour in role_colours.items()}

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


#: The static maps' wording, by the keys the drawing code uses, in the one catalogue
#: (:mod:`geo_layout.words`): the same names as the web maps and the pages.
TEXT_KEYS = {
    "parks": "title.parks",
    "sites": "title.sites",
    "prefecture": "export.prefecture",
    "legend": "legend.summary",
    "none": "legend.other",
    "point-role": "legend.point_prefecture",
    "point-area": "legend.point_county",
    "zone-approx": "legend.zone_approx",
    "point-area-approx": "legend.point_county_approx",
    "park-site": "export.park_site",
    "park-area": "export.park_area",
    "site-site": "export.site_site",
    "site-area": "export.site_area",
    "uncertainty": "legend.circle",
    "focus": "export.focus",
    "focus-approx": "export.focus_approx",
    "no-geometry": "export.no_geometry",
    "filtered": "export.filtered",
    "filter-item": "export.filter_item",
    "approval": "export.approval",
    "as_of": "as_of.static_note",
    "place-area": "export.place_area",
    "scale-note": "export.scale_note",
    "north": "export.north",
    "source": "export.source",
    "attribution": "export.attribution",
    "date": "export.date",
}


def text(key: str, lang: str, **values) -> str:
    """The static maps' ``key`` (a :data:`TEXT_KEYS` name) in ``lang``."""
    return words.t(TEXT_KEYS[key], lang, **values)


def unlocated_note(parks: int, sites: int, lang: str) -> str:
    """"Not mapped (the plan gives no location): 1 park, 2 project sites", counted properly."""
    counts = [words.plural(f"count.{name}", n, lang)
              for name, n in (("parks", parks), ("sites", sites)) if n]
    return words.t("export.unlocated", lang, places=words.join(counts, lang))
