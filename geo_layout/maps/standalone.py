"""One self-contained HTML file per map: every script, stylesheet and CSS image inlined, so the
file opens from disk (``file://``) with no network and works like the page (zoom, popups,
layer control, legend). For report writers who attach or archive a map."""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path

from ..errors import GeoLayoutError
from .assets import SOURCE_MAP, BadBundle, asset_dirs, asset_file, bundle_files
from .render import map_parts, render_document

_SCRIPT = re.compile(r'<script (?:defer )?src="(?P<url>[^"]+)"\s*>\s*</script>')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<url>[^"]+)"\s*/?>')
_CSS_URL = re.compile(r"""url\(\s*(?P<q>['"]?)(?P<ref>[^'")]+)(?P=q)\s*\)""")
_ASSET_URL = re.compile(r"^/assets/(?P<prefix>[a-z]+)/(?P<path>[^?#]+)(?:\?.*)?$")
_STANDALONE_HEAD = ('<base target="_blank">\n'
                    '<meta name="generator" content="geo_layout standalone export">\n')


class AssetNotInlinable(GeoLayoutError):
    """A map asks for a file this module cannot inline (a bug: the file would not work offline)."""

    status = 500
    code = "asset-not-inlinable"


def standalone_html(m) -> str:
    """The map ``m`` (built with ``asset_base="/assets"``, the builders' default) as one HTML
    document with no external reference. Links in popups keep the map's ``link_base`` and
    open in a new tab."""
    parts = map_parts(m)
    document = render_document(m)
    inlined = _STANDALONE_HEAD + inline_head(parts.head)
    if parts.head not in document:
        raise AssetNotInlinable("the map document does not contain its head")
    return document.replace(parts.head, inlined, 1)


def inline_head(head: str) -> str:
    """``head`` with every ``<script src>`` and stylesheet ``<link>`` of our assets replaced by
    the file's content; anything else that points away raises :class:`AssetNotInlinable`."""
    head = _BUNDLE.sub(_unbundled, head)
    leftover = re.search(r"""<[a-z]+[^>]*\s(?:src|href)\s*=\s*["'](?!data:)[^"']*""",
                         _STYLESHEET.sub("", _SCRIPT.sub("", head)))
    if leftover:
        raise AssetNotInlinable(f"cannot inline {leftover.group(0)[:120]!r}")
    head = _SCRIPT.sub(lambda mt: "<script>\n" + _script_text(_read(mt["url"])) + "\n</script>",
                       head)
    return _STYLESHEET.sub(lambda mt: "<style>\n" + _style_text(mt["url"]) + "\n</style>", head)


_BUNDLE = re.compile(r'<(?P<tag>script (?:defer )?src|link rel="stylesheet" href)='
                     r'"(?P<base>[^"]*)/bundle\.(?P<kind>js|css)\?f=(?P<spec>[^"&]+)[^"]*"'
                     r"(?P<end>\s*/?>(?:\s*</script>)?)")


def _unbundled(mt: re.Match) -> str:
    """A bundle's tag as one tag per file it names (inlined one by one, each with its own
    folder for the images its CSS refers to)."""
    try:
        files = bundle_files(mt["spec"], mt["kind"])
    except BadBundle as exc:
        raise AssetNotInlinable(str(exc)) from None
    return "\n".join(f'<{mt["tag"]}="{mt["base"]}/{prefix}/{path}"{mt["end"]}'
                     for prefix, path in files)


def _asset_path(url: str) -> Path:
    match = _ASSET_URL.match(url)
    dirs = asset_dirs()
    if not match or match["prefix"] not in dirs:
        raise AssetNotInlinable(f"not one of the app's assets: {url[:120]!r}")
    path = asset_file(match["prefix"], match["path"], dirs)
    if path is None:
        raise AssetNotInlinable(f"no such asset: {url[:120]!r}")
    return path


def _read(url: str) -> str:
    return _asset_path(url).read_text(encoding="utf-8")


def _script_text(js: str) -> str:
    """Script text safe between ``<script>`` tags (a literal ``</script`` would end it), without
    its source-map comment (there is no map file beside a standalone document)."""
    js = SOURCE_MAP.sub("", js)
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def _style_text(url: str) -> str:
    """The stylesheet with its ``url(...)`` images as data: URIs."""
    path = _asset_path(url)
    css = path.read_text(encoding="utf-8")

    def data_uri(mt: re.Match) -> str:
        ref = mt["ref"].strip()
        if ref.startswith(("data:", "#")):
            return mt.group(0)
        if ":" in ref or ref.startswith("//"):
            raise AssetNotInlinable(f"{path.name} refers to {ref[:120]!r}")
        image = (path.parent / ref.split("?")[0].split("#")[0]).resolve()
        if not image.is_file():
            raise AssetNotInlinable(f"{path.name} refers to a missing file {ref[:120]!r}")
        kind = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f'url("data:{kind};base64,{encoded}")'

    css = _CSS_URL.sub(data_uri, css)
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
