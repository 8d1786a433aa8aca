"""The small chart beside each target on the progress page: laid out as plain numbers
(:func:`progress_chart`), then written as inline SVG (:func:`svg`), so no chart library and no
script. The SVG is written here rather than by a template macro: the page carries one chart per
target (1,000 in the benchmark) and a macro's per-attribute escaping cost most of the page's
time. Every text (title, description, tooltips, labels) goes through ``markupsafe.escape``.

Horizontal positions are percentages of the chart's width and text is in real pixels, so the
chart fills a phone's width or a table cell and its labels stay legible (as in
:mod:`.charts`). Lines (the recorded values, the path) are drawn in an inner SVG stretched over
the plot, with strokes that do not stretch; points and markers sit at percentages outside it.
The chart carries no figure the table beside it does not: it shows their shape."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, Sequence

from markupsafe import Markup, escape

from .. import words
from ..data import progress as pr

HEIGHT_PX = 150
TOP_PX = 22            # room for the unit above the plot
PLOT_PX = 96
LEFT_PCT = 12.0        # room for the value labels
WIDTH_PCT = 85.0
INNER = 1000.0         # the inner SVG's width in its own units
PATH_STEPS = 24        # segments of a compound path's curve


class _Goal(NamedTuple):
    """What :func:`progress.expected_value` reads of a target: its value and year."""

    value: float
    year: int


@dataclass(frozen=True)
class Mark:
    x: float          # percent of the chart's width
    y: float          # pixels
    text: str         # what a pointer's tooltip says (the table says it too)


@dataclass(frozen=True)
class Tick:
    pos: float        # percent (x ticks) or pixels (y ticks)
    text: str


@dataclass(frozen=True)
class ProgressChart:
    id: str
    title: str
    desc: str
    unit: str
    height: int
    top: int
    plot: int
    left: float
    width: float
    actual_line: str          # inner SVG polyline points ("" for fewer than two values)
    path_line: str            # the dashed path from baseline to target ("" without one)
    actuals: tuple[Mark, ...]
    baseline: Mark | None
    target: Mark
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]


def _nice_step(span: float, ticks: int = 3) -> float:
    raw = span / ticks if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def _y_range(values: Sequence[float]) -> tuple[float, float, float]:
    """(low, high, step): from zero (or the lowest negative value) to a round number above
    the highest value."""
    low, high = min(0.0, *values), max(0.0, *values)
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step or step, step


def _x_range(dates: Sequence[date], target_year: int) -> tuple[date, date]:
    """From the first year's start to the last date shown (at least five years)."""
    first, last = min(dates), max(dates)
    start = date(min(first.year, target_year - 5), 1, 1)
    return start, last


@functools.lru_cache(maxsize=256)
def _years_ticks(start: date, end: date) -> tuple[Tick, ...]:
    """A tick at the end of each year in range, labelled with the year; every second (or
    fifth) one when there are many, so they fit a phone's width. Charts of one plan share
    their range: computed once per range."""
    years = [y for y in range(start.year, end.year + 1) if start <= pr.year_end(y) <= end]
    every = 1 if len(years) <= 7 else 2 if len(years) <= 14 else 5
    kept = [y for y in years if (years[-1] - y) % every == 0]
    days = max((end - start).days, 1)
    return tuple(Tick(_x_pct(pr.year_end(y), start, days), str(y)) for y in kept)


def _x_pct(on: date, start: date, days: int) -> float:
    """Where ``on`` is, in percent of the chart's width."""
    return round(LEFT_PCT + WIDTH_PCT * (on - start).days / days, 2)


def _label(value: float, lang: str) -> str:
    return words.format_compact(value, lang)


def progress_chart(chart_id: str, props: dict, prog: pr.Progress,
                   actuals: Sequence[pr.Actual], texts: dict, lang: str) -> ProgressChart:
    """The chart of one target: ``props`` its feature's properties, ``prog`` its progress,
    ``actuals`` the values known (oldest first), ``texts`` the figures as the table says them
    (title, desc, and the tooltips: ``target``, ``baseline``, ``actual`` per value)."""
    goal = _Goal(float(props["value"]), int(props["year"]))
    due = pr.year_end(goal.year)
    base = prog.baseline
    dates = [due] + [a.on for a in actuals] + ([pr.year_end(base.year)] if base else [])
    start, end = _x_range(dates, goal.year)
    days = max((end - start).days, 1)

    def u(on: date) -> float:       # inner units, 0..INNER
        return INNER * (on - start).days / days

    def x(on: date) -> float:       # percent of the whole chart
        return _x_pct(on, start, days)

    path = _path(base, goal, prog.path, start, end)
    values = [goal.value] + [a.value for a in actuals] + [v for _, v in path]
    low, high, step = _y_range(values)

    def y(value: float) -> float:
        return round(TOP_PX + PLOT_PX * (high - value) / (high - low), 1)

    def points(pairs) -> str:
        return " ".join(f"{u(on):.1f},{y(v) - TOP_PX:.1f}" for on, v in pairs)

    y_ticks = []
    n = round((high - low) / step)
    for i in range(n + 1):
        value = low + i * step
        y_ticks.append(Tick(y(value), _label(value, lang)))
    return ProgressChart(
        id=chart_id, title=texts["title"], desc=texts["desc"], unit=texts["unit"],
        height=HEIGHT_PX, top=TOP_PX, plot=PLOT_PX, left=LEFT_PCT, width=WIDTH_PCT,
        actual_line=points((a.on, a.value) for a in actuals) if len(actuals) > 1 else "",
        path_line=points(path) if path else "",
        actuals=tuple(Mark(x(a.on), y(a.value), text)
                      for a, text in zip(actuals, texts["actuals"])),
        baseline=Mark(x(pr.year_end(base.year)), y(base.value), texts["baseline"])
        if base else None,
        target=Mark(x(due), y(goal.value), texts["target"]),
        x_ticks=_years_ticks(start, end), y_ticks=tuple(y_ticks))


