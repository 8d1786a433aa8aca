"""``/import``: an editor imports parks, sites, enterprises or targets from a spreadsheet or a
geo file in the browser, in the steps of the import engine (:mod:`geo_layout.data.imports`):
upload, map the columns, a dry run naming every problem by row and column, apply as ONE batch
(all or nothing, or only the valid rows), and a page for the batch that can revert it.

- ``GET/POST /import``: the form and the upload (refused files say why, nothing kept);
- ``GET /import/<upload>``: which column holds which field, the coordinates' system;
- ``POST /import/<upload>/check``: the dry run; ``POST /import/<upload>/apply``: the batch;
- ``GET /import/batch/<batch>``, ``POST /import/batch/<batch>/revert``: the batch, undone;
- ``GET /import/template/<collection>.xlsx``: the template workbook (for anyone).

Every step but the template is for an editor of the plan (:func:`.auth.require_editor`,
which checks the CSRF token of each POST); pages carry the session's token, so they are built
for their user alone and never cached. The file waits between the steps on the server
(:mod:`.import_uploads`) under a random id that only its uploader can use; the mapping and
the choices travel in the forms and are checked again at every step (the dry run is run again
before the batch is written: the client's word is never taken for it).
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import (Blueprint, Response, current_app, make_response, redirect, render_template,
                   request, session, url_for)

from ..data import crs as crs_module
from ..data import imports
from ..data.import_read import MAX_BYTES, Table, read_table
from ..data.import_template import template_fields, template_xlsx
from ..data.provenance import MAX_REFERENCE_CHARS, SOURCE_KINDS
from ..errors import (BadRequest, Conflict, GeoLayoutError, ImportRefused, ImportTooLarge,
                      InvalidParameter,
                      InvalidRecord, NotFound, PreconditionFailed, ReadOnly)
from . import change_form, params
from .auth import require_editor, sign_in_first
from .history import record_page
from .i18n import t
from .import_uploads import UploadFolder
from .ogc_write import rate_limit
from .plans import current_plan_id, plan_root, plans
from .state import current_store

bp = Blueprint("imports", __name__)

#: The request body of an upload may hold the largest file the engine reads, and the form.
MAX_UPLOAD_BODY = MAX_BYTES + 256 * 1024
MAX_COMMENT_CHARS = 2000
#: The dry run shows at most this many issues (the counts cover all).
MAX_SHOWN_ISSUES = 1000
PREVIEW_ROWS = 5
MAX_PREVIEW_CHARS = 80
SESSION_KEY = "imports"
PER_SESSION = 5
BATCH = re.compile(r"^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$")
GEOMETRY_TARGETS = ("lon", "lat", "wkt")


# --- the request ---------------------------------------------------------------------------

def _folder() -> UploadFolder:
    root = current_app.config.get("IMPORT_FOLDER") or str(
        Path(current_app.instance_path) / "imports")
    return UploadFolder(root)


def _editor():
    """The user, an editor of this plan's data (which must be in a database)."""
    store = current_store()
    if not store.editable:
        raise ReadOnly(key="imports.read_only")
    return require_editor(current_plan_id())


def _collection(value: str | None) -> str:
    if value not in imports.IMPORTABLE:
        raise InvalidParameter(key="error.one_of", name="collection", got=str(value)[:80],
                               allowed=", ".join(imports.IMPORTABLE))
    return value


def _private(html: str, status: int = 200) -> Response:
    """A page built for its user alone (it carries their CSRF token): never stored."""
    response = make_response(html, status)
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("Cookie")
    return response


def _upload(uid: str, user):
    """The upload ``uid`` of this user and plan, opened by this session; NotFound else."""
    if uid not in session.get(SESSION_KEY, []):
        raise NotFound(key="imports.upload_gone")
    return _folder().find(uid, user=user.name, plan=current_plan_id())


def _refusal(exc: GeoLayoutError, lang: str) -> str:
    """What is wrong, in the page's language (the English description where the catalogue
    has no words for the detail)."""
    return exc.text(lang) or exc.description


def _file_refusal(exc: ImportRefused, lang: str) -> str:
    return t("imports.refused_file", lang, detail=_refusal(exc, lang))


# --- the steps -----------------------------------------------------------------------------

def _targets(collection: str, lang: str) -> list[tuple[str, str]]:
    """(value, label) of what a column can be: nothing, a field, or a coordinate."""
    out = [("", t("imports.not_used", lang)),
           ("lon", t("imports.target_lon", lang)), ("lat", t("imports.target_lat", lang)),
           ("wkt", t("imports.target_wkt", lang))]
    out += [(f.name, f"{f.header(lang)} ({f.name})") for f in template_fields(collection)
            if f.name not in ("lon", "lat")]
    return out


