"""The streamed JSON reading of big seed files (seed_files._JsonItems, Builder._streamed)
gives what json.loads and the whole-document path give, and falls back on anything else."""

from __future__ import annotations

import json

import pytest

from geo_layout.data import seed_files
from geo_layout.data.seed_files import NotStreamable, SeedReader, _JsonItems
from geo_layout.data.seeds import load_dataset, validate


def items(raw: bytes, key: str, window: int) -> list:
    stream = _JsonItems(raw, key)
    stream.WINDOW = window
    return list(stream)


GOOD = [
    {"sites": []},
    {"sites": [1, 22, 333, -4.5e10, True, None, "x"]},
    {"a": {"b": [1, 2]}, "sites": [{"id": "s-1", "name": {"zh": "南山", "en": "Nanshan"},
                                    "lon": 102.123456, "lat": 25.5}] * 7, "z": "end"},
    {"sites": [{"id": f"p-{i}", "name": {"zh": "合成项目 " + str(i), "en": "é\u2028"},
                "n": i * 1.25} for i in range(50)]},
]


@pytest.mark.parametrize("doc", GOOD)
@pytest.mark.parametrize("window", [1, 2, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2])
def test_items_are_what_json_loads_gives(doc, window, indent):
    raw = json.dumps(doc, ensure_ascii=False, indent=indent).encode()
    got = items(b" \n" + raw + b"\n", "sites", window)
    assert got == doc["sites"]
    assert [type(x) for x in got] == [type(x) for x in doc["sites"]]


@pytest.mark.parametrize("raw", [
    b'{"sites": [1, 2,]}', b'{"sites": [1 2]}', b'{"sites": {"a": 1}}', b'{"other": []}',
    b'{"sites": [1], "sites": [2]}', b'{"sites": [1]} x', b'{"sites": [1]', b'{}',
    b'{"sites": [1], }', b'[1, 2]', b'{"sites": [1], "x": tru}', b'{"sites": ["\xff"]}',
    b'{1: [1]}',
])
@pytest.mark.parametrize("window", [1, 4, 1 << 20])
def test_anything_else_is_not_streamable(raw, window):
    with pytest.raises(NotStreamable):
        items(raw, "sites", window)


def test_a_broken_json_file_reports_what_the_document_path_reports(seeds_copy):
    folder, _ = seeds_copy
    sites = {"sites": [{"id": "x-1"}] * 3}
    text = json.dumps(sites)[:-3] + ",]}"  # invalid JSON after a few records
    (folder / "sites.yaml").write_text(text, encoding="utf-8")
    streamed = validate(folder)
    original = SeedReader.stream
    try:
        SeedReader.stream = lambda self, name, key: None  # the whole-document path
        whole = validate(folder)
    finally:
        SeedReader.stream = original
    assert streamed == whole and streamed


def test_a_synthetic_folder_loads_the_same_streamed_or_whole(tmp_path, monkeypatch):
    from geo_layout.data.synth import write_synthetic

    folder = tmp_path / "synth"
    write_synthetic(folder, 300, seed=3)
    monkeypatch.setattr(seed_files._JsonItems, "WINDOW", 97)
    streamed = load_dataset(folder)
    monkeypatch.setattr(SeedReader, "stream", lambda self, name, key: None)
    whole = load_dataset(folder)
    assert streamed == whole
    assert streamed.version == whole.version
    assert [p.point for p in streamed.sites] == [p.point for p in whole.sites]
