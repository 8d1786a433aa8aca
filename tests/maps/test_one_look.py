"""Web and static maps draw the same things the same way: one palette, one hatch, one set of
outline symbols and one legend wording (maps/style.py, maps/labels.py)."""

from __future__ import annotations

from matplotlib.colors import to_hex

from geo_layout.maps import build, static_export, static_figure, style
from geo_layout.maps.fonts import map_fonts
from geo_layout.maps.elements import HtmlGeoJson, MapControls
from geo_layout.maps.labels import label
from geo_layout.maps.popups import legend_html
from geo_layout.maps.roles import palette


def _find(m, cls):
    out, todo = [], [m]
    while todo:
        node = todo.pop()
        if isinstance(node, cls):
            out.append(node)
        todo.extend(node._children.values())
    return out


def test_the_web_hatch_is_the_shared_one(store):
    m = build.layout_map(store)
    (controls,) = _find(m, MapControls)
    assert controls.texts["hatch"] == {"colour": palette(store).zone_colour, **style.HATCH}


def test_element_outlines_have_the_same_colour_and_width_on_both(store):
    m = build.layout_map(store)
    web = {}
    for shapes in _find(m, HtmlGeoJson):
        for f in shapes.data["features"]:
            st = f["properties"]["style"]
            if "gl-element" in st.get("className", "") and st.get("stroke", True):
                web.setdefault(st["color"], set()).add(st["weight"])
    spec = static_export.resolve_map(store, "maps/layout", "en", {})
    fig = static_figure.build_figure(store, spec, "en", "a4", "landscape", 96,
                                     map_fonts().families("en"))
    drawn = {}
    for patch in fig.axes[0].patches:
        if patch.get_linewidth() > 0 and patch.get_facecolor()[3] == 0:
            drawn.setdefault(to_hex(patch.get_edgecolor()).upper(), set()).add(
                round(patch.get_linewidth() / style.PT_PER_PX, 2))
    for colour, weights in web.items():
        assert weights <= drawn.get(colour.upper(), set()), colour


def test_legends_use_one_wording(store):
    import html

    from geo_layout import words
    from geo_layout.maps.popups import role_labels

    svg = static_export.render_static(store, "maps/layout", fmt="svg", lang="en", dpi=96).decode()
    roles = role_labels(store, "en")
    web = html.unescape(legend_html("en", roles=roles, colours=palette(store).roles, places=True,
                                    kinds=["park"], zone_approximate=True))
    texts = [*roles.values(), label("en", "legend.approximate"), label("en", "legend.hollow"),
             words.label("kind", "park", "en")]
    for text in texts:
        assert text in web, text
        assert html.escape(text, quote=False) in svg, text
