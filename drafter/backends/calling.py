"""One model request, the robust way: cache lookup, bounded exponential back-off on transient faults."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drafter.backends.base import (
    ChatBackend,
    Completion,
    DeadlineError,
    Message,
    TokenHandler,
    TransientBackendError,
)
from drafter.store import ResponseCache, cache_key

MAX_DELAY = 30.0
# Called before each attempt with (attempt, most attempts): 1-based.
AttemptHandler = Callable[[int, int], None]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry a transient fault.

    Attributes:
        retries: Extra attempts after the first.
        delay: First wait in seconds; each later wait doubles, up to ``max_delay``.
        max_delay: The longest single wait.
        timeout_retries: Extra attempts after a timeout: a slow server is rarely faster the second time,
            and each attempt costs the whole timeout.
    """

    retries: int = 3
    delay: float = 1.0
    max_delay: float = MAX_DELAY
    timeout_retries: int = 1

    def waits(self) -> list[float]:
        """Return the wait before each retry."""
        return [min(self.delay * 2**i, self.max_delay) for i in range(self.retries)]


def with_retries(
    request: Callable[[], Completion],
    policy: RetryPolicy,
    sleep: Callable[[float], None] = time.sleep,
    on_attempt: AttemptHandler | None = None,
) -> Completion:
    """Run ``request``, retrying transient faults per ``policy``; the last fault is raised, annotated.

    A timeout is retried at most ``policy.timeout_retries`` times; its message then says what to change.
    """
    waits = policy.waits()
    timeouts = 0
    most = len(waits) + 1
    for attempt in range(len(waits) + 1):
        if on_attempt is not None:
            on_attempt(attempt + 1, most)
        try:
            return request()
        except TransientBackendError as exc:
            timeouts += isinstance(exc, DeadlineError)
            if attempt + 1 >= most or timeouts > policy.timeout_retries:
                _annotate(exc, attempt + 1)
                raise
            if isinstance(exc, DeadlineError):  # after a timeout the count shown is the timeout's limit
                most = min(most, attempt + 1 + policy.timeout_retries - timeouts + 1)
            sleep(waits[attempt])
    raise AssertionError("unreachable")


def _annotate(exc: TransientBackendError, attempts: int) -> None:
    if attempts > 1:
        exc.message = f"{exc.message} (after {attempts} attempts)"
        exc.args = (exc.message,)
    if isinstance(exc, DeadlineError) and exc.hint is None:
        exc.hint = (
            "a local or busy server needs more time: raise --timeout, "
            "and draft fewer sections at once with --max-concurrency 1"
        )


def call_model(
    backend: ChatBackend,
    messages: list[Message],
    params: dict[str, Any],
    *,
    cache: ResponseCache | None,
    fresh: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    on_attempt: AttemptHandler | None = None,
    on_tokens: TokenHandler | None = None,
) -> Completion:
    """Return the reply to ``messages``: from the cache when there (unless ``fresh``), else from the model.

    Only complete replies are cached (not one cut off at ``max_tokens``); faults propagate after the
    retries the backend's options allow.
    """
    opts = backend.options
    key = cache_key(opts.model, opts.base_url, messages, params)
    if cache is not None and not fresh:
        hit = cache.get(key)
        if hit is not None:
            return hit
    policy = RetryPolicy(retries=opts.retries, delay=opts.retry_delay)

    def request() -> Completion:
        if on_tokens is None:
            return backend.complete(messages, params)
        return backend.complete(messages, params, on_tokens=on_tokens)

    completion = with_retries(request, policy, sleep, on_attempt)
    if cache is not None and not completion.truncated:
        cache.put(key, opts.model, completion)
    return completion
