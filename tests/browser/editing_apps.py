"""An app on a fresh GeoPackage with editors of its plan: what the browser tests of the editing
pages (forms, areas, photos, imports, history) each start from."""

from __future__ import annotations

from argon2 import PasswordHasher

from geo_layout.app import create_app
from geo_layout.data.accounts import Accounts

PASSWORD = "long enough pw"
#: a fast argon2 for test accounts (the real parameters cost ~0.5 s a sign-in)
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def editing_app(folder, editors, **config):
    """``(app, accounts)``: the app on ``folder``/geo-layout.gpkg (made and filled from the
    seeds), each of ``editors`` an editor of the plan with :data:`PASSWORD`, writes and
    sign-ins not rate-limited; ``config`` adds to the app's settings."""
    from geo_layout.data.db_store import Database

    path = folder / "geo-layout.gpkg"
    Database(str(path)).ensure()
    app = create_app({"TESTING": True, "DATABASE_URL": str(path), "FOLLOW_INTERVAL": 0,
                      "WRITES_PER_MINUTE": 1000, "LOGIN_FAILURES_PER_MINUTE": 1000, **config})
    plan = app.extensions["geo_layout.plans"].default_id
    accounts = Accounts(app.extensions["geo_layout.database"].engine, hasher=CHEAP)
    for name in editors:
        accounts.add_user(name, PASSWORD, "editor", [plan])
    return app, accounts
