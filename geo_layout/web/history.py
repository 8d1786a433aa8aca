"""The history of a plan's data: every change is a revision (who, when, which record, before
and after, the source, a comment), kept by the store (``Store.history``); this module only
shows it and hands a revert to the store.

- ``/history``: the plan's latest revisions, newest first, filtered by ``collection``, ``id``,
  ``author``, ``since`` (YYYY-MM-DD, UTC) and paged by ``before=<seq>``;
- ``/history/<collection>/<id>``: one record's revisions;
- ``/api/history``: the same as JSON (checked against the operation table of :mod:`.openapi`);
- ``POST /history/<seq>/revert``: an editor of the plan undoes a revision with a new one.

Caching and the CSRF token: pages are cached once for everyone (:mod:`.caching`), so the
revert forms (which carry the session's CSRF token) are never part of a cached page. A page
asked for by someone who may edit the plan is built for them alone, outside the render cache,
``Cache-Control: private, no-cache``; everyone else gets the shared, cached page, which has no
form. The server refuses a revert from anyone else whatever the page showed
(:func:`.auth.require_editor`, which also checks the CSRF token of a browser session).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timezone

from flask import (Blueprint, Response, has_request_context, make_response, redirect,
                   render_template, request, url_for)

from ..data.changes import ABSENT, field_changes
from ..data.fields import FIELDS
from ..data.features import PLACE_COLLECTIONS, WRITABLE_COLLECTIONS
from ..data.photos import PHOTO_ACTIONS
from ..data.provenance import MAX_REFERENCE_CHARS, SOURCE_KINDS
from ..data.writers import columns
from ..errors import (BadRequest, Conflict, GeoLayoutError, InvalidParameter, NotFound,
                      ReadOnly)
from . import links, openapi, params
from .auth import current_user, require_editor
from .change_form import form_source
from .caching import conditional
from .i18n import ENUMS, label, t
from .ogc_write import rate_limit
from .plans import current_plan_id
from .state import current_store

bp = Blueprint("history", __name__)

PAGE_SIZE = 50
MAX_ID_CHARS = 120       # the revisions table's record_id
MAX_AUTHOR_CHARS = 80    # and author
MAX_BATCH_CHARS = 40     # and batch
MAX_COMMENT_CHARS = 2000
#: a value longer than this is cut in the field-by-field table (the JSON has it whole)
MAX_VALUE_CHARS = 300
PRIVATE = "private, no-cache"


@dataclass(frozen=True)
class Filters:
    collection: str | None = None
    fid: str | None = None
    author: str | None = None
    since: datetime | None = None
    before: int | None = None
    batch: str | None = None   # one import's changes (linked from /import/batch/<batch>)

    def query(self, limit: int) -> dict:
        return {"collection": self.collection, "fid": self.fid, "author": self.author,
                "since": self.since, "before": self.before, "limit": limit,
                "batch": self.batch}


# --- the request -------------------------------------------------------------------------------

def _text_arg(name: str, cap: int) -> str | None:
    value = request.args.get(name, "").strip()
    if len(value) > cap:
        raise InvalidParameter(key="error.too_long", name=name, cap=cap)
    return value or None


def _before() -> int | None:
    return params.integer("before", request.args.get("before"), low=1, high=params.MAX_SEQ)


def _page_filters() -> Filters:
    """The list page's filters (its form sends empty fields: an empty one means "any")."""
    collection = request.args.get("collection") or None
    if collection is not None and collection not in WRITABLE_COLLECTIONS:
        raise InvalidParameter(key="error.one_of", name="collection", got=collection[:80],
                               allowed=", ".join(WRITABLE_COLLECTIONS))
    return Filters(collection, _text_arg("id", MAX_ID_CHARS),
                   _text_arg("author", MAX_AUTHOR_CHARS),
                   params.day("since", request.args.get("since")), _before(),
                   _text_arg("batch", MAX_BATCH_CHARS))


def _known_collection(collection: str) -> str:
    if collection not in WRITABLE_COLLECTIONS:
        raise NotFound(key="history.no_collection", got=collection[:80],
                       allowed=", ".join(WRITABLE_COLLECTIONS))
    return collection


def _may_revert(store) -> bool:
    """Whether this request's user may edit this plan (then the page carries revert forms)."""
    if not store.editable:
        return False
    user = current_user()
    return user is not None and user.may_edit(current_plan_id())


# --- what a page shows -----------------------------------------------------------------------

def record_page(store, collection: str, fid: str, lang: str) -> str | None:
    """The page showing record ``fid`` (None when it has none, or no longer exists)."""
    try:
        store.get(collection, fid)
    except NotFound:
        return None
    if collection in PLACE_COLLECTIONS:
        return url_for("pages.place", id=fid, lang=lang)
    if collection == "layout-elements":
        return url_for("pages.element", id=fid, lang=lang)
    if collection == "targets":
        return url_for("pages.targets", lang=lang, _anchor=f"target-{fid}")
    if collection == "target-values":  # a value is shown in its target's row of /progress
        target = store.get(collection, fid).properties["target"]
        return url_for("progress.page", lang=lang, _anchor=f"progress-{target}")
    return None  # enterprises: listed on their elements' pages, no page of their own


