"""The layout's roles and colours, derived from the plan's element kinds — one decision for the
web maps, the static maps and every legend.

The kinds' legend order and colours are data (``seeds/layout.yaml``, ``kinds``). From them:
each element of a kind that fills its prefectures (the core, each cluster) is a role of its
own, coloured in turn from its kind's colours (two clusters, two colours); the elements of a
point kind share one role, ``point``; the zone is a hatched outline (role ``zone``), never a
fill; a prefecture in no element is ``none``. A prefecture takes the first of its elements'
fill roles in legend order, so the core wins over a cluster and a cluster over a point.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable, Sequence

#: Kinds drawn as an outline over the fills, not as a fill of their own.
OUTLINE_KINDS = ("zone",)
#: Kinds whose elements share one legend role (their prefectures are "the prefecture of a
#: point"), and that role's key.
POINT_KINDS = ("point", "point-group")
POINT_ROLE = "point"
NONE_ROLE = "none"
#: Prefectures in no element.
NONE_COLOUR = "#DDDDDD"
#: An element whose kind the plan gives no colour.
FALLBACK_COLOUR = "#444444"


@dataclass(frozen=True)
class Palette:
    """``roles``: role -> colour in legend order (``zone`` included, ``none`` last);
    ``element_roles`` / ``element_colours``: each element's role and colour."""

    roles: dict[str, str]
    element_roles: dict[str, str]
    element_colours: dict[str, str]

    @property
    def fill_roles(self) -> list[str]:
        """The roles a prefecture can take, in legend order."""
        return [r for r in self.roles if r not in OUTLINE_KINDS]

    @property
    def zone_colour(self) -> str:
        return self.roles.get("zone", FALLBACK_COLOUR)

    def prefecture_role(self, element_ids: Iterable[str]) -> str:
        """The first fill role (legend order) among the prefecture's elements, else none."""
        held = {self.element_roles.get(e) for e in element_ids}
        return next((r for r in self.fill_roles if r in held and r != NONE_ROLE), NONE_ROLE)


def build_palette(kinds: Sequence, elements: Sequence[tuple[str, str]]) -> Palette:
    """``kinds``: the plan's :class:`~geo_layout.data.model.ElementKind` records in legend
    order; ``elements``: (id, kind) of each layout element in the plan's order."""
    roles: dict[str, str] = {}
    element_roles: dict[str, str] = {}
    element_colours: dict[str, str] = {}
    known = [k.id for k in kinds]
    for kind in kinds:
        members = [eid for eid, k in elements if k == kind.id]
        colours = list(kind.colours) or [FALLBACK_COLOUR]
        for i, eid in enumerate(members):
            colour = colours[i % len(colours)]
            element_colours[eid] = colour
            if kind.id in OUTLINE_KINDS:
                role = kind.id
            elif kind.id in POINT_KINDS:
                role, colour = POINT_ROLE, roles.get(POINT_ROLE, colours[0])
            else:
                role = eid
            element_roles[eid] = role
            roles.setdefault(role, colour)
    for eid, k in elements:  # a kind the plan does not list: outlined, not a legend role
        if k not in known:
            element_colours[eid] = FALLBACK_COLOUR
    roles.setdefault(POINT_ROLE, next((k.colours[0] for k in kinds
                                       if k.id in POINT_KINDS and k.colours), FALLBACK_COLOUR))
    roles[NONE_ROLE] = NONE_COLOUR
    return Palette(roles, element_roles, element_colours)


_palettes: dict[str, Palette] = {}
_lock = threading.Lock()


def palette(store) -> Palette:
    """The palette of ``store``'s plan (kept per data version: every map asks for it)."""
    key = store.version
    found = _palettes.get(key)
    if found is None:
        elements = [(f.id, f.properties["kind"]) for f in store.query("layout-elements").features]
        found = build_palette(store.kinds(), elements)
        with _lock:
            if len(_palettes) > 32:
                _palettes.clear()
            _palettes[key] = found
    return found
