"""The CLI runners every test uses: ``Result``, the ``Cli`` type of the in-process ``cli`` fixture
(tests/conftest.py), and ``run_fresh`` for the tests where a new process is the point.

A module of its own (not conftest.py) so that tests can import it by one unambiguous name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


class Result(NamedTuple):
    """What a CLI run produced: exit code, standard output and standard error."""

    code: int
    out: str
    err: str


Cli = Callable[..., Result]


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
