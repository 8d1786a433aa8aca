"""Snapshot every answer of the service for the default data, to prove a refactor changed none.

``python -m bench.answers snapshot DIR`` writes one file per URL (status, content type and
body, with folium's random element ids and the export date replaced by placeholders);
``python -m bench.answers compare OLD NEW`` lists every URL whose answer differs and exits 1
if any does. Take a snapshot on the old commit, one on the new, compare.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

LANGS = ("zh", "en")
#: folium/branca element ids (uuid4 hex) and the date static exports print.
_VOLATILE = [
    (re.compile(rb"[0-9a-f]{32}"), b"<id>"),
    (re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?"), b"<time>"),
]


def urls(store) -> list[str]:
    """Every page, map, embed, export, download and API answer worth comparing."""
    def ids(collection):
        return [f.id for f in store.query(collection).features]

    paths = ["/", "/maps/layout", "/maps/parks", "/maps/sites", "/parks", "/targets", "/data",
             "/parks?q=昆明", "/parks?industry=5g", "/maps/parks?kind=park"]
    paths += [f"/elements/{i}" for i in ids("layout-elements")]
    paths += [f"/prefectures/{i}" for i in ids("prefectures")]
    paths += [f"/parks/{i}" for i in ids("parks") + ids("sites")]
    out = [f"{p}{'&' if '?' in p else '?'}lang={lang}" for p in paths for lang in LANGS]
    out += ["/embed/maps/layout", "/embed/maps/parks?lang=en",
            f"/embed/elements/{ids('layout-elements')[0]}",
            f"/embed/prefectures/{ids('prefectures')[0]}", f"/embed/parks/{ids('parks')[0]}"]
    out += ["/export/maps/layout.svg", "/export/maps/parks.svg?lang=en",
            "/export/maps/layout.html", f"/export/elements/{ids('layout-elements')[0]}.svg"]
    for c in store.collections():
        out += [f"/api/{c}", f"/api/{c}?limit=3&offset=1", f"/ogc/collections/{c}",
                f"/ogc/collections/{c}/items?limit=5", f"/ogc/collections/{c}/items?f=html"]
        out += [f"/downloads/{c}.{fmt}" for fmt in ("geojson", "csv")]
        first = ids(c)[:1]
        out += [f"/api/{c}/{i}" for i in first] + [f"/ogc/collections/{c}/items/{i}"
                                                      for i in first]
    out += ["/api", "/api/search?q=昆明", "/api/search?q=silicon",
            "/api/nearby?lon=102.7&lat=25.0&k=5", "/api/clusters/sites?zoom=6",
            "/ogc", "/ogc?f=html", "/ogc/conformance", "/ogc/collections", "/ogc/api",
            "/healthz"]
    return out


def normalise(body: bytes) -> bytes:
    for pattern, placeholder in _VOLATILE:
        body = pattern.sub(placeholder, body)
    return body


def snapshot(target: Path) -> int:
    from geo_layout.app import create_app
    from geo_layout.web.state import current_store

    app = create_app({"TESTING": True})
    target.mkdir(parents=True, exist_ok=True)
    with app.app_context():
        every = urls(current_store())
    client = app.test_client()
    for url in every:
        r = client.get(url)
        name = hashlib.sha1(url.encode()).hexdigest()[:16]
        head = f"{url}\n{r.status_code} {r.content_type}\n\n".encode()
        (target / name).write_bytes(head + normalise(r.get_data()))
    print(f"{len(every)} answers in {target}")
    return 0


def compare(old: Path, new: Path) -> int:
    changed = 0
    for path in sorted(old.iterdir()):
        other = new / path.name
        url = path.read_bytes().split(b"\n", 1)[0].decode()
        if not other.exists():
            print(f"missing in {new}: {url}")
            changed += 1
        elif other.read_bytes() != path.read_bytes():
            print(f"differs: {url}")
            changed += 1
    total = len(list(old.iterdir()))
    print(f"{changed} of {total} answers differ")
    return 1 if changed else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "snapshot":
        return snapshot(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
