"""Every shared fixture: an isolated DRAFTER_HOME for each test, the in-process CLI runner, a fresh-process
runner for the tests where a new process is the point, and the scripted model server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from drafter.testing import ScriptedServer

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


class Result(NamedTuple):
    """What a CLI run produced: exit code, standard output and standard error."""

    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point DRAFTER_HOME at a fresh folder and clear OPENAI_* / DRAFTER_* so no real setting leaks in."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "DRAFTER_")):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "drafter-home"
    home.mkdir()
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    # Fast back-off for transient faults in CLI runs.
    monkeypatch.setenv("DRAFTER_RETRY_DELAY", "0.01")
    return home


@pytest.fixture
def openai_server() -> Iterator[ScriptedServer]:
    """A scripted OpenAI-compatible server on 127.0.0.1; set replies with ``server.set_script(...)``."""
    with ScriptedServer() as server:
        yield server


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Return ``run(*args) -> Result``: ``drafter ARGS...`` through its real entry point, in-process."""
    from drafter.cli import state
    from drafter.cli.main import main

    def run(*args: object) -> Result:
        monkeypatch.setattr(sys, "argv", ["drafter", *map(str, args)])
        monkeypatch.setattr(state, "debug", False)
        capsys.readouterr()
        code: int | str | None = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        captured = capsys.readouterr()
        if not isinstance(code, int):
            code = 0 if code is None else 1
        return Result(code, captured.out, captured.err)

    return run


def run_fresh(
    *args: object,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 60,
) -> Result:
    """Run ``python -m drafter ARGS...`` in a new process (start-up, signals, exit on a real interpreter)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "drafter", *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)
