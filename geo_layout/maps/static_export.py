"""Static maps (PNG, SVG, PDF) for documents, drawn with matplotlib without a browser.

They show what the interactive maps show: prefectures coloured by layout role, the zone as a
hatched outline, parks and sites with their precision, plus what a printed map needs (title,
legend, a true scale bar, north arrow, source and date). This module is the entry point
(:func:`render_static`); the work is split by concern:

- :mod:`.static_spec`: a map path and filters resolved into what to draw and its extent
  (paths parsed by the site's one router, :mod:`.by_path`);
- :mod:`.static_figure`: the page layout and the map frame's projection;
- :mod:`.static_areas`, :mod:`.static_labels`, :mod:`.static_places`: the layers, drawn with
  the primitives of :mod:`.static_paint`;
- :mod:`.static_furniture`: titles, legend, scale bar, north arrow, footer;
- :mod:`.static_output`: PNG / SVG / PDF bytes.

Figures are built on ``matplotlib.figure.Figure`` (no pyplot, no global backend), and
rendering is serialised because matplotlib's text and rc machinery is not thread-safe.
"""

from __future__ import annotations

import threading

from ..data.store import Store
from . import static_style as style
from .by_path import MAP_PATHS
from .fonts import TEXT_LANGUAGE, map_fonts, svg_with_fallbacks
from .geometry import check_bbox
from .static_figure import build_figure
from .static_output import save
from .static_spec import MapSpec, clip_view, resolve_map

__all__ = ["MAP_PATHS", "MapSpec", "render_static", "resolve_map"]
_render_lock = threading.Lock()


def render_static(store: Store, map_path: str, *, fmt: str = "png", lang: str = "zh",
                  size: str = "a4", orientation: str = "landscape", dpi: int = 200,
                  filters: dict | None = None, view: tuple | None = None,
                  approval: str = "", as_of=None) -> bytes:
    """One map of the service as PNG, SVG or PDF bytes.

    ``map_path``: "maps/layout" (or "" for the overview), "maps/parks", "maps/sites",
    "elements/<id>", "prefectures/<adcode>", "parks/<id>" (a park or site). ``filters`` are the
    parks-directory filters (``{"prefecture": "<adcode>"}``), applied to the places of the parks
    and sites maps, which then show the selection and name the filters in the footer. ``view``
    ``(west, south, east, north)``: the extent to show (what a page's map shows now) instead of
    the map's own. ``as_of`` (a date): the progress map's date (pass the store as it was then). ``approval``: the map approval number (审图号) printed in the footer.
    Raises InvalidParameter (bad option), NotFound (unknown map), CJKFontMissing (503)."""
    style.check_options(fmt, lang, size, orientation, dpi)
    spec = resolve_map(store, map_path, lang, filters or {}, as_of)
    if view is not None:
        spec.bounds = clip_view(check_bbox(view), store.province().geometry().bounds)
    if approval:
        spec.notes.append(style.text("approval", lang, number=approval))
    family = map_fonts().families(lang)
    import matplotlib

    # Data text is plain text: "$...$" in a name must not be parsed as mathtext. Texts are
    # shaped as Simplified Chinese (see fonts.py).
    with _render_lock, matplotlib.rc_context({"text.parse_math": False,
                                              "text.language": TEXT_LANGUAGE}):
        fig = build_figure(store, spec, lang, size, orientation, dpi, family)
        body = save(fig, fmt, size, orientation, dpi)
    return svg_with_fallbacks(body, lang) if fmt == "svg" else body
