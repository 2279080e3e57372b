"""Start-up: help loads neither typer's Markdown machinery nor pydantic; a command loads its own module only;
the console script turns the garbage collector off while drafter starts (what it builds lives as long as
the process) and back on before a command's code runs."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import entry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "qingxi-education-2025.yaml"


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


PROBE = """
import json, sys
sys.argv = ["drafter", *sys.argv[1:]]
from drafter.cli.entry import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
HELP_NEEDS_NONE_OF = (
    "typer.rich_utils",
    "rich.markdown",
    "rich.syntax",
    "rich.traceback",
    "markdown_it",
    "pygments",
)


def _loaded(*args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``drafter ARGS`` in a fresh process; return the run and the modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60, check=False
    )
    return done, json.loads(done.stderr.splitlines()[-1])


def _cli_modules(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    done, loaded = _loaded(*args)
    return done, {name.rsplit(".", 1)[1] for name in loaded if name.startswith("drafter.cli.")}


@pytest.mark.parametrize(
    "args", [["--help"], ["draft", "--help"], ["facts", "merge", "--help"]], ids=" ".join
)
def test_help_loads_neither_typers_markdown_machinery_nor_pydantic(args: list[str]) -> None:
    done, loaded = _loaded(*args)
    assert "Usage: drafter" in done.stdout
    assert [name for name in loaded if name.startswith((*HELP_NEEDS_NONE_OF, "pydantic"))] == []


def test_a_command_loads_only_its_own_module(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("全县共有学校 12 所。\n", encoding="utf-8")
    done, loaded = _cli_modules("--debug", "check", str(draft), str(EXAMPLE))
    assert done.returncode in (0, 1), done.stderr
    assert "figures:" in done.stdout
    assert {"check", "draft", "eval", "revise", "facts"} & loaded == {"check"}


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--help"], "revise"),  # the root help lists every command
        (["--help", "check"], "revise"),  # --help before the command is the root's
        (["chek"], "No such command 'chek'"),
    ],
)
def test_the_root_help_and_unknown_commands_see_every_command(args: list[str], shown: str) -> None:
    done, loaded = _cli_modules(*args)
    assert shown in done.stdout + done.stderr
    assert {"check", "draft", "eval", "revise", "facts"} <= loaded
