"""HTTP caching for read-only responses.

The data only changes when the store is reloaded, so a response is fully determined by the data
version, the route, the normalised query and the negotiated format. Hashing those gives an ETag
*before* the body is built: a revalidation (``If-None-Match``) costs no serialisation and is
answered with 304. Tags are weak because some bodies carry a generation time (OGC ``timeStamp``)
that differs between otherwise equivalent responses.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Iterable

from flask import Response, request

from .state import current_store

MAX_AGE = 300
CACHE_CONTROL = f"public, max-age={MAX_AGE}"


def etag_for(version: str, path: str, args: Iterable[tuple[str, str]], variant: str = "") -> str:
    """sha1 of the data version, the path, the variant and the query pairs in sorted order
    (so ``?a=1&b=2`` and ``?b=2&a=1`` share a tag)."""
    digest = hashlib.sha1()
    for part in (version, path, variant, *sorted(f"{k}={v}" for k, v in args)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def conditional(build: Callable[[], Response], *, variant: str = "",
                vary: Iterable[str] = ()) -> Response:
    """Answer the current request with ``build()`` or 304, plus ETag and Cache-Control.

    Call it after the request's parameters were validated: errors are never cached."""
    tag = etag_for(current_store().version, request.path, request.args.items(multi=True),
                   variant)
    if request.if_none_match and request.if_none_match.contains_weak(tag):
        response = Response(status=304)
    else:
        response = build()
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = CACHE_CONTROL
    for header in vary:
        response.vary.add(header)
    return response
