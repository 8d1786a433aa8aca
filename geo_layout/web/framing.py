"""Who may put our pages in a frame: anyone listed in ``FRAME_ANCESTORS`` (default ``*``) for
``/embed/`` pages, which exist to be framed; nobody for every other response (clickjacking).

The one place this rule lives. A Content-Security-Policy builder calls
:func:`frame_ancestors` for its directive; :func:`apply` merges it into whatever policy the
response already carries, so the two never overwrite each other."""

from __future__ import annotations

import re

EMBED_PREFIX = "/embed/"
_SOURCE = re.compile(r"^(\*|'self'|'none'|[a-z][a-z0-9+.-]*:(//[^\s;,']+)?|"
                     r"(\*\.)?[a-z0-9.-]+(:(\d+|\*))?)$", re.IGNORECASE)


def embeddable(path: str) -> bool:
    return path == EMBED_PREFIX.rstrip("/") or path.startswith(EMBED_PREFIX)


def allowed_ancestors(setting: str | None) -> str:
    """The configured sources, checked: a space-separated list of origins, ``*`` or
    ``'self'``. Empty means ``'none'``. Anything that could break out of the header (``;``,
    ``,``, quotes, newlines) is rejected, because it comes from the environment."""
    sources = (setting or "").split()
    if not sources:
        return "'none'"
    bad = [s for s in sources if not _SOURCE.match(s)]
    if bad:
        raise ValueError(f"FRAME_ANCESTORS has invalid source(s): {' '.join(bad)[:200]}")
    return " ".join(sources)


def frame_ancestors(path: str, setting: str | None) -> str:
    """The ``frame-ancestors`` directive for a response to ``path``."""
    sources = allowed_ancestors(setting) if embeddable(path) else "'none'"
    return f"frame-ancestors {sources}"


def apply(response, path: str, setting: str | None) -> None:
    """Set the framing headers on ``response``: the CSP directive (replacing any earlier
    ``frame-ancestors`` in an existing policy, keeping the rest) and ``X-Frame-Options: DENY``
    where framing is refused (none on embeds: it cannot express an allow-list)."""
    directive = frame_ancestors(path, setting)
    policy = response.headers.get("Content-Security-Policy", "")
    kept = [d.strip() for d in policy.split(";")
            if d.strip() and not d.strip().lower().startswith("frame-ancestors")]
    response.headers["Content-Security-Policy"] = "; ".join([*kept, directive])
    if embeddable(path):
        response.headers.pop("X-Frame-Options", None)
    else:
        response.headers["X-Frame-Options"] = "DENY"
