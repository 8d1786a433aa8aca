"""The pages' access to the service's one catalogue of words, :mod:`geo_layout.words` (which
the maps and exports read too). New strings go there, in a block of their own."""

from __future__ import annotations

from ..words import ENUMS, LANGS, STRINGS, label, t

__all__ = ["ENUMS", "LANGS", "STRINGS", "label", "t"]
