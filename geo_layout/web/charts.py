"""Bar charts of the plan's targets, laid out here as plain numbers and strings; the template
``_charts.html`` macros draw them as inline SVG (autoescaped), so no chart library and no script.

The SVG has no viewBox: bar positions are percentages of its width and text is in real pixels,
so labels stay legible from a phone to a desktop. Each row is the name (wrapped for a phone's
width), the value in bold, then the bar(s); nothing has to fit beside a bar."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .. import words
from .i18n import t

MIN_WIDTH_PX = 320            # labels are wrapped to fit a phone-sized chart
FONT_PX = 13
TICK_FONT_PX = 11             # .tick-label in site.css
LINE_PX = 17
BAR_PX = 14
THIN_PX = 8
GAP_PX = 14                   # between rows
AMOUNT_MEASURES = ("amount", "cluster-size")


def format_value(props: dict, lang: str) -> str:
    """A target's value with its comparator and unit, in the language's own way of saying
    numbers: '≥ 4000 亿元' / '≥ CNY 400 billion', '14 万个' / '140,000 base stations', '19%'."""
    return words.format_quantity(props["value"], props.get("unit_zh") or "",
                                 props.get("unit_en") or "", lang,
                                 value_max=props.get("value_max"),
                                 comparator=props.get("comparator"))


def _baseline_text(value: float, props: dict, lang: str) -> str:
    """An implied baseline in the target's unit, said as the target is."""
    return words.format_quantity(round(value), props.get("unit_zh") or "",
                                 props.get("unit_en") or "", lang)


def text_width(text: str, size: float = FONT_PX) -> float:
    """A generous estimate of rendered width: CJK glyphs are square, Latin about 0.6 em."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def wrap(text: str, width_px: float = MIN_WIDTH_PX, size: float = FONT_PX) -> list[str]:
    """Split ``text`` into lines no wider than ``width_px``: at spaces for Latin words, anywhere
    between CJK characters."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ord(ch) >= 0x2E80:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        tokens.append(word)
    lines, line = [], ""
    for tok in tokens:
        if line and text_width((line + tok).rstrip(), size) > width_px:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


@dataclass(frozen=True)
class Rect:
    x: float          # percent of the chart's width
    y: float          # pixels
    width: float      # percent
    height: float     # pixels
    css: str          # "bar-target" | "bar-baseline" | "bar-range"
    title: str        # tooltip / accessible text


@dataclass(frozen=True)
class Line:
    text: str
    y: float
    css: str          # "bar-label" | "bar-value"


@dataclass(frozen=True)
class Row:
    lines: tuple[Line, ...]
    rects: tuple[Rect, ...]


@dataclass(frozen=True)
class Tick:
    x: float          # percent
    text: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    height: int
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...] = ()
    legend: tuple[tuple[str, str], ...] = field(default=())   # (css class, text)

    @property
    def spans(self) -> tuple[tuple[float, float], ...]:
        """(top, bottom) pixels of each row's bars: the grid lines are drawn there only, so
        they never cross a label or a value."""
        return tuple((min(r.y for r in row.rects) - 2,
                      max(r.y + r.height for r in row.rects) + 2)
                     for row in self.rows if row.rects)


class _Rows:
    """Stacks rows top to bottom, tracking the running height in pixels."""

    def __init__(self):
        self.y = 4.0
        self.rows: list[Row] = []

    def add(self, name: str, value: str, bars: list[tuple[float, float, float, str, str]]):
        """``bars``: (x %, width %, height px, css, title), drawn one under the other."""
        lines = []
        for text in wrap(name):
            self.y += LINE_PX
            lines.append(Line(text, self.y - 4, "bar-label"))
        self.y += LINE_PX
        lines.append(Line(value, self.y - 4, "bar-value"))
        self.y += 3
        rects = []
        for x, w, h, css, title in bars:
            if css == "bar-range":  # continues the previous bar on the same line
                prev = rects[-1]
                rects.append(Rect(x, prev.y, w, prev.height, css, title))
                continue
            rects.append(Rect(x, self.y, w, h, css, title))
            self.y += h + 2
        self.y += GAP_PX
        self.rows.append(Row(tuple(lines), tuple(rects)))

    @property
    def height(self) -> int:
        return int(math.ceil(self.y))


def _name(props: dict, lang: str) -> str:
    return props.get("name_en" if lang == "en" else "name_zh") or props["id"]


def _pct(value: float, top: float) -> float:
    """Share of the width, leaving 1 % at the right so the longest bar does not touch the edge."""
    return 0.0 if top <= 0 else round(99.0 * value / top, 2)


def implied_baselines(targets: list[dict]) -> dict[str, tuple[float, int, int]]:
    """target id -> (baseline value, baseline year, years) for every amount whose average annual
    growth rate the plan also sets: baseline = value / (1 + rate) ** years."""
    by_id = {p["id"]: p for p in targets}
    out = {}
    for rate in targets:
        if rate["measure"] != "growth-rate" or not rate.get("period_start"):
            continue
        years = rate["period_end"] - rate["period_start"] + 1
        for rid in rate.get("related", []):
            amount = by_id.get(rid)
            if (amount and amount["measure"] in AMOUNT_MEASURES
                    and amount["year"] == rate["period_end"]):
                base = amount["value"] / (1 + rate["value"] / 100.0) ** years
                out[rid] = (base, rate["period_start"] - 1, years)
    return out


