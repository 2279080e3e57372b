"""Data files: parsed once, the parsed form kept beside them as bytecode is; an edited file is read afresh."""

from __future__ import annotations

import marshal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.resources import load_yaml


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A package ``lexicon_pkg`` with one data file, importable for this test."""
    folder = tmp_path / "lexicon_pkg"
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "words.yaml").write_text("zh: [万, 亿]\nslack: 0.05\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    load_yaml.cache_clear()
    yield folder
    load_yaml.cache_clear()
    sys.modules.pop("lexicon_pkg", None)


def _kept(folder: Path) -> list[Path]:
    return sorted((folder / "__pycache__").glob("words.yaml.*.marshal"))


def test_the_parsed_form_is_kept_and_read_back(package: Path) -> None:
    assert load_yaml("lexicon_pkg", "words.yaml") == {"zh": ["万", "亿"], "slack": 0.05}
    (kept,) = _kept(package)
    assert marshal.loads(kept.read_bytes()) == {"zh": ["万", "亿"], "slack": 0.05}
    kept.write_bytes(marshal.dumps({"read": "back"}))  # the next start reads the kept form, not the YAML
    load_yaml.cache_clear()
    assert load_yaml("lexicon_pkg", "words.yaml") == {"read": "back"}


def test_an_edited_file_is_read_afresh_and_its_old_copy_removed(package: Path) -> None:
    load_yaml("lexicon_pkg", "words.yaml")
    (package / "words.yaml").write_text("zh: [千]\n", encoding="utf-8")
    load_yaml.cache_clear()
    assert load_yaml("lexicon_pkg", "words.yaml") == {"zh": ["千"]}
    assert len(_kept(package)) == 1


def test_a_damaged_copy_is_ignored(package: Path) -> None:
    load_yaml("lexicon_pkg", "words.yaml")
    (kept,) = _kept(package)
    kept.write_bytes(b"\x00garbage")
    load_yaml.cache_clear()
    assert load_yaml("lexicon_pkg", "words.yaml") == {"zh": ["万", "亿"], "slack": 0.05}


def test_nothing_is_written_when_python_writes_no_bytecode(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert load_yaml("lexicon_pkg", "words.yaml")["slack"] == 0.05
    assert _kept(package) == []


def test_where_nothing_can_be_kept_the_file_is_parsed_each_time(package: Path) -> None:
    (package / "__pycache__").write_text("a file, not a folder", encoding="utf-8")
    assert load_yaml("lexicon_pkg", "words.yaml")["zh"] == ["万", "亿"]
    load_yaml.cache_clear()
    assert load_yaml("lexicon_pkg", "words.yaml")["zh"] == ["万", "亿"]
