"""Backends that write section text: the embedded offline realiser and OpenAI-compatible chat models."""

from __future__ import annotations

from dataclasses import replace

from drafter.backends.base import AnyBackend, Backend, ChatBackend, Completion, Message, is_chat
from drafter.settings import BackendOptions, choose_backend

__all__ = ["AnyBackend", "Backend", "ChatBackend", "Completion", "Message", "is_chat", "make_backend"]


def make_backend(options: BackendOptions | None = None) -> AnyBackend:
    """Return the backend ``options`` ask for (default options: offline unless a key or URL is set).

    Raises:
        ConfigError: ``openai`` was asked for with neither an API key nor a base URL.
    """
    options = choose_backend(options or BackendOptions())
    if options.name == "offline":
        from drafter.backends.offline import OfflineBackend

        return OfflineBackend()
    from drafter.backends.openai import OpenAIBackend

    return OpenAIBackend(replace(options))