def _record_name(store, collection: str, fid: str, body: dict | None, lang: str) -> str:
    try:
        return store.get(collection, fid).name(lang)
    except NotFound:
        pass
    name = (body or {}).get("name")
    if isinstance(name, dict):
        name = name.get(lang) or name.get("zh") or name.get("en")
    return name if isinstance(name, str) and name else fid


def source_text(source: dict, lang: str) -> str:
    """"kind: reference", the kind in words."""
    kind = source.get("kind", "")
    kind_text = label("source_kind", kind, lang) if kind in SOURCE_KINDS else kind
    return f"{kind_text}{': ' if lang == 'en' else '：'}{source.get('reference', '')}"


def when(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _value(value, codes: str | None = None, lang: str = "zh") -> str | None:
    """A stored value as the change table shows it; a code with its label first
    ("具体地点 (site)"): the page's words, and the value exactly as stored."""
    if value is ABSENT:
        return None
    if codes and isinstance(value, str) and value in ENUMS.get(codes, {}):
        return f"{label(codes, value, lang)} ({value})"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"


@lru_cache(maxsize=32)
def _field_codes(collection: str) -> dict[str, str]:
    """The code list (an ``ENUMS`` key) of each of a collection's fields that has one."""
    return {f.name: f.codes for f in FIELDS.get(collection, ()) if f.codes}


@lru_cache(maxsize=32)
def _field_names(collection: str, lang: str) -> dict[str, str]:
    """A collection's fields in words (the headers of its CSV columns, as the data page's
    dictionary has them), so the change table names them in the page's language."""
    try:
        return {c.key: c.header(lang) for c in columns(collection) if c.part == "value"}
    except (KeyError, ValueError):
        return {}


def _entry(store, r, lang: str, latest: bool) -> dict:
    body = r.after if r.after is not None else r.before
    names = _field_names(r.collection, lang)
    codes = _field_codes(r.collection)
    history = url_for("history.record", collection=r.collection, id=r.record_id, lang=lang)
    return {
        "seq": r.seq, "at": when(r.at), "at_iso": r.at.isoformat(timespec="seconds"),
        "author": r.author, "action": r.action,
        "action_label": label("revision_action", r.action, lang),
        "collection": r.collection, "id": r.record_id,
        "name": _record_name(store, r.collection, r.record_id, body, lang),
        "url": record_page(store, r.collection, r.record_id, lang),
        "history_url": history, "source": source_text(r.source, lang), "comment": r.comment,
        "reverts": r.reverts, "reverts_url": f"{history}#revision-{r.reverts}"
        if r.reverts else None,
        "created": r.before is None, "deleted": r.after is None,
        "changes": [(c.field, names.get(c.field, ""),
                     _value(c.before, codes.get(c.field), lang),
                     _value(c.after, codes.get(c.field), lang))
                    for c in field_changes(r.before, r.after)],
        "latest": latest,
    }


def _latest_flags(store, revisions) -> list[bool]:
    """Which revisions look like their record's latest change (their revert form is shown;
    the store decides): the first of their record on the page, and the record as they left
    it (at their version, or absent after a delete)."""
    seen, out = set(), []
    for r in revisions:
        if r.action in PHOTO_ACTIONS:  # undone on the photo page, not here
            out.append(False)
            continue
        key = (r.collection, r.record_id)
        first = key not in seen
        seen.add(key)
        try:
            now = store.record_version(r.collection, r.record_id)
        except NotFound:
            now = None
        out.append(first and (now == r.version if r.after is not None else now is None))
    return out


def _older_url(before: int) -> str:
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "before"]
    return links.here(args + [("before", str(before))])


def _context(store, lang: str, filters: Filters, record: tuple[str, str] | None,
             editor: bool) -> dict:
    out = {"read_only": not store.editable, "record": None, "entries": [], "older": None,
           "filters": filters, "editor": editor, "collections": WRITABLE_COLLECTIONS,
           "source_kinds": SOURCE_KINDS, "max_reference": MAX_REFERENCE_CHARS,
           "max_comment": MAX_COMMENT_CHARS, "error": None, "all_url":
           url_for("history.index", lang=lang)}
    if record is not None:
        collection, fid = record
        out["record"] = {"collection": collection, "id": fid,
                         "name": _record_name(store, collection, fid, None, lang),
                         "url": record_page(store, collection, fid, lang)}
    if not store.editable:
        return out
    revisions = store.history(**filters.query(PAGE_SIZE + 1))
    if len(revisions) > PAGE_SIZE:
        revisions = revisions[:PAGE_SIZE]
        out["older"] = _older_url(revisions[-1].seq)
    flags = _latest_flags(store, revisions) if editor else [False] * len(revisions)
    out["entries"] = [_entry(store, r, lang, latest) for r, latest in zip(revisions, flags)]
    if record is not None and out["entries"]:
        out["record"]["name"] = out["entries"][0]["name"]
    return out


