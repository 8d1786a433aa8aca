"""The editor's form, driven by the field dictionary (:mod:`geo_layout.data.fields`): which
controls a collection's form has, what each is called and offers, how a submitted form
becomes the flat properties the write API takes, and where each validation problem goes.

The form sends what a GIS client sends through ``/ogc`` (``name_zh``, ``contact_phone``,
``citation_section``…); :func:`geo_layout.data.record_shapes.record_of_feature` makes the
record of it and the store's one validator checks it. Nothing here judges a value: a text
typed where a number belongs is passed on as text, and the validator names the problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..data.fields import FIELDS, Field
from ..data.record_shapes import DERIVED
from .i18n import ENUMS, plan_label

#: the fields of the point, handled by the map and coordinate controls, not as plain fields
POINT_FIELDS = ("precision", "uncertainty_km", "location_source")
#: a place's facts for investors (their own fieldset)
INVESTOR_FIELDS = ("address_zh", "address_en", "area_ha", "land_available_ha", "status",
                   "status_since", "investment_planned", "investment_realised",
                   "contact_office_zh", "contact_office_en", "contact_phone",
                   "contact_website", "facts_source")
#: a list of references offered as check boxes up to this many choices (else typed ids)
MAX_CHECKS = 60
#: a reference offered as a select up to this many choices (else a typed id)
MAX_OPTIONS = 500
LONG_TEXTS = ("note_zh", "note_en", "role_zh", "role_en")
_SPLIT = re.compile(r"[;,，；、\s]+")
#: the dictionary's note on typing several ids, which check boxes do not need
_JOINED = re.compile(r"\s*[（(](?:多个以 ; 分隔|several joined by ;)[）)]")


@dataclass(frozen=True)
class Control:
    """One control of the form: the flat property ``name`` it edits, its ``field`` (labels and
    help), its ``widget`` (text, textarea, number, integer, select, checks, ids, json), the
    ``choices`` of a select or check boxes ((value, label)), and its fieldset ``group``."""

    name: str
    field: Field
    widget: str
    choices: tuple[tuple[str, str], ...] = ()
    group: str = "record"

    def label(self, lang: str) -> str:
        return self.field.header(lang)

    def help(self, lang: str) -> str:
        """The field's description (without how several ids are typed, for check boxes)."""
        text = self.field.about(lang)
        return _JOINED.sub("", text) if self.widget == "checks" else text

    @property
    def optional(self) -> bool:
        return self.field.nullable or self.field.type == "array"


def controls(store, collection: str, lang: str, *, new: bool) -> list[Control]:
    """The controls of ``collection``'s form (a new record's has its id)."""
    out = []
    derived = set(DERIVED.get(collection, ()))
    for field in FIELDS[collection]:
        if field.added or field.name in derived or (field.name == "id" and not new):
            continue
        group = ("point" if field.name in POINT_FIELDS else
                 "investors" if field.name in INVESTOR_FIELDS else "record")
        out.append(Control(field.name, field, *_widget(store, collection, field, lang),
                           group=group))
    return out


def _widget(store, collection: str, field: Field, lang: str) -> tuple[str, tuple]:
    if field.codes:
        codes = ([k.id for k in store.kinds()] if field.codes == "element_kind"
                 else list(ENUMS.get(field.codes, {})))
        choices = tuple((c, plan_label(store, field.codes, c, lang)) for c in codes)
        return ("checks" if field.type == "array" else "select"), choices
    if field.refs:
        if field.type == "array":
            choices = _ref_choices(store, field.refs, lang, MAX_CHECKS)
            return ("checks", choices) if choices is not None else ("ids", ())
        choices = _ref_choices(store, field.refs, lang, MAX_OPTIONS)
        return ("select", choices) if choices is not None else ("text", ())
    if field.type == "array":
        return ("json" if field.items == "object" else "ids"), ()
    if field.type in ("number", "integer"):
        return field.type, ()
    return ("textarea" if field.name in LONG_TEXTS else "text"), ()


def _ref_choices(store, refs: tuple[str, ...], lang: str, cap: int
                 ) -> tuple[tuple[str, str], ...] | None:
    """(id, name) of the records of ``refs``; None when there are more than ``cap``."""
    out: list[tuple[str, str]] = []
    for ref in refs:
        if ref == "sections":
            out += [(s.id, f"{s.id} · {s.heading.get(lang)}") for s in store.sections()]
        elif ref == "industries":
            out += [(i.id, i.name.get(lang)) for i in store.industries()]
        else:
            page = store.query(ref, limit=cap + 1)
            out += [(f.id, f.name(lang)) for f in page.features]
            if page.total > cap:
                return None
        if len(out) > cap:
            return None
    return tuple(out)


# --- values ---------------------------------------------------------------------------------

def shown_value(control: Control, value) -> object:
    """A property's value as its control shows it (a list for check boxes, text otherwise)."""
    if control.widget == "checks":
        return list(value or [])
    if value is None:
        return ""
    if control.widget == "ids":
        return "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if control.widget == "json":
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def read(form, items: list[Control]) -> dict:
    """The flat properties a submitted ``form`` gives (an empty control: null, "not known")."""
    out: dict = {}
    for control in items:
        if control.widget == "checks":
            out[control.name] = [v for v in form.getlist(control.name) if v]
            continue
        text = form.get(control.name, "").strip()
        if not text:
            out[control.name] = [] if control.widget in ("ids", "json") else None
        elif control.widget == "number":
            out[control.name] = number(text)
        elif control.widget == "integer":
            out[control.name] = number(text, integer=True)
        elif control.widget == "ids":
            out[control.name] = [v for v in _SPLIT.split(text) if v]
        elif control.widget == "json":
            try:
                out[control.name] = json.loads(text)
            except ValueError:
                out[control.name] = text  # the validator says what it must be
        else:
            out[control.name] = text
    return out


def number(text: str, integer: bool = False):
    """``text`` as a number (a comma as decimal point taken), or the text itself when it is
    none (the validator then names the field)."""
    cleaned = text.strip().replace("，", ",").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return text
    if value != value or value in (float("inf"), float("-inf")):
        return text
    if integer or value.is_integer() and "." not in cleaned and "e" not in cleaned.lower():
        return int(value) if value.is_integer() else text
    return value


# --- problems -------------------------------------------------------------------------------

_INDEX = re.compile(r"\[\d+\]")
#: the validator's problem fields that are not one control's: where they are shown
POINT_PROBLEMS = ("lon/lat", "lon", "lat", "geometry")


def control_of(problem_field: str, names: set[str]) -> str:
    """The control a problem about ``problem_field`` (a seed record's path: ``name.zh``,
    ``contact.office.en``, ``elements[2]``, ``lon/lat``) is shown next to; ``""``: the form
    as a whole."""
    if problem_field in POINT_PROBLEMS:
        return "point"
    path = _INDEX.sub("", problem_field)
    flat = path.replace(".", "_")
    for candidate in (flat, path.split(".")[0], flat + "_zh", path.split(".")[0] + "_zh",
                      "contact_" + flat, "period_start" if path == "period" else "",
                      flat + "_section"):
        if candidate in names:
            return candidate
    if path.startswith("contact"):
        for name in ("contact_phone", "contact_office_zh", "contact_website"):
            if name in names:
                return name
    return ""
