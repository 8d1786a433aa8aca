"""The progress map's page, embed and exports over HTTP: what they show with the repository's
seeds (no values: "no data yet" and what would fill it), the date slider's stops, ``as_of``
honoured and checked (a bad date is a 400 naming it), files with the right types."""

from __future__ import annotations

import html as html_lib
import json
import re

import pytest


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_page_without_data_says_so_and_what_would_fill_it(client):
    r = client.get("/maps/progress?lang=en")
    assert r.status_code == 200
    html = text_of(r)
    assert "<h1>Plan progress map</h1>" in html
    assert "No data yet" in html and "target-values collection" in html
    assert "As of today (latest data)" in html
    # the text version: every element with its status in shape and words
    assert 'id="map-text"' in html
    assert html.count("○ No data yet") >= 7 + 16  # elements and prefectures
    # embed and export links of this map
    assert 'data-embed-url="/embed/progress?lang=en"' in html
    assert "/export/maps/progress.png?lang=en" in html


def test_slider_moves_through_the_plan_period_by_month_end(client):
    html = text_of(client.get("/maps/progress?lang=en&as_of=2023-12-31"))
    stops = json.loads(html_lib.unescape(re.search(r'data-values="([^"]+)"', html).group(1)))
    # the plan runs 2021-2025: from the end of 2020 to the end of 2025, then "today"
    assert stops[:2] == ["2020-12-31", "2021-01-31"]
    assert stops[-2:] == ["2025-12-31", ""]
    assert len(stops) == 1 + 60 + 1
    assert 'value="36"' in html  # 2023-12-31 is the 37th stop
    assert 'aria-valuetext="2023-12-31"' in html
    assert "As of 2023-12-31" in html
    assert '<label for="as-of-range">Date shown</label>' in html
    assert "js/progress_slider.js" in html


@pytest.mark.parametrize("url", ["/maps/progress", "/embed/progress", "/embed/maps/progress",
                                 "/export/maps/progress.png"])
@pytest.mark.parametrize("bad", ["2023-13-01", "yesterday", "1850-01-01", "2999-01-01"])
def test_bad_as_of_is_a_400_naming_it(client, url, bad):
    r = client.get(f"{url}?as_of={bad}&lang=en")
    assert r.status_code == 400
    assert "as_of" in text_of(r)


def test_embed_is_the_map_alone_and_may_be_framed(client):
    for url in ("/embed/progress?lang=en", "/embed/maps/progress?lang=en&as_of=2022-06-30"):
        r = client.get(url)
        assert r.status_code == 200
        html = text_of(r)
        assert "site-header" not in html
        assert "gl-open-full" in html
        assert "frame-ancestors 'none'" not in r.headers.get("Content-Security-Policy", "")
    assert "/maps/progress?lang=en&amp;as_of=2022-06-30" in html  # open full map, same date
    assert "As of 2022-06-30" in html


@pytest.mark.parametrize("fmt, media", [("png", "image/png"), ("svg", "image/svg+xml"),
                                        ("pdf", "application/pdf")])
def test_exports(client, fmt, media):
    r = client.get(f"/export/maps/progress.{fmt}?lang=en&dpi=96&as_of=2023-12-31")
    assert r.status_code == 200
    assert r.content_type.startswith(media)
    assert "progress-2023-12-31-en" in r.headers["Content-Disposition"]
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[fmt]
    assert r.data.startswith(magic)
    if fmt == "svg":
        assert "As of 2023-12-31" in text_of(r) and "No data yet" in text_of(r)


def test_standalone_export_keeps_the_date(client):
    r = client.get("/export/maps/progress.html?lang=en&as_of=2024-06-30")
    assert r.status_code == 200
    assert "progress-2024-06-30-en.html" in r.headers["Content-Disposition"]
    assert "As of 2024-06-30" in text_of(r)


def test_cli_exports_the_progress_map(tmp_path):
    from click.testing import CliRunner

    from geo_layout.cli import main

    out = tmp_path / "progress.png"
    result = CliRunner().invoke(main, ["export", "maps/progress", "--format", "png", "--lang",
                                       "en", "--dpi", "96", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_with_recorded_values_the_page_lists_what_they_say(progress_client):
    # synthetic values (tests/fixtures/progress-values.yaml): the province-wide revenue is
    # behind its path at the end of 2023; no value of a target naming an area yet
    html = text_of(progress_client.get("/maps/progress?lang=en&as_of=2023-12-31"))
    assert "No data yet: no actual values" not in html
    province = html.split('class="progress-province"')[1].split("</ul>")[0]
    assert "Information industry main-business revenue: ▼ Behind" in province
    # before the first value nothing is recorded
    early = text_of(progress_client.get("/maps/progress?lang=en&as_of=2020-06-30"))
    assert "No data yet: no actual values" in early
    # hostile text in a value's source or note never reaches the map's page
    assert "<script>alert" not in html and "onerror=alert" not in html


def test_static_export_counts_the_province_wide_targets(progress_client):
    svg = text_of(progress_client.get("/export/maps/progress.svg?lang=en&as_of=2023-12-31"))
    assert "Province-wide targets (no single area)" in svg
    assert "▼ Behind 2" in svg  # the revenue and its growth rate, behind their paths
    assert "No data yet: no actual values" not in svg
