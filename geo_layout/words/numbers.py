"""Numbers in the plan's units said in each language: Chinese keeps the plan's own units
(4000 亿元, 14 万个); English has no 亿 or 万, so an amount in 亿元 becomes "CNY 400 billion"
and a count in 万 a plain number ("140,000 base stations"). One function for every page, chart
and export."""

from __future__ import annotations

from .catalogue import STRINGS

YI = 100_000_000        # 亿
WAN = 10_000            # 万
COMPARATOR_SIGNS = {"at-least": "≥ ", "about": "≈ ", "exactly": "", "range": ""}


def format_number(value: float, lang: str) -> str:
    """4000.0 -> '4,000' (en) / '4000' (zh); keeps one decimal only when there is one."""
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}" if lang == "en" else str(int(value))
    text = f"{value:,.2f}" if lang == "en" else f"{value:.2f}"
    return text.rstrip("0").rstrip(".")


def _cny(value_yi: float) -> tuple[float, str]:
    """An amount in 亿元 as (number, catalogue key) in billions, or millions below one."""
    yuan = value_yi * YI
    if abs(yuan) >= 1e9:
        return yuan / 1e9, "number.cny_billion"
    if abs(yuan) >= 1e6:
        return yuan / 1e6, "number.cny_million"
    return yuan, "number.cny"


def _english_unit(unit_en: str) -> str:
    """'10,000 base stations' -> 'base stations': the multiplier is applied to the number."""
    head, _, rest = unit_en.partition(" ")
    return rest if head.replace(",", "").isdigit() else unit_en


def format_quantity(value: float, unit_zh: str, unit_en: str, lang: str, *,
                    value_max: float | None = None, comparator: str | None = None) -> str:
    """A figure with its comparator and unit: '≥ 4000 亿元' / '≥ CNY 400 billion',
    '14 万个' / '140,000 base stations', '19%', '5–10 projects'."""
    sign = COMPARATOR_SIGNS.get(comparator or "", "")
    values = [value] + ([value_max] if comparator == "range" and value_max is not None else [])
    if lang != "en":
        number = "–".join(format_number(v, "zh") for v in values)
        sep = "" if unit_zh.startswith("%") else " "
        return f"{sign}{number}{sep}{unit_zh}".strip()
    if unit_zh == "亿元":
        scaled = [_cny(v) for v in values]
        key = scaled[-1][1]
        if len(scaled) == 2 and scaled[0][1] != key:   # one scale for both ends of a range
            scaled = [(v * YI / (1e9 if key == "number.cny_billion" else 1e6), key)
                      for v in values]
        number = "–".join(format_number(n, "en") for n, _ in scaled)
        return sign + STRINGS[key]["en"].format(n=number)
    if unit_zh.startswith("万"):
        values = [v * WAN for v in values]
    unit = _english_unit(unit_en)
    number = "–".join(format_number(v, "en") for v in values)
    if unit.startswith("%"):
        return f"{sign}{number}%" + unit[1:]
    return f"{sign}{number} {unit}".strip()


def plain_count(value: float, unit_zh: str) -> float:
    """A count in the plan's unit as a plain number: 14 (万个) -> 140000."""
    return value * WAN if unit_zh.startswith("万") else value


def format_compact(value: float, lang: str) -> str:
    """A short axis label: 10000 -> '10k' (en) / '1万' (zh); 1000 -> '1,000' / '1000'."""
    if lang == "en":
        for size, suffix in ((1e9, "B"), (1e6, "M"), (1e4, "k")):
            if abs(value) >= size:
                return format_number(value / (size if size != 1e4 else 1e3), "en") + (
                    suffix)
        return format_number(value, "en")
    for size, suffix in ((YI, "亿"), (WAN, "万")):
        if abs(value) >= size:
            return format_number(value / size, "zh") + suffix
    return format_number(value, "zh")
