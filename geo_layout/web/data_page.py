"""``/data``: where the data is. Every collection with its downloads in every format, the API
and OGC links, the field dictionary (the columns the CSV / XLSX writers write, from the same
definition, :mod:`geo_layout.data.fields`) with the labels of every code, and the sources."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from ..data.features import COLLECTIONS
from ..data.fields import COLLECTION_DOCS
from ..data.writers import columns, formats_for
from . import params
from .caching import cached_view
from .i18n import code_labels, t
from .state import current_store

bp = Blueprint("datapage", __name__)
FORMAT_NAMES = {"geojson": "GeoJSON", "csv": "CSV", "xlsx": "XLSX", "gpkg": "GeoPackage",
                "kml": "KML"}


def _dictionary(store, collection: str, lang: str) -> list[dict]:
    codes_of = code_labels(store)
    rows = []
    for col in columns(collection):
        codes = col.field.codes if col.part == "value" else None
        rows.append({"key": col.key, "header": col.header(lang), "about": col.about(lang),
                     "codes": [(code, labels[lang]) for code, labels in codes_of[codes].items()]
                     if codes else []})
    return rows


@bp.get("/data")
@cached_view
def index():
    lang = params.lang()
    store = current_store()
    collections = []
    for c in COLLECTIONS:
        doc = COLLECTION_DOCS[c]
        collections.append({
            "id": c, "title": doc.title(lang), "about": doc.about(lang),
            "count": store.query(c, limit=0).total,
            "downloads": [(FORMAT_NAMES[f], url_for("downloads.download", collection=c, fmt=f,
                                                    lang=lang))
                          for f in formats_for(c)],
            "api": url_for("api.collection_items", collection=c),
            "ogc": url_for("ogc.collection", id=c, f="html", lang=lang),
            "fields": _dictionary(store, c, lang)})
    plan = store.plan()
    return render_template(
        "data.html", collections=collections, version=store.version,
        api_examples=_api_examples(store, lang),
        source_plan=t("data.source_plan", lang, title=plan.title.get(lang),
                      issuer=plan.issuer.get(lang), start=plan.period_start,
                      end=plan.period_end))


def _api_examples(store, lang: str) -> list[tuple[str, str, str]]:
    """(URL, the URL as shown, what it does) for the API section, with examples from the
    plan's own data: its first prefecture's name, its first located place."""
    from urllib.parse import unquote

    prefecture = store.query("prefectures", limit=1).features[0].properties["name_zh"]
    xy, _ = store.located("parks")
    lon, lat = (round(float(v), 2) for v in xy[0]) if len(xy) else (0.0, 0.0)
    examples = [
        (url_for("api.index"), "data.api_index"),
        (url_for("api.collection_items", collection="parks"), "data.api_collection"),
        (url_for("api.search", q=prefecture), "data.api_search"),
        (url_for("api.nearby", lon=f"{lon:.2f}", lat=f"{lat:.2f}", radius_km=50),
         "data.api_nearby"),
        (url_for("ogc.landing", f="html", lang=lang), "data.ogc"),
        (url_for("ogc.api_document"), "data.openapi"),
    ]
    return [(url, unquote(url.split("&lang=")[0].split("?f=html")[0]), key)
            for url, key in examples]
