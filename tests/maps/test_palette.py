"""The map palettes stay apart for the common colour-vision deficiencies: every pair of legend
colours (the layout roles with the zone, the role fills as blended on the map, the place kinds)
is at least ``MIN_DELTA_E`` CIEDE2000 apart for normal vision and for simulated deuteranopia,
protanopia and tritanopia (Machado et al. 2009 at full severity, via ``colorspacious``)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

colorspacious = pytest.importorskip("colorspacious")

from geo_layout.maps import style  # noqa: E402
from geo_layout.maps.popups import legend_html  # noqa: E402
from geo_layout.maps.roles import palette  # noqa: E402

MIN_DELTA_E = 10.0
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")


def rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255.0


def seen_by(colour: np.ndarray, deficiency: str | None) -> np.ndarray:
    if deficiency is None:
        return colour
    cvd = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(colorspacious.cspace_convert(colour, cvd, "sRGB1"), 0, 1)


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    d_big_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh) / 2)
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6))
         - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar ** 7 / (cp_bar ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (d_big_h / s_h) ** 2
                     + r_t * (dc / s_c) * (d_big_h / s_h))


def delta_e(c1: np.ndarray, c2: np.ndarray) -> float:
    lab = [colorspacious.cspace_convert(c, "sRGB1", "CIELab") for c in (c1, c2)]
    return ciede2000(*lab)


def closest_pairs(palette: dict[str, np.ndarray]) -> list[tuple[float, str, str, str]]:
    """(ΔE, name, name, vision) for every pair and vision, closest first."""
    out = []
    for (n1, c1), (n2, c2) in itertools.combinations(palette.items(), 2):
        for vision in (None, *DEFICIENCIES):
            out.append((round(delta_e(seen_by(c1, vision), seen_by(c2, vision)), 1), n1, n2,
                        vision or "normal"))
    return sorted(out)


@pytest.mark.parametrize("lab1, lab2, expected", [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),   # Sharma et al., pair 1
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),               # pair 7
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),            # pair 17
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),  # pair 34
])
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_simulation_changes_colours_as_the_deficiency_predicts():
    # red and green collapse for a deuteranope, not for a tritanope
    red, green = rgb("#D55E00"), rgb("#009E73")
    assert delta_e(seen_by(red, "deuteranomaly"), seen_by(green, "deuteranomaly")) < \
        delta_e(seen_by(red, "tritanomaly"), seen_by(green, "tritanomaly"))


@pytest.fixture(params=["yunnan", "toy"], scope="module")
def plan_palette(request, store, toy_store):
    """Each test plan's palette (its element kinds' colours turned into roles)."""
    return palette(store if request.param == "yunnan" else toy_store)


def _role_fills(pal):
    alpha, background = style.LAYOUT_FILL_OPACITY, rgb(style.MAP_BACKGROUND)
    return {role: alpha * rgb(pal.roles[role]) + (1 - alpha) * background
            for role in pal.fill_roles}


@pytest.mark.parametrize("name", ["layout roles and zone", "role fills as drawn"])
def test_every_pair_of_a_plans_role_colours_is_distinguishable(name, plan_palette):
    colours = ({r: rgb(c) for r, c in plan_palette.roles.items()}
               if name == "layout roles and zone" else _role_fills(plan_palette))
    worst = closest_pairs(colours)[0]
    assert worst[0] >= MIN_DELTA_E, f"{name}: {worst}"


def test_every_pair_of_place_kind_colours_is_distinguishable():
    worst = closest_pairs({k: rgb(c) for k, c in style.KIND_COLOURS.items()})[0]
    assert worst[0] >= MIN_DELTA_E, f"place kinds: {worst}"


def test_the_former_palette_would_have_failed():
    """The check has teeth: the palette before this test (blue/green clusters, orange points,
    a brown base) has pairs that merge for colour-blind readers."""
    old_kinds = {"high-tech-zone": rgb("#D55E00"), "base": rgb("#8C6D1F")}
    assert closest_pairs(old_kinds)[0][0] < MIN_DELTA_E
    alpha, background = style.LAYOUT_FILL_OPACITY, rgb(style.MAP_BACKGROUND)
    old_fills = {k: alpha * rgb(c) + (1 - alpha) * background
                 for k, c in {"silicon": "#0072B2", "terminals": "#009E73"}.items()}
    assert closest_pairs(old_fills)[0][0] < MIN_DELTA_E


def test_the_legend_shows_the_palette_and_pairs_the_zone_with_a_pattern(plan_palette):
    roles = {r: r for r in plan_palette.roles}
    html = legend_html("en", roles=roles, colours=plan_palette.roles, places=True,
                       kinds=list(style.KIND_COLOURS), heading="The formula")
    for colour in (*plan_palette.roles.values(), *style.KIND_COLOURS.values()):
        assert f"--gl-colour:{colour}" in html
    assert "gl-swatch-zone" in html  # hatched and dashed, not colour alone
    assert '<p class="gl-legend-heading">The formula</p>' in html


def test_badge_text_on_an_element_colour_reaches_wcag_aa(plan_palette):
    for colour in (*plan_palette.roles.values(), *plan_palette.element_colours.values()):
        assert style.contrast(colour, style.ink_for(colour)) >= 4.5, colour


def test_contrast_ratio_is_wcag_s():
    assert style.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert style.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_the_zone_legend_says_approximate_only_when_it_is(store):
    import dataclasses

    from geo_layout.maps.popups import role_labels
    from geo_layout.words import t

    name = store.get("layout-elements", "zone").name("en")
    roles = role_labels(store, "en")  # every zone county of the plan is approximate
    assert roles["zone"] == t("legend.zone_approx", "en", name=name)
    colours = palette(store).roles
    approximate = legend_html("en", roles=roles, colours=colours, places=False,
                              zone_approximate=True)
    assert "gl-swatch-zone gl-swatch-dashed" in approximate
    assert "approximate extent" in approximate

    class ExactZone:  # the same store with the zone's extent exact
        version = store.version + "-exact-zone"
        kinds = store.kinds

        def query(self, collection):
            result = store.query(collection)
            features = [f if f.id != "zone" else dataclasses.replace(
                f, properties={**f.properties, "approximate": False}) for f in result.features]
            return dataclasses.replace(result, features=features)

    exact_roles = role_labels(ExactZone(), "en")
    assert exact_roles["zone"] == t("legend.zone", "en", name=name)
    exact = legend_html("en", roles=exact_roles, colours=colours, places=False)
    assert "approximate" not in exact and "gl-swatch-dashed" not in exact