def _page(lang: str, filters: Filters, record=None, error: str | None = None,
          status: int = 200) -> Response:
    """The list or a record's page: shared and cached for readers; built for an editor alone
    (with the revert forms and their CSRF token), never cached."""
    store = current_store()
    editor = _may_revert(store)

    def build():
        context = _context(store, lang, filters, record, editor)
        context["error"] = error
        return render_template("history.html", **context)

    if not editor and error is None:
        return conditional(build)
    response = make_response(build(), status)
    response.headers["Cache-Control"] = "no-store" if status >= 400 else PRIVATE
    response.vary.add("Cookie")
    return response


# --- the routes --------------------------------------------------------------------------------

@bp.get("/history")
def index():
    lang = params.lang()
    return _page(lang, _page_filters())


@bp.get("/history/<collection>/<id>")
def record(collection: str, id: str):  # noqa: A002 - the route parameter's public name
    lang = params.lang()
    _known_collection(collection)
    if len(id) > MAX_ID_CHARS:
        raise NotFound(key="error.no_record", collection=collection, id=id[:80],
                       noun=collection)
    store = current_store()
    try:
        store.get(collection, id)
    except NotFound:
        if not store.history(collection, id, limit=1):  # never was, and no trace of it
            raise
    return _page(lang, Filters(collection, id, before=_before()), record=(collection, id))


@bp.get("/api/history")
def api():
    op = openapi.operation("api-history")
    values = openapi.parse(op, request.args, {})
    store = current_store()

    def build():
        if not store.editable:
            return {"revisions": [], "next": None}
        limit = values["limit"]
        filters = Filters(values["collection"], values["id"], values["author"],
                          values["since"], values["before"])
        revisions = store.history(**filters.query(limit + 1))
        following = None
        if len(revisions) > limit:
            revisions = revisions[:limit]
            args = [(k, v) for k, v in request.args.items(multi=True) if k != "before"]
            following = links.here(args + [("before", str(revisions[-1].seq))])
            following = request.host_url.rstrip("/") + following
        return {"revisions": [r.as_dict() for r in revisions], "next": following}

    return conditional(build)


@bp.post("/history/<int:seq>/revert")
def revert(seq: int):
    lang = params.lang()
    store = current_store()
    if not store.editable:
        raise ReadOnly(key="history.read_only_revert")
    user = require_editor(current_plan_id())
    rate_limit(user.name)  # a revert is a write like any other
    target = store.revision_of(seq)  # NotFound: no such revision in this plan
    try:
        source = form_source("history.need_source")
        comment = request.form.get("comment", "").strip()
        if len(comment) > MAX_COMMENT_CHARS:
            raise InvalidParameter(key="error.too_long", name="comment", cap=MAX_COMMENT_CHARS)
        store.revert(seq, author=user.name, source=source, comment=comment)
    except (Conflict, BadRequest) as refused:
        return _page(lang, Filters(target.collection, target.record_id),
                     record=(target.collection, target.record_id),
                     error=_refusal(refused, lang), status=refused.status)
    return redirect(url_for("history.record", collection=target.collection,
                            id=target.record_id, lang=lang), 303)


def _refusal(refused: GeoLayoutError, lang: str) -> str:
    """Why a revert was refused, in the page's language (the store's own words in English;
    a general one in Chinese where the catalogue has no words for the detail)."""
    text = refused.text(lang)
    if text:
        return text
    return t("history.refused_conflict" if isinstance(refused, Conflict)
             else "history.refused_form", lang)


# --- the record pages' "last changed" line ------------------------------------------------------

def last_change(store, collection: str, fid: str, lang: str) -> dict | None:
    """What a record's page says of its history (database only; None for a seeds folder):
    its latest revision (when, who, the source) or that it is as the plan has it, and the
    link to its history. Data, not the reader's: fine in a cached page (the data version
    keys it)."""
    if not store.editable:
        return None
    latest = store.history(collection, fid, limit=1)
    out = {"url": url_for("history.record", collection=collection, id=fid, lang=lang),
           "at": None}
    if latest:
        r = latest[0]
        out.update(at=when(r.at), at_iso=r.at.isoformat(timespec="seconds"), author=r.author,
                   source=source_text(r.source, lang))
    return out


@bp.app_context_processor
def _history_chrome() -> dict:
    """Whether the footer links the history (only for data that has one)."""
    if not has_request_context():
        return {}
    return {"history_on": bool(current_store().editable)}
