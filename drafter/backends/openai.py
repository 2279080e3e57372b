"""OpenAI-compatible chat models through LangChain's ChatOpenAI (OpenAI, DeepSeek, Qwen, Ollama, vLLM...).

LangChain and the openai SDK are imported only when a request is made. The SDK's own retries are off:
drafting retries transient faults itself, with a bounded back-off the settings control.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from drafter.backends.base import Completion, Message, TransientBackendError
from drafter.errors import BackendError
from drafter.limits import check_reply
from drafter.redact import mask
from drafter.settings import BackendOptions
from drafter.text import one_line


class OpenAIBackend:
    """A chat backend for any OpenAI-compatible server, by base URL."""

    name = "openai"

    def __init__(self, options: BackendOptions) -> None:
        self.options = options
        self._client: Any = None
        self._lock = threading.Lock()

    def complete(self, messages: list[Message], params: dict[str, Any]) -> Completion:
        """Send ``messages`` and return the reply with its token usage and latency.

        Raises:
            TransientBackendError: 429, 5xx, timeout, connection refused or reset, malformed or empty reply.
            BackendError: Any other refusal (the API key never appears in the message).
        """
        client = self._chat_model()
        started = time.monotonic()
        try:
            reply = client.invoke(_to_langchain(messages), **params)
        except Exception as exc:
            raise self._translate(exc) from None
        latency = time.monotonic() - started
        # Capped before masking (masking 30 MB would be slow); masked so an echoed key reaches no output.
        text = mask(check_reply(_reply_text(reply.content), self.options.where()), self.options.secrets())
        if not text.strip():
            raise TransientBackendError("the model sent an empty reply")
        usage = getattr(reply, "usage_metadata", None) or {}
        return Completion(
            text=text,
            input_tokens=usage.get("input_tokens"),
            output_tokens=usage.get("output_tokens"),
            latency=latency,
        )

    def _chat_model(self) -> Any:
        # One client per backend: ChatOpenAI holds an httpx pool that threads share safely.
        with self._lock:
            if self._client is None:
                from langchain_openai import ChatOpenAI
                from pydantic import SecretStr

                opts = self.options
                self._client = ChatOpenAI(
                    model=opts.model,
                    base_url=opts.base_url,
                    api_key=SecretStr(opts.key_for_client()),
                    timeout=opts.timeout,
                    max_retries=0,
                )
            return self._client

    def _translate(self, exc: Exception) -> BackendError:
        """Map an SDK exception to a one-line drafter error naming the fault (never the key)."""
        import openai

        where = self.options.where()
        secrets = self.options.secrets()
        error: BackendError
        if isinstance(exc, openai.APITimeoutError):
            error = TransientBackendError(f"no reply from {where} within {self.options.timeout:g} s")
        elif isinstance(exc, openai.APIConnectionError):
            error = TransientBackendError(
                f"cannot connect to {where} ({_cause(exc, secrets)})",
                hint="is the server running? check --base-url",
            )
        elif isinstance(exc, openai.AuthenticationError):
            error = BackendError(
                f"{where} refused the API key (HTTP 401)",
                hint="check OPENAI_API_KEY or api_key_env in drafter.toml",
            )
        elif isinstance(exc, openai.APIStatusError):
            error = _status_error(exc, where, self.options.model, secrets)
        elif isinstance(exc, openai.APIResponseValidationError | ValueError):
            # A truncated or garbled body is usually a flaky proxy: worth another try.
            error = TransientBackendError(f"malformed reply from {where}: {type(exc).__name__}")
        else:
            error = BackendError(
                f"request to {where} failed: {type(exc).__name__}: {one_line(mask(str(exc), secrets), 200)}"
            )
        return _redacted(error, secrets)


def _status_error(exc: Any, where: str, model: str, secrets: list[str]) -> BackendError:
    status = int(exc.status_code)
    detail = _server_message(exc, secrets)
    if status == 429:
        return TransientBackendError(f"{where} is rate limiting requests (HTTP 429): {detail}")
    if status >= 500:
        return TransientBackendError(f"{where} had a server error (HTTP {status}): {detail}")
    if status == 404:
        return BackendError(
            f"{where} does not know model '{model}' or the endpoint (HTTP 404): {detail}",
            hint="check --model and --base-url (it usually ends in /v1)",
        )
    return BackendError(f"{where} refused the request (HTTP {status}): {detail}")


def _server_message(exc: Any, secrets: list[str]) -> str:
    body = getattr(exc, "body", None)
    text = str(getattr(exc, "message", "") or type(exc).__name__)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            text = str(inner["message"])
    elif isinstance(body, str) and body.strip():
        text = body
    if _looks_html(text):  # a proxy's error page: its markup says nothing useful on one line
        return "the server sent an HTML page instead of JSON"
    # Masked first, then cut: a key at the end of a long message must not survive in part.
    return one_line(mask(text, secrets), 200)


def _looks_html(text: str) -> bool:
    head = text[:300].lower()
    return any(tag in head for tag in ("<!doctype", "<html", "<body", "<head"))


def _cause(exc: BaseException, secrets: list[str]) -> str:
    # The SDK wraps the socket error; its innermost cause says "connection refused" or "reset".
    inner: BaseException = exc
    while inner.__cause__ is not None:
        inner = inner.__cause__
    text = str(inner) or type(inner).__name__
    return mask(text.splitlines()[0], secrets)[:160]


def _redacted(error: BackendError, secrets: list[str]) -> BackendError:
    error.message = mask(error.message, secrets)
    error.hint = mask(error.hint, secrets) if error.hint else None
    error.args = (error.message,)
    return error


def _to_langchain(messages: list[Message]) -> list[Any]:
    # Explicit message objects: content is sent as is, never treated as a template.
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m["role"]](content=m["content"]) for m in messages]


def _reply_text(content: Any) -> str:
    if isinstance(content, list):
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content or "")
