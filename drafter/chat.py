"""The chat types every layer shares: a message, and a model's completion (a leaf module, no imports)."""

from __future__ import annotations

from dataclasses import dataclass

# One chat message: {"role": "system" | "user" | "assistant", "content": "..."}.
Message = dict[str, str]


@dataclass(frozen=True)
class Completion:
    """A model's reply and what it cost.

    Attributes:
        text: The reply's content.
        input_tokens: Prompt tokens reported by the server, if any.
        output_tokens: Completion tokens reported by the server (or counted while streaming), if any.
        latency: Seconds from request to reply (0 for a cache hit).
        cached: The reply came from the response cache.
        finish_reason: Why the model stopped: ``stop``, ``length`` (cut off at ``max_tokens``),
            ``deadline`` (still streaming when the request's deadline passed: the text so far), or
            ``None`` when the server did not say.
    """

    text: str
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency: float = 0.0
    cached: bool = False
    finish_reason: str | None = None

    @property
    def truncated(self) -> bool:
        """The reply was cut off before its end: at the token limit or at the deadline."""
        return self.finish_reason in ("length", "deadline")
