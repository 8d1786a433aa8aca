"""Colours and shapes of the maps. Okabe-Ito palette (safe for the common colour-vision
deficiencies), and every colour is paired with a label, a pattern or a line style, so no
category is told apart by colour alone."""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}

#: Prefecture fill by layout role, in legend order.
ROLE_COLOURS = {
    "core": OKABE_ITO["vermillion"],
    "cluster-silicon": OKABE_ITO["blue"],
    "cluster-smart-terminals": OKABE_ITO["green"],
    "point": OKABE_ITO["orange"],
    "none": "#DDDDDD",
}
ROLES = tuple(ROLE_COLOURS)
ZONE_COLOUR = OKABE_ITO["purple"]
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
    "base": "#8C6D1F",
}

#: Decimal places that each level of detail can show (low ~500 m, medium ~100 m, high ~20 m);
#: points are known to at best a few metres.
DECIMALS = {"low": 3, "medium": 4, "high": 5}
POINT_DECIMALS = 5


def element_colour(element_id: str, kind: str) -> str:
    """The colour of a layout element's outline: its role's colour, purple for the zone."""
    if kind == "zone":
        return ZONE_COLOUR
    if element_id in ROLE_COLOURS:
        return ROLE_COLOURS[element_id]
    return ROLE_COLOURS.get(kind, OUTLINE)


def prefecture_role(element_ids: list[str], kinds: dict[str, str]) -> str:
    """One legend role per prefecture; the core wins over a cluster, a cluster over a point
    (the zone is drawn as its own outline, not as a fill)."""
    if "core" in element_ids:
        return "core"
    for eid in ("cluster-silicon", "cluster-smart-terminals"):
        if eid in element_ids:
            return eid
    if any(kinds.get(e) == "point" for e in element_ids):
        return "point"
    return "none"
