"""Alembic's environment: runs the migrations on the connection the caller hands in
(:func:`geo_layout.data.db_engine.upgrade`), or on ``sqlalchemy.url``."""

from alembic import context
from sqlalchemy import create_engine

from geo_layout.data.db_engine import ours
from geo_layout.data.db_schema import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, include_name=ours,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, include_name=ours,
                          render_as_batch=conn.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


run()
