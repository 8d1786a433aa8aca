"""Data reloads: a failed reload keeps the last good data and says why (log and ``/healthz``);
no response ever mixes two data versions, even with reloads landing mid-request; and the real
``geo-layout serve`` reloads on SIGHUP."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from geo_layout.app import create_app
from geo_layout.data.store import open_store

REPO = Path(__file__).resolve().parents[2]
DROPPED = "kunming-high-tech-zone"


def _without_park(src: Path, dst: Path, park: str = DROPPED) -> Path:
    """A copy of ``src`` with one park (and references to it) removed: a second valid version."""
    import yaml

    shutil.copytree(src, dst)
    for name in ("parks.yaml", "enterprises.yaml"):
        doc = yaml.safe_load((dst / name).read_text(encoding="utf-8"))
        if name == "parks.yaml":
            doc["parks"] = [p for p in doc["parks"] if p["id"] != park]
        else:
            for e in doc["enterprises"]:
                if park in (e.get("parks") or []):
                    e["parks"] = [p for p in e["parks"] if p != park]
        (dst / name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                encoding="utf-8")
    return dst


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Two valid data folders (A: the seeds, B: one park fewer) and their stores."""
    root = tmp_path_factory.mktemp("versions")
    a = root / "a"
    shutil.copytree(REPO / "seeds", a)
    b = _without_park(REPO / "seeds", root / "b")
    return {"a": (a, open_store(a)), "b": (b, open_store(b))}


def test_failed_reload_keeps_last_good_data(versions, tmp_path, caplog):
    data = tmp_path / "data"
    shutil.copytree(versions["a"][0], data)
    app = create_app({"TESTING": True, "DATA": str(data)})
    holder = app.extensions["geo_layout"]
    client = app.test_client()
    good = client.get("/healthz").get_json()
    assert good["last_reload_error"] is None
    (data / "parks.yaml").write_text("parks: [oops", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="geo_layout.reload"):
        assert holder.reload_safely() is False
    assert "reload failed, still serving data version " + good["data_version"] in caplog.text
    assert "parks.yaml" in caplog.text
    after = client.get("/healthz").get_json()
    assert after["data_version"] == good["data_version"]
    assert after["counts"] == good["counts"]
    assert "parks.yaml" in after["last_reload_error"]
    assert client.get(f"/api/parks/{DROPPED}").status_code == 200
    shutil.rmtree(data)
    shutil.copytree(versions["b"][0], data)
    assert holder.reload_safely() is True
    fixed = client.get("/healthz").get_json()
    assert fixed["last_reload_error"] is None
    assert fixed["data_version"] == versions["b"][1].version != good["data_version"]
    assert client.get(f"/api/parks/{DROPPED}").status_code == 404


