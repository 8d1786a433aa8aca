"""Placeholder blueprint: filled in by its own issue."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("ogc", __name__)
