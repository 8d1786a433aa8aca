"""``/healthz``: is the service up, and which data version does it serve."""

from __future__ import annotations

from flask import Blueprint, jsonify

from .plans import current_plan_id, plans
from .state import current_store

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    store = current_store()
    holder = plans().holder(current_plan_id())
    return jsonify({
        "status": "ok", "data_version": store.version, "plan": store.plan().id,
        "counts": {name: store.query(name).total for name in store.collections()},
        "last_reload_error": holder.last_error,
        "editable": store.editable,  # served from a database (else read-only from a folder)
    })
