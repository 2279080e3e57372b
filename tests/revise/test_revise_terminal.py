"""`drafter revise` in a pseudo-terminal: `i` refused at once offline, Esc cancels, the resume line, --new."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from drafter.testing import ScriptedServer

pytestmark = pytest.mark.slow

KEY_PROMPT = "›"
REPLY = "全面落实公共文化服务标准，持续提升服务效能。"


def spawn(folder: Path, *args: str) -> pexpect.spawn:
    """Start ``drafter revise ARGS`` in a pseudo-terminal of 40 × 100."""
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "PAGER": "cat"}
    for name in ("COLUMNS", "LINES"):  # the screen is the pty's 100 columns, whatever ran the tests
        env.pop(name, None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "drafter", "revise", *args],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )


def finish(child: pexpect.spawn) -> int:
    """Press q and return the exit status."""
    child.expect(KEY_PROMPT)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus or 0)


def versions(folder: Path) -> list[int]:
    data = json.loads((folder / "library-2025.session.json").read_text(encoding="utf-8"))
    return [len(s["versions"]) for s in data["sections"]]


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(lambda request: REPLY) as running:
        yield running


def test_i_is_refused_at_once_offline(facts_file: Path) -> None:
    child = spawn(facts_file.parent, facts_file.name, "--backend", "offline")
    child.expect(KEY_PROMPT)
    child.send("i")
    child.expect("i needs a model: the offline writer cannot follow instructions")
    assert finish(child) == 0
    assert versions(facts_file.parent) == [1, 1, 1, 1]


@pytest.mark.parametrize("cancel", ["\x1b", "\x07"], ids=["esc", "ctrl-g"])
def test_esc_or_ctrl_g_cancels_an_instruction(facts_file: Path, server: ScriptedServer, cancel: str) -> None:
    child = spawn(facts_file.parent, facts_file.name, "--base-url", server.base_url, "--max-repairs", "0")
    child.expect(KEY_PROMPT)
    sent = len(server.requests)
    child.send("i")
    child.expect("Esc or Ctrl-G cancels")
    child.send("shorter please")
    child.send(cancel)
    child.expect("cancelled; nothing changed")
    child.send("w")  # a key after the cancel is a command again, not more instruction text
    child.expect(r"write to \[")
    child.sendline("report.md")
    assert finish(child) == 0
    assert len(server.requests) == sent  # nothing was sent to the model
    assert versions(facts_file.parent)[0] == 1
    assert (facts_file.parent / "report.md").is_file()


def test_resume_says_where_and_how_far_and_new_starts_over(facts_file: Path) -> None:
    folder = facts_file.parent
    child = spawn(folder, facts_file.name, "--backend", "offline")
    child.expect(KEY_PROMPT)
    child.send("a")
    assert finish(child) == 0

    child = spawn(folder, facts_file.name, "--backend", "offline")
    # The line is wrapped at the screen's 100 columns: any space may be a line break.
    child.expect(
        r"resumed\s+\S*library-2025\.session\.json:\s+1\s+of\s+4\s+sections\s+accepted,\s+last\s+saved\s+"
        r"\d{4}-\d\d-\d\d"
    )
    assert finish(child) == 0

    child = spawn(folder, facts_file.name, "--backend", "offline", "--new")
    child.expect(
        r"started\s+over;\s+the\s+previous\s+session\s+is\s+kept\s+as\s+\S*library-2025\.session\.json\.bak"
    )
    assert finish(child) == 0
    old = json.loads((folder / "library-2025.session.json.bak").read_text(encoding="utf-8"))
    new = json.loads((folder / "library-2025.session.json").read_text(encoding="utf-8"))
    assert old["sections"][0]["accepted"] is True
    assert new["sections"][0]["accepted"] is False
