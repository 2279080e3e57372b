"""`drafter revise` in a real pseudo-terminal: draft → edit → undo → accept → write → quit."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from revise_helpers import CHANGED_FIGURE, FIGURE, editor_script

pexpect = pytest.importorskip("pexpect")


def spawn(args: list[str], cwd: Path, **env: str):  # type: ignore[no-untyped-def]
    """Start ``drafter ARGS`` in a 40×120 pseudo-terminal."""
    environ = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "120", **env}
    return pexpect.spawn(
        sys.executable,
        ["-m", "drafter", *args],
        cwd=str(cwd),
        env=environ,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 120),
    )


@pytest.mark.slow
def test_draft_edit_undo_accept_write_quit_in_a_terminal(facts_file: Path, tmp_path: Path) -> None:
    folder = facts_file.parent
    child = spawn(["revise", facts_file.name], folder, EDITOR=str(editor_script(tmp_path)))
    child.expect("1/4")
    child.expect("›")
    child.send("n")
    child.expect("2/4")
    child.expect("›")
    child.send("e")
    child.expect("version 2 of 2")
    child.expect("›")
    child.send("u")
    child.expect("version 1 of 2")
    child.expect("›")
    child.send("a")
    child.expect("3/4")
    child.expect("›")
    child.send("w")
    child.expect("write to")
    child.send("report.md\r")
    child.expect("wrote")
    child.expect("›")
    child.send("q")
    child.expect("session saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    session = json.loads((folder / "library-2025.session.json").read_text(encoding="utf-8"))
    achievements = session["sections"][1]
    assert achievements["accepted"] and achievements["current"] == 0
    assert [v["origin"] for v in achievements["versions"]] == ["offline", "edited"]
    assert session["position"] == 2
    document = (folder / "report.md").read_text(encoding="utf-8")
    assert FIGURE in document and CHANGED_FIGURE not in document


@pytest.mark.slow
def test_ctrl_c_in_a_terminal_saves_and_exits_130(facts_file: Path) -> None:
    child = spawn(["revise", facts_file.name], facts_file.parent)
    child.expect("›")
    child.send("n")
    child.expect("2/4")
    child.expect("›")
    child.sendintr()
    child.expect("interrupted; session saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    session = json.loads((facts_file.parent / "library-2025.session.json").read_text(encoding="utf-8"))
    assert session["position"] == 1


@pytest.mark.slow
def test_multi_line_instruction_in_a_terminal(facts_file: Path, openai_server) -> None:  # type: ignore[no-untyped-def]
    openai_server.set_script(lambda request: "修改后的文本。" if request.task == "revise" else "初稿。")
    child = spawn(["revise", facts_file.name, "--base-url", openai_server.base_url], facts_file.parent)
    child.expect("›")
    child.send("i")
    child.expect("instruction")
    child.send("更简洁一些\r")
    child.send("突出重点\r")
    child.send("\r")  # Enter on an empty line sends the instruction
    child.expect("version 2 of 2")
    child.expect("›")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    session = json.loads((facts_file.parent / "library-2025.session.json").read_text(encoding="utf-8"))
    version = session["sections"][0]["versions"][1]
    assert (version["origin"], version["instruction"]) == ("instruction", "更简洁一些\n突出重点")
    assert version["text"] == "修改后的文本。"
