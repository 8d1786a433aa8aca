"""HTTP caching for read-only responses: ETag / If-None-Match, and the render cache.

The data only changes when the store is reloaded, so a response is fully determined by the data
version, the host (bodies carry absolute links), the route, the normalised query and the
negotiated format. Hashing those gives an ETag *before* the body is built: a revalidation
(``If-None-Match``) costs no work and is answered with 304, and the same tag keys the
in-memory :mod:`.render_cache`, so a body is built once and copied out afterwards. Tags are
weak because some bodies carry a generation time (OGC ``timeStamp``) and because the gzip and
identity encodings of a body share one (see :mod:`.compression`).

Every GET view that only reads the store goes through :func:`conditional` (API, OGC, embeds)
or the :func:`cached_view` decorator (pages, downloads, exports).

Clients may store these responses but must revalidate them before each use
(``Cache-Control: no-cache``): the data is edited, and a copy trusted for minutes would show a
GIS client or a browser the data as it was before an edit. Revalidation costs a 304 and no
work. Versioned assets (``assets.py``, ``/static``) and tiles keep their own long lifetimes.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Callable, Iterable

from flask import Response, make_response, request

from .render_cache import Entry, render_cache
from .state import current_store

CACHE_CONTROL = "no-cache"
#: Headers a view sets that belong to the body and are replayed from the cache.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "X-Total-Count", "Content-Language",
                "Link")


def etag_for(version: str, path: str, args: Iterable[tuple[str, str]], variant: str = "") -> str:
    """sha1 of the data version, the path, the variant and the query pairs in sorted order
    (so ``?a=1&b=2`` and ``?b=2&a=1`` share a tag)."""
    digest = hashlib.sha1()
    for part in (version, path, variant, *sorted(f"{k}={v}" for k, v in args)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def request_tag(variant: str = "") -> str:
    """The ETag of the current request (the host is part of the variant: absolute links)."""
    path = request.script_root + request.path  # the plan prefix: see plans.py
    return etag_for(current_store().version, path, request.args.items(multi=True),
                    f"{request.host}\0{variant}")


def conditional(build: Callable[[], Response | str], *, variant: str = "",
                vary: Iterable[str] = (), tag_prefix: str = "") -> Response:
    """Answer the current request with 304, the cached body, or ``build()`` (then cached),
    plus ETag and Cache-Control.

    Call it after the request's parameters were validated: errors are never cached (only a
    200 is kept, and a tag is only ever handed out with a 200). ``tag_prefix``: a record's
    version (``r3-``) that ``If-Match`` on a write is checked against."""
    tag = tag_prefix + request_tag(variant)
    if request.if_none_match and request.if_none_match.contains_weak(tag):
        response = Response(status=304)
    else:
        cache = render_cache()
        entry = cache.get(tag)
        if entry is None:
            response = make_response(build())
            if response.status_code != 200:
                return response
            if response.is_streamed or response.direct_passthrough:  # sent as made, not kept
                return _tagged(response, tag, vary)
            entry = Entry(response.get_data(), tuple(
                (k, v) for k, v in response.headers.items() if k in KEPT_HEADERS))
            cache.put(tag, entry)
        response = Response(entry.body, status=200, headers=list(entry.headers))
    return _tagged(response, tag, vary)


def _tagged(response: Response, tag: str, vary: Iterable[str]) -> Response:
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = CACHE_CONTROL
    for header in vary:
        response.vary.add(header)
    return response


def cached_view(view: Callable) -> Callable:
    """Decorate a read-only GET view: its response is built once per tag (see above). The
    view itself validates its parameters; an error it raises is never cached."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return conditional(lambda: view(*args, **kwargs))

    return wrapper
