"""Every route and every CLI command is documented in the README (datasette's approach)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from geo_layout.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _documented() -> str:
    return README.read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "geo-layout") -> list[str]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            out += _commands(cmd, full)
        else:
            out.append(full)
    return out


def test_every_cli_command_in_readme():
    text = _documented()
    missing = [c for c in _commands(main) if c not in text]
    assert missing == []


def test_every_route_in_readme(app):
    text = _documented()
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        # /parks/<id> is documented as /parks/<id>; converters are written without their type
        route = re.sub(r"<(?:[a-z_]+:)?([a-z_]+)>", r"<\1>", rule.rule)
        if route not in text:
            missing.append(route)
    assert sorted(set(missing)) == []
