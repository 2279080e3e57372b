"""`drafter init` writes a commented starter file that validates and drafts offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from runner import Cli


@pytest.mark.parametrize("language", ["zh", "en"])
def test_init_then_validate_then_draft(cli: Cli, tmp_path: Path, language: str) -> None:
    path = tmp_path / "facts.yaml"
    code, _, err = cli("init", str(path), "--language", language)
    assert code == 0, err
    assert path.read_text(encoding="utf-8").startswith("#")  # commented
    code, out, err = cli("validate", str(path))
    assert (code, err) == (0, "")
    assert f"language {language}" in out
    code, out, err = cli("draft", str(path))
    assert code == 0, err
    title = "某县教育局2025年度工作总结" if language == "zh" else "Riverside Library Annual Report 2025"
    assert out.startswith(f"# {title}\n")
    assert ("## 一、2025年主要工作" if language == "zh" else "## Plans for 2026") in out


def test_init_refuses_to_overwrite_without_force(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("mine", encoding="utf-8")
    code, _, err = cli("init", str(path))
    assert code == 2
    assert err == f"error: {path}: file exists; refusing to overwrite; pass --force to replace it\n"
    assert path.read_text(encoding="utf-8") == "mine"
    code, _, _ = cli("init", str(path), "--force", "--language", "en")
    assert code == 0
    assert "language: en" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--language", "fr"], "--language: unknown language 'fr'; use zh or en"),
        ([], "{path}: the starter file is YAML; give a name ending in .yaml"),
    ],
)
def test_init_rejects_bad_input(cli: Cli, tmp_path: Path, args: list[str], message: str) -> None:
    path = tmp_path / ("facts.json" if not args else "facts.yaml")
    code, _, err = cli("init", str(path), *args)
    assert code == 2
    assert err == f"error: {message.format(path=path)}\n"
    assert not path.exists()