def _guessed(table: Table, mapping: imports.Mapping) -> list[str]:
    """What each column maps to (a target value of :func:`_targets`), in column order; a
    header the file repeats maps only once."""
    out = []
    for header in table.header:
        if header == mapping.lon:
            target = "lon"
        elif header == mapping.lat:
            target = "lat"
        elif header == mapping.wkt:
            target = "wkt"
        else:
            target = mapping.columns.get(header, "")
        out.append("" if target in out else target)
    return out


def _submitted(table: Table, collection: str) -> imports.Mapping:
    """The form's choices as far as they are valid (to show them again with what is wrong):
    a mapping of no column, with the form's coordinate system and swap."""
    crs = request.form.get("crs", "wgs84")
    return imports.Mapping(crs=crs if crs in crs_module.SYSTEMS else "wgs84",
                           swap=request.form.get("swap") == "1")


def _form_mapping(table: Table, collection: str) -> tuple[imports.Mapping, list[str]]:
    """The mapping the form says (``col-<i>`` for each column, ``crs``, ``swap``), checked:
    every value one of the targets, each field and coordinate at most once."""
    allowed = {value for value, _ in _targets(collection, "en")}
    chosen = []
    for i, header in enumerate(table.header):
        value = request.form.get(f"col-{i}", "")
        if value not in allowed:
            raise InvalidParameter(key="imports.bad_target", column=header[:80],
                                   got=value[:80])
        chosen.append(value)
    taken = [v for v in chosen if v]
    twice = sorted({v for v in taken if taken.count(v) > 1})
    if twice:
        raise InvalidParameter(key="imports.twice", fields=", ".join(twice))
    crs = request.form.get("crs", "wgs84")
    if crs not in crs_module.SYSTEMS:
        raise InvalidParameter(key="error.one_of", name="crs", got=crs[:20],
                               allowed=", ".join(crs_module.SYSTEMS))
    overrides: dict[str, str] = {}
    for header, value in zip(table.header, chosen):  # a repeated header: its first column
        if not overrides.get(header):
            overrides[header] = value
    mapping = imports.Mapping.guess(table, collection, crs=crs, overrides=overrides,
                                    swap=request.form.get("swap") == "1")
    return mapping, chosen


def _table(upload) -> Table:
    return read_table(upload.data(), upload.filename)


def _preview(table: Table) -> list[list[str]]:
    rows = []
    for row in table.rows[:PREVIEW_ROWS]:
        cells = ["" if v is None else str(v) for v in row.values]
        rows.append([c if len(c) <= MAX_PREVIEW_CHARS else c[:MAX_PREVIEW_CHARS] + "…"
                     for c in cells])
    return rows


def _issues(report: imports.Report, lang: str) -> list[dict]:
    ordered = sorted(report.issues, key=lambda i: (i.row, not i.blocking, i.column))
    return [{"row": i.row, "column": i.column, "message": i.message, "blocking": i.blocking,
             "where": imports.Report.where(i, lang)} for i in ordered[:MAX_SHOWN_ISSUES]]


def _context(upload, table: Table, collection: str, lang: str, chosen: list[str],
             mapping: imports.Mapping) -> dict:
    return {"upload": upload, "collection": collection, "table": table,
            "columns": list(enumerate(zip(table.header, chosen))),
            "targets": _targets(collection, lang), "crs": mapping.crs, "swap": mapping.swap,
            "systems": crs_module.SYSTEMS, "preview": _preview(table),
            "step_urls": {"check": url_for("imports.check", uid=upload.id, lang=lang),
                          "apply": url_for("imports.apply_upload", uid=upload.id, lang=lang),
                          "mapping": url_for("imports.mapping", uid=upload.id, lang=lang),
                          "start": url_for("imports.index", lang=lang,
                                           collection=collection)}}


def _dry_run_page(upload, table, mapping, chosen, lang: str, *, error: str = "",
                  status: int = 200, source: dict | None = None) -> Response:
    store = current_store()
    report = imports.dry_run(store, upload.collection, table, mapping, lang=lang)
    context = _context(upload, table, upload.collection, lang, chosen, mapping)
    context.update(
        report=report, issues=_issues(report, lang), error=error,
        more_issues=max(0, len(report.issues) - MAX_SHOWN_ISSUES),
        summary=imports.say("summary", lang, rows=report.rows, empty=report.empty_rows,
                            valid=len(report.valid_rows), creates=report.creates,
                            updates=report.updates, bad=len(report.bad_rows),
                            warnings=len(report.warnings)),
        source_kinds=SOURCE_KINDS, max_reference=MAX_REFERENCE_CHARS,
        max_comment=MAX_COMMENT_CHARS,
        source=source or {"kind": "import", "reference": upload.filename, "comment": "",
                          "only_valid": False})
    return _private(render_template("import_check.html", **context), status)


# --- the routes ----------------------------------------------------------------------------

