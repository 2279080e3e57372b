"""The one way drafter runs jobs at once (sections of a draft, cases of an eval), and stops them promptly.

:func:`run_all` runs a function over items on a bounded thread pool. On Ctrl-C (or SIGTERM, which the
CLI turns into the same) the calling thread sets the process-wide cancel flag, drops the queued jobs and
returns at once instead of waiting for requests in flight; model backends poll :func:`cancelled` while they
wait for a reply and give up within a fraction of a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TypeVar

from drafter.errors import DrafterError

T = TypeVar("T")
R = TypeVar("R")

# How often a waiting thread looks at the cancel flag (seconds).
POLL = 0.1

_cancel = threading.Event()
_depth = 0
_depth_lock = threading.Lock()


class Interrupted(DrafterError):
    """The run was interrupted (Ctrl-C or SIGTERM) while waiting for the model."""

    exit_code = 130


def cancelled() -> bool:
    """Whether the current run has been interrupted."""
    return _cancel.is_set()


def cancel() -> None:
    """Interrupt the current run: waiting requests give up, queued jobs never start."""
    _cancel.set()


def check_cancelled() -> None:
    """Raise :class:`Interrupted` if the current run has been interrupted."""
    if _cancel.is_set():
        raise Interrupted("interrupted")


def run_all(fn: Callable[[T], R], items: Sequence[T], limit: int, *, name: str = "job") -> list[R]:
    """Return ``[fn(item) for item in items]``, computed on at most ``limit`` threads, in order.

    A top-level call starts a new run (the cancel flag is cleared); nested calls share it. On
    KeyboardInterrupt the flag is set, queued jobs are dropped and the interrupt is raised at once.
    """
    global _depth
    with _depth_lock:
        if _depth == 0:
            _cancel.clear()
        _depth += 1
    pool = ThreadPoolExecutor(max_workers=max(1, limit), thread_name_prefix=f"drafter-{name}")
    try:
        futures = [pool.submit(fn, item) for item in items]
        while wait(futures, timeout=POLL * 2).not_done:  # a timed wait lets KeyboardInterrupt through
            check_cancelled()  # a nested run (a draft inside an eval) stops with its parent
        return [f.result() for f in futures]
    except BaseException:
        _cancel.set()
        raise
    finally:
        pool.shutdown(wait=not _cancel.is_set(), cancel_futures=True)
        with _depth_lock:
            _depth -= 1
