"""Atomic writes: whole files or nothing, never an overwrite without force, ordinary permissions."""

import os
import stat
from pathlib import Path

import pytest

from drafter.atomic import write_atomic
from drafter.errors import OutputExistsError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_default_not_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "report.md", "正文")
    finally:
        os.umask(old)
    assert _mode(path) == 0o644
    assert path.read_text(encoding="utf-8") == "正文"


def test_an_overwritten_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new", force=True)
    assert (_mode(path), path.read_text(encoding="utf-8")) == (0o640, "new")


def test_an_existing_file_is_refused_without_force_and_left_intact(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "report.md"
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="refusing to overwrite"):
        write_atomic(path, "theirs")
    assert path.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in folder.iterdir()] == ["report.md"]  # no temp file left
