"""Every shared fixture: an isolated DRAFTER_HOME for each test, the in-process CLI runner and the scripted
model server (the fresh-process runner and the result type are in tests/runner.py)."""

from __future__ import annotations

import gc
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from runner import Cli, Result

if TYPE_CHECKING:
    from drafter.testing import ScriptedServer


def pytest_configure(config: pytest.Config) -> None:
    """Cache bytecode even where PYTHONDONTWRITEBYTECODE is set (as on the 2-core build machine).

    Without it every run compiles drafter and re-rewrites the assertions of every test module (about
    8 s of a run), and every fresh-process test compiles drafter again. The cache goes to the
    git-ignored ``__pycache__`` folders; an installed drafter has its bytecode already.
    """
    sys.dont_write_bytecode = False


_frozen_modules = [0]


def _freeze_imports() -> None:
    """Freeze what has been imported (drafter, the libraries, the test modules) out of the collector.

    Every full garbage collection would otherwise walk those objects again, and pytest ends with five
    (to report unraisable exceptions); the tests' own objects are still collected and reported.
    """
    gc.collect()
    gc.freeze()
    _frozen_modules[0] = len(sys.modules)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection imported."""
    _freeze_imports()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Freeze again after a test that imported a library (the model path imports langchain lazily)."""
    if len(sys.modules) > _frozen_modules[0] + 100:
        _freeze_imports()


@pytest.fixture
def tmp_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh folder per test, like pytest's own, made in constant time.

    pytest numbers each test's folder by listing the session's base folder, which holds one folder per
    test run so far: quadratic over a run of 2,500 tests (about 5 s of CPU). ``mkdtemp`` needs no listing.
    """
    name = re.sub(r"\W", "_", request.node.name)[:30]
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=tmp_path_factory.getbasetemp()))


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
    from drafter.testing import ScriptedServer

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
