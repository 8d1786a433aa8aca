"""How the progress map shows statuses: one decision for the web map (Leaflet), the static
exports (matplotlib), the legends and the text version. Every status has a colour AND a
shape (never colour alone): an area's status is its fill plus the status shape beside its
name; a project's status is its marker's shape (and colour).

Colours are Okabe-Ito (:mod:`.style`): reached blue, on track bluish green, behind
vermillion, no data the grey of "nothing" — apart for every colour-vision deficiency. A
project's colour is that of the status it counts as (:data:`..data.progress_areas.AS_PROGRESS`),
so "operating" and "reached" look alike on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.progress import STATUS_SHAPES, STATUSES
from .roles import NONE_COLOUR
from .style import OKABE_ITO

#: An area's fill by its status (filled at :data:`FILL_OPACITY`).
STATUS_COLOURS = {"reached": OKABE_ITO["blue"], "on-track": OKABE_ITO["green"],
                  "behind": OKABE_ITO["vermillion"], "no-data": NONE_COLOUR}
FILL_OPACITY = 0.6


def element_line(status: str) -> tuple[str, float]:
    """An element's outline (colour, width in px) by its status: the status's colour, thick;
    "no data" thin and grey, so a map without data is not a web of heavy lines."""
    if status == STATUSES[-1]:
        return "#666666", 1.5
    return STATUS_COLOURS[status], 3.0


@dataclass(frozen=True)
class Mark:
    """A project's marker: ``shape`` (circle, diamond, square, cross, ring), its colour,
    whether it is filled, the matplotlib marker and the glyph the text version uses."""

    shape: str
    colour: str
    filled: bool
    mpl: str
    glyph: str


INK = "#222222"
PROJECT_MARKS_STYLE = {
    "operating": Mark("circle", STATUS_COLOURS["reached"], True, "o", "●"),
    "under-construction": Mark("diamond", STATUS_COLOURS["on-track"], True, "D", "◆"),
    "planned": Mark("square", "#555555", False, "s", "□"),
    "cancelled": Mark("cross", STATUS_COLOURS["behind"], True, "X", "×"),
    "unknown": Mark("ring", "#777777", False, "o", "○"),
}


def status_shape(status: str) -> str:
    """The shape (a glyph) of an area status, as the progress page shows it."""
    return STATUS_SHAPES[status]


def ink_on(status: str) -> str:
    """Text colour on a badge of ``status``'s colour (WCAG contrast)."""
    from .style import ink_for

    return ink_for(STATUS_COLOURS[status])


_SVG_PATHS = {
    "circle": '<circle cx="9" cy="9" r="6"/>',
    "ring": '<circle cx="9" cy="9" r="5.5" stroke-dasharray="3 2"/>',
    "diamond": '<path d="M9 1.5 L16.5 9 L9 16.5 L1.5 9 Z"/>',
    "square": '<rect x="3" y="3" width="12" height="12"/>',
    "cross": '<path d="M3.5 3.5 L14.5 14.5 M14.5 3.5 L3.5 14.5" stroke-width="4"/>',
}


def mark_svg(status: str, size: int = 18) -> str:
    """A project mark as inline SVG (the web map's marker and the legend's swatch): a white
    halo under the shape so it stands out on any fill."""
    mark = PROJECT_MARKS_STYLE[status]
    shape = _SVG_PATHS[mark.shape]
    fill = mark.colour if mark.filled else "#ffffff"
    if mark.shape == "cross":
        halo = shape.replace('stroke-width="4"', 'stroke-width="7"')
        body = (f'<g fill="none" stroke="#ffffff">{halo}</g>'
                f'<g fill="none" stroke="{mark.colour}">{shape}</g>')
    else:
        body = (f'<g fill="none" stroke="#ffffff" stroke-width="4">{shape}</g>'
                f'<g fill="{fill}" stroke="{mark.colour if not mark.filled else INK}" '
                f'stroke-width="{2 if not mark.filled else 1.2}">{shape}</g>')
    return (f'<svg class="gl-mark gl-mark-{mark.shape}" width="{size}" height="{size}" '
            f'viewBox="0 0 18 18" aria-hidden="true" focusable="false">{body}</svg>')
