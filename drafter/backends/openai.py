"""OpenAI-compatible chat models through LangChain's ChatOpenAI (OpenAI, DeepSeek, Qwen, Ollama, vLLM...).

LangChain and the openai SDK are imported only when a request is made. The SDK's own retries are off:
drafting retries transient faults itself, with a bounded back-off the settings control.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from drafter.backends.base import Completion, DeadlineError, Message, TokenHandler, TransientBackendError
from drafter.concurrency import POLL, check_cancelled
from drafter.errors import BackendError
from drafter.limits import check_reply, reply_cap
from drafter.redact import mask
from drafter.settings import BackendOptions
from drafter.text import one_line


# The stream as the worker thread sees it; the calling thread reads it when the worker is done.
@dataclass
class _Stream:
    parts: list[str] = field(default_factory=list)
    tokens: int = 0
    chars: int = 0
    finish_reason: str | None = None
    usage: dict[str, Any] = field(default_factory=dict)
    error: Exception | None = None
    abandoned: bool = False
    done: threading.Event = field(default_factory=threading.Event)


class OpenAIBackend:
    """A chat backend for any OpenAI-compatible server, by base URL.

    Replies are streamed: tokens are counted as they arrive (for progress displays), the reply's
    ``finish_reason`` is read, and the whole request (connect and every read) has one deadline, the
    options' ``timeout``, so a server that trickles bytes cannot hold a section past it. A reply still
    streaming at the deadline (a slow CPU model writing at 1–6 tokens a second) is returned as far as it
    came, cut off (``finish_reason`` ``deadline``): it is kept and asked shorter, not thrown away and
    asked again identically. The request runs on a daemon thread; the calling thread waits, polling for
    the deadline and for Ctrl-C.
    """

    name = "openai"

    def __init__(self, options: BackendOptions) -> None:
        self.options = options
        self._client: Any = None
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Import the SDK and build the client now (in the calling thread, before sections start)."""
        self._chat_model()

    def complete(
        self, messages: list[Message], params: dict[str, Any], on_tokens: TokenHandler | None = None
    ) -> Completion:
        """Send ``messages`` and return the reply with its token usage, latency and finish reason.

        Args:
            messages: The chat messages.
            params: Sampling parameters (temperature, max_tokens).
            on_tokens: Called with the number of tokens received so far, as they arrive (any thread).

        Raises:
            TransientBackendError: 429, 5xx, timeout, connection refused or reset, malformed or empty reply.
            BackendError: Any other refusal (the API key never appears in the message).
            Interrupted: The run was interrupted while waiting.
        """
        client = self._chat_model()
        started = time.monotonic()
        stream = _Stream()
        worker = threading.Thread(
            target=_read_stream,
            args=(client, _to_langchain(messages), params, stream, on_tokens),
            daemon=True,
        )
        worker.start()
        try:
            finished = self._wait(stream, started + self.options.timeout)
        finally:
            stream.abandoned = True  # the worker stops reading at its next chunk
        if finished and stream.error is not None:
            raise self._translate(stream.error) from None
        # Capped before masking (masking 30 MB would be slow); masked so an echoed key reaches no output.
        text = mask(check_reply("".join(stream.parts), self.options.where()), self.options.secrets())
        if not text.strip():
            raise TransientBackendError("the model sent an empty reply")
        return Completion(
            text=text,
            input_tokens=stream.usage.get("input_tokens"),
            output_tokens=stream.usage.get("output_tokens") or stream.tokens,
            latency=time.monotonic() - started,
            finish_reason=stream.finish_reason if finished else "deadline",
        )

    def _wait(self, stream: _Stream, deadline: float) -> bool:
        """Wait for the reply; return False when the deadline passed while text was streaming in.

        Raises:
            DeadlineError: The deadline passed before any text arrived.
        """
        while not stream.done.wait(POLL):
            check_cancelled()
            if time.monotonic() >= deadline:
                if stream.tokens and stream.error is None:
                    return False
                raise DeadlineError(
                    f"no complete reply from {self.options.where()} within {self.options.timeout:g} s "
                    f"({stream.tokens} tokens received)"
                )
        return True

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
                    stream_usage=True,
                )
            return self._client

    def _translate(self, exc: Exception) -> BackendError:
        """Map an SDK exception to a one-line drafter error naming the fault (never the key)."""
        import openai

        where = self.options.where()
        secrets = self.options.secrets()
        error: BackendError
        if isinstance(exc, openai.APITimeoutError):
            error = DeadlineError(f"no reply from {where} within {self.options.timeout:g} s")
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


def _read_stream(
    client: Any, messages: list[Any], params: dict[str, Any], stream: _Stream, on_tokens: TokenHandler | None
) -> None:
    """Read the streamed reply into ``stream`` (on a daemon thread); stop early once it is abandoned."""
    cap = reply_cap()
    try:
        for chunk in client.stream(messages, **params):
            if stream.abandoned:
                break
            piece = _reply_text(chunk.content)
            if piece:
                stream.parts.append(piece)
                stream.tokens += 1
                stream.chars += len(piece)
                if stream.chars > cap:  # enough to fail the reply: memory stays bounded
                    break
                if on_tokens is not None:
                    on_tokens(stream.tokens)
            reason = (getattr(chunk, "response_metadata", None) or {}).get("finish_reason")
            stream.finish_reason = reason or stream.finish_reason
            stream.usage = dict(getattr(chunk, "usage_metadata", None) or {}) or stream.usage
    except Exception as exc:  # handed to the calling thread, which translates it
        stream.error = exc
    finally:
        stream.done.set()


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
