"""Turning a built map into HTML: its three parts for a page template, or a whole document
for an iframe. The branca Figure is rendered once per map; both functions reuse that."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class MapParts:
    """``head``: links and styles for ``<head>``; ``body``: the map ``<div>``; ``script``: the
    JavaScript that draws it (place it after ``body``, without a ``<script>`` wrapper)."""

    head: str
    body: str
    script: str


def map_parts(m) -> MapParts:
    cached = getattr(m, "_geo_layout_parts", None)
    if cached is not None:
        return cached
    figure = m.get_root()
    for child in list(figure._children.values()):
        child.render()
    parts = MapParts(head=figure.header.render(), body=figure.html.render(),
                     script=figure.script.render())
    m._geo_layout_parts = parts
    return parts


def render_document(m) -> str:
    """A standalone document that fills the viewport (for ``/embed/`` iframes and exports)."""
    parts = map_parts(m)
    lang = "en" if getattr(m, "lang", "zh") == "en" else "zh"
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
