"""The basic commands: --version, kinds, and start-up that does not load the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from runner import Cli, run_fresh

import drafter
from drafter.kind import load_kind

HEAVY = ("langchain", "langchain_core", "langchain_openai", "openai", "docx", "prompt_toolkit")
STARTER = Path(drafter.__file__).parent / "facts" / "starter_zh.yaml"

# Runs the app in a fresh interpreter with standalone_mode=False, then prints the heavy modules loaded.
PROBE = """
import json, sys
from drafter.cli.main import app
try:
    app(sys.argv[1:], standalone_mode=False)
except BaseException:
    pass
heavy = {heavy!r}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""


def test_version(cli: Cli) -> None:
    done = cli("--version")
    assert done.code == 0
    assert done.out == f"drafter {drafter.__version__}\n"


def test_kinds_lists_work_summary_and_its_four_sections(cli: Cli) -> None:
    done = cli("kinds")
    assert done.code == 0
    lines = done.out.splitlines()
    assert lines[0].startswith("work-summary")
    shown = [line.split()[0] for line in lines[1:5]]
    assert shown == ["overview", "achievements", "problems", "plans"]
    assert "存在的问题和不足" in done.out and "Plans for {next_period}" in done.out
    assert load_kind("work-summary").section_ids() == shown


@pytest.mark.parametrize(
    "args",
    [["--help"], ["check", "--help"], ["validate", str(STARTER)]],
    ids=["help", "check-help", "validate"],
)
def test_start_up_does_not_import_heavy_libraries(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert loaded == []


def test_help_in_a_fresh_process_lists_the_commands() -> None:
    done = run_fresh("--help")
    assert done.code == 0
    for command in ("draft", "validate", "init", "kinds"):
        assert command in done.out


def test_ctrl_c_while_drafter_starts_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import types

    from drafter.cli import entry

    class Starting(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            raise KeyboardInterrupt  # as if Ctrl-C came while typer and rich were being imported

    monkeypatch.setitem(sys.modules, "drafter.cli.main", Starting("drafter.cli.main"))
    with pytest.raises(SystemExit) as stop:
        entry.main()
    assert stop.value.code == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_ctrl_c_before_a_command_handles_it_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from drafter.cli import main as cli_main

    class Command:
        def __init__(self, *_: object) -> None:
            pass  # built for the command the command line names

        def main(self, **_: object) -> int:
            raise KeyboardInterrupt  # e.g. while a command imports its library

    monkeypatch.setattr(cli_main, "_command", Command)
    with pytest.raises(SystemExit) as stop:
        cli_main.main()
    err = capsys.readouterr().err
    assert stop.value.code == 130
    assert "interrupted" in err and "Traceback" not in err
