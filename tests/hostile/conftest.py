"""Fixtures of the hostile corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.corpus import FACTS


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    """A copy of a valid Chinese facts file in the test's folder."""
    path = tmp_path / "library.yaml"
    path.write_text(FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    return path
