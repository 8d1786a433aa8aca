"""Roles and colours come from the plan's element kinds (maps/roles.py), one rule for every
map and legend."""

from __future__ import annotations

from geo_layout.data.model import ElementKind, Text
from geo_layout.maps.roles import NONE_COLOUR, build_palette, palette


def _kind(kid, *colours):
    return ElementKind(kid, Text(kid, kid), tuple(colours))


KINDS = [_kind("core", "#111111"), _kind("zone", "#222222"),
         _kind("cluster", "#333333", "#444444"), _kind("point", "#555555"),
         _kind("point-group", "#666666")]
ELEMENTS = [("c", "core"), ("z", "zone"), ("k1", "cluster"), ("k2", "cluster"),
            ("k3", "cluster"), ("p1", "point"), ("p2", "point"), ("g", "point-group")]


def test_each_fill_element_is_a_role_coloured_in_turn_from_its_kind():
    pal = build_palette(KINDS, ELEMENTS)
    assert list(pal.roles) == ["c", "zone", "k1", "k2", "k3", "point", "none"]
    assert pal.roles["k1"] == "#333333" and pal.roles["k2"] == "#444444"
    assert pal.roles["k3"] == "#333333"            # a third cluster reuses the first colour
    assert pal.roles["point"] == "#555555" and pal.roles["none"] == NONE_COLOUR
    assert pal.element_roles == {"c": "c", "z": "zone", "k1": "k1", "k2": "k2", "k3": "k3",
                                 "p1": "point", "p2": "point", "g": "point"}
    assert pal.element_colours["g"] == "#666666" and pal.zone_colour == "#222222"


def test_a_prefecture_takes_the_first_fill_role_in_legend_order():
    pal = build_palette(KINDS, ELEMENTS)
    assert pal.prefecture_role(["p1", "k2", "c"]) == "c"
    assert pal.prefecture_role(["p1", "k2"]) == "k2"
    assert pal.prefecture_role(["z", "p2"]) == "point"    # the zone is an outline, not a fill
    assert pal.prefecture_role(["z"]) == "none"
    assert pal.prefecture_role([]) == "none"


def test_the_legend_order_is_the_kinds_order_not_the_files():
    pal = build_palette(list(reversed(KINDS)), ELEMENTS)
    assert list(pal.roles)[:2] == ["point", "k1"]


def test_the_plans_palettes(store, toy_store):
    yunnan = palette(store)
    assert yunnan.roles == {"core": "#D55E00", "zone": "#CC79A7", "cluster-silicon": "#009E73",
                            "cluster-smart-terminals": "#332288", "point": "#F0E442",
                            "none": "#DDDDDD"}
    toy = palette(toy_store)
    assert list(toy.roles) == ["toy-core", "zone", "toy-cluster", "point", "none"]
    assert toy.prefecture_role(["toy-cluster", "toy-core"]) == "toy-core"
