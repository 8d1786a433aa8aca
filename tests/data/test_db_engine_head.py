"""db_engine.at_head: whether the schema needs migrating, told without importing alembic (a
server at the newest migration never needs it), always agreeing with alembic's own answer."""

import subprocess
import sys

from geo_layout.data import db_engine


def test_at_head_agrees_with_alembic(tmp_path):
    engine = db_engine.open_engine(str(tmp_path / "plan.gpkg"))
    assert not db_engine.at_head(engine)  # never initialised
    db_engine.upgrade(engine, "0002")
    assert db_engine.schema_revision(engine) != db_engine.head_revision(engine)
    assert not db_engine.at_head(engine)
    db_engine.upgrade(engine)
    assert db_engine.schema_revision(engine) == db_engine.head_revision(engine)
    assert db_engine.at_head(engine)
    engine.dispose()


def test_a_database_at_head_is_opened_without_alembic(tmp_path):
    path = tmp_path / "plan.gpkg"
    engine = db_engine.open_engine(str(path))
    db_engine.upgrade(engine)
    engine.dispose()
    probe = ("import sys; from geo_layout.data import db_engine; "
             f"e = db_engine.open_engine({str(path)!r}); "
             "print(db_engine.at_head(e), 'alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True", "False"]
