"""The photo of a park or site: its edit page for the plan's editors, the image itself, and
what the record's page shows of it.

- ``GET /edit/<collection>/<id>/photo``: the current photo and the forms to upload a new one
  or remove it (a page for its editor alone: it carries the session's CSRF token, so it is
  never cached for others);
- ``POST /edit/<collection>/<id>/photo``: upload (``photo``) or remove (``remove=1``), with a
  source, and ``expected``: the sha256 of the photo the form showed (``none``: no photo), or
  an ``If-Match`` header with it; a form older than the photo gets 412 and the page again;
- ``GET /photos/<collection>/<id>``: the photo (ETag its sha256, revalidated every time);
- ``GET /photos/<collection>/<id>/<sha256>``: the same bytes at a URL that never changes
  meaning, cached for a year (the record pages link this one).

Checking the photo is :mod:`geo_layout.data.photos`' job; storing it as a revision is the
store's (:meth:`Store.set_photo`). A photo change is a new revision of the plan, so the record
pages, cached per data version, are built again with the new photo.
"""

from __future__ import annotations

from flask import (Blueprint, Response, make_response, redirect, render_template, request,
                   url_for)
from werkzeug.exceptions import RequestEntityTooLarge

from ..data.photos import MAX_UPLOAD_BYTES, PHOTO_COLLECTIONS, process
from ..data.provenance import MAX_REFERENCE_CHARS, SOURCE_KINDS
from ..errors import (BadRequest, Conflict, InvalidParameter, NotFound, PhotoTooLarge,
                      PreconditionFailed)
from . import params
from .auth import require_editor, sign_in_first
from .change_form import form_source
from .history import MAX_COMMENT_CHARS, source_text, when
from .i18n import t
from .ogc_write import rate_limit
from .plans import current_plan_id
from .state import current_store

bp = Blueprint("photos", __name__)

NO_PHOTO = "none"
#: the request body an upload may have: the photo and the form's other fields
MAX_BODY = MAX_UPLOAD_BYTES + 256 * 1024
IMMUTABLE = "public, max-age=31536000, immutable"
PRIVATE = "private, no-store"


def _record(store, collection: str, fid: str):
    """The record whose photo is asked for (NotFound for another collection or no record)."""
    if collection not in PHOTO_COLLECTIONS:
        raise NotFound(key="photo.error.no_photos", collection=collection[:40])
    return store.get(collection, fid)


# --- the image -------------------------------------------------------------------------------

@bp.get("/photos/<collection>/<id>")
def image(collection: str, id: str):  # noqa: A002 - the route parameter's public name
    return _image(collection, id, None)


@bp.get("/photos/<collection>/<id>/<sha>")
def versioned(collection: str, id: str, sha: str):  # noqa: A002
    return _image(collection, id, sha)


def _image(collection: str, fid: str, sha: str | None) -> Response:
    store = current_store()
    _record(store, collection, fid)
    info = store.photo(collection, fid)
    if info is None or (sha is not None and sha != info.sha256):
        raise NotFound(key="photo.error.none", id=fid[:80])
    cache = IMMUTABLE if sha is not None else "no-cache"
    if request.if_none_match and request.if_none_match.contains(info.sha256):
        response = Response(status=304)
    else:
        photo = store.photo(collection, fid, with_data=True)
        if photo is None or photo.sha256 != info.sha256:  # changed in between: ask again
            raise NotFound(key="photo.error.none", id=fid[:80])
        response = Response(photo.data, mimetype=photo.content_type)
        response.headers["Content-Disposition"] = f'inline; filename="{collection}-photo.jpg"'
    response.set_etag(info.sha256)
    response.headers["Cache-Control"] = cache
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- on the record's page --------------------------------------------------------------------

def photo_view(store, feature, lang: str) -> dict | None:
    """What a park's or site's page shows of its photo (None: it has none). Data, not the
    reader's: fine in the cached page (a photo change moves the data version)."""
    if feature.collection not in PHOTO_COLLECTIONS:
        return None
    photo = store.photo(feature.collection, feature.id)
    if photo is None:
        return None
    return {"url": url_for("photos.versioned", collection=feature.collection, id=feature.id,
                           sha=photo.sha256),
            "alt": t("photo.of", lang, name=feature.name(lang)),
            "width": photo.width, "height": photo.height,
            "caption": t("photo.caption", lang, source=source_text(photo.source, lang)),
            "details": t("photo.details", lang, width=photo.width, height=photo.height,
                         author=photo.author, at=when(photo.at))}


# --- the edit page ---------------------------------------------------------------------------

@bp.get("/edit/<collection>/<id>/photo")
def edit(collection: str, id: str):  # noqa: A002
    lang = params.lang()
    store = current_store()
    _record(store, collection, id)
    gone = sign_in_first()
    if gone is not None:
        return gone
    require_editor(current_plan_id())
    return _page(store, collection, id, lang)


@bp.post("/edit/<collection>/<id>/photo")
def save(collection: str, id: str):  # noqa: A002
    request.max_content_length = MAX_BODY  # before anything reads the form (the CSRF check)
    lang = params.lang()
    store = current_store()
    _record(store, collection, id)
    try:
        user = require_editor(current_plan_id())
    except RequestEntityTooLarge:
        raise PhotoTooLarge(key="photo.error.too_big",
                            mb=MAX_UPLOAD_BYTES // (1024 * 1024)) from None
    rate_limit(user.name)
    try:
        source = form_source("photo.error.need_source")
        comment = request.form.get("comment", "").strip()
        if len(comment) > MAX_COMMENT_CHARS:
            raise InvalidParameter(key="error.too_long", name="comment", cap=MAX_COMMENT_CHARS)
        expected = request.form.get("expected") or request.headers.get("If-Match", "")
        expected = expected.strip().removeprefix("W/").strip('"')
        photo = None
        if not request.form.get("remove"):
            upload = request.files.get("photo")
            photo = process(upload.read(MAX_UPLOAD_BYTES + 1) if upload else b"")
        change = store.set_photo(collection, id, photo, expected=expected, author=user.name,
                                 source=source, comment=comment)
    except (BadRequest, Conflict, PreconditionFailed, NotFound) as refused:
        stale = isinstance(refused, PreconditionFailed)
        error = t("photo.stale", lang) if stale else (
            refused.text(lang) or t("photo.refused", lang))
        return _page(current_store(), collection, id, lang, error=error,
                     status=refused.status)
    response = redirect(url_for("pages.place", id=id, lang=lang), 303)
    response.headers["X-Revision"] = str(change.revision.seq)
    return response


def _page(store, collection: str, fid: str, lang: str, error: str | None = None,
          status: int = 200) -> Response:
    """The edit page, for this editor alone (never cached: it carries their CSRF token)."""
    feature = _record(store, collection, fid)
    photo = photo_view(store, feature, lang)
    current = store.photo(collection, fid)
    body = render_template(
        "photo_edit.html", name=feature.name(lang), collection=collection, id=fid,
        photo=photo, expected=current.sha256 if current else NO_PHOTO, error=error,
        back_url=url_for("pages.place", id=fid, lang=lang),
        action=url_for("photos.save", collection=collection, id=fid, lang=lang),
        source_kinds=SOURCE_KINDS, max_reference=MAX_REFERENCE_CHARS,
        max_comment=MAX_COMMENT_CHARS, form=request.form if request.method == "POST" else {})
    response = make_response(body, status)
    response.headers["Cache-Control"] = PRIVATE
    response.vary.add("Cookie")
    return response
