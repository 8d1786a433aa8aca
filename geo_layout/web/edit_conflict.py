"""A stale form: someone saved the record after the editor opened it (the store refused
the write: PreconditionFailed). The editor's change is redone on top of the current version:
the fields the editor changed (against the form as it was opened, its hidden ``opened``)
keep the editor's values, the others take the current ones; both versions are listed side
by side where they differ."""

from __future__ import annotations

import json

from flask import request

from ..data.features import PLACE_COLLECTIONS
from . import edit_form
from .edit_values import text, values_of
from .i18n import t


def opened_values(items, values: dict) -> str:
    """The hidden ``opened`` of a form: each control's value as shown, and the point."""
    out = {c.name: edit_form.shown_value(c, values["props"].get(c.name)) for c in items}
    out["point"] = [values["lon"], values["lat"], values["crs"]]
    return json.dumps(out, ensure_ascii=False)


def _opened() -> dict | None:
    """The form's values as it was opened, or None when it sent none that can be read (then
    every field counts as the editor's)."""
    raw = request.form.get("opened", "")
    try:
        value = json.loads(raw) if raw else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _point_text(lon: str, lat: str, system: str) -> str:
    return f"{lon}, {lat} ({system})" if lon or lat else text(None)


def redo(store, collection: str, fid: str, items, values: dict, lang: str
         ) -> tuple[dict, dict, str]:
    """``(merged values, conflict, opened)``: the form's values redone on the current
    version, the rows where the two versions differ (``label``, ``name``, ``mine``,
    ``theirs``, ``kept``: whether the form keeps the editor's) with who saved meanwhile, and
    the new form's ``opened`` (the current version)."""
    opened = _opened()
    theirs = values_of(store.get(collection, fid))
    merged = {"props": dict(theirs["props"]), "lon": theirs["lon"], "lat": theirs["lat"],
              "crs": theirs["crs"]}
    rows = []
    for c in items:
        mine = edit_form.shown_value(c, values["props"].get(c.name))
        current = edit_form.shown_value(c, theirs["props"].get(c.name))
        changed = opened is None or mine != opened.get(c.name)
        if changed:
            merged["props"][c.name] = values["props"].get(c.name)
        if mine != current and (changed or current != (opened or {}).get(c.name)):
            rows.append({"label": c.label(lang), "name": c.name, "kept": changed,
                         "mine": text(values["props"].get(c.name)),
                         "theirs": text(theirs["props"].get(c.name))})
    if collection in PLACE_COLLECTIONS:
        mine_point = [values["lon"], values["lat"], values["crs"]]
        their_point = [theirs["lon"], theirs["lat"], "wgs84"]
        changed = opened is None or mine_point != opened.get("point")
        if changed:
            merged.update(lon=values["lon"], lat=values["lat"], crs=values["crs"])
        if mine_point != their_point and (changed or their_point != (opened or {}).get("point")):
            rows.append({"label": t("editor.point", lang), "name": "point", "kept": changed,
                         "mine": _point_text(*mine_point), "theirs": _point_text(*their_point)})
    latest = store.history(collection, fid, limit=1)
    conflict = {"rows": rows, "author": latest[0].author if latest else None}
    return merged, conflict, opened_values(items, theirs)
