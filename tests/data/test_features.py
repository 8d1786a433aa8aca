"""Features of the boundary collections (geo_layout.data.features): the short names."""

from __future__ import annotations

from geo_layout.data.fields import FIELDS


def test_prefectures_and_counties_carry_short_names(store):
    chuxiong = store.get("prefectures", "532300")
    assert chuxiong.properties["name_zh"] == "楚雄彝族自治州"
    assert (chuxiong.properties["short_zh"], chuxiong.properties["short_en"]) == (
        "楚雄州", "Chuxiong")
    kunming = store.get("prefectures", "530100")
    assert (kunming.properties["short_zh"], kunming.properties["short_en"]) == (
        "昆明市", "Kunming")
    shilin = store.get("counties", "530126")
    assert (shilin.properties["short_zh"], shilin.properties["short_en"]) == ("石林县", "Shilin")
    for collection in ("prefectures", "counties"):
        for f in store.query(collection, limit=1000).features:
            assert f.properties["short_zh"] and f.properties["short_en"], f.id


def test_short_names_are_in_the_field_dictionary():
    for collection in ("prefectures", "counties"):
        fields = {f.name: f for f in FIELDS[collection]}
        assert fields["short_zh"].en == "Short name (Chinese)"
        assert fields["short_en"].zh == "简称（英文）"