def _path(base: pr.Baseline | None, goal: _Goal, path: str, start: date, end: date
          ) -> list[tuple[date, float]]:
    """The path's points: a rate's target as a level over the chart; a count's straight line
    and an amount's compound curve from the baseline to the target; none without a
    baseline."""
    if path == pr.RATE:
        return [(start, goal.value), (end, goal.value)]
    if base is None:
        return []
    first, due = pr.year_end(base.year), pr.year_end(goal.year)
    if due <= first:
        return []
    steps = PATH_STEPS if path == pr.COMPOUND else 1
    out = []
    for i in range(steps + 1):
        on = first + (due - first) * i / steps
        value = pr.expected_value(base, goal, on, path)
        if value is None:
            return []
        out.append((on, value))
    return out


def _use(chart_id: str, shape: str, mark: Mark) -> str:
    return (f'<use href="#{chart_id}-{shape}" x="{mark.x}%" y="{mark.y}">'
            f"<title>{escape(mark.text)}</title></use>")


def svg(c: ProgressChart) -> Markup:
    """The chart as inline SVG: the recorded values as points joined by a line, the baseline
    (an open square), the path from it to the target (dashed) and the target (a diamond);
    years below, values at the left in the plan's unit, the unit above. Named by its title,
    described in words by its desc. Lines are drawn in an inner SVG stretched over the plot
    (strokes do not stretch); points are placed in percent of the width."""
    cid = escape(c.id)
    bottom = c.top + c.plot
    out = [f'<svg id="{cid}" class="progress-chart" width="100%" height="{c.height}" '
           f'role="img" aria-labelledby="{cid}-title {cid}-desc">',
           f'<title id="{cid}-title">{escape(c.title)}</title>',
           f'<desc id="{cid}-desc">{escape(c.desc)}</desc>',
           f'<defs><rect id="{cid}-square" class="pc-baseline" x="-4.5" y="-4.5" width="9" '
           f'height="9"></rect><path id="{cid}-diamond" class="pc-target" '
           f'd="M0,-6 L6,0 L0,6 L-6,0 Z"></path></defs>',
           f'<text class="pc-unit" x="0" y="12">{escape(c.unit)}</text>']
    right = round(c.left + c.width, 2)
    for tk in c.y_ticks:
        out.append(f'<line class="pc-grid" x1="{c.left}%" x2="{right}%" y1="{tk.pos}" '
                   f'y2="{tk.pos}"></line><text class="pc-tick" x="{c.left - 1.5}%" '
                   f'y="{tk.pos + 4}" text-anchor="end">{escape(tk.text)}</text>')
    for tk in c.x_ticks:
        out.append(f'<line class="pc-axis" x1="{tk.pos}%" x2="{tk.pos}%" y1="{bottom}" '
                   f'y2="{bottom + 4}"></line><text class="pc-tick" x="{tk.pos}%" '
                   f'y="{bottom + 17}" text-anchor="middle">{escape(tk.text)}</text>')
    out.append(f'<svg x="{c.left}%" y="{c.top}" width="{c.width}%" height="{c.plot}" '
               f'viewBox="0 0 {INNER:g} {c.plot}" preserveAspectRatio="none" '
               f'overflow="visible">')
    for css, points in (("pc-path", c.path_line), ("pc-line", c.actual_line)):
        if points:
            out.append(f'<polyline class="{css}" points="{points}" '
                       f'vector-effect="non-scaling-stroke"></polyline>')
    out.append("</svg>")
    if c.baseline:
        out.append(_use(cid, "square", c.baseline))
    out.append(_use(cid, "diamond", c.target))
    for p in c.actuals:
        out.append(f'<circle class="pc-point" cx="{p.x}%" cy="{p.y}" r="4">'
                   f"<title>{escape(p.text)}</title></circle>")
    out.append("</svg>")
    return Markup("".join(out))
