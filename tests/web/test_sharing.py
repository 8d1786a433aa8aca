"""Sharing: a description and og: metadata on every page (escaped), og:image at the page's
static PNG export where there is one, the "link to this view" field on map pages, and the
plan's reference (title, issuer, date or period) taken from the data, not the templates."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml

from geo_layout.app import create_app

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CHENGGONG = "chenggong-information-industry-park"
PAGES = ["/", "/maps/layout", "/maps/parks", "/maps/sites", "/parks", f"/parks/{CHENGGONG}",
         "/elements/core", "/prefectures/530100", "/targets", "/parks/no-such-park"]


def metas(html: str) -> dict[str, str]:
    """``property`` / ``name`` -> ``content`` of the page's meta tags (unescaped)."""
    out = {}
    for tag in re.findall(r"<meta\b[^>]*>", html):
        key = re.search(r'(?:property|name)="([^"]+)"', tag)
        value = re.search(r'content="([^"]*)"', tag)
        if key and value:
            out[key.group(1)] = unescape(value.group(1))
    return out


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_has_a_description_and_og_tags(client, path, lang):
    response = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    html = response.get_data(as_text=True)
    tags = metas(html)
    for key in ("description", "og:title", "og:description", "og:type", "og:url",
                "og:site_name"):
        assert tags.get(key, "").strip(), (path, key)
    assert tags["og:url"] == f"http://localhost{path}?lang={lang}"
    assert tags["og:type"] == "website"
    assert tags["og:locale"] == ("en_US" if lang == "en" else "zh_CN")
    title = unescape(re.search(r"<title>(.*?) · ", html).group(1))
    assert tags["og:title"] == title


@pytest.mark.parametrize("path,image", [
    ("/", "/export/maps/layout.png"), ("/maps/parks", "/export/maps/parks.png"),
    ("/elements/core", "/export/elements/core.png"),
    ("/prefectures/530100", "/export/prefectures/530100.png"),
])
def test_og_image_is_the_pages_static_export(client, path, image):
    tags = metas(client.get(path + "?lang=en").get_data(as_text=True))
    assert tags["og:image"] == f"http://localhost{image}?lang=en&size=slide&dpi=96"
    response = client.get(tags["og:image"].replace("http://localhost", ""))
    assert response.status_code == 200 and response.mimetype == "image/png"


def test_no_og_image_without_a_static_export(client):
    assert "og:image" not in metas(client.get("/targets").get_data(as_text=True))
    park = metas(client.get(f"/parks/{CHENGGONG}").get_data(as_text=True))  # park maps export
    assert park["og:image"].endswith(f"/export/parks/{CHENGGONG}.png?lang=zh&size=slide&dpi=96")
    assert client.get(park["og:image"].split("localhost", 1)[-1]).status_code == 200


def test_place_description_says_what_and_where(client):
    tags = metas(client.get(f"/parks/{CHENGGONG}?lang=en").get_data(as_text=True))
    assert tags["og:description"].startswith("Chenggong Information Industry Park: ")
    assert "Kunming" in tags["og:description"] and "±" in tags["og:description"]


def test_map_pages_offer_a_link_to_this_view(client):
    html = client.get("/maps/layout?lang=en").get_data(as_text=True)
    assert 'data-share-view' in html and 'id="share-url"' in html
    assert "Copy link to this view" in html
    assert 'data-share-view' not in client.get("/targets").get_data(as_text=True)


def test_pages_honour_the_layers_of_a_shared_link(client):
    html = client.get("/maps/layout?layers=prefectures,core").get_data(as_text=True)
    assert '"cluster-silicon"' in html  # still a layer, switched off
    assert client.get("/maps/layout?layers=nope").status_code == 400


@pytest.fixture(scope="module")
def dated_client(tmp_path_factory):
    """A plan with an issue date and hostile text in its title and issuer."""
    data = tmp_path_factory.mktemp("dated") / "seeds"
    shutil.copytree(SEEDS, data)
    doc = yaml.safe_load((data / "plan.yaml").read_text(encoding="utf-8"))
    doc["plan"]["title"] = {"zh": '测试<b>规划</b>"\'&', "en": 'Test <b>plan</b>"\'&'}
    doc["plan"]["issuer"] = {"zh": "某厅", "en": "Some Department"}
    doc["plan"]["issued"] = "2022-03-01"
    (data / "plan.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return create_app({"DATA": str(data), "TESTING": True}).test_client()


def test_the_plan_reference_comes_from_the_data(client, dated_client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert ("Plan: Yunnan Province 14th Five-Year Plan for Information Industry Development, "
            "Yunnan Provincial Department of Industry and Information Technology, "
            "plan period 2021–2025.") in unescape(html)
    for lang, text in (("zh", "规划：《测试<b>规划</b>\"'&》，某厅，2022-03-01 发布，规划期 2021—2025 年。"),
                       ("en", "Plan: Test <b>plan</b>\"'&, Some Department, issued 2022-03-01, "
                              "plan period 2021–2025.")):
        for path in ("/", "/targets", f"/parks/{CHENGGONG}", "/nowhere"):
            html = dated_client.get(f"{path}?lang={lang}").get_data(as_text=True)
            footer = re.search(r'<p class="plan-reference">(.*?)</p>', html).group(1)
            assert "<b>" not in footer  # escaped
            assert text in unescape(footer), path


def test_og_tags_are_escaped(dated_client):
    html = dated_client.get("/?lang=en").get_data(as_text=True)
    tag = re.search(r'<meta property="og:description" content="([^"]*)">', html).group(1)
    assert "<b>" not in tag and "&lt;b&gt;" in tag and "&#34;" in tag
    assert metas(html)["og:description"].startswith('The Test <b>plan</b>"\'&: ')
