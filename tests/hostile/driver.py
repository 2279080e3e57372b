"""Run many drafter commands in one fresh process: the hostile corpus's batch runner.

Reads a JSON list of jobs (``{"args": [...], "env": {...}}``) on stdin, runs each through the real entry
point with its output captured, and writes a JSON list of results (code, out, err, seconds) to stdout.
One process start for the whole corpus; the memory limit set by the caller bounds every job.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
import traceback
from typing import Any


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one job; an exception escaping the entry point is reported as a traceback (a failure)."""
    from drafter.cli import state
    from drafter.cli.main import main

    saved = dict(os.environ)
    os.environ.update(job.get("env", {}))
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        sys.argv = ["drafter", *job["args"]]
        state.debug = False
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            code = -1
            err.write(traceback.format_exc())
    os.environ.clear()
    os.environ.update(saved)
    return {"code": code, "out": out.getvalue(), "err": err.getvalue(), "seconds": time.monotonic() - started}


if __name__ == "__main__":
    jobs = json.load(sys.stdin)
    results = [run_job(job) for job in jobs]
    sys.stdout.write(json.dumps(results, ensure_ascii=False))
