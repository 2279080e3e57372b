"""One model request, the robust way: cache lookup, bounded exponential back-off on transient faults."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drafter.backends.base import ChatBackend, Completion, Message, TransientBackendError
from drafter.store import ResponseCache, cache_key

MAX_DELAY = 30.0


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry a transient fault.

    Attributes:
        retries: Extra attempts after the first.
        delay: First wait in seconds; each later wait doubles, up to ``max_delay``.
        max_delay: The longest single wait.
    """

    retries: int = 3
    delay: float = 1.0
    max_delay: float = MAX_DELAY

    def waits(self) -> list[float]:
        """Return the wait before each retry."""
        return [min(self.delay * 2**i, self.max_delay) for i in range(self.retries)]


def with_retries(
    request: Callable[[], Completion], policy: RetryPolicy, sleep: Callable[[float], None] = time.sleep
) -> Completion:
    """Run ``request``, retrying transient faults per ``policy``; the last fault is raised, annotated."""
    waits = policy.waits()
    for attempt in range(len(waits) + 1):
        try:
            return request()
        except TransientBackendError as exc:
            if attempt == len(waits):
                if attempt:
                    exc.message = f"{exc.message} (after {attempt + 1} attempts)"
                    exc.args = (exc.message,)
                raise
            sleep(waits[attempt])
    raise AssertionError("unreachable")


def call_model(
    backend: ChatBackend,
    messages: list[Message],
    params: dict[str, Any],
    *,
    cache: ResponseCache | None,
    fresh: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> Completion:
    """Return the reply to ``messages``: from the cache when there (unless ``fresh``), else from the model.

    Only successful replies are cached; faults propagate after the retries the backend's options allow.
    """
    opts = backend.options
    key = cache_key(opts.model, opts.base_url, messages, params)
    if cache is not None and not fresh:
        hit = cache.get(key)
        if hit is not None:
            return hit
    policy = RetryPolicy(retries=opts.retries, delay=opts.retry_delay)
    completion = with_retries(lambda: backend.complete(messages, params), policy, sleep)
    if cache is not None:
        cache.put(key, opts.model, completion)
    return completion
