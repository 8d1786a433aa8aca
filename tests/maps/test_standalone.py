"""Standalone HTML: one file with every script, stylesheet and CSS image inlined (the browser
check, offline from file://, is in tests/browser/test_embed.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from geo_layout.cli import main
from geo_layout.maps import layout_map, places_map
from geo_layout.maps.assets import asset_dirs
from geo_layout.maps.by_path import map_for_path
from geo_layout.maps.standalone import AssetNotInlinable, inline_head, standalone_html

HOSTILE = "<script>alert(1)</script>"  # the park name in conftest.hostile_store


class _Refs(HTMLParser):
    """Every src/href attribute of the markup, and the tags that load things."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href"):
                self.refs.append((tag, name, value or ""))


def _refs(html: str) -> _Refs:
    parser = _Refs()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def layout_html(store):
    return standalone_html(layout_map(store, lang="en"))


def test_everything_is_inlined(layout_html):
    refs = _refs(layout_html)
    assert refs.refs == []  # no <script src>, <link href>, <img src>, <a href> in the markup
    assert "link" not in refs.tags
    assert "/assets/" not in layout_html
    assert not re.search(r"""\bsrc\s*=\s*["']?(?:https?:|//|/assets)""", layout_html)
    markup = re.sub(r"(<(script|style)\b[^>]*>).*?(</\2>)", r"\1\3", layout_html, flags=re.S)
    assert not re.search(r"""\bhref\s*=\s*["']?(?:https?:|//|/assets)""", markup)
    assert "sourceMappingURL" not in layout_html
    for text in ("Leaflet 1.9.3", "L.MarkerClusterGroup", "GeoLayout.controls = ",
                 ".leaflet-control-layers", ".marker-cluster-small", ".gl-legend"):
        assert text in layout_html, text
    # Leaflet's layer-control icons, as data: URIs
    css_urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", layout_html)
    assert css_urls and all(u.startswith(("data:", "#")) for u in css_urls), css_urls
    assert layout_html.count("url(\"data:image/png;base64,") == 3
    assert '<base target="_blank">' in layout_html


def test_script_order_and_the_map(layout_html):
    leaflet = layout_html.index("Leaflet 1.9.3")
    assert leaflet < layout_html.index("L.MarkerClusterGroup") < layout_html.index("L.map(")
    assert leaflet < layout_html.index("GeoLayout.controls = ")
    assert layout_html.count('"className":"gl-prefecture ') == 16
    assert layout_html.startswith("<!DOCTYPE html>") and layout_html.count("<html") == 1
    assert len(layout_html) < 1_500_000


def test_inlined_text_cannot_close_its_element(tmp_path, monkeypatch):
    """A literal </script> or </style> in an asset must not end the element early."""
    import geo_layout.maps.standalone as standalone

    app = tmp_path / "app"
    (app / "js").mkdir(parents=True)
    (app / "css").mkdir()
    (app / "img.gif").write_bytes(b"GIF89a")
    (app / "js" / "x.js").write_text('var s = "</script><b>";\n//# sourceMappingURL=x.js.map\n')
    (app / "css" / "x.css").write_text('a{content:"</style>"} b{background:url("../img.gif")}')
    monkeypatch.setattr(standalone, "asset_dirs", lambda: {"app": app})
    head = standalone.inline_head('<script src="/assets/app/js/x.js?v=1"></script>'
                                  '<link rel="stylesheet" href="/assets/app/css/x.css?v=1"/>')
    assert head.count("</script>") == 1 and head.count("</style>") == 1
    assert 'var s = "<\\/script><b>";' in head
    assert "sourceMappingURL" not in head
    assert 'url("data:image/gif;base64,R0lGODlh")' in head


@pytest.mark.parametrize("head", [
    '<script src="https://cdn.example.org/leaflet.js"></script>',
    '<link rel="stylesheet" href="/assets/leaflet/nope.css"/>',
    '<link rel="stylesheet" href="/assets/leaflet/../../../../etc/passwd"/>',
    '<script src="/assets/elsewhere/x.js"></script>',
    '<img src="/logo.png">',
])
def test_what_cannot_be_inlined_is_an_error(head):
    with pytest.raises(AssetNotInlinable):
        inline_head(head)


def test_assets_exist_where_the_maps_ask():
    assert (asset_dirs()["leaflet"] / "images" / "layers.png").is_file()


def test_popups_stay_escaped(hostile_store):
    html = standalone_html(places_map(hostile_store, "parks"))
    assert HOSTILE not in html
    assert "\\u003cscript\\u003e" in html or "&lt;script&gt;" in html


@pytest.mark.parametrize("path", ["", "maps/layout", "maps/parks", "maps/sites", "elements/zone",
                                  "prefectures/530100", "parks/kunming-high-tech-zone"])
def test_every_map_path_builds(store, path):
    m = map_for_path(store, path, lang="en")
    assert m.lang == "en" and "prefectures" in m.layer_ids


def test_cli_writes_a_standalone_file(tmp_path):
    out = tmp_path / "core.html"
    result = CliRunner().invoke(main, ["export", "elements/core", "--format", "html", "--lang",
                                       "en", "--link-base", "https://maps.example.org/",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert _refs(html).refs == [] and "/assets/" not in html
    assert 'href=\\"https://maps.example.org/elements/core?lang=en\\"' in html
    assert '<html lang="en">' in html


def test_cli_html_errors(tmp_path):
    runner = CliRunner()
    bad_map = runner.invoke(main, ["export", "parks/nowhere", "--format", "html",
                                   "-o", str(tmp_path / "x.html")])
    assert bad_map.exit_code == 1 and "nowhere" in bad_map.output
    bad_base = runner.invoke(main, ["export", "maps/layout", "--format", "html",
                                    "--link-base", "javascript:alert(1)",
                                    "-o", str(tmp_path / "x.html")])
    assert bad_base.exit_code == 2 and "--link-base" in bad_base.output
    assert not (tmp_path / "x.html").exists()
