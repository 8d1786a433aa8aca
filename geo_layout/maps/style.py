"""Colours and shapes of the maps. Okabe-Ito based palettes, chosen so every pair stays apart
(CIEDE2000 >= 10) for normal vision and simulated deuteranopia, protanopia and tritanopia
(tests/maps/test_palette.py), and every colour is paired with a label, a pattern or a line
style, so no category is told apart by colour alone."""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}

#: Paul Tol's wine: a dark colour that stays apart from Okabe-Ito's under every simulated
#: deficiency (a brown does not, from vermillion for protanopes).
WINE = "#882255"

# The layout's role colours are the plan's (its element kinds' colours, seeds/layout.yaml,
# where Paul Tol's indigo joins Okabe-Ito's for a second cluster), turned into roles by
# roles.py; tests/maps/test_palette.py checks each plan's palette as it checks the place
# kinds' below. Points are also starred, the zone hatched.

#: How opaque the role fills are on the layout map (the legend's colours, blended with the
#: map's background, are what the eye compares).
LAYOUT_FILL_OPACITY = 0.55
MAP_BACKGROUND = "#F3F6F9"
OUTLINE = "#444444"

#: Place markers by kind.
KIND_COLOURS = {
    "park": OKABE_ITO["blue"],
    "high-tech-zone": OKABE_ITO["vermillion"],
    "development-zone": OKABE_ITO["orange"],
    "pilot-zone": OKABE_ITO["green"],
    "town": OKABE_ITO["sky"],
    "science-park": OKABE_ITO["purple"],
    "project": OKABE_ITO["black"],
    "base": WINE,
}

#: Decimal places that each level of detail can show (low ~500 m, medium ~100 m, high ~20 m);
#: points are known to at best a few metres.
DECIMALS = {"coarse": 2, "low": 3, "medium": 4, "high": 5}
POINT_DECIMALS = 5

#: The last zoom each level of detail is drawn for, coarsest first (closer in: ``high``). The
#: one rule for the maps built here and, through :func:`levels_config` in each map's config,
#: for the scripts that refine them (static/js/controls.js ``GeoLayout.levelFor``).
LEVEL_MAX_ZOOM = (("coarse", 7), ("low", 8), ("medium", 10))
FINEST_LEVEL = "high"


def level_for_zoom(zoom: float) -> str:
    return next((lod for lod, last in LEVEL_MAX_ZOOM if zoom <= last), FINEST_LEVEL)


def levels_config() -> dict:
    """The rule as the scripts get it: level names coarsest first, and the last zooms."""
    return {"names": [lod for lod, _ in LEVEL_MAX_ZOOM] + [FINEST_LEVEL],
            "maxZooms": [last for _, last in LEVEL_MAX_ZOOM]}


def ink_for(colour: str) -> str:
    """Black or white, whichever reads better (higher WCAG contrast) on ``colour``: badge
    text on an element's colour must reach 4.5:1."""
    return "#000000" if contrast(colour, "#000000") >= contrast(colour, "#FFFFFF") else "#FFFFFF"


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def blended(colour: str, background: str = MAP_BACKGROUND,
            opacity: float = LAYOUT_FILL_OPACITY) -> str:
    """The colour a fill of ``colour`` at ``opacity`` shows over ``background``: what the eye
    sees on the web map, and so what the static maps paint opaquely to look the same."""
    fg = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    bg = [int(background[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(opacity * f + (1 - opacity) * b) for f, b in zip(fg, bg)]
    return "#" + "".join(f"{v:02X}" for v in mixed)


# --- symbols shared by the web maps (Leaflet) and the static maps (matplotlib) ------------
# Widths and dashes are in CSS pixels, the web map's unit; the static maps draw them at
# PT_PER_PX points per pixel, so a printed outline looks like the one on screen.

PT_PER_PX = 0.75
#: Dash pattern (on, off) of every extent the plan gives only approximately.
APPROXIMATE_DASH = (8, 6)
#: Dash pattern of a place's location-uncertainty circle.
UNCERTAINTY_DASH = (5, 6)
#: The zone's hatch: stripes at 45° of ``width`` every ``spacing`` px (in the zone's colour:
#: :attr:`.roles.Palette.zone_colour`).
HATCH = {"spacing": 8, "width": 3, "angle": 45}


@dataclass(frozen=True)
class Symbol:
    """How one kind of shape is drawn: outline colour, width (px) and dash (px on/off, None for
    solid), fill colour and opacity, and whether it is hatched (:data:`HATCH`)."""

    colour: str
    weight: float
    dash: tuple[float, ...] | None = None
    fill: str | None = None
    fill_opacity: float = 0.0
    hatched: bool = False


def element_symbol(colour: str, kind: str, approximate: bool = False) -> Symbol:
    """A layout element's outline in its ``colour`` (:attr:`.roles.Palette.element_colours`;
    the zone hatched), dashed when its extent is approximate."""
    dash = APPROXIMATE_DASH if approximate else None
    if kind == "zone":
        return Symbol(colour, 2.5, dash, hatched=True)
    return Symbol(colour, 3, dash)


#: The outline of the map's subject (an element or prefecture page, a park's county).
FOCUS = Symbol("#111111", 3)


def leaflet_style(symbol: Symbol, **extra) -> dict:
    """The Leaflet path options of ``symbol`` (hatching is the ``#gl-hatch`` SVG pattern that
    static/js/controls.js draws from :data:`HATCH`)."""
    out = {"color": symbol.colour, "weight": symbol.weight}
    if symbol.dash:
        out["dashArray"] = " ".join(f"{v:g}" for v in symbol.dash)
    if symbol.hatched:
        out.update(fill=True, fillColor="url(#gl-hatch)", fillOpacity=1)
    elif symbol.fill:
        out.update(fill=True, fillColor=symbol.fill, fillOpacity=symbol.fill_opacity)
    else:
        out["fill"] = False
    out.update(extra)
    return out
