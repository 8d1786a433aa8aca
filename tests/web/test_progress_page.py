"""``/progress`` and ``/api/progress`` against figures worked by hand.

The data: the toy plan (tests/fixtures/toy-plan, fictional) with four targets of its own and
synthetic values written by this module to tmp_path:

- revenue: an amount, 4,000 by 2025, with a 19 %/year growth rate over 2021-2025, so an
  implied baseline of 4,000 / 1.19⁵ = 1,676.2 in 2020 and a compound path;
  values 2,100 (2021), 2,300 (2022), 2,900 on 2023-06-30 (source: hostile text).
  The path's share of the way is counted in days: 2020-12-31 to 2025-12-31 is 1,826 days.
  On 2022-12-31 (730 days on) it implies 1,676.2 × 1.19^(5 × 730/1,826) = 2,373.2: 2,300 is
  behind; on 2023-06-30 (911 days on) 1,676.2 × 1.19^(5 × 911/1,826) = 2,586.9: 2,900 is on
  track.
- growth: the rate, 19; a value of 15 (2022): behind, compared as a rate.
- stations: a count, 14 (万个) by 2025, no baseline; 15 (2024): reached, 107 %.
- coverage: 100 % by 2023, no value: no data, "no actual value yet".
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from geo_layout.app import create_app
from geo_layout.data import progress as pr

TOY = Path(__file__).resolve().parents[1] / "fixtures" / "toy-plan"
HOSTILE = "<script>alert('x')</script> & \"yearbook\""
BASE = 4000 / 1.19 ** 5


def _target(tid, measure, value, unit, year, related=(), period=None, comparator="at-least"):
    return {"id": tid, "name": {"zh": f"测试{tid}", "en": f"Test {tid}"}, "measure": measure,
            "value": value, "value_max": None, "comparator": comparator, "unit": unit,
            "year": year, "period": period, "scope": {"zh": "测试", "en": "Test"},
            "elements": ["toy-core"] if tid != "toy-coverage" else ["toy-zone"],
            "industries": ["toy-computing"], "related": list(related),
            "citation": {"section": "toy-targets", "paragraph": 1}}


TARGETS = [
    _target("toy-revenue", "amount", 4000, {"zh": "亿元", "en": "100 million CNY"}, 2025,
            related=["toy-growth"]),
    _target("toy-growth", "growth-rate", 19, {"zh": "%", "en": "percent per year"}, 2025,
            related=["toy-revenue"], period={"start": 2021, "end": 2025}, comparator="exactly"),
    _target("toy-stations", "count", 14, {"zh": "万个", "en": "10,000 base stations"}, 2025),
    _target("toy-coverage", "coverage", 100, {"zh": "%", "en": "percent"}, 2023),
]
VALUES = [
    {"id": "rev-2021", "target": "toy-revenue", "value": 2100, "year": 2021,
     "value_source": "Test yearbook 2022"},
    {"id": "rev-2022", "target": "toy-revenue", "value": 2300, "year": 2022,
     "value_source": "Test yearbook 2023"},
    {"id": "rev-2023h1", "target": "toy-revenue", "value": 2900, "date": "2023-06-30",
     "value_source": HOSTILE},
    {"id": "growth-2022", "target": "toy-growth", "value": 15, "year": 2022,
     "value_source": "Test bulletin"},
    {"id": "stations-2024", "target": "toy-stations", "value": 15, "year": 2024,
     "value_source": "Test operator report"},
]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("progress") / "plan"
    shutil.copytree(TOY, folder)
    (folder / "targets.yaml").write_text(
        yaml.safe_dump({"targets": TARGETS, "values": VALUES}, allow_unicode=True),
        encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pclient(data):
    return create_app({"TESTING": True, "DATA": str(data)}).test_client()


def _api(pclient, query=""):
    response = pclient.get(f"/api/progress{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _by_id(doc):
    return {t["id"]: t for t in doc["targets"]}


def test_the_figures_worked_by_hand(pclient):
    doc = _api(pclient)
    assert doc["as_of"] is None
    assert doc["counts"] == {"reached": 1, "on-track": 1, "behind": 1, "no-data": 1}
    t = _by_id(doc)
    rev = t["toy-revenue"]
    assert rev["path"] == "compound" and rev["status"] == "on-track" and rev["missing"] is None
    assert rev["baseline"]["year"] == 2020 and rev["baseline"]["implied_by"] == "toy-growth"
    assert rev["baseline"]["source"] is None
    assert rev["baseline"]["value"] == pytest.approx(1676.2, abs=0.05)
    assert rev["latest"] == {"value": 2900, "date": "2023-06-30", "source": HOSTILE}
    days = (date(2023, 6, 30) - date(2020, 12, 31)).days
    assert days == 911
    assert rev["expected"] == pytest.approx(BASE * 1.19 ** (5 * days / 1826), rel=1e-6)
    assert rev["expected"] == pytest.approx(2586.9, abs=0.05)
    assert rev["share"] == pytest.approx(2900 / 4000)
    growth = t["toy-growth"]
    assert (growth["path"], growth["status"], growth["expected"]) == ("rate", "behind", 19)
    assert growth["latest"]["date"] == "2022-12-31"  # a year's value is dated its last day
    stations = t["toy-stations"]
    assert (stations["path"], stations["status"], stations["baseline"]) == ("linear", "reached",
                                                                            None)
    assert stations["share"] == pytest.approx(15 / 14)
    coverage = t["toy-coverage"]
    assert (coverage["status"], coverage["missing"], coverage["latest"]) == (
        "no-data", pr.MISSING_ACTUAL, None)
    assert rev["unit"] == {"zh": "亿元", "en": "100 million CNY"}
    assert (rev["name_zh"], rev["name_en"], rev["measure"]) == ("测试toy-revenue",
                                                                 "Test toy-revenue", "amount")


def test_as_of_a_day_shows_what_was_known_then(pclient):
    t = _by_id(_api(pclient, "?as_of=2022-12-31"))
    rev = t["toy-revenue"]
    assert rev["latest"]["value"] == 2300 and rev["status"] == "behind"
    assert rev["expected"] == pytest.approx(BASE * 1.19 ** (5 * 730 / 1826), rel=1e-6)
    assert rev["expected"] == pytest.approx(2373.2, abs=0.05)
    assert t["toy-stations"]["status"] == "no-data"  # its 2024 value was not known yet
    early = _by_id(_api(pclient, "?as_of=2021-06-30"))
    assert early["toy-revenue"]["latest"] is None
    assert early["toy-revenue"]["missing"] == pr.MISSING_ACTUAL
    assert early["toy-revenue"]["baseline"]["implied_by"] == "toy-growth"  # still known


def test_filters_select_the_targets(pclient):
    doc = _api(pclient, "?element=toy-zone")
    assert [t["id"] for t in doc["targets"]] == ["toy-coverage"]
    assert doc["counts"] == {"reached": 0, "on-track": 0, "behind": 0, "no-data": 1}
    assert doc["filters"] == {"element": "toy-zone"}
    assert len(_api(pclient, "?industry=toy-computing")["targets"]) == 4


@pytest.mark.parametrize("query, named", [
    ("?element=nowhere", "toy-core"), ("?industry=nothing", "toy-computing"),
    ("?as_of=2022-13-01", "as_of"), ("?as_of=yesterday", "as_of"), ("?as_of=1800-01-01", "as_of"),
    ("?as_of=2999-01-01", "as_of"), ("?colour=red", "colour")])
def test_a_bad_filter_or_date_is_a_400_naming_it(pclient, query, named):
    api = pclient.get(f"/api/progress{query}")
    assert api.status_code == 400 and named in api.get_json()["description"]
    if "colour" not in query:  # pages ignore parameters they do not take
        page = pclient.get(f"/progress{query}&lang=en")
        assert page.status_code == 400 and named in page.get_data(as_text=True)


def _row(html: str, tid: str) -> str:
    start = html.index(f'<tr id="progress-{tid}"')
    return html[start:html.index("</tr>", start)]


def test_the_page_says_each_figure_in_words(pclient):
    html = pclient.get("/progress?lang=en").get_data(as_text=True)
    assert "Showing the latest values recorded" in html
    assert "4 targets" in html
    rev = _row(html, "toy-revenue")
    assert 'CNY 167.6 billion <span class="when">(2020)</span>' in rev  # implied, rounded
    assert 'implied by <a href="/targets?lang=en#target-toy-growth">Test toy-growth</a>' in rev
    assert 'CNY 290 billion <span class="when">(2023-06-30)</span>' in rev
    assert "CNY 258.7 billion" in rev and "compound growth path" in rev  # 2,586.9 亿元
    assert "72%" in rev and "▲" in rev and "On track" in rev
    stations = _row(html, "toy-stations")
    assert "150,000 base stations" in stations and "107%" in stations and "●" in stations
    assert "Reached" in stations and "linear path" in stations
    coverage = _row(html, "toy-coverage")
    assert "○" in coverage and "No data yet" in coverage
    assert "No actual value yet: record one" in coverage
    growth = _row(html, "toy-growth")
    assert "▼" in growth and "Behind" in growth and "19 percent per year" in growth
    zh = pclient.get("/progress").get_data(as_text=True)
    assert "由增速目标推算" in _row(zh, "toy-revenue")
    assert '1676 亿元<span class="when">（2020）</span>' in _row(zh, "toy-revenue")
    assert '2900 亿元<span class="when">（2023-06-30）</span>' in _row(zh, "toy-revenue")


def test_each_target_has_a_chart_with_its_values(pclient):
    html = pclient.get("/progress?lang=en").get_data(as_text=True)
    rev = _row(html, "toy-revenue")
    assert rev.count('<svg id="progress-chart-toy-revenue"') == 1
    assert rev.count('class="pc-point"') == 3 and 'class="pc-path"' in rev
    assert 'aria-labelledby="progress-chart-toy-revenue-title progress-chart-toy-revenue-desc"' \
        in rev
    assert "Recorded values: 2021-12-31 CNY 210 billion" in rev
    assert _row(html, "toy-coverage").count('class="pc-point"') == 0


def test_as_of_on_the_page_hides_later_values(pclient):
    html = pclient.get("/progress?lang=en&as_of=2022-12-31").get_data(as_text=True)
    assert "As of 2022-12-31" in html and 'value="2022-12-31"' in html
    rev = _row(html, "toy-revenue")
    assert "CNY 230 billion" in rev and "CNY 290 billion" not in rev and "Behind" in rev
    assert HOSTILE not in html and "alert" not in rev
    assert "150,000" not in _row(html, "toy-stations")


def test_an_empty_date_from_the_form_means_now(pclient):
    html = pclient.get("/progress?lang=en&as_of=&element=&industry=").get_data(as_text=True)
    assert "Showing the latest values recorded" in html and "CNY 290 billion" in html
    assert _api(pclient, "?as_of=")["as_of"] is None


def test_the_page_filters_and_keeps_the_choice(pclient):
    html = pclient.get("/progress?lang=en&element=toy-zone").get_data(as_text=True)
    assert '<tr id="progress-toy-coverage"' in html and "progress-toy-revenue" not in html
    assert '<option value="toy-zone" selected>' in html
    assert "1 target:" in html
    # the filter can name the element by its name, and the form shows it chosen
    by_name = pclient.get("/progress?lang=en&element=" + _element_name(pclient))
    assert by_name.status_code == 200 and '<option value="toy-zone" selected>' in \
        by_name.get_data(as_text=True)


def _element_name(pclient) -> str:
    return pclient.get("/api/layout-elements/toy-zone").get_json()["properties"]["name_en"]


def test_hostile_text_is_shown_literally(pclient):
    html = pclient.get("/progress?lang=en").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;yearbook&#34;" in html


def test_editors_get_a_hidden_link_to_add_a_value(pclient):
    # the page is shared (cached for everyone): the link is hidden until editor_links.js shows
    # it to an editor; without a database the data is read-only and there is no link at all
    html = pclient.get("/progress?lang=en").get_data(as_text=True)
    assert "/new/target-values" not in html


def test_editors_link_on_a_database(db_client):
    html = db_client.get("/progress?lang=en").get_data(as_text=True)
    assert '<a class="gl-edit" hidden href="/new/target-values?lang=en&amp;target=' in html


def test_the_real_seeds_say_what_would_fill_each_target(client):
    html = client.get("/progress?lang=en").get_data(as_text=True)
    doc = client.get("/api/progress").get_json()
    n = len(doc["targets"])
    assert n >= 10 and doc["counts"]["no-data"] == n  # the seeds carry no value: nothing invented
    assert all(t["latest"] is None and t["missing"] == "actual" for t in doc["targets"])
    assert html.count("No actual value yet: record one (value, date or year, source)") == n
    assert f"{n} targets: " in html
    zh = client.get("/progress").get_data(as_text=True)
    assert zh.count("尚无实际值：录入一条实际值") == n
    # the implied baselines are there already (the plan's growth rates)
    implied = [t for t in doc["targets"] if t["baseline"]]
    assert implied and all(t["baseline"]["implied_by"] for t in implied)


def test_the_nav_links_the_page(client):
    html = client.get("/progress?lang=en").get_data(as_text=True)
    assert '<a href="/progress?lang=en" aria-current="page">Progress</a>' in html
    assert '<a href="/progress?lang=zh">实施进度</a>' in client.get("/").get_data(as_text=True)


def test_the_page_is_cached_and_revalidated(pclient):
    first = pclient.get("/progress?lang=en")
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["ETag"]
    again = pclient.get("/progress?lang=en", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    other = pclient.get("/progress?lang=en&as_of=2022-12-31")
    assert other.headers["ETag"] != first.headers["ETag"]


def test_the_rows_come_a_page_at_a_time_the_counts_of_all(data, monkeypatch):
    from geo_layout.web.views import progress as view

    monkeypatch.setattr(view, "PAGE_ROWS", 3)
    client = create_app({"TESTING": True, "DATA": str(data)}).test_client()
    first = client.get("/progress?lang=en").get_data(as_text=True)
    assert first.count('<tr id="progress-') == 3 and "4 targets" in first
    assert "Page 1 of 2" in first and 'href="/progress?lang=en&amp;page=2"' in first
    second = client.get("/progress?lang=en&page=2").get_data(as_text=True)
    assert second.count('<tr id="progress-') == 1 and "4 targets" in second
    assert "(results 4–4)" in second
    bad = client.get("/progress?lang=en&page=3")
    assert bad.status_code == 400 and "page" in bad.get_data(as_text=True)
    assert len(client.get("/api/progress").get_json()["targets"]) == 4  # the API: all of them


# --- the shared progress fixture: the real seeds with tests/fixtures/progress-values.yaml ---

def test_the_shared_fixture_worked_by_hand(progress_client):
    doc = progress_client.get("/api/progress").get_json()
    assert doc["counts"] == {"reached": 1, "on-track": 2, "behind": 2, "no-data": 11}
    t = _by_id(doc)
    info = t["information-industry-revenue-2025"]  # 2,500 at the end of 2023: 1,095 days on
    assert info["baseline"] == {"value": pytest.approx(1676.197, abs=1e-3), "year": 2020,
                                "implied_by": "information-industry-revenue-growth",
                                "source": None}
    assert info["expected"] == pytest.approx(BASE * 1.19 ** (5 * 1095 / 1826), rel=1e-6)
    assert info["expected"] == pytest.approx(2823.85, abs=0.01)
    assert (info["status"], info["share"]) == ("behind", 0.625)
    software = t["software-it-services-revenue-2025"]  # 900 at 17 %: 900 / 1.17⁵ = 410.5
    assert software["baseline"]["value"] == pytest.approx(410.50, abs=0.01)
    assert software["expected"] == pytest.approx(410.5 * 1.17 ** (5 * 730 / 1826), rel=1e-4)
    assert software["status"] == "on-track"  # 700 ≥ 561.8
    stations = t["new-5g-base-stations-2025"]  # a value recorded for 2020: the baseline
    assert stations["baseline"] == {"value": 5, "year": 2020, "implied_by": None,
                                    "source": "测试数据 test data D"}
    assert stations["expected"] == pytest.approx(5 + 9 * 730 / 1826, rel=1e-6)  # 8.598
    assert stations["status"] == "on-track" and stations["path"] == "linear"
    manufacturing = t["electronic-information-manufacturing-revenue-2025"]
    assert manufacturing["status"] == "reached" and manufacturing["expected"] is None
    assert t["information-industry-revenue-growth"]["status"] == "behind"
    projects = t["industrialisation-projects-2025"]  # a count the plan gives no start for
    assert (projects["status"], projects["missing"]) == ("no-data", pr.MISSING_BASELINE)


def test_the_shared_fixture_as_of_the_end_of_2021(progress_client):
    t = _by_id(progress_client.get("/api/progress?as_of=2021-12-31").get_json())
    info = t["information-industry-revenue-2025"]
    assert info["latest"]["value"] == 2000
    assert info["expected"] == pytest.approx(BASE * 1.19 ** (5 * 365 / 1826), rel=1e-6)
    assert info["status"] == "on-track"  # 2,000 ≥ 1,994.4
    assert t["new-5g-base-stations-2025"]["missing"] == pr.MISSING_LATER  # only 2020 known
    assert t["electronic-information-manufacturing-revenue-2025"]["latest"] is None


def test_the_shared_fixture_page(progress_client):
    html = progress_client.get("/progress?lang=en").get_data(as_text=True)
    assert "16 targets" in html
    stations = _row(html, "new-5g-base-stations-2025")
    assert '50,000 base stations <span class="when">(2020)</span>' in stations
    assert "recorded for that year, source: 测试数据 test data D" in stations
    projects = _row(html, "industrialisation-projects-2025")
    assert "No baseline: the plan states none" in projects
    assert "&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;" in projects
    assert "<script>alert" not in html
    software = _row(html, "software-it-services-revenue-2025")
    assert "CNY 56.2 billion" in software and "implied by" in software  # 561.8 亿元


def test_the_json_link_carries_the_filters_and_date_only(pclient):
    html = pclient.get("/progress?lang=en&element=toy-zone&as_of=2022-12-31&utm=x"
                       ).get_data(as_text=True)
    assert '<a href="/api/progress?element=toy-zone&amp;as_of=2022-12-31">' in html
    assert pclient.get("/api/progress?element=toy-zone&as_of=2022-12-31").status_code == 200


def test_the_page_links_the_progress_map_on_the_same_date(pclient):
    html = pclient.get("/progress?lang=en&as_of=2022-12-31").get_data(as_text=True)
    assert '<a href="/maps/progress?lang=en&amp;as_of=2022-12-31">See it on the progress map' \
        in html
    assert '<a href="/maps/progress?lang=en">' in pclient.get("/progress?lang=en").get_data(
        as_text=True)
