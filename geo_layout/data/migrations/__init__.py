"""Alembic migrations of the database schema (``geo-layout db upgrade``)."""
