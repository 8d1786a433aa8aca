"""A layout element's extent as the parts the plan names: whole prefectures and counties, and
counties whose share the plan gives only approximately. The web and the static maps both draw
an element from these parts, so every ``approximate`` part is dashed on both, whatever the
element (zone, point, cluster)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One member of an element: ``collection`` ("prefectures" or "counties"), its adcode,
    its shape at the level asked for, and whether the plan gives its extent approximately."""

    collection: str
    adcode: str
    geometry: object
    approximate: bool


def element_parts(store, element, lod: str) -> list[Part]:
    """The members of ``element`` (a layout-elements Feature) with their shapes at ``lod``;
    none when the element has a drawn boundary (it is drawn instead of its members)."""
    p = element.properties
    if has_drawn_area(element):
        return []
    parts = [Part("prefectures", code, store.get("prefectures", code).geometry(lod), False)
             for code in p.get("prefectures", [])]
    parts += [Part("counties", c["adcode"], store.get("counties", c["adcode"]).geometry(lod),
                   c["extent"] == "approximate") for c in p.get("counties", [])]
    return [part for part in parts if part.geometry is not None]


def has_approximate_part(element) -> bool:
    return not has_drawn_area(element) and any(
        c["extent"] == "approximate" for c in element.properties.get("counties", []))


def has_drawn_area(element) -> bool:
    """The element is drawn from its own boundary, not from the counties standing in for it."""
    return element.properties.get("area") is not None


def extent_names(elements, lang: str) -> tuple[list[str], list[str]]:
    """The names of ``elements`` (layout-elements Features, in order) drawn from their own
    boundary, and of those drawn from whole counties and prefectures; elements without any
    extent are in neither. Their full names, as the legend's rows above these lines call
    them, so one element is not named two ways in one legend."""
    drawn, standing_in = [], []
    for el in elements:
        if el.geometry("coarse") is None:
            continue
        (drawn if has_drawn_area(el) else standing_in).append(el.name(lang))
    return drawn, standing_in
