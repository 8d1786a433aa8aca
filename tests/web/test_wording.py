"""One wording on the pages: one name per concept (nav, titles, map layers, legends), the
plan's order of the layout everywhere, English that reads as English, and errors in the
language of the page."""

from __future__ import annotations

import re
from html import unescape

import pytest

from geo_layout.words import ENUMS, t

PLAN_ORDER = ["core", "zone", "cluster-silicon", "cluster-smart-terminals", "point-ruili",
              "point-shuifu", "point-pilot-zones"]
LANGS = ("zh", "en")


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def visible_text(html: str) -> str:
    """What a reader sees: no scripts, styles or tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def h1(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1]))


def decoded(html: str) -> str:
    """The page with the map script's JSON escapes (\\u003c, \\") undone."""
    html = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), html)
    return html.replace('\\"', '"').replace("\\/", "/")


def legend_rows(html: str) -> list[str]:
    """The rows of the map's legend, in order."""
    legend = decoded(html)
    legend = legend[legend.index('class="gl-legend"'):]
    return [unescape(r) for r in re.findall(r"</i>([^<]+)</div>", legend)]


@pytest.mark.parametrize("lang", LANGS)
def test_one_name_for_sites_in_nav_title_layers_and_lists(client, lang):
    html = get(client, f"/maps/sites?lang={lang}")
    name = t("title.sites", lang)
    assert re.search(rf'href="/maps/sites\?lang={lang}"[^>]*>{re.escape(name)}</a>', html)
    assert h1(html) == name
    assert f"<title>{name} · " in html
    noun = t("noun.sites", lang)
    assert f'"{noun}"' in decoded(html)                      # the map's layer
    assert f'<h2 id="map-text-title">{noun} (' in html
    for retired in ("项目与基地", "项目/基地", "Project sites and bases", "Parks &amp; sites",
                    "Projects &amp; bases", "Parks & sites"):
        assert retired not in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_lists_the_elements_in_the_plans_order(client, store, lang):
    html = get(client, f"/?lang={lang}")
    cards = re.findall(r'class="card element-[a-z-]+ element-id-([a-z-]+)"', html)
    assert cards == PLAN_ORDER
    table = html[html.index('class="map-text-areas"'):]
    rows = re.findall(r'<th scope="row"[^>]*><a href="/elements/([a-z-]+)\?', table)
    assert rows == PLAN_ORDER
    tags = re.findall(r'<p class="tag">([^<]+)</p>', html)
    kinds = {k.id: k.name.get(lang) for k in store.kinds()}   # the plan's own terms
    assert tags[:3] == [kinds[k] for k in ("core", "zone", "cluster")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_follows_the_plan_and_names_kinds_as_the_lists_do(client, lang, store):
    html = get(client, f"/maps/layout?lang={lang}")
    rows = legend_rows(html)
    names = {f.id: f.name(lang) for f in store.query("layout-elements").features}
    assert rows[:4] == [names["core"], t("legend.zone_approx", lang, name=names["zone"]),
                        names["cluster-silicon"], names["cluster-smart-terminals"]]
    kinds = {p.kind for p in (*store.dataset.parks, *store.dataset.sites) if p.point}
    for kind in kinds:                 # every kind on the map, labelled as the lists label it
        assert ENUMS["kind"][kind][lang] in rows
    directory = get(client, f"/parks?lang={lang}")
    listed = set(re.findall(r'data-label="[^"]+">([^<]+)</td>', directory))
    assert {ENUMS["kind"][k][lang] for k in kinds} & listed
    assert listed & set(rows)


@pytest.mark.parametrize("lang", LANGS)
def test_the_directory_filter_offers_elements_in_the_plans_order(client, lang):
    html = get(client, f"/parks?lang={lang}")
    select = html[html.index('id="f-element"'):]
    select = select[:select.index("</select>")]
    assert re.findall(r'<option value="([a-z-]+)"', select) == PLAN_ORDER


@pytest.mark.parametrize("path", ["/", "/maps/layout", "/elements/core",
                                  "/elements/cluster-smart-terminals", "/prefectures/530100",
                                  "/parks/chenggong-information-industry-park", "/targets",
                                  "/maps/sites", "/elements/zone"])
def test_english_pages_read_as_english(client, path, store):
    text = visible_text(get(client, f"{path}?lang=en"))
    assert "、" not in text and "：" not in text
    assert "(s)" not in text
    assert "× 100 million" not in text and "× 10,000" not in text
    for section in store.dataset.sections:   # sections are named by their headings
        assert f"section {section.id}" not in text.lower()


def test_targets_say_amounts_and_counts_in_english(client):
    text = visible_text(get(client, "/targets?lang=en"))
    assert "≥ CNY 400 billion" in text
    assert "140,000 base stations" in text
    zh = visible_text(get(client, "/targets"))
    assert "≥ 4000 亿元" in zh and "14 万个" in zh


def test_the_zone_note_names_the_section_by_its_heading(client, store):
    text = visible_text(get(client, "/elements/zone?lang=en"))
    assert "xinchuang-park" not in text and "semiconductor-cluster" not in text


@pytest.mark.parametrize("url,zh,en", [
    ("/maps/parks?basemap=nope", "没有底图 “nope”", "unknown basemap 'nope'"),
    ("/maps/parks?basemap=tianditu", "天地图底图需要密钥", "tianditu needs a key"),
    ("/parks?page=abc", "参数 “page” 应为整数", "parameter 'page' must be an integer"),
    ("/elements/nope", "没有编号为 “nope” 的布局要素", "no layout-elements record with id 'nope'"),
    ("/prefectures/999999", "没有编号为 “999999” 的州市", "no prefectures record"),
    ("/parks/nowhere", "没有编号为 “nowhere” 的园区或项目基地", "no park or site with id"),
    ("/embed/maps/layout?legend=yes", "参数 “legend” 应为 0 或 1", "must be 0 or 1"),
])
def test_errors_speak_the_language_of_the_page(client, url, zh, en):
    sep = "&" if "?" in url else "?"
    for lang, expected in (("zh", zh), ("en", en)):
        response = client.get(f"{url}{sep}lang={lang}")
        assert 400 <= response.status_code < 500
        html = response.get_data(as_text=True)
        detail = unescape(re.search(r'<p class="error-detail"><code>(.*?)</code>', html, re.S)[1])
        assert expected in detail, detail
        if lang == "zh":
            assert not re.search(r"[A-Za-z]{4,} [A-Za-z]{4,}", detail), detail
            assert h1(html).split(" ", 1)[1] in (t("error.status.400", "zh"),
                                                 t("error.status.404", "zh"))


def test_json_errors_keep_their_english(client):
    body = client.get("/api/layout-elements/nope").get_json()
    assert body["description"] == "no layout-elements record with id 'nope'"


def test_an_error_without_chinese_words_shows_none_on_a_chinese_page(client):
    html = get(client, "/no/such/page", status=404)
    assert "The requested URL" not in html
    assert t("error.404.help", "zh") in html
    assert "The requested URL" in get(client, "/no/such/page?lang=en", status=404)