@bp.get("/import")
def index():
    lang = params.lang()
    gone = sign_in_first()
    if gone is not None:
        return gone
    user = _editor()
    return _form_page(user, lang, _collection(request.args.get("collection") or "parks"))


def _form_page(user, lang: str, collection: str, error: str = "",
               status: int = 200) -> Response:
    store = current_store()
    mine = [{"title": h.store.plan().title.get(lang), "current": pid == current_plan_id(),
             "url": _plan_import_url(pid, lang)}
            for pid, h in plans().holders.items() if user.may_edit(pid) and h.store.editable]
    html = render_template(
        "import.html", collection=collection, collections=imports.IMPORTABLE, error=error,
        max_mb=MAX_BYTES // 2**20, my_plans=mine if len(mine) > 1 else [],
        plan_title=store.plan().title.get(lang),
        templates=[(c, url_for("imports.template", collection=c, lang=lang))
                   for c in imports.IMPORTABLE])
    return _private(html, status)


def _plan_import_url(plan_id: str, lang: str) -> str:
    return f"{plan_root(plan_id)}/import?lang={lang}"


@bp.before_app_request
def _upload_size() -> None:
    """An upload may be larger than any other request (the app's cap is for GETs' and the
    API's small bodies): only this route's."""
    if request.endpoint == "imports.upload":
        request.max_content_length = MAX_UPLOAD_BODY


