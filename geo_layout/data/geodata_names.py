"""``names.csv``: the hand-written names of a province's units, an input of the build.

One row per unit: ``adcode,name_zh,name_en,short_zh,short_en`` (``short_*`` is what map
labels show: an autonomous prefecture without its ethnic designation).  Names are data a person checks, not rules in code: a
unit without a row gets a guess (``name_en`` from pypinyin in the usual pattern, the short
forms equal to the names), the file is written back with it, and the build says how many
rows it guessed so someone can correct them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .geodata_source import GeodataBuildError, Unit

FILE = "names.csv"
COLUMNS = ("adcode", "name_zh", "name_en", "short_zh", "short_en")

#: The 55 recognised minority groups (longest first, so 哈尼 is not read as 哈 + 尼), for
#: splitting a guessed autonomous area's name; their usual English names where pinyin is not.
_GROUPS = sorted((
    "蒙古 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 回").split(),
    key=len, reverse=True)
_GROUP_EN = {"蒙古": "Mongol", "藏": "Tibetan", "维吾尔": "Uyghur", "朝鲜": "Korean",
             "哈萨克": "Kazakh", "柯尔克孜": "Kyrgyz", "塔吉克": "Tajik", "乌孜别克": "Uzbek",
             "俄罗斯": "Russian", "塔塔尔": "Tatar"}
#: Chinese suffix -> English pattern, longest first (自治县 before 县).
_SUFFIXES = (
    ("自治区", "{} {} Autonomous Region"), ("自治州", "{} {} Autonomous Prefecture"),
    ("自治县", "{} {} Autonomous County"), ("自治旗", "{} {} Autonomous Banner"),
    ("林区", "{} Forestry District"), ("特区", "{} Special District"),
    ("地区", "{} Prefecture"), ("省", "{} Province"), ("区", "{} District"),
    ("县", "{} County"), ("旗", "{} Banner"), ("盟", "{} League"), ("市", "{}"),
)


def read_names(path: Path) -> dict[str, dict[str, str]]:
    """adcode -> row (every column a stripped string); missing file = no rows."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in ("adcode", "name_zh", "name_en") if c not in header]
        if missing:
            raise GeodataBuildError(f"{path}: missing column(s) {', '.join(missing)} "
                                    f"(expected {','.join(COLUMNS)})")
        rows = list(reader)
    names = {}
    for i, row in enumerate(rows, start=2):
        row = {c: (row.get(c) or "").strip() for c in COLUMNS}
        if not row["adcode"] or not row["name_en"]:
            raise GeodataBuildError(f"{path}: line {i}: adcode and name_en are required")
        names[row["adcode"]] = row
    return names


def pinyin(text: str) -> str:
    """Hanyu pinyin as place names write it: one word, capitalised, no tones, an apostrophe
    before a syllable starting with a, o or e (Xi'an, Yan'an)."""
    from pypinyin import Style, lazy_pinyin

    out = ""
    for i, syllable in enumerate(lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)):
        out += ("'" if i and syllable[:1] in "aoe" else "") + syllable
    return out[:1].upper() + out[1:]


def _groups(text: str) -> tuple[str, list[str]]:
    """Split "黔东南苗族侗族" into the place "黔东南" and its groups ["苗", "侗"]."""
    groups: list[str] = []
    while text.endswith("族"):
        stem = text[:-1]
        group = next((g for g in _GROUPS if stem.endswith(g) and len(stem) > len(g)), None)
        if group is None:
            break
        groups.insert(0, group)
        text = stem[: -len(group)]
    return text, groups


def guess_name_en(name_zh: str) -> str:
    """"贵阳市" -> "Guiyang", "南明区" -> "Nanming District", "黔东南苗族侗族自治州" ->
    "Qiandongnan Miao and Dong Autonomous Prefecture": a first guess for a person to check."""
    for suffix, pattern in _SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            stem = name_zh[: -len(suffix)]
            if "自治" in suffix:
                place, groups = _groups(stem)
                en = [_GROUP_EN.get(g) or pinyin(g) for g in groups]
                who = " and ".join([", ".join(en[:-1]), en[-1]] if len(en) > 1 else en)
                return pattern.format(pinyin(place), who) if who else \
                    pattern.replace(" {}", "", 1).format(pinyin(place))
            return pattern.format(pinyin(stem))
    return pinyin(name_zh)


def complete(path: Path, units: list[Unit]) -> tuple[dict[str, dict[str, str]], int]:
    """The names of ``units`` from ``path``, guessing and writing back the rows it lacks.

    Returns (adcode -> row, number of rows guessed).  A row whose Chinese name differs from the
    source, or whose adcode is not one of the units, is an error naming them.
    """
    names = read_names(path)
    wanted = {u.adcode: u for u in units}
    stray = sorted(set(names) - set(wanted))
    if stray:
        raise GeodataBuildError(f"{path}: adcode(s) not in this province: "
                                f"{', '.join(stray)}")
    wrong = [f"{u.adcode} ({names[u.adcode]['name_zh']} != {u.name_zh})"
             for u in units if u.adcode in names and names[u.adcode]["name_zh"] != u.name_zh]
    if wrong:
        raise GeodataBuildError(f"{path}: Chinese name differs from the source for "
                                f"{', '.join(wrong)}")
    guessed = 0
    for u in units:
        if u.adcode not in names:
            en = guess_name_en(u.name_zh)
            names[u.adcode] = {"adcode": u.adcode, "name_zh": u.name_zh, "name_en": en,
                               "short_zh": u.name_zh, "short_en": en}
            guessed += 1
    for row in names.values():   # an empty short form is the full name
        row["short_zh"] = row["short_zh"] or row["name_zh"]
        row["short_en"] = row["short_en"] or row["name_en"]
    if guessed:
        path.write_bytes(dumps(names))
    return names, guessed


def dumps(names: dict[str, dict[str, str]]) -> bytes:
    """The CSV text of ``names`` (sorted by adcode, LF line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for code in sorted(names):
        writer.writerow([names[code][c] for c in COLUMNS])
    return buf.getvalue().encode("utf-8")
