"""Ctrl-C (and SIGTERM, which main turns into the same) during a model run: one line and exit code 130."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from drafter.concurrency import Interrupted, cancel


@contextmanager
def interrupt_as_error() -> Iterator[None]:
    """Turn KeyboardInterrupt into :class:`Interrupted`: requests in flight are abandoned, not awaited."""
    try:
        yield
    except KeyboardInterrupt:
        cancel()
        raise Interrupted(
            "interrupted",
            hint="finished sections are kept in the cache: run the same command again to continue",
        ) from None
