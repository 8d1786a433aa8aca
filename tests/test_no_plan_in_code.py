"""Code names no plan, province or element: those are data. This test reads what the plans the
tests carry name — plan ids, element ids, the province, its prefectures and counties (names
and adcodes), places — and fails when any of it appears in ``geo_layout/`` (Python,
templates, scripts, stylesheets)."""

from __future__ import annotations

import re
from pathlib import Path

import plan_terms
import geo_layout
from geo_layout.data.store import open_store

PACKAGE = Path(geo_layout.__file__).parent
TOY = Path(__file__).resolve().parent / "fixtures" / "toy-plan"
#: What names a plan in the code: see tests/plan_terms.py.
forbidden_terms = plan_terms.forbidden_terms
SUFFIXES = (".py", ".html", ".js", ".css")


def adcode_pattern(store) -> re.Pattern:
    """Any 6-digit code of the plan's province (its first two digits)."""
    return re.compile(rf"(?<![0-9]){store.province().adcode[:2]}[0-9]{{4}}(?![0-9])")


def findings(stores, files, root: Path = PACKAGE) -> list[str]:
    checks = []
    for store in stores:
        checks += [plan_terms.terms_pattern(forbidden_terms(store)), adcode_pattern(store)]
    found = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for check in checks:
                match = check.search(line)
                if match:
                    found.append(f"{path.relative_to(root)}:{n}: {match.group(0)!r}")
    return found


def _code_files() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*")) if p.suffix in SUFFIXES and p.is_file()]


def test_the_code_names_no_plan_province_or_element():
    assert findings([open_store(None), open_store(TOY)], _code_files()) == []


def test_the_check_can_fail(tmp_path):
    root = tmp_path / "geo_layout"
    probe = root / "web" / "_plan_probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text('TITLE = "Kunming"\nCODE = "530100"\nX = "cluster-silicon"\n'
                     'ok = "score"\n', encoding="utf-8")
    found = findings([open_store(None)], [probe], root)
    assert found == ["web/_plan_probe.py:1: 'Kunming'", "web/_plan_probe.py:2: '530100'",
                     "web/_plan_probe.py:3: 'cluster-silicon'"]
