"""Fixtures for the eval tests: the repo's suite, small suites in tmp folders, an in-process CLI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import CASES


@pytest.fixture
def make_suite(tmp_path: Path) -> Callable[..., Path]:
    """Return ``make(cases, extra="")``: write a suite in tmp with copies of the named repo cases."""

    def make(cases: list[str], extra: str = "", thresholds: str = "") -> Path:
        folder = tmp_path / "suite"
        folder.mkdir(exist_ok=True)
        lines = [
            "defaults:",
            "  thresholds:",
            "    number_faithfulness: 1.0",
            "    fact_coverage: 1.0",
            "    structure: 1.0",
            thresholds,
            "cases:",
        ]
        for name in cases:
            shutil.copy(CASES / f"{name}.yaml", folder / f"{name}.yaml")
            lines += [f"  - id: {name}", f"    facts: {name}.yaml"]
        path = folder / "suite.yaml"
        path.write_text("\n".join(line for line in lines if line) + "\n" + extra, encoding="utf-8")
        return path

    return make
