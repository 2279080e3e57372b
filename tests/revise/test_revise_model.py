"""Revise against the local OpenAI-compatible test server: instruct, regenerate, model errors, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.backends import make_backend
from drafter.revise.controller import run
from drafter.revise.session import load_session
from drafter.testing import Reply, ScriptedRequest, ScriptedServer

pytestmark = pytest.mark.slow  # over 2 s each: subprocesses, signals, real timeouts

DRAFTED = "各项工作稳步推进，成效明显。"
REVISED = "全面落实公共文化服务标准，工作取得新的成效。"


def replies(request: ScriptedRequest) -> str:
    """Answer instructions with REVISED and everything else with DRAFTED (no figures: nothing to repair)."""
    return REVISED if request.task == "revise" else DRAFTED


def test_instruction_becomes_a_new_version(open_scripted: Callable, openai_server: ScriptedServer) -> None:
    openai_server.set_script(replies)
    backend = make_backend(openai_server.options())
    scripted = open_scripted("i\n更简洁一些\n突出重点\n.\nd\nq\n", backend=backend)
    run(scripted.revision)
    section = load_session(scripted.revision.path).sections[0]
    assert [v.origin for v in section.versions] == ["generated", "instruction"]
    assert section.version.text == REVISED
    assert section.version.instruction == "更简洁一些\n突出重点"
    asked = [r for r in openai_server.requests if r.task == "revise"]
    assert len(asked) == 1 and "更简洁一些" in asked[0].user and DRAFTED in asked[0].user
    assert 'instruction "更简洁一些"' in scripted.text and "diff version 1 → 2" in scripted.text


def test_regenerate_adds_a_generated_version(open_scripted: Callable, openai_server: ScriptedServer) -> None:
    openai_server.set_script(replies)
    scripted = open_scripted("r\nq\n", backend=make_backend(openai_server.options()))
    openai_server.set_script(lambda request: "坚持服务为本，各项工作扎实推进。")
    run(scripted.revision)
    section = load_session(scripted.revision.path).sections[0]
    assert [v.origin for v in section.versions] == ["generated", "generated"]


def test_a_model_error_keeps_the_current_version(
    open_scripted: Callable, openai_server: ScriptedServer
) -> None:
    openai_server.set_script(replies)
    scripted = open_scripted("r\ni\n更正式\n\nq\n", backend=make_backend(openai_server.options(retries=0)))
    openai_server.set_script(lambda request: Reply(status=400, content="model not found"))
    assert run(scripted.revision) == 0
    section = load_session(scripted.revision.path).sections[0]
    assert len(section.versions) == 1 and section.version.text == DRAFTED
    assert scripted.text.count("error: ") == 2


def test_instruct_through_the_cli(facts_file: Path, openai_server: ScriptedServer) -> None:
    openai_server.set_script(replies)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter",
            "revise",
            facts_file.name,
            "--base-url",
            openai_server.base_url,
            "--model",
            "scripted",
        ],
        input="i\n更简洁一些\n\nq\n",
        cwd=facts_file.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    session = json.loads(facts_file.with_name("library-2025.session.json").read_text(encoding="utf-8"))
    versions = session["sections"][0]["versions"]
    assert [(v["origin"], v["instruction"]) for v in versions] == [
        ("generated", None),
        ("instruction", "更简洁一些"),
    ]


def test_ctrl_c_during_a_model_call_saves_and_exits_130(
    facts_file: Path, openai_server: ScriptedServer
) -> None:
    slow = Reply(content=REVISED, delay=30)
    openai_server.set_script(lambda request: slow if request.task == "revise" else DRAFTED)
    command = [
        sys.executable,
        "-m",
        "drafter",
        "revise",
        facts_file.name,
        "--base-url",
        openai_server.base_url,
    ]
    with subprocess.Popen(
        command,
        cwd=facts_file.parent,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    ) as proc:
        assert proc.stdin is not None
        proc.stdin.write("i\n更简洁一些\n\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(r.task == "revise" for r in openai_server.requests):
            time.sleep(0.05)
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 130 and time.monotonic() - started < 10
    assert "interrupted; session saved" in out
    session = json.loads(facts_file.with_name("library-2025.session.json").read_text(encoding="utf-8"))
    assert len(session["sections"][0]["versions"]) == 1


def test_ctrl_c_during_the_first_draft_exits_130_at_once(
    facts_file: Path, openai_server: ScriptedServer
) -> None:
    openai_server.set_script(lambda request: Reply(content=DRAFTED, delay=30))
    command = [
        sys.executable,
        "-m",
        "drafter",
        "revise",
        facts_file.name,
        "--base-url",
        openai_server.base_url,
    ]
    with subprocess.Popen(
        command,
        cwd=facts_file.parent,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    ) as proc:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not openai_server.requests:
            time.sleep(0.05)
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130 and time.monotonic() - started < 10
    assert "interrupted before the first draft was complete" in err
