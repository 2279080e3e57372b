"""`drafter revise` as a user runs it: a subprocess fed through stdin, an EDITOR script, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from revise_helpers import CHANGED_FIGURE, FIGURE, editor_script

pytestmark = pytest.mark.slow  # over 2 s each: subprocesses, signals, real timeouts


def revise(args: list[str], script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``drafter revise ARGS`` with ``script`` on stdin."""
    return subprocess.run(
        [sys.executable, "-m", "drafter", "revise", *args],
        input=script,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )


def sessions(folder: Path) -> dict:
    return json.loads((folder / "library-2025.session.json").read_text(encoding="utf-8"))


def test_accept_all_and_write(facts_file: Path) -> None:
    folder = facts_file.parent
    done = revise([facts_file.name], "a\na\na\na\nw\nreport.md\nq\n", folder)
    assert done.returncode == 0, done.stderr
    assert "4 of 4 sections accepted" in done.stdout
    assert all(s["accepted"] for s in sessions(folder)["sections"])
    assert (folder / "report.md").read_text(encoding="utf-8").startswith("# 某县图书馆2025年度工作总结")


def test_editor_script_changes_a_figure_and_it_is_flagged(facts_file: Path, tmp_path: Path) -> None:
    folder = facts_file.parent
    done = revise([facts_file.name], "n\ne\nq\n", folder, EDITOR=str(editor_script(tmp_path)))
    assert done.returncode == 0, done.stderr
    section = sessions(folder)["sections"][1]
    assert [v["origin"] for v in section["versions"]] == ["offline", "edited"]
    assert CHANGED_FIGURE in section["versions"][1]["text"] and FIGURE in section["versions"][0]["text"]
    assert section["versions"][1]["check"]["unsupported"] >= 1


def test_editor_exiting_non_zero_adds_no_version(facts_file: Path, tmp_path: Path) -> None:
    folder = facts_file.parent
    editor = editor_script(tmp_path, exit_code=3)
    done = revise([facts_file.name], "n\ne\nq\n", folder, EDITOR=str(editor))
    assert "exited with code 3; no new version" in done.stdout
    assert len(sessions(folder)["sections"][1]["versions"]) == 1


def test_resume_from_the_session_file(facts_file: Path) -> None:
    folder = facts_file.parent
    revise([facts_file.name], "n\nn\nq\n", folder)
    done = revise(["library-2025.session.json"], "q\n", folder)
    assert done.returncode == 0, done.stderr
    assert "3/4" in done.stdout and "drafted" not in done.stdout


def test_a_corrupt_session_is_one_line_and_exit_2(facts_file: Path) -> None:
    (facts_file.parent / "library-2025.session.json").write_text("{oops", encoding="utf-8")
    done = revise([facts_file.name], "q\n", facts_file.parent)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "corrupt session file" in errors[0]
    assert "Traceback" not in done.stderr


def test_a_missing_facts_file_is_the_only_line_on_stderr(tmp_path: Path) -> None:
    done = revise(["nope.yaml"], "q\n", tmp_path)
    assert (done.returncode, done.stderr) == (2, "error: nope.yaml: no such file; check the path\n")


def test_ctrl_c_at_a_prompt_saves_and_exits_130(facts_file: Path, tmp_path: Path) -> None:
    folder = facts_file.parent
    env = {**os.environ, "EDITOR": str(editor_script(tmp_path))}
    with subprocess.Popen(
        [sys.executable, "-m", "drafter", "revise", facts_file.name],
        cwd=folder,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdin is not None
        proc.stdin.write("n\ne\n")
        proc.stdin.flush()
        session = folder / "library-2025.session.json"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # saved after every key: wait for the edit to land
            if session.exists() and len(sessions(folder)["sections"][1]["versions"]) == 2:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert "interrupted; session saved" in out
    assert len(sessions(folder)["sections"][1]["versions"]) == 2
