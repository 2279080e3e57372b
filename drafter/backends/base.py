"""Backend protocols: an offline writer of section bodies, and a chat model answering message lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from typing_extensions import TypeIs

from drafter.errors import BackendError
from drafter.plan import Plan, SectionPlan

if TYPE_CHECKING:
    from drafter.settings import BackendOptions

# One chat message: {"role": "system" | "user" | "assistant", "content": "..."}.
Message = dict[str, str]


@dataclass(frozen=True)
class Completion:
    """A model's reply and what it cost.

    Attributes:
        text: The reply's content.
        input_tokens: Prompt tokens reported by the server, if any.
        output_tokens: Completion tokens reported by the server, if any.
        latency: Seconds from request to reply (0 for a cache hit).
        cached: The reply came from the response cache.
    """

    text: str
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency: float = 0.0
    cached: bool = False


class TransientBackendError(BackendError):
    """A fault worth retrying: HTTP 429, 5xx, a timeout, a dropped connection, an empty reply."""


class Backend(Protocol):
    """Writes the body text of one section of a planned report without a model (the offline realiser)."""

    name: str

    def draft_section(self, plan: Plan, section: SectionPlan) -> str:
        """Return the body of ``section`` (no heading), in the report's language and register."""
        ...


@runtime_checkable
class ChatBackend(Protocol):
    """A chat model: answers a list of messages. Prompts, cache, retries and checks live in drafting."""

    name: str
    options: BackendOptions

    def complete(self, messages: list[Message], params: dict[str, Any]) -> Completion:
        """Return the model's reply to ``messages`` with sampling ``params`` (temperature, max_tokens).

        Raises:
            TransientBackendError: A fault worth retrying.
            BackendError: A fault not worth retrying (refused key, unknown model, malformed reply).
        """
        ...


AnyBackend = Backend | ChatBackend


def is_chat(backend: object) -> TypeIs[ChatBackend]:
    """Return True when ``backend`` is a chat model (as opposed to the offline realiser)."""
    return isinstance(backend, ChatBackend)
