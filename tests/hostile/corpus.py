"""The hostile corpus's runner: drafter in a fresh process with a memory limit, under a time limit.

(A module of its own, not conftest.py, so the corpus tests import it by one unambiguous name.)

Each hostile input must end in a known exit code with exactly one ``error:`` line, no traceback, within
the test's timeout and :data:`MEMORY_LIMIT` of address space (an alias bomb or /dev/zero would exceed it).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

MB = 1024 * 1024
# Address space, not resident memory: the interpreter, langchain and the openai SDK fit well inside it.
MEMORY_LIMIT = 1536 * MB
FACTS = Path(__file__).parent.parent / "llm" / "data" / "library-zh.yaml"


@dataclass(frozen=True)
class Outcome:
    """What one run of drafter did."""

    code: int
    out: str
    err: str
    seconds: float = 0.0

    def error_lines(self) -> list[str]:
        """The ``error:`` lines on stderr."""
        return [line for line in self.err.splitlines() if line.startswith("error:")]

    def assert_one_line(self, code: int, *needles: str) -> str:
        """Assert exit ``code``, one ``error:`` line holding every needle, no traceback; return the line."""
        assert "Traceback" not in self.err + self.out, self.err[-2000:]
        lines = self.error_lines()
        assert len(lines) == 1, self.err[-2000:]
        assert self.code == code, (self.code, self.err[-2000:])
        for needle in needles:
            assert needle in lines[0], lines[0]
        return lines[0]


def limit_memory() -> None:
    """Cap the address space of the process about to start (for ``preexec_fn``)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_batch(
    jobs: list[tuple[list[object], dict[str, str]]], cwd: Path, timeout: float = 240
) -> list[Outcome]:
    """Run many ``drafter ARGS`` jobs (args, extra environment) in one fresh process with the memory limit.

    Each job runs through the real entry point (see ``driver.py``); the whole batch must end in ``timeout``.
    """
    import json

    payload = [{"args": [str(a) for a in args], "env": env} for args, env in jobs]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_"))}
    environ = {**clean, "DRAFTER_HOME": str(cwd / "drafter-home"), "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run(
        [sys.executable, "-m", "hostile.driver"],
        input=json.dumps(payload).encode("utf-8"),
        capture_output=True,
        cwd=cwd,
        env=environ,
        timeout=timeout,
        preexec_fn=limit_memory,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-3000:]
    return [Outcome(**r) for r in json.loads(proc.stdout)]


def corpus_folder(factory: pytest.TempPathFactory, name: str) -> tuple[Path, Path]:
    """Return a fresh folder for a corpus and a copy of the valid facts file in it."""
    folder = factory.mktemp(name)
    facts = folder / "library.yaml"
    facts.write_text(FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    return folder, facts
