"""Shared helpers for the facts tests: run the drafter CLI in-process and capture what it prints."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

RunCli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Return ``run(*args) -> (exit_code, stdout, stderr)`` that runs ``drafter`` through its entry point."""
    from drafter.cli import state
    from drafter.cli.main import main

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["drafter", *args])
        monkeypatch.setattr(state, "debug", False)
        code: int | str | None = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        captured = capsys.readouterr()
        return int(code or 0), captured.out, captured.err

    return run
