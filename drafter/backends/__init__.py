"""Backends that write section text: the embedded offline realiser and OpenAI-compatible models."""

from drafter.backends.base import Backend

__all__ = ["Backend"]
