"""Two production servers on one PostgreSQL: an edit saved through one is served by the other
within 2 s (each polls the plan's revision number), and two editors saving the same version
of a record through different servers: one wins, the other gets 412 with both versions."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

import pytest

PLAN = "yunnan-14th-fyp-information-industry"
PARK = "guandu-digital-economy-industrial-park"


def request(method: str, url: str, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/geo+json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, json.loads(err.read() or b"null")


@pytest.fixture()
def two_servers(serve_cli, postgres_url):
    cli = [sys.executable, "-m", "geo_layout.cli"]
    subprocess.run([*cli, "db", "init", "--database", postgres_url], check=True,
                   capture_output=True)
    subprocess.run([*cli, "users", "add", "ed", "--role", "editor", "--plan", PLAN,
                    "--password-stdin", "--database", postgres_url],
                   input="a long enough password\n", text=True, check=True, capture_output=True)
    token = subprocess.run([*cli, "tokens", "create", "--user", "ed", "--database",
                            postgres_url], text=True, check=True,
                           capture_output=True).stdout.strip()
    with serve_cli("--database", postgres_url) as (a, _), \
            serve_cli("--database", postgres_url) as (b, _):
        yield a, b, {"Authorization": f"Bearer {token}", "X-Change-Source": "survey: visit"}


def moved(feature, lon):
    feature = json.loads(json.dumps(feature))
    feature["properties"].update(precision="site", location_source="survey")
    feature["geometry"] = {"type": "Point", "coordinates": [lon, 25.02]}
    return feature


@pytest.mark.server
def test_an_edit_on_one_server_reaches_the_other_within_2_s(two_servers):
    a, b, auth = two_servers
    item = f"/ogc/collections/parks/items/{PARK}"
    assert request("GET", b + item)[0] == 200
    status, headers_a, feature_a = request("GET", a + item)
    status, _, _ = request("PUT", a + item, moved(feature_a, 102.75),
                           {**auth, "If-Match": headers_a["ETag"]})
    assert status == 200
    saved = time.monotonic()
    while True:
        status, _, seen = request("GET", b + item)
        if seen["geometry"]["coordinates"] == [102.75, 25.02]:
            break
        assert time.monotonic() - saved < 2.0, "the second server did not see the edit in 2 s"
        time.sleep(0.05)


@pytest.mark.server
def test_two_editors_on_two_servers_one_wins_the_other_gets_412(two_servers):
    a, b, auth = two_servers
    item = f"/ogc/collections/parks/items/{PARK}"
    _, tag_a, feature = request("GET", a + item)
    _, tag_b, _ = request("GET", b + item)
    assert tag_a["ETag"].split("-")[0] == tag_b["ETag"].split("-")[0]  # the same version
    first = request("PUT", a + item, moved(feature, 102.75), {**auth, "If-Match": tag_a["ETag"]})
    second = request("PUT", b + item, moved(feature, 102.76), {**auth, "If-Match": tag_b["ETag"]})
    assert (first[0], second[0]) == (200, 412)
    assert second[2]["current"]["lon"] == 102.75  # the loser sees the winner's version
