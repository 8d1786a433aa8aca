"""What a save changed, said on the record's page the editor lands on: field by field,
before → after. The record pages are cached for everyone, so the note is not part of them:
it waits in the editor's session and fills the page's notice marker (``base.html``) after
the cache, once, for that editor alone (that response is then ``no-store``)."""

from __future__ import annotations

import secrets

from flask import render_template, request, session, url_for

from ..data.fields import FIELDS
from ..data.record_shapes import DERIVED
from ..errors import NotFound
from .edit_values import flat, text
from .i18n import plan_label

NOTICE_MARKER = "<!--geo-layout:notice-->"
SESSION_KEY = "editor_saved"
#: changes listed in the note (the history has them all)
MAX_NOTED = 12


def changed_fields(store, collection: str, before: dict, after: dict, lang: str
                   ) -> list[tuple[str, str, str]]:
    """(field, before, after) of every field whose value differs (the point's two numbers as
    longitude and latitude), a code said by its label."""
    out = []
    for field in FIELDS[collection]:
        old, new = before.get(field.name), after.get(field.name)
        if (old in (None, "", []) and new in (None, "", [])) or old == new:
            continue
        if field.name in DERIVED.get(collection, ()):
            continue
        if field.codes and field.type != "array":
            old, new = (plan_label(store, field.codes, v, lang) if v else v for v in (old, new))
        elif field.refs and field.type != "array":
            old, new = (_named(store, field.refs, v, lang) if v else v for v in (old, new))
        out.append((field.name, text(old), text(new)))
    return out


def _named(store, refs: tuple[str, ...], value, lang: str) -> str:
    """A reference said by its record's name (a prefecture's, not its adcode), as the form's
    choices say it; the id itself when no record has it."""
    for ref in refs:
        if ref == "sections":
            for section in store.sections():
                if section.id == value:
                    return f"{section.id} · {section.heading.get(lang)}"
            continue
        try:
            return store.get(ref, str(value)).name(lang)
        except (NotFound, KeyError):
            continue
    return value


def remember(change, collection: str, current, lang: str) -> str:
    """Keep the note of ``change`` (the store's Change; ``current``: the record before it,
    None for a new one) in the session; the token the page's URL carries to show it."""
    store = change.store
    fid = change.revision.record_id
    changes = changed_fields(store, collection, flat(current), flat(store.get(collection, fid)),
                             lang)
    token = secrets.token_hex(4)
    session[SESSION_KEY] = {"token": token, "collection": collection, "id": fid,
                            "created": current is None, "seq": change.revision.seq,
                            "changes": changes[:MAX_NOTED],
                            "more": max(0, len(changes) - MAX_NOTED)}
    return token


def fill(response):
    """The page a save redirected to (``?saved=<token>``), with the note in its marker."""
    if (response.mimetype != "text/html" or response.is_streamed or response.direct_passthrough
            or response.headers.get("Content-Encoding")):
        return response
    token = request.args.get("saved")
    if not token or SESSION_KEY not in session:  # the session is only read after a save
        return response
    saved = session.get(SESSION_KEY) or {}
    body = response.get_data()
    marker = NOTICE_MARKER.encode()
    if saved.get("token") != token or marker not in body:
        return response
    session.pop(SESSION_KEY, None)
    lang = "en" if request.args.get("lang") == "en" else "zh"
    labels = {f.name: f.header(lang) for f in FIELDS.get(saved.get("collection"), ())}
    fragment = render_template("_saved_note.html", saved=saved, labels=labels,
                               history_url=url_for("history.record",
                                                   collection=saved.get("collection"),
                                                   id=saved.get("id"), lang=lang))
    response.set_data(body.replace(marker, fragment.encode("utf-8"), 1))
    response.headers["Cache-Control"] = "no-store"
    response.headers.pop("ETag", None)
    response.vary.add("Cookie")
    return response
