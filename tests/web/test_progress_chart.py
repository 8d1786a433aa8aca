"""The progress page's chart (web/progress_chart.py): the path drawn is the one the progress
computation implies (compound, linear, a rate's level), the axes cover the values, and every
text in the SVG is escaped."""

from __future__ import annotations

import math
import re
from datetime import date

from geo_layout.data import progress as pr
from geo_layout.web.progress_chart import (INNER, LEFT_PCT, PLOT_PX, TOP_PX, WIDTH_PCT,
                                           _path, progress_chart, svg)

TEXTS = {"title": "T", "desc": "D", "unit": "亿元", "target": "target", "baseline": "base",
         "actuals": ["a1", "a2", "a3"]}


def _props(value=2000, year=2025, measure="amount"):
    return {"id": "t", "value": value, "year": year, "measure": measure}


def _prog(path, baseline=None):
    return pr.Progress("t", path, baseline, None, None, None, "no-data", pr.MISSING_ACTUAL)


def _actuals(*pairs):
    return tuple(pr.Actual(v, date(y, 12, 31), "s") for y, v in pairs)


def test_a_compound_path_runs_from_the_baseline_to_the_target_by_growth():
    base = pr.Baseline(1000, 2020, "growth")
    points = _path(base, _goal(2000, 2025), pr.COMPOUND, date(2020, 1, 1), date(2025, 12, 31))
    assert len(points) == 25
    assert points[0] == (date(2020, 12, 31), 1000)
    assert points[-1][0] == date(2025, 12, 31) and math.isclose(points[-1][1], 2000)
    middle = points[12]
    assert middle[0] == date(2023, 7, 2)  # 913 of the 1,826 days from 2020-12-31 to 2025-12-31
    # half the time: the square root of the growth, 1000 × √2 (not the linear 1500)
    assert abs(middle[1] - 1000 * 2 ** 0.5) < 1


def test_a_linear_path_is_one_straight_segment_and_a_rate_a_level():
    base = pr.Baseline(4, 2020)
    assert _path(base, _goal(14, 2025), pr.LINEAR, date(2020, 1, 1), date(2025, 12, 31)) == [
        (date(2020, 12, 31), 4), (date(2025, 12, 31), 14)]
    assert _path(None, _goal(19, 2025), pr.RATE, date(2020, 1, 1), date(2025, 12, 31)) == [
        (date(2020, 1, 1), 19), (date(2025, 12, 31), 19)]
    assert _path(None, _goal(14, 2025), pr.LINEAR, date(2020, 1, 1), date(2025, 12, 31)) == []


def _goal(value, year):
    from geo_layout.web.progress_chart import _Goal

    return _Goal(value, year)


def test_points_axes_and_markers_sit_where_their_values_are():
    c = progress_chart("c", _props(), _prog(pr.COMPOUND, pr.Baseline(1000, 2020, "g")),
                       _actuals((2021, 1200), (2022, 1500), (2023, 2500)), TEXTS, "zh")
    # the years from the plan's start to the target year, each at its year's end
    assert [t.text for t in c.x_ticks] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert c.x_ticks[-1].pos == LEFT_PCT + WIDTH_PCT  # the target year's end: the right edge
    # values from 0 to a round number above the highest recorded (2,500 > the target 2,000)
    assert [t.text for t in c.y_ticks] == ["0", "1000", "2000", "3000"]
    assert c.y_ticks[0].pos == TOP_PX + PLOT_PX and c.y_ticks[-1].pos == TOP_PX
    top = 3000

    def y(v):
        return round(TOP_PX + PLOT_PX * (top - v) / top, 1)

    assert [p.y for p in c.actuals] == [y(1200), y(1500), y(2500)]
    assert [p.text for p in c.actuals] == ["a1", "a2", "a3"]
    assert c.target.y == y(2000) and c.baseline.y == y(1000)
    assert c.actuals[0].x < c.actuals[1].x < c.actuals[2].x < c.target.x
    assert c.baseline.x == c.x_ticks[0].pos  # the baseline: 2020's end
    # the recorded values' line and the dashed path, in the inner plot's units
    assert len(c.actual_line.split()) == 3 and len(c.path_line.split()) == 25
    last = c.path_line.split()[-1].split(",")
    assert float(last[0]) == INNER and float(last[1]) == round(y(2000) - TOP_PX, 1)


def test_a_target_alone_still_gets_axes_and_its_marker():
    c = progress_chart("c", _props(14, 2025, "count"), _prog(pr.LINEAR), (), TEXTS, "en")
    assert c.actuals == () and c.baseline is None and c.path_line == "" == c.actual_line
    assert [t.text for t in c.x_ticks][0] == "2020" and c.target.x == LEFT_PCT + WIDTH_PCT


def test_every_text_in_the_svg_is_escaped():
    hostile = "<script>alert(1)</script>&"
    texts = {k: hostile for k in ("title", "desc", "unit", "target", "baseline")}
    texts["actuals"] = [hostile]
    out = str(svg(progress_chart('x"y', _props(), _prog(pr.COMPOUND, pr.Baseline(1000, 2020)),
                                 _actuals((2022, 1500)), texts, "en")))
    assert "<script>" not in out and 'x"y' not in out
    assert out.count("&lt;script&gt;alert(1)&lt;/script&gt;&amp;") == 6
    assert re.search(r'<svg id="x&#34;y" class="progress-chart"[^>]* role="img" '
                     r'aria-labelledby="x&#34;y-title x&#34;y-desc"', out)
