"""What a printed map needs besides the map: title and subtitle, a true scale bar, a north
arrow, the legend with the numbered list of places, and the footer (notes, source, date,
attribution). The scale bar is true along the central parallel, which the equirectangular
frame (:func:`.static_figure.fit_bounds`) keeps at its true length."""

from __future__ import annotations

import datetime as _dt
import functools
import math

from ..data.store import Store
from . import static_style as style
from .static_spec import MapSpec

_NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 150, 200, 250, 500, 1000, 2000)


@functools.cache
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def km_per_degree_lon(lat: float) -> float:
    """Length of one degree of longitude along the parallel ``lat`` on the WGS-84 ellipsoid."""
    geod = _geod()
    phi = math.radians(lat)
    radius = geod.a * math.cos(phi) / math.sqrt(1 - geod.es * math.sin(phi) ** 2)
    return radius * math.pi / 180 / 1000


def scale_bar_length(span_km: float) -> float:
    """A round bar length near a fifth of the map width."""
    target = span_km / 5
    return max([k for k in _NICE_KM if k <= target] or [_NICE_KM[0]])


def draw_titles(fig, title: str, subtitle: str, h_in: float, fs, font) -> None:
    """The map's title and, under it, the plan's."""
    fig.text(0.025, 1 - 0.3 / h_in, title, fontsize=fs.title, weight="bold", va="top",
             color=style.INK, **font)
    fig.text(0.025, 1 - 0.68 / h_in, subtitle, fontsize=fs.subtitle, va="top",
             color="#555555", **font)


def draw_scale_bar(ax, lat0: float, fs, font, lang: str) -> None:
    """A two-part bar in the lower left, a round length near a fifth of the map's width, and
    the parallel it is true along."""
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    kmdeg = km_per_degree_lon(lat0)
    length_km = scale_bar_length((x1 - x0) * kmdeg)
    length_deg = length_km / kmdeg
    bx, by = x0 + 0.04 * (x1 - x0), y0 + 0.06 * (y1 - y0)
    height = 0.012 * (y1 - y0)
    for i, colour in enumerate((style.INK, "white")):
        ax.add_patch(Rectangle((bx + i * length_deg / 2, by), length_deg / 2, height,
                               facecolor=colour, edgecolor=style.INK, linewidth=0.6, zorder=9))
    for value, x in ((0, bx), (length_km / 2, bx + length_deg / 2), (length_km, bx + length_deg)):
        text = f"{value:g} km" if value == length_km else f"{value:g}"
        ax.text(x, by + height * 1.6, text, fontsize=fs.small, ha="center", va="bottom",
                color=style.INK, zorder=9, **font)
    ax.text(bx, by - height * 0.8, style.text("scale-note", lang, lat=lat0),
            fontsize=fs.small * 0.9, ha="left", va="top", color="#444444", zorder=9, **font)


def draw_north_arrow(ax, fs, font, lang: str) -> None:
    ax.annotate("", xy=(0.955, 0.95), xytext=(0.955, 0.86), xycoords="axes fraction",
                arrowprops={"arrowstyle": "-|>,head_width=0.35,head_length=0.7",
                            "color": style.INK, "linewidth": 1.4}, zorder=9)
    ax.text(0.955, 0.845, style.text("north", lang), transform=ax.transAxes, ha="center",
            va="top", fontsize=fs.label, weight="bold", color=style.INK, zorder=9, **font)


def draw_panel(fig, panel, handles, numbered, lang: str, fs, font, landscape: bool) -> None:
    """Legend on top (landscape) or left (portrait); the numbered place list after it."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=font["family"], size=fs.legend)
    legend = panel.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 1),
                          frameon=False, prop=prop, title=style.text("legend", lang),
                          title_fontproperties=FontProperties(family=font["family"],
                                                              size=fs.legend * 1.1,
                                                              weight="bold"),
                          alignment="left", handlelength=1.8, borderaxespad=0)
    if not numbered:
        return
    renderer = fig.canvas.get_renderer()
    box = legend.get_window_extent(renderer).transformed(panel.transAxes.inverted())
    if landscape:
        x, y, width = 0.0, box.y0 - 0.04, 1.0
    else:
        x, y, width = 0.52, 1.0, 0.48
    limit = 26 if lang == "zh" else 48
    lines = []
    for number, f in numbered:
        name = f.name(lang)
        name = name if len(name) <= limit else name[: limit - 1] + "…"
        lines.append(f"{number}  {name}")
    per_column = max(1, int((y - 0.0) / (fs.small * 1.45 / 72 / (panel.get_position().height
                                                                    * fig.get_figheight()))))
    columns = [lines[i:i + per_column] for i in range(0, len(lines), per_column)]
    for i, column in enumerate(columns[:2]):
        panel.text(x + i * width / 2, y, "\n".join(column), transform=panel.transAxes,
                   fontsize=fs.small, va="top", ha="left", color=style.INK,
                   linespacing=1.35, **font)


def draw_footer(fig, store: Store, spec: MapSpec, lang: str, fs, font) -> None:
    """The map's notes (filters, approval number, places not shown), the source with today's
    date, and the attribution."""
    plan = store.plan()
    issuer = plan.issuer.get(lang)
    notes = list(spec.notes)
    missing = spec.unlocated
    if any(missing.values()):
        notes.append(style.unlocated_note(missing.get("parks", 0), missing.get("sites", 0),
                                          lang))
    lines = [
        "  ".join(notes),
        style.text("source", lang, plan=plan.title.get(lang), issuer=issuer) + "    "
        + style.text("date", lang, date=_dt.date.today().isoformat()),
        style.text("attribution", lang, issuer=issuer),
    ]
    fig.text(0.025, 0.012, "\n".join(line for line in lines if line), fontsize=fs.footer,
             va="bottom", ha="left", color="#444444", linespacing=1.4, **font)
