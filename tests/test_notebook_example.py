"""docs/notebook.py, the notebook example of the README, runs as it is (in a temporary folder)
and writes what it says; and the notebook API it uses behaves as documented."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

import geo_layout
from geo_layout.errors import InvalidParameter

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "notebook.py"


def test_the_notebook_example_runs_and_writes_its_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace = runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "16 prefectures" in out and "wrote kunming-parks.html" in out
    assert len(namespace["located"]) >= 1
    assert set(namespace["located"]["prefecture"]) == {"530100"}
    counts = (tmp_path / "parks_per_prefecture.csv").read_text(encoding="utf-8")
    assert "530100" in counts
    for name in ("kunming-parks.html", "layout-en.html"):
        html = (tmp_path / name).read_text(encoding="utf-8")
        assert 'lang="en"' in html and "L.map(" in html
        # one file that opens offline: no script or stylesheet loaded from anywhere
        assert not re.search(r'<(script|link)\b[^>]*\b(src|href)=', html)
        assert "/assets/" not in html
    assert "Chenggong" in (tmp_path / "kunming-parks.html").read_text(encoding="utf-8")


def test_frames_are_geodataframes_and_dataframes():
    import geopandas as gpd
    import pandas as pd

    for name in ("prefectures", "counties", "layout_elements", "parks", "sites"):
        frame = getattr(geo_layout, name)
        assert isinstance(frame, gpd.GeoDataFrame) and frame.crs.to_epsg() == 4326, name
    assert len(geo_layout.prefectures) == 16
    for name in ("enterprises", "targets"):
        assert isinstance(getattr(geo_layout, name), pd.DataFrame)
        assert not isinstance(getattr(geo_layout, name), gpd.GeoDataFrame)


def test_map_by_url_path_takes_the_url_options(store):
    by_query = geo_layout.map("maps/parks?lang=en&prefecture=530100&legend=0")
    by_kwargs = geo_layout.map("maps/parks", lang="en", prefecture="530100", legend=False)
    assert by_query.lang == by_kwargs.lang == "en"
    expected = {f.id for f in store.query("parks", {"prefecture": "530100"}).features
                if f.geometry() is not None}
    html = by_kwargs._repr_html_()
    assert html.startswith("<iframe") and "srcdoc=" in html
    for m in (by_query, by_kwargs):
        rendered = m.get_root().render()
        assert all(pid in rendered for pid in expected)
        assert "GeoLayout.legend" not in rendered
    other = store.query("parks", {"prefecture": "532500"}).features
    assert not any(f.id in by_kwargs.get_root().render() for f in other)


def test_map_paths_and_views():
    zone = geo_layout.map("elements/zone")
    assert zone.lang == "zh" and "zone" in zone.layer_ids
    m = geo_layout.map("", bbox="102,24,103.5,25.5", layers="prefectures,core")
    assert m.layer_ids[0] == "prefectures"
    with pytest.raises(InvalidParameter):
        geo_layout.map("elements/core", prefecture="530100")  # filters are for parks/sites
    with pytest.raises(InvalidParameter):
        geo_layout.map("maps/layout", bbox="1,2,3")
