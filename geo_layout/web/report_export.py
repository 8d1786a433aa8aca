"""``/export/progress.docx`` and ``/export/progress.pdf``: the review report a department
submits (see geo_layout/reports), in ``?lang=zh|en``, with the data as it was on
``?as_of=YYYY-MM-DD``.

Built once per data version, query and day (the report prints the day it was made) and kept
like the other exports; drawing it waits for a place in the export queue, as a map does."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app

from ..reports.build import MEDIA_TYPES, report_filename, review_report
from . import params
from .as_of import requested_date, requested_store
from .caching import conditional
from .exports import approval_number

bp = Blueprint("report_export", __name__, url_prefix="/export")


@bp.get("/progress.docx", defaults={"fmt": "docx"})
@bp.get("/progress.pdf", defaults={"fmt": "pdf"})
def progress_report(fmt: str):
    lang = params.lang()
    as_of = requested_date()  # a bad day is a 400 before anything is built or cached
    today = date.today()

    def build() -> Response:
        store = requested_store()  # only on a cache miss: a past day is rebuilt from history
        with current_app.extensions["geo_layout.export_queue"].slot():
            body = review_report(store, fmt, lang, as_of, today, approval=approval_number())
        name = report_filename(store, fmt, lang, as_of)
        return Response(body, headers={"Content-Type": MEDIA_TYPES[fmt],
                                       "Content-Disposition": f'attachment; filename="{name}"'})

    return conditional(build, variant=today.isoformat())
