"""The one catalogue of words: every key used exists, every key exists for a use, the model's
vocabularies are all labelled, and the languages' own ways with numbers, lists and plurals."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import geo_layout
from geo_layout import words
from geo_layout.data import model
from geo_layout.maps import static_style
from geo_layout.words import ENUMS, STRINGS

PACKAGE = Path(geo_layout.__file__).parent
CATALOGUE = PACKAGE / "words" / "catalogue.py"
KEY = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_.-]+)+$")
FILE_NAME = re.compile(r"\.(html|js|css|py|json|yaml|txt|png|svg|pdf|csv)$")
#: A key built at run time: "control." + key, 'basemap.' ~ b, f"crs.{system}".
DYNAMIC = re.compile(r"""f?["']([a-z][a-z0-9_.]*[._])(?:["']\s*[+~]|\{)""")


def _sources() -> list[tuple[Path, str]]:
    files = [p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".html", ".js")
             and p != CATALOGUE and "static/vendor" not in str(p)]
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(files)]


def _literals(path: Path, text: str) -> set[str]:
    if path.suffix == ".py":
        return {n.value for n in ast.walk(ast.parse(text))
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return set(re.findall(r"""["']([^"'\s{}]+)["']""", text))


def _uses() -> tuple[set[str], set[str]]:
    """(literal strings, dynamic key prefixes) of the package outside the catalogue."""
    literals, prefixes = set(), set()
    for path, text in _sources():
        literals |= _literals(path, text)
        prefixes |= set(DYNAMIC.findall(text))
    return literals, prefixes


def _used(key: str, literals: set[str], prefixes: set[str]) -> bool:
    base = key[:-len(".one")] if key.endswith(".one") else key   # words.plural's singular
    return (base in literals or key in literals
            or any(base.startswith(p) and p in _families() for p in prefixes))


def _families() -> set[str]:
    """Prefixes under which keys are looked up at run time ("crs.", "control.", ...)."""
    out = set()
    for key in STRINGS:
        parts = re.split(r"(?<=[._])", key)
        for i in range(1, len(parts)):
            out.add("".join(parts[:i]))
    return out


def test_no_key_of_the_catalogue_is_unused():
    literals, prefixes = _uses()
    unused = [k for k in STRINGS if not _used(k, literals, prefixes)]
    assert unused == []


def test_every_key_the_code_names_is_in_the_catalogue():
    literals, _ = _uses()
    families = {k.split(".")[0] for k in STRINGS}
    named = {s for s in literals if KEY.match(s) and not FILE_NAME.search(s)
             and s.split(".")[0] in families}
    assert sorted(named - set(STRINGS) - _not_keys()) == []


def _not_keys() -> set[str]:
    """Literals shaped like keys that are something else: the prefixes of keys built at run
    time ("map.precision." + ...), a seed field's path in validation messages, and the
    endpoints url_for names ("ogc.collection")."""
    from geo_layout.app import create_app

    endpoints = {rule.endpoint for rule in create_app({"TESTING": True}).url_map.iter_rules()}
    return ({s for s in _uses()[0] if s.endswith((".", "_"))} | {"citation.paragraph"}
            | endpoints)


def test_the_check_can_fail(monkeypatch):
    monkeypatch.setitem(STRINGS, "nav.never_used_anywhere", {"zh": "从未", "en": "never"})
    literals, prefixes = _uses()
    assert not _used("nav.never_used_anywhere", literals, prefixes)
    assert _used("count.parks.one", literals, prefixes)            # via words.plural
    assert _used("app.amap", literals, prefixes)                    # f"app.{h.app}" (popups)


def test_every_string_has_both_languages():
    for table in (STRINGS, *ENUMS.values()):
        for key, texts in table.items():
            assert set(texts) == {"zh", "en"}, key
            assert all(v.strip() for v in texts.values()), key


def test_a_missing_key_fails_loudly():
    with pytest.raises(KeyError):
        words.t("nav.no-such-key", "zh")
    with pytest.raises(KeyError):
        words.label("kind", "no-such-kind", "en")


@pytest.mark.parametrize("enum,values", [
    ("kind", model.PLACE_KINDS), ("precision", model.PRECISIONS),
    ("role", model.ENTERPRISE_ROLES),
    ("measure", model.TARGET_MEASURES), ("status", model.PLACE_STATUSES),
    ("land_available", model.LAND_AVAILABLE),
])
def test_every_value_of_the_model_has_its_label(enum, values):
    assert set(ENUMS[enum]) == set(values)


def test_every_precision_has_its_map_wording():
    assert {f"map.precision.{p}" for p in model.PRECISIONS} <= set(STRINGS)
    located = set(model.PRECISIONS) - {"unknown"}
    assert {f"place.precision_{p}" for p in located} <= set(STRINGS)


def test_the_static_maps_read_the_catalogue():
    assert set(static_style.TEXT_KEYS.values()) <= set(STRINGS)
    assert static_style.text("none", "zh") == words.t("legend.other", "zh")


# --- one name per concept ------------------------------------------------------------------

RETIRED = ("项目与基地", "项目/基地", "Projects and bases", "Project sites and bases",
           "Parks & sites", "Projects & bases", "Parks and projects", "(s)", "园区名录",
           "Park directory", "一核（昆明）", "其他州（市）", "试验区：", "小镇：")


def test_no_text_uses_a_retired_name():
    for key, texts in STRINGS.items():
        for text in texts.values():
            assert not any(old in text for old in RETIRED), (key, text)
            assert not re.search(r"园区与项目(?!基地)", text), (key, text)


def test_one_name_for_sites_and_parks():
    for lang in ("zh", "en"):
        noun = words.t("noun.sites", lang)
        for key in ("title.sites", "collection.sites", "noun.places", "count.sites",
                    "directory.title", "export.site_site"):
            assert noun.lower().rstrip("s") in words.t(key, lang, n=2).lower(), (key, lang)


# --- the languages' ways with lists, plurals and numbers -----------------------------------

def test_list_separators():
    assert words.join(["昆明市", "玉溪市"], "zh") == "昆明市、玉溪市"
    assert words.join(["Kunming", "Yuxi"], "en") == "Kunming, Yuxi"
    assert words.colon("zh") == "：" and words.colon("en") == ": "


def test_plurals():
    assert words.plural("count.parks", 1, "en") == "1 park"
    assert words.plural("count.parks", 2, "en") == "2 parks"
    assert words.plural("count.sites", 1, "zh") == "1 个项目基地"
    assert words.plural("directory.results", 1234, "en") == "1,234 results"
    assert static_style.unlocated_note(1, 3, "en") == (
        "Not mapped (the plan gives no location): 1 park, 3 project sites")
    assert static_style.unlocated_note(0, 1, "zh") == "未标注（规划未给出位置）：1 个项目基地"


@pytest.mark.parametrize("args,zh,en", [
    ((4000, "亿元", "100 million CNY"), "≥ 4000 亿元", "≥ CNY 400 billion"),
    ((900, "亿元", "100 million CNY"), "≥ 900 亿元", "≥ CNY 90 billion"),
    ((5, "亿元", "100 million CNY"), "≥ 5 亿元", "≥ CNY 500 million"),
    ((14, "万个", "10,000 base stations"), "≥ 14 万个", "≥ 140,000 base stations"),
    ((19, "%", "percent per year"), "≥ 19%", "≥ 19 percent per year"),
    ((100, "户", "market entities"), "≥ 100 户", "≥ 100 market entities"),
])
def test_quantities_in_each_language(args, zh, en):
    assert words.format_quantity(*args, "zh", comparator="at-least") == zh
    assert words.format_quantity(*args, "en", comparator="at-least") == en


def test_ranges_keep_one_scale():
    assert words.format_quantity(5, "个", "projects", "en", comparator="range",
                                 value_max=10) == "5–10 projects"
    assert words.format_quantity(5, "亿元", "100 million CNY", "en", comparator="range",
                                 value_max=20) == "CNY 0.5–2 billion"


def test_compact_axis_numbers():
    assert [words.format_compact(10 ** d, "en") for d in (0, 3, 4, 5, 6)] == [
        "1", "1,000", "10k", "100k", "1M"]
    assert [words.format_compact(10 ** d, "zh") for d in (3, 4, 6)] == ["1000", "1万", "100万"]


def test_section_slugs_become_their_headings():
    headings = {"xinchuang-park": "Building the Yunnan Xinchuang Park", "layout": "Layout"}
    note = "It comes from section xinchuang-park, paragraph 5; the layout section says so."
    assert words.with_section_titles(note, headings, "en") == (
        'It comes from section "Building the Yunnan Xinchuang Park", paragraph 5; the layout '
        "section says so.")
    assert words.citation("Layout", 2, "en") == 'Section "Layout", paragraph 2'
    assert words.citation("“一核、一区、两群、多点”", 2, "zh") == "“一核、一区、两群、多点”一节第 2 段"


def test_every_collection_has_its_noun():
    # errors name a collection by it (an unknown id in /ogc/collections/<c>/items/<id>)
    from geo_layout.data.features import COLLECTIONS

    for collection in COLLECTIONS:
        for lang in ("zh", "en"):
            assert words.t(f"noun.{collection}", lang)
