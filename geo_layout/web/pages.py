"""Placeholder blueprint: filled in by its own issue."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("pages", __name__)