def test_no_response_mixes_versions(app, versions):
    """Reader threads hammer two routes while a writer swaps A and B hundreds of times: every
    response is wholly A or wholly B (its ETag's version matches its counts and body)."""
    holder = app.extensions["geo_layout"]
    original = holder.store
    stores = [versions["a"][1], versions["b"][1]]
    expected = {s.version: s for s in stores}
    tags = {}
    for s in stores:  # the ETag each version's response carries
        holder.store = s
        tags[app.test_client().get("/api/parks?limit=1000").headers["ETag"]] = s
    assert len(tags) == 2
    stop = threading.Event()
    problems: list[str] = []
    seen: set[str] = set()
    swaps = [0]

    def writer():
        while not stop.is_set():
            holder.store = stores[swaps[0] % 2]  # what reload() does after loading
            swaps[0] += 1
            time.sleep(0.0005)

    def reader():
        # at least 150 rounds, and on until the writer has swapped > 50 times (a loaded
        # machine may starve it), bounded in time
        client = app.test_client()
        deadline = time.monotonic() + 60
        rounds = 0
        while (rounds < 150 or swaps[0] <= 50) and time.monotonic() < deadline:
            rounds += 1
            health = client.get("/healthz").get_json()
            store = expected.get(health["data_version"])
            if store is None:
                problems.append(f"unknown version {health['data_version']}")
                continue
            seen.add(store.version)
            want = {n: store.query(n).total for n in store.collections()}
            if health["counts"] != want:
                problems.append(f"healthz counts of a mixed dataset: {health['counts']}")
            response = client.get("/api/parks?limit=1000")
            body = json.loads(response.data)
            tag_store = tags.get(response.headers["ETag"])
            if tag_store is None:
                problems.append("ETag of neither version")
            elif body["numberMatched"] != tag_store.query("parks").total or \
                    len(body["features"]) != body["numberMatched"]:
                problems.append(f"parks body does not match its ETag's version: "
                                f"{body['numberMatched']} vs {tag_store.version}")

    holder.store = stores[0]
    threads = [threading.Thread(target=reader) for _ in range(4)]
    swapper = threading.Thread(target=writer)
    try:
        swapper.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        stop.set()
        swapper.join(10)
        holder.store = original
    assert problems == []
    assert swaps[0] > 50
    assert seen == set(expected)  # both versions were served


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _poll(url: str, ok, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if ok(last):
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out; last /healthz: {last}")


@pytest.mark.server
@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP is POSIX")
def test_serve_reloads_on_sighup(versions, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(versions["a"][0], data)
    pidfile = tmp_path / "geo-layout.pid"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "geo_layout.cli", "serve", "--port", str(port), "--data",
         str(data), "--pidfile", str(pidfile), "--threads", "2"],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        first = _poll(url, lambda h: h["status"] == "ok")
        assert int(pidfile.read_text()) == server.pid
        assert first["data_version"] == versions["a"][1].version
        shutil.rmtree(data)
        shutil.copytree(versions["b"][0], data)
        os.kill(int(pidfile.read_text()), signal.SIGHUP)
        second = _poll(url, lambda h: h["data_version"] != first["data_version"])
        assert second["data_version"] == versions["b"][1].version
        assert second["counts"]["parks"] == first["counts"]["parks"] - 1
        (data / "layout.yaml").write_text("elements: {", encoding="utf-8")
        os.kill(server.pid, signal.SIGHUP)
        third = _poll(url, lambda h: h["last_reload_error"] is not None)
        assert third["data_version"] == second["data_version"]
        assert "layout.yaml" in third["last_reload_error"]
        assert server.poll() is None  # still serving
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
        log.seek(0)
        output = log.read()
        log.close()
    assert "reloaded data: version " + versions["b"][1].version in output
    assert "reload failed, still serving data version " + versions["b"][1].version in output
    assert not pidfile.exists()  # removed on shutdown


def test_a_reload_mid_request_does_not_leak_into_it(app, versions):
    """Deterministic version of the race: the swap happens right after the request first reads
    the data version (for its ETag); the body must still come from that version."""
    holder = app.extensions["geo_layout"]
    original = holder.store
    a, b = versions["a"][1], versions["b"][1]

    class SwapsOnVersion:
        def __getattr__(self, name):
            return getattr(a, name)

        @property
        def version(self):
            holder.store = b  # a reload lands now
            return a.version

    try:
        holder.store = SwapsOnVersion()
        body = json.loads(app.test_client().get("/api/parks?limit=1000").data)
    finally:
        holder.store = original
    assert body["numberMatched"] == a.query("parks").total != b.query("parks").total
    assert DROPPED in {f["id"] for f in body["features"]}


@pytest.mark.server
def test_sigterm_stops_serve_and_removes_the_pidfile_at_once(tmp_path):
    pidfile = tmp_path / "geo-layout.pid"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "geo_layout.cli", "serve", "--port", str(port), "--pidfile",
         str(pidfile), "--threads", "2", "--database", str(tmp_path / "geo-layout.gpkg")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _poll(f"http://127.0.0.1:{port}/healthz", lambda h: h["status"] == "ok")
        assert int(pidfile.read_text()) == server.pid
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0  # a clean stop, not death by signal
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)
    assert not pidfile.exists()