@bp.post("/import")
def upload():
    lang = params.lang()
    if (request.content_length or 0) > MAX_UPLOAD_BODY:  # before the body is read
        raise ImportTooLarge(key="imports.too_large", mb=MAX_BYTES // 2**20)
    user = _editor()
    collection = _collection(request.form.get("collection"))
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        return _form_page(user, lang, collection, t("imports.no_file", lang), 400)
    data = sent.stream.read(MAX_BYTES + 1)
    filename = Path(sent.filename.replace("\\", "/")).name or "upload"
    try:
        read_table(data, filename)  # refuse a bad file now: nothing is kept of it
    except ImportRefused as exc:
        return _form_page(user, lang, collection, _file_refusal(exc, lang), exc.status)
    uid = _folder().save(data, user=user.name, plan=current_plan_id(), collection=collection,
                         filename=filename)
    kept = [u for u in session.get(SESSION_KEY, []) if u != uid][-(PER_SESSION - 1):]
    for old in session.get(SESSION_KEY, []):
        if old not in kept:
            _folder().drop(old)
    session[SESSION_KEY] = kept + [uid]
    return redirect(url_for("imports.mapping", uid=uid, lang=lang), 303)


@bp.get("/import/<uid>")
def mapping(uid: str):
    lang = params.lang()
    user = _editor()
    up = _upload(uid, user)
    table = _table(up)
    guess = imports.Mapping.guess(table, up.collection)
    return _mapping_page(up, table, lang, _guessed(table, guess), guess)


def _mapping_page(up, table: Table, lang: str, chosen: list[str], mapping: imports.Mapping,
                  error: str = "", status: int = 200) -> Response:
    context = _context(up, table, up.collection, lang, chosen, mapping)
    return _private(render_template("import_mapping.html", error=error, **context), status)


def _mapping_or_page(up, table: Table, lang: str):
    """(mapping, chosen, None) from the form, or (None, None, the columns step again with
    what is wrong: 400)."""
    try:
        mapping, chosen = _form_mapping(table, up.collection)
    except InvalidParameter as exc:
        allowed = {value for value, _ in _targets(up.collection, "en")}
        chosen = [v if v in allowed else "" for v in
                  (request.form.get(f"col-{i}", "") for i in range(len(table.header)))]
        return None, None, _mapping_page(up, table, lang, chosen,
                                         _submitted(table, up.collection),
                                         error=_refusal(exc, lang), status=400)
    return mapping, chosen, None


@bp.post("/import/<uid>/check")
def check(uid: str):
    lang = params.lang()
    user = _editor()
    up = _upload(uid, user)
    table = _table(up)
    mapping, chosen, refused = _mapping_or_page(up, table, lang)
    if refused is not None:
        return refused
    return _dry_run_page(up, table, mapping, chosen, lang)


@bp.post("/import/<uid>/apply")
def apply_upload(uid: str):
    lang = params.lang()
    user = _editor()
    up = _upload(uid, user)
    table = _table(up)
    mapping, chosen, refused = _mapping_or_page(up, table, lang)
    if refused is not None:
        return refused
    only_valid = request.form.get("only_valid") == "1"
    comment = request.form.get("comment", "").strip()
    form_source = {"kind": request.form.get("source_kind", ""),
                   "reference": request.form.get("source_reference", "").strip(),
                   "comment": comment[:MAX_COMMENT_CHARS], "only_valid": only_valid}
    try:
        if len(comment) > MAX_COMMENT_CHARS:
            raise InvalidParameter(key="error.too_long", name="comment", cap=MAX_COMMENT_CHARS)
        source = change_form.form_source("imports.need_source")
        store = current_store()
        report = imports.dry_run(store, up.collection, table, mapping, lang=lang)
        if report.problems and not only_valid:  # all or nothing: the page lists the problems
            return _dry_run_page(up, table, mapping, chosen, lang, status=400,
                                 error=t("imports.nothing_written", lang), source=form_source)
        rate_limit(user.name)
        result = imports.apply(store, up.collection, table, mapping, author=user.name,
                               source=source, comment=comment, only_valid=only_valid,
                               lang=lang, report=report)
    except InvalidRecord:  # no valid row, or the data changed since the dry run
        return _dry_run_page(up, table, mapping, chosen, lang, status=400,
                             error=t("imports.no_valid_rows", lang), source=form_source)
    except (BadRequest, Conflict, PreconditionFailed) as exc:
        return _dry_run_page(up, table, mapping, chosen, lang, error=_refusal(exc, lang),
                             status=exc.status, source=form_source)
    _folder().drop(up.id)
    session[SESSION_KEY] = [u for u in session.get(SESSION_KEY, []) if u != up.id]
    skipped = ",".join(str(n) for n in result.skipped_rows[:200])
    return redirect(url_for("imports.batch", batch=result.batch, lang=lang,
                            skipped=skipped or None), 303)


def _batch_id(batch: str) -> str:
    if not BATCH.match(batch):
        raise NotFound(key="imports.no_batch", batch=batch[:40])
    return batch


@bp.get("/import/batch/<batch>")
def batch(batch: str):
    lang = params.lang()
    _editor()
    return _batch_page(_batch_id(batch), lang)


def _batch_page(batch: str, lang: str, error: str = "", status: int = 200) -> Response:
    """What batch ``batch`` did (its records, the rows it skipped), with its revert form; a
    batch that reverted another says so and links it (its own revert redoes the import)."""
    store = current_store()
    revisions = store.history(batch=batch, limit=None)
    if not revisions:
        raise NotFound(key="imports.no_batch", batch=batch)
    skipped = [int(n) for n in request.args.get("skipped", "").split(",")
               if n.isdigit() and len(n) < 10][:200]
    records = [{"id": r.record_id, "action": r.action,
                "url": record_page(store, r.collection, r.record_id, lang)}
               for r in sorted(revisions, key=lambda r: r.seq)]
    first = revisions[-1]
    reverted = next((r.reverts for r in revisions if r.reverts is not None), None)
    undoes = store.revision_of(reverted).batch if reverted is not None else None
    html = render_template(
        "import_batch.html", batch=batch, records=records, collection=first.collection,
        undoes=undoes, undoes_url=url_for("imports.batch", batch=undoes, lang=lang)
        if undoes else None,
        author=first.author, comment=first.comment, skipped=skipped, error=error,
        history_url=url_for("history.index", batch=batch, lang=lang),
        revert_url=url_for("imports.revert", batch=batch, lang=lang),
        again_url=url_for("imports.index", collection=first.collection, lang=lang),
        source_kinds=SOURCE_KINDS, max_reference=MAX_REFERENCE_CHARS,
        max_comment=MAX_COMMENT_CHARS)
    return _private(html, status)


@bp.post("/import/batch/<batch>/revert")
def revert(batch: str):
    lang = params.lang()
    user = _editor()
    _batch_id(batch)
    comment = request.form.get("comment", "").strip()
    try:
        if len(comment) > MAX_COMMENT_CHARS:
            raise InvalidParameter(key="error.too_long", name="comment", cap=MAX_COMMENT_CHARS)
        source = change_form.form_source("imports.need_source")
        rate_limit(user.name)
        # no comment given: the history says what this is in the page's language
        done = current_store().revert_batch(
            batch, author=user.name, source=source,
            comment=comment or t("imports.revert_reference", lang, batch=batch))
    except (BadRequest, Conflict) as exc:
        return _batch_page(batch, lang, error=_refusal(exc, lang), status=exc.status)
    return redirect(url_for("imports.batch", batch=done.batch, lang=lang), 303)


@bp.get("/import/template/<collection>.xlsx")
def template(collection: str):
    """The template workbook of ``collection`` (headers in the page's language first): the
    same for everyone, so cached like any download."""
    lang = params.lang()
    if collection not in imports.IMPORTABLE:
        raise NotFound(key="error.unknown_collection", got=collection[:80],
                       allowed=", ".join(imports.IMPORTABLE))
    response = make_response(template_xlsx(collection, lang))
    response.headers["Content-Type"] = ("application/vnd.openxmlformats-officedocument."
                                        "spreadsheetml.sheet")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="import-template-{collection}-{lang}.xlsx"')
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