def amounts_chart(targets: list[dict], lang: str) -> Chart | None:
    amounts = sorted((p for p in targets if p["measure"] in AMOUNT_MEASURES),
                     key=lambda p: (-p["value"], p["id"]))
    if not amounts:
        return None
    baselines = implied_baselines(targets)
    top = max(p["value"] for p in amounts)
    year = max(p["year"] for p in amounts)
    base_year, years = next(((b, y) for _, b, y in baselines.values()), (year - 5, 5))
    rows = _Rows()
    for p in amounts:
        name, text = _name(p, lang), format_value(p, lang)
        bars = [(0, _pct(p["value"], top), BAR_PX, "bar-target",
                 f"{name}: {t('chart.target', lang, year=p['year'])} {text}")]
        if p["id"] in baselines:
            base, byear, _ = baselines[p["id"]]
            btext = _baseline_text(base, p, lang)
            bars.append((0, _pct(base, top), THIN_PX, "bar-baseline",
                         f"{name}: {t('chart.baseline', lang, base=byear)} ≈ {btext}"))
            text = f"{text} ({byear} ≈ {btext})"
        rows.add(name, text, bars)
    return Chart("chart-amounts", t("chart.amounts", lang),
                 t("chart.amounts_desc", lang, year=year, base=base_year, years=years),
                 rows.height, tuple(rows.rows),
                 legend=(("bar-target", t("chart.target", lang, year=year)),
                         ("bar-baseline", t("chart.baseline", lang, base=base_year))))


def growth_chart(targets: list[dict], lang: str) -> Chart | None:
    rates = sorted((p for p in targets if p["measure"] == "growth-rate"),
                   key=lambda p: (-p["value"], p["id"]))
    if not rates:
        return None
    top = max(p["value"] for p in rates)
    rows = _Rows()
    for p in rates:
        name, text = _name(p, lang), format_value(p, lang)
        rows.add(name, text, [(0, _pct(p["value"], top), BAR_PX, "bar-target", f"{name}: {text}")])
    return Chart("chart-growth", t("chart.growth", lang), "", rows.height, tuple(rows.rows))


def counts_chart(targets: list[dict], lang: str) -> Chart | None:
    counts = [p for p in targets if p["measure"] == "count"]
    if not counts:
        return None
    highs = {p["id"]: words.plain_count(p["value_max"] if p.get("value_max") is not None
                                     else p["value"], p.get("unit_zh") or "") for p in counts}
    counts.sort(key=lambda p: (-highs[p["id"]], p["id"]))
    decades = max(1, math.ceil(math.log10(max(highs.values()))))

    def x(v: float) -> float:
        return _pct(math.log10(max(v, 1)), decades)

    rows = _Rows()
    for p in counts:
        name, text = _name(p, lang), format_value(p, lang)
        low = words.plain_count(p["value"], p.get("unit_zh") or "")
        bars = [(0, max(x(low), 0.5), BAR_PX, "bar-target", f"{name}: {text}")]
        if highs[p["id"]] > low:
            bars.append((x(low), x(highs[p["id"]]) - x(low), BAR_PX, "bar-range",
                         f"{name}: {text}"))
        rows.add(name, text, bars)
    ticks = [Tick(x(10 ** d), words.format_compact(10 ** d, lang)) for d in range(decades + 1)]
    return Chart("chart-counts", t("chart.counts", lang), t("chart.counts_desc", lang),
                 rows.height + 18, tuple(rows.rows), legible_ticks(ticks))


def _tick_extent(tick: Tick, first: bool, last: bool, width_px: float) -> tuple[float, float]:
    """Pixels a tick label covers on a chart ``width_px`` wide (anchored as the template
    anchors it: the first at its start, the last at its end, the others at their middle)."""
    x, w = tick.x / 100.0 * width_px, text_width(tick.text, TICK_FONT_PX)
    if first:
        return x, x + w
    if last:
        return x - w, x
    return x - w / 2, x + w / 2


def legible_ticks(ticks: list[Tick], width_px: float = MIN_WIDTH_PX,
                  gap_px: float = 6) -> tuple[Tick, ...]:
    """The ticks whose labels do not touch on the narrowest chart (a phone's): the first and
    the last always, the ones between while they leave ``gap_px`` to their neighbours."""
    if len(ticks) <= 2:
        return tuple(ticks)
    last = _tick_extent(ticks[-1], False, True, width_px)
    kept = [ticks[0]]
    right = _tick_extent(ticks[0], True, False, width_px)[1]
    for tick in ticks[1:-1]:
        left, end = _tick_extent(tick, False, False, width_px)
        if left >= right + gap_px and end + gap_px <= last[0]:
            kept.append(tick)
            right = end
    return (*kept, ticks[-1])


def target_charts(targets: list[dict], lang: str) -> list[Chart]:
    """The three charts of the targets page, skipping any with nothing to draw."""
    charts = (amounts_chart(targets, lang), growth_chart(targets, lang),
              counts_chart(targets, lang))
    return [c for c in charts if c is not None]
