"""Filter values by name (data/vocab.py): every form a reader types resolves to one code, a
value naming nothing or several is an error listing the valid values."""

from __future__ import annotations

import pytest

from geo_layout.data.vocab import keys_of, name_order
from geo_layout.errors import InvalidParameter


@pytest.mark.parametrize("collection,key,value,code", [
    ("parks", "prefecture", "昆明市", "530100"), ("parks", "prefecture", " Kunming ", "530100"),
    ("parks", "prefecture", "kun ming", "530100"), ("sites", "prefecture", "530100", "530100"),
    ("parks", "prefecture", "大理", "532900"), ("parks", "county", "嵩明", "530127"),
    ("parks", "county", "Songming County", "530127"), ("parks", "element", "一核", "core"),
    ("parks", "element", "Zone: Central Yunnan New Area", "zone"),
    ("parks", "area", "智能终端", "cluster-smart-terminals"),
    ("enterprises", "industry", "Smart terminals", "smart-terminals"),
    ("enterprises", "park", "呈贡信息产业园", "chenggong-information-industry-park"),
    ("parks", "kind", "Park", "park"), ("parks", "prefecture", "none", "none"),
    ("parks", "group", "anything", "anything"),  # free values pass as they are
])
def test_names_resolve_to_codes(store, collection, key, value, code):
    assert store.resolve(collection, {key: value}) == {key: code}


@pytest.mark.parametrize("key,value,says", [
    ("prefecture", "Atlantis", "no prefectures named 'Atlantis'"),
    ("element", "两群", "matches several"), ("precision", "exactish", "site, street, town, county"),
    ("industry", "x", "valid values (code or name)"),
])
def test_unknown_or_ambiguous_values_list_the_valid_ones(store, key, value, says):
    with pytest.raises(InvalidParameter) as info:
        store.query("parks", {key: value})
    assert f"parameter {key!r}" in info.value.description and says in info.value.description


def test_the_forms_a_name_is_typed_in():
    assert {"昆明市", "昆明", "kunmingshi", "kunming"} <= keys_of("昆明市")
    assert {"cluster: smart terminals", "clustersmartterminals"} <= keys_of(
        "Cluster: Smart terminals")


def test_names_sort_by_pinyin_in_chinese_and_by_letters_in_english():
    zh = ["云计算", "5G", "半导体材料", "大数据", "人工智能"]
    assert sorted(zh, key=lambda n: name_order(n, "zh")) == [
        "5G", "半导体材料", "大数据", "人工智能", "云计算"]
    assert sorted(["blockchain", "Big data", "AI"], key=lambda n: name_order(n, "en")) == [
        "AI", "Big data", "blockchain"]
