"""Turning a built map into HTML: its three parts for a page template, or a whole document
for an iframe. The branca Figure is rendered once per map; both functions reuse that.

Drawn in two steps, so a page shows its map as early as a bare Leaflet page would: the map
and its first layer (the prefectures: every builder adds them first) are drawn by a script
right after the map's ``<div>``, before the browser has parsed the rest of the page; every
other layer, the legend and the controls are drawn once the document is parsed. Only
``leaflet.js`` blocks the page; the plugins and our own scripts load ``defer``red, in
parallel, and run before that second step."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class MapParts:
    """``head``: links and styles for ``<head>``; ``body``: the map ``<div>``; ``script``: the
    JavaScript that draws it (place it after ``body``, without a ``<script>`` wrapper)."""

    head: str
    body: str
    script: str

    @property
    def scripts(self) -> tuple[str, ...]:
        """Every inline script of the map, in page order (for tests and hashing)."""
        found = re.findall(r"<script>\n(.*?)\n</script>", self.body, flags=re.S)
        return (*found, self.script)


def map_parts(m) -> MapParts:
    cached = getattr(m, "_geo_layout_parts", None)
    if cached is not None:
        return cached
    figure = m.get_root()
    for child in list(figure._children.values()):
        child.render()
    first, rest = _split_after_first_layer(m, figure.script.render())
    body = figure.html.render()
    if first:
        body += f"\n<script>\n{first}\n</script>"
    parts = MapParts(head=_defer_plugins(figure.header.render()), body=body,
                     script=_when_parsed(rest) if first else rest)
    m._geo_layout_parts = parts
    return parts


def _split_after_first_layer(m, script: str) -> tuple[str, str]:
    """(the map and its first layer group, everything after), split where that group is added
    to the map; ("", script) when the map has no layer group."""
    import folium

    group = next((c for c in m._children.values() if isinstance(c, folium.FeatureGroup)), None)
    if group is None:
        return "", script
    added = f"{group.get_name()}.addTo({m.get_name()});"
    at = script.find(added)
    if at < 0:
        return "", script
    at += len(added)
    return script[:at], script[at:]


def _when_parsed(script: str) -> str:
    """``script`` run once the document is parsed (after the ``defer``red plugins)."""
    return ("(function (run) {\n"
            "    if (document.readyState === \"loading\") {\n"
            "        document.addEventListener(\"DOMContentLoaded\", run);\n"
            "    } else { run(); }\n"
            f"}})(function () {{{script}\n}});")


_SCRIPT_TAG = re.compile(r'\s*<script src="(?P<url>[^"]+)"></script>')
_STYLE_TAG = re.compile(r'\s*<link rel="stylesheet" href="(?P<url>[^"]+)"/>')
_ASSET_URL = re.compile(r"^(?P<base>[^?]*?)/(?P<prefix>leaflet|markercluster|app)/"
                        r"(?P<path>[^?]+)\?v=\w+$")


def _defer_plugins(head: str) -> str:
    """The map's head with Leaflet as it was and everything else in one ``defer``red script
    bundle and one stylesheet bundle (see :func:`.assets.bundle_url`): only ``leaflet.js``
    blocks the page, and the browser makes four requests instead of up to nine."""
    for tag, leaflet, kind in ((_SCRIPT_TAG, "leaflet/leaflet.js", "js"),
                               (_STYLE_TAG, "leaflet/leaflet.css", "css")):
        head = _bundle(head, tag, leaflet, kind)
    return head


def _bundle(head: str, tag: re.Pattern, leaflet: str, kind: str) -> str:
    from .assets import bundle_url

    found = [(m, _ASSET_URL.match(m["url"])) for m in tag.finditer(head)]
    ours = [(m, a) for m, a in found if a and f"{a['prefix']}/{a['path']}" != leaflet]
    if not ours:
        return head
    bases = {a["base"] for _, a in ours}
    if len(ours) == 1 or len(bases) != 1:
        url = None
    else:
        url = bundle_url(bases.pop(), kind, [(a["prefix"], a["path"]) for _, a in ours])
    for m, _ in ours:
        head = head.replace(m.group(0), "", 1)
    if url is None:  # one file (or mixed origins): the files themselves
        tags = "".join(m.group(0) for m, _ in ours)
    else:
        url = url.replace("&", "&amp;")
        tags = (f'\n    <script src="{url}"></script>' if kind == "js"
                else f'\n    <link rel="stylesheet" href="{url}"/>')
    if kind == "js":
        tags = tags.replace("<script src=", "<script defer src=")
    anchor = next((m.group(0) for m, a in found if a and f"{a['prefix']}/{a['path']}" == leaflet),
                  None)
    if anchor is None:
        return tags + head
    return head.replace(anchor, anchor + tags, 1)


def render_document(m) -> str:
    """A standalone document that fills the viewport (for ``/embed/`` iframes and exports)."""
    parts = map_parts(m)
    lang = "en" if getattr(m, "lang", "zh") == "en" else "zh-CN"
    title = escape(getattr(m, "title", "") or "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n{parts.head}\n"
        "<style>html, body {width: 100%; height: 100%; margin: 0; padding: 0;}</style>\n"
        f'</head>\n<body class="gl-embed">\n{parts.body}\n'
        f"<script>\n{parts.script}\n</script>\n</body>\n</html>\n"
    )
