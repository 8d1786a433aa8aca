"""Web and static maps draw the same things the same way: one palette, one hatch, one set of
outline symbols and one legend wording (maps/style.py, maps/labels.py)."""

from __future__ import annotations

from matplotlib.colors import to_hex

from geo_layout.maps import build, static_export, static_style, style
from geo_layout.maps.elements import HtmlGeoJson, MapControls
from geo_layout.maps.labels import label
from geo_layout.maps.popups import legend_html


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
    assert controls.texts["hatch"] == style.HATCH


def test_element_outlines_have_the_same_colour_and_width_on_both(store):
    m = build.layout_map(store)
    web = {}
    for shapes in _find(m, HtmlGeoJson):
        for f in shapes.data["features"]:
            st = f["properties"]["style"]
            if "gl-element" in st.get("className", "") and st.get("stroke", True):
                web.setdefault(st["color"], set()).add(st["weight"])
    spec = static_export.resolve_map(store, "maps/layout", "en", {})
    fig = static_export._figure(store, spec, "en", "a4", "landscape", 96,
                                static_style.cjk_font_family())
    drawn = {}
    for patch in fig.axes[0].patches:
        if patch.get_linewidth() > 0 and patch.get_facecolor()[3] == 0:
            drawn.setdefault(to_hex(patch.get_edgecolor()).upper(), set()).add(
                round(patch.get_linewidth() / style.PT_PER_PX, 2))
    for colour, weights in web.items():
        assert weights <= drawn.get(colour.upper(), set()), colour


def test_legends_use_one_wording(store):
    svg = static_export.render_static(store, "maps/layout", fmt="svg", lang="en", dpi=96).decode()
    web = legend_html("en", roles=True, places=True, kinds=["park"])
    for key in [*(f"role.{r}" for r in style.ROLES), "role.zone", "legend.approximate",
                "legend.hollow", "kind.park"]:
        text = label("en", key)
        assert text in web, key
        assert text.replace("&", "&amp;") in svg, key
