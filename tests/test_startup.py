"""Start-up: the console script turns the garbage collector off while drafter starts (what it builds lives
as long as the process) and back on before a command's code runs, so a long run collects its garbage."""

from __future__ import annotations

import gc
import sys

import pytest

from drafter.cli import entry


@pytest.mark.parametrize("args", [["kinds"], ["logs"], ["prompts", "copy", "--help"]], ids=" ".join)
def test_commands_run_with_the_garbage_collector_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["drafter", *args])
    try:
        with pytest.raises(SystemExit) as stop:
            entry.main()
        assert stop.value.code == 0
        ran = args[-1] != "--help"
        assert gc.isenabled() is ran  # help exits before any command runs: no collector needed
    finally:
        gc.enable()
    shown = capsys.readouterr()
    assert shown.out or shown.err == "no runs logged yet\n"  # the command did run
