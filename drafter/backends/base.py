"""Backend protocols: an offline writer of section bodies, and a chat model answering message lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from typing_extensions import TypeIs

from drafter.chat import Completion, Message
from drafter.errors import BackendError
from drafter.plan import Plan, SectionPlan

__all__ = [
    "AnyBackend",
    "Backend",
    "ChatBackend",
    "Completion",
    "DeadlineError",
    "Message",
    "TokenHandler",
    "TransientBackendError",
    "is_chat",
]

if TYPE_CHECKING:
    from drafter.settings import BackendOptions


class TransientBackendError(BackendError):
    """A fault worth retrying: HTTP 429, 5xx, a timeout, a dropped connection, an empty reply."""


class DeadlineError(TransientBackendError):
    """No complete reply within the request's total deadline (connect and every read together)."""


# Called with the number of tokens received so far while a reply streams in.
TokenHandler = Callable[[int], None]


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

    def complete(
        self, messages: list[Message], params: dict[str, Any], on_tokens: TokenHandler | None = None
    ) -> Completion:
        """Return the model's reply to ``messages`` with sampling ``params`` (temperature, max_tokens).

        ``on_tokens``, when given, is called with the tokens received so far as the reply arrives.

        Raises:
            TransientBackendError: A fault worth retrying.
            BackendError: A fault not worth retrying (refused key, unknown model, malformed reply).
        """
        ...


AnyBackend = Backend | ChatBackend


def is_chat(backend: object) -> TypeIs[ChatBackend]:
    """Return True when ``backend`` is a chat model (as opposed to the offline realiser)."""
    return isinstance(backend, ChatBackend)
