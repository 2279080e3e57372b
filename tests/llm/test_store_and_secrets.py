"""Run log (`drafter logs`, `drafter logs show`) and the rule that API keys appear nowhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.testing import Reply, ScriptedRequest, ScriptedServer

Cli = Callable[..., Any]
KEY = "sk-test-0123456789abcdefSECRET"


def test_logs_list_runs_and_show_one(
    cli: Cli, openai_server: ScriptedServer, facts_zh: Path, good_reply: Callable[[ScriptedRequest], str]
) -> None:
    openai_server.set_script(good_reply)
    cli("draft", facts_zh, "--base-url", openai_server.base_url, "--model", "scripted")
    listed = cli("logs")
    assert listed.code == 0
    assert "scripted" in listed.out and "ok" in listed.out and "某县图书馆" in listed.out
    shown = cli("logs", "show", "1")
    assert shown.code == 0, shown.err
    assert shown.out.count("----- system -----") == 4
    assert "achievements · draft (round 0) · system v1 + achievements v1" in shown.out
    assert "举办阅读推广活动109场" in shown.out  # the reply
    assert "'unsupported': 0" in shown.out  # the check result


def test_logs_show_unknown_run_is_one_line(cli: Cli) -> None:
    result = cli("logs", "show", "42")
    assert result.code == 2 and "no run 42 in the log" in result.err


def test_logs_with_nothing_logged(cli: Cli) -> None:
    result = cli("logs")
    assert result.code == 0 and "no runs logged yet" in result.err


def test_cached_rerun_is_logged_as_cached(
    cli: Cli, openai_server: ScriptedServer, facts_zh: Path, good_reply: Callable[[ScriptedRequest], str]
) -> None:
    openai_server.set_script(good_reply)
    for _ in range(2):
        cli("draft", facts_zh, "--base-url", openai_server.base_url)
    shown = cli("logs", "show", "2")
    assert shown.out.count("· cached") == 4


@pytest.mark.parametrize(
    "fault",
    [
        None,
        Reply(status=401, content=f"Incorrect API key provided: {KEY}"),
        Reply(status=500, content=f"internal error for key {KEY}"),
    ],
)
def test_the_api_key_appears_in_no_output_cache_or_log(
    fault: Reply | None,
    cli: Cli,
    openai_server: ScriptedServer,
    facts_zh: Path,
    isolated_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    good_reply: Callable[[ScriptedRequest], str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    openai_server.set_script((lambda r: fault) if fault else good_reply)
    out = tmp_path / "report.md"
    results = [
        cli("draft", facts_zh, "--base-url", openai_server.base_url, "-o", out),
        cli("logs"),
        cli("logs", "show", "1"),
    ]
    assert openai_server.requests[0].headers["authorization"] == f"Bearer {KEY}"  # the key was used
    texts = [r.out + r.err for r in results]
    files = [p.read_bytes() for p in (*isolated_env.iterdir(), out) if p.is_file()]
    assert files, "cache/log databases were written"
    for text in texts:
        assert KEY not in text
    for data in files:
        assert KEY.encode() not in data
