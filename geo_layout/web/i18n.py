"""The pages' access to the service's one catalogue of words, :mod:`geo_layout.words` (which
the maps and exports read too). New strings go there, in a block of their own.

The labels of one code list are the plan's own: its element kinds (一核、一区… in the plan's
terms, ``seeds/layout.yaml``). :func:`code_labels` and :func:`plan_label` give the catalogue's
lists with those, for whatever shows a code's label (pages, the field dictionary, downloads)."""

from __future__ import annotations

from ..words import ENUMS, LANGS, STRINGS, label, t

__all__ = ["ENUMS", "LANGS", "STRINGS", "code_labels", "label", "plan_label", "t"]
#: The code list whose labels the plan's data gives.
PLAN_ENUM = "element_kind"


def code_labels(store) -> dict[str, dict[str, dict[str, str]]]:
    """Every code list (code -> {lang: label}), the plan's element kinds included."""
    return {**ENUMS, PLAN_ENUM: {k.id: k.name.as_dict() for k in store.kinds()}}


def plan_label(store, enum: str, value: str, lang: str) -> str:
    """:func:`label`, with the plan's element kinds from its data."""
    if enum == PLAN_ENUM:
        names = {k.id: k.name for k in store.kinds()}
        return names[value].get(lang) if value in names else value
    return label(enum, value, lang)
