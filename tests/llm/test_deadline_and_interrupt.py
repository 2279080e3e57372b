"""A total deadline per request, and Ctrl-C / SIGTERM that end a run at once, keeping what is finished."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.testing import Reply, ScriptedRequest, ScriptedServer

pytestmark = pytest.mark.slow  # over 2 s each: subprocesses, signals, real timeouts

Cli = Callable[..., Any]
Script = Callable[[ScriptedRequest], str]
# Generous bounds: without a total deadline these runs take minutes or never end.
BOUND = 30.0


@pytest.mark.parametrize(
    "slow", [Reply(content="一是馆舍老旧。", trickle=0.4), Reply(hang=True)], ids=["trickle", "hang"]
)
def test_a_trickling_or_hanging_server_cannot_hold_a_section_past_the_timeout(
    slow: Reply, good_reply: Script, cli: Cli, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    def script(request: ScriptedRequest) -> Reply | str:
        return slow if request.section == "problems" else good_reply(request)

    openai_server.set_script(script)
    started = time.monotonic()
    result = cli("draft", facts_zh, "--base-url", openai_server.base_url, "--timeout", "1")
    assert time.monotonic() - started < BOUND
    assert result.code == 1  # the other sections were written
    failed = [line for line in result.err.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "within 1 s" in failed[0]
    # A timeout is retried once, not three times, and the message says what to change.
    assert (
        "(after 2 attempts)" in failed[0] and "--timeout" in failed[0] and "--max-concurrency 1" in failed[0]
    )
    assert len([r for r in openai_server.requests if r.section == "problems"]) == 2


# A real CPU model writes 1–6 tokens a second: a long reply is still streaming when the deadline passes.
SLOW_MODEL = Reply(content="一是馆舍老旧，部分区域空间不足，阅览座位长期紧张。" * 4, chunk_delay=0.2)


def test_a_reply_still_streaming_at_the_deadline_is_kept_cut_off_and_asked_shorter(
    good_reply: Script, cli: Cli, openai_server: ScriptedServer, facts_zh: Path, tmp_path: Path
) -> None:
    def script(request: ScriptedRequest) -> Reply | str:
        return SLOW_MODEL if request.section == "problems" else good_reply(request)

    openai_server.set_script(script)
    out = tmp_path / "report.md"
    args = ("--timeout", "1", "--max-repairs", "0", "-o", out)
    result = cli("draft", facts_zh, "--base-url", openai_server.base_url, *args)
    assert result.code == 1 and "failed:" not in result.err
    problems = [r for r in openai_server.requests if r.section == "problems"]
    # Not the identical request again: once more, asking for a shorter text.
    assert len(problems) == 2 and "截断" in problems[1].user
    body = out.read_text(encoding="utf-8").split("存在的问题和不足")[1]
    assert body.strip().startswith("一是馆舍老旧") and "未能生成" not in body  # what came is kept
    assert "被截断" in result.err and "--timeout 1 s" in result.err  # and the user learns what gave out


def test_a_shorter_reply_after_a_deadline_cut_is_taken(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    from drafter.backends import make_backend
    from drafter.drafting import draft
    from drafter.facts import load_facts

    def script(request: ScriptedRequest) -> Reply | str:
        if request.section == "problems" and "截断" not in request.user:
            return SLOW_MODEL
        return good_reply(request)

    openai_server.set_script(script)
    backend = make_backend(openai_server.options(timeout=1.0))
    events: list[Any] = []
    result = draft(load_facts(facts_zh), backend=backend, max_repairs=0, on_event=events.append)
    section = next(s for s in result.sections if s.id == "problems")
    assert (
        section.text == "一是馆舍老旧，部分区域空间不足。"
        and section.form == []
        and section.origin == "generated"
    )
    # Progress says that the new request is the shorter one (its token count starts again).
    assert "cut off, asked shorter" in [e.detail for e in events if e.section == "problems"]


def test_progress_hears_of_attempts_and_streamed_tokens(
    good_reply: Script, openai_server: ScriptedServer, facts_zh: Path
) -> None:
    from drafter.backends import make_backend
    from drafter.drafting import SectionEvent, draft
    from drafter.facts import load_facts

    seen: set[str] = set()

    def script(request: ScriptedRequest) -> Reply | str:
        if request.section == "achievements" and "first" not in seen:
            seen.add("first")
            return Reply(status=503)
        if request.section == "achievements":
            return Reply(content=good_reply(request) * 3, chunk_delay=0.001)
        return good_reply(request)

    openai_server.set_script(script)
    events: list[SectionEvent] = []
    draft(load_facts(facts_zh), backend=make_backend(openai_server.options()), on_event=events.append)
    details = [e.detail for e in events if e.section == "achievements"]
    assert "attempt 2/4" in details
    assert "25 tokens" in details


def _run_and_interrupt(
    sig: int, args: list[str], server: ScriptedServer, home: Path
) -> tuple[subprocess.CompletedProcess[str], float]:
    root = Path(__file__).parents[2]
    env = {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPATH": str(root)}
    command = [sys.executable, "-m", "drafter", *args, "--base-url", server.base_url]
    pipe = subprocess.PIPE
    proc = subprocess.Popen(command, env=env, cwd=root, stdout=pipe, stderr=pipe, text=True)
    deadline = time.monotonic() + BOUND
    while len(server.requests) < 2 and time.monotonic() < deadline:  # the second section is waiting
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(sig)
    sent = time.monotonic()
    out, err = proc.communicate(timeout=BOUND)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), time.monotonic() - sent


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupt_ends_the_draft_at_once_marks_the_run_and_keeps_finished_sections(
    sig: int, good_reply: Script, openai_server: ScriptedServer, facts_zh: Path, tmp_path: Path
) -> None:
    def script(request: ScriptedRequest) -> Reply | str:
        return good_reply(request) if request.section == "overview" else Reply(hang=True)

    openai_server.set_script(script)
    home = tmp_path / "home"
    args = ["draft", str(facts_zh), "-o", str(tmp_path / "out.md")]
    done, waited = _run_and_interrupt(sig, args, openai_server, home)
    assert done.returncode == 130, done.stderr
    assert waited < 5.0  # the request in flight is abandoned, not awaited (the goal is 2 s)
    assert "interrupted" in done.stderr and "Traceback" not in done.stderr
    with sqlite3.connect(home / "logs.db") as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    with sqlite3.connect(home / "cache.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM responses").fetchone() == (1,)  # the overview


def test_ctrl_c_ends_an_eval_at_once_and_marks_its_runs(
    openai_server: ScriptedServer, tmp_path: Path
) -> None:
    openai_server.set_script(lambda request: Reply(hang=True))
    home = tmp_path / "home"
    done, waited = _run_and_interrupt(signal.SIGINT, ["eval", "--max-concurrency", "2"], openai_server, home)
    assert done.returncode == 130, done.stderr
    assert waited < 5.0 and "Traceback" not in done.stderr
    with sqlite3.connect(home / "logs.db") as conn:
        statuses = {status for (status,) in conn.execute("SELECT status FROM runs")}
    assert statuses == {"interrupted"}
