"""The synthetic target values of the tests (tests/fixtures/progress-values.yaml: none of them
real) and a seeds copy holding them: the data of the progress tests."""

from __future__ import annotations

from pathlib import Path

import yaml

PROGRESS_VALUES = Path(__file__).resolve().parent / "fixtures" / "progress-values.yaml"


def with_progress_values(folder: Path) -> Path:
    """``folder`` (a copy of the seeds) with the synthetic values of
    tests/fixtures/progress-values.yaml in its targets.yaml."""
    doc = yaml.safe_load((folder / "targets.yaml").read_text(encoding="utf-8"))
    doc["values"] = yaml.safe_load(PROGRESS_VALUES.read_text(encoding="utf-8"))["values"]
    (folder / "targets.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True,
                                                        sort_keys=False), encoding="utf-8")
    return folder


