"""Test your prompts without a hosted model: a scripted OpenAI-compatible server and a scripted chat model.

``ScriptedServer`` is a real HTTP server on 127.0.0.1 (a free port) implementing
``POST /v1/chat/completions``; the real openai SDK and LangChain talk to it. Each request is answered by a
*script*: a list of replies used in order, or a function of the request. A reply is a string (the content)
or a :class:`Reply` that can add latency, answer HTTP 429/500, drop the connection, send malformed JSON or
an empty reply, stop at the token limit (``finish_reason="length"``), stream slowly, trickle one byte at a
time, or hang without answering. A request with ``"stream": true`` is answered as server-sent events, as
a real server does. Every request is recorded. ``ScriptedModel`` answers the same scripts without HTTP.

Example::

    with ScriptedServer(lambda req: "2025年，服务人次达到100人次。") as server:
        options = BackendOptions(name="openai", base_url=server.base_url)
        draft(facts, backend=make_backend(options))
        assert len(server.requests) == 4
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from drafter.backends.base import Completion, Message, TokenHandler, TransientBackendError
from drafter.errors import BackendError
from drafter.prompts import BEGIN_FACTS, END_FACTS
from drafter.settings import BackendOptions

# A streamed reply comes in at most this many chunks. The openai SDK and LangChain spend about a
# millisecond on each chunk, so a 14 MB reply in four-character pieces would take minutes to refuse.
MAX_CHUNKS = 256


@dataclass(frozen=True)
class Reply:
    """How to answer one request.

    Attributes:
        content: The assistant message's content.
        status: HTTP status; not 200 sends an OpenAI-style error body.
        delay: Seconds to wait before answering (added to the server's latency).
        drop: Close the connection without answering.
        malformed: Answer 200 with a body that is not JSON.
        html: Answer ``status`` with an HTML page (``content`` in its body), as a proxy's error page does.
        echo_key: Append the request's Authorization header to the content or error message, as servers
            that echo credentials do (a hostile mode for testing that keys are masked).
        repeat: Send ``content`` this many times over (a huge reply).
        finish_reason: Why the reply ends: ``stop``, or ``length`` for a reply cut off at the token limit.
        chunk_delay: Seconds between streamed chunks (a slow model).
        trickle: Send the answer one byte every this many seconds (a server that never quite stops).
        hang: Accept the request and never answer (until the server stops).
    """

    content: str = ""
    status: int = 200
    delay: float = 0.0
    drop: bool = False
    malformed: bool = False
    html: bool = False
    echo_key: bool = False
    repeat: int = 1
    finish_reason: str = "stop"
    chunk_delay: float = 0.0
    trickle: float = 0.0
    hang: bool = False


@dataclass(frozen=True)
class ScriptedRequest:
    """One chat request as the script sees it."""

    messages: list[Message]
    model: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names

    @property
    def system(self) -> str:
        """The system message's content ('' if none)."""
        return next((m["content"] for m in self.messages if m["role"] == "system"), "")

    @property
    def user(self) -> str:
        """The last user message's content."""
        return next((m["content"] for m in reversed(self.messages) if m["role"] == "user"), "")

    @property
    def data(self) -> dict[str, Any]:
        """The structured data block of the last user message (between the FACTS markers), or {}."""
        return facts_block_data(self.user)

    @property
    def section(self) -> str | None:
        """The id of the section the request is about."""
        section = self.data.get("section") or {}
        return section.get("id") if isinstance(section, dict) else None

    @property
    def task(self) -> str | None:
        """``draft``, ``repair`` or ``revise``."""
        return self.data.get("task")


Script = Callable[[ScriptedRequest], "Reply | str"] | Sequence["Reply | str"]


def facts_block_data(text: str) -> dict[str, Any]:
    """Return the JSON data between the FACTS markers of a rendered prompt, or {} if there is none."""
    # Markers count only at the start of a line: inside the JSON every string is indented and quoted.
    match = re.search(
        rf"^{re.escape(BEGIN_FACTS)}[^\n]*\n(.*?)^{re.escape(END_FACTS)}$", text, re.DOTALL | re.MULTILINE
    )
    if match is None:
        return {}
    body = match.group(1)
    try:
        data = json.loads(body)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


class _Player:
    """Turns a script into replies, thread-safely, and records requests."""

    def __init__(
        self, script: Script, default: Reply | str, requests: list[ScriptedRequest] | None = None
    ) -> None:
        self.script = script
        self.default = default
        self.requests: list[ScriptedRequest] = [] if requests is None else requests
        self._lock = threading.Lock()
        self._next = 0

    def reply(self, request: ScriptedRequest) -> Reply:
        answer: Callable[[ScriptedRequest], Reply | str] | Reply | str
        with self._lock:
            self.requests.append(request)
            if callable(self.script):
                answer = self.script
            else:
                index = self._next
                self._next += 1
                answer = self.script[index] if index < len(self.script) else self.default
        chosen = answer(request) if callable(answer) else answer
        return chosen if isinstance(chosen, Reply) else Reply(content=str(chosen))


class ScriptedServer:
    """A scripted OpenAI-compatible HTTP server on 127.0.0.1, used as a context manager.

    Args:
        script: Replies in order (then ``default``), or a function of the request.
        latency: Seconds added to every reply.
        default: The reply once a list script is used up.
        model: The model name echoed in replies when a request names none.
    """

    def __init__(
        self, script: Script = (), *, latency: float = 0.0, default: Reply | str = "", model: str = "scripted"
    ) -> None:
        self.latency = latency
        self.model = model
        self._player = _Player(script, default)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.stopping = threading.Event()  # ends hanging and trickling answers when the server stops

    @property
    def requests(self) -> list[ScriptedRequest]:
        """Every request received, in order of arrival."""
        return self._player.requests

    @property
    def base_url(self) -> str:
        """The base URL to give the client (``http://127.0.0.1:PORT/v1``)."""
        if self._httpd is None:
            raise RuntimeError("server not started")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def set_script(self, script: Script, *, default: Reply | str | None = None) -> None:
        """Replace the script (and the default reply) for the following requests; keep the record."""
        old = self._player
        self._player = _Player(script, old.default if default is None else default, old.requests)

    def options(self, **overrides: Any) -> BackendOptions:
        """Return backend options pointing at this server (no key, fast retries)."""
        values: dict[str, Any] = {
            "name": "openai",
            "base_url": self.base_url,
            "model": self.model,
            "retry_delay": 0.01,
            "timeout": 10.0,
        }
        return BackendOptions(**{**values, **overrides})

    def __enter__(self) -> ScriptedServer:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        # Stopping waits for the serving loop's next poll: a short one stops a test's server at once.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def answer(self, request: ScriptedRequest) -> Reply:
        """Return the scripted reply to ``request`` (and record it)."""
        return self._player.reply(request)


def _handler_for(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # silence the default stderr log
            return

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                self._send(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]})
            else:
                self._send(404, _error_body(404, "not found"))

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, _error_body(404, f"no route {self.path}"))
                return
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                self._send(400, _error_body(400, "request body is not JSON"))
                return
            request = _scripted_request(body, {k.lower(): v for k, v in self.headers.items()})
            reply = server.answer(request)
            if server.stopping.wait(server.latency + reply.delay):  # stopped while waiting: no answer
                self.close_connection = True
                return
            self._respond(reply, body.get("model") or server.model, request)

        def _respond(self, reply: Reply, model: str, request: ScriptedRequest) -> None:
            reply = _expanded(reply, request)
            if reply.hang:
                server.stopping.wait(3600)
                self.close_connection = True
            elif _streams(reply, request):
                self._stream(reply, model, request)
            elif reply.trickle and reply.status == 200:
                self._trickle(200, json.dumps(completion_body(reply, model, request)).encode(), reply.trickle)
            elif reply.drop:
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
            elif reply.malformed:
                self._send_raw(200, b'{"id": "chatcmpl-x", "choices": [')
            elif reply.html:
                self._send_raw(
                    reply.status, _html_page(reply.status, reply.content), "text/html; charset=utf-8"
                )
            elif reply.status != 200:
                self._send(reply.status, _error_body(reply.status, reply.content or "scripted error"))
            else:
                self._send(200, completion_body(reply, model, request))

        def _stream(self, reply: Reply, model: str, request: ScriptedRequest) -> None:
            events = (
                b"".join(
                    f"data: {json.dumps(e, ensure_ascii=False)}\n\n".encode()
                    for e in stream_events(reply, model, request)
                )
                + b"data: [DONE]\n\n"
            )
            if reply.trickle:
                self._trickle(200, events, reply.trickle, "text/event-stream")
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for event in events.split(b"\n\n")[:-1]:
                if server.stopping.wait(reply.chunk_delay) if reply.chunk_delay else False:
                    return
                try:
                    self.wfile.write(event + b"\n\n")
                    self.wfile.flush()
                except OSError:  # the client gave up (its deadline passed, or it was interrupted)
                    break
            self.close_connection = True

        def _trickle(self, status: int, data: bytes, every: float, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.flush()
            for i in range(len(data)):
                if server.stopping.wait(every):
                    return
                try:
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
                except OSError:  # the client gave up
                    return

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            self._send_raw(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))

        def _send_raw(self, status: int, data: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _expanded(reply: Reply, request: ScriptedRequest) -> Reply:
    """Apply ``repeat`` and ``echo_key``: the content as it is sent."""
    content = reply.content * reply.repeat
    if reply.echo_key:
        content += f" (received Authorization: {request.headers.get('authorization', '')})"
    return replace(reply, content=content, repeat=1, echo_key=False)


def _html_page(status: int, text: str) -> bytes:
    page = (
        f"<!DOCTYPE html>\n<html><head><title>{status} Bad Gateway</title></head>\n<body>\n"
        f"<h1>{status} Bad Gateway</h1>\n<p>{text or 'The upstream server did not answer.'}</p>\n"
        "<hr><address>nginx</address>\n</body></html>\n"
    )
    return page.encode("utf-8")


def _scripted_request(body: dict[str, Any], headers: dict[str, str]) -> ScriptedRequest:
    messages = [
        {"role": str(m.get("role")), "content": _content_text(m.get("content"))}
        for m in body.get("messages", [])
    ]
    params = {k: v for k, v in body.items() if k not in ("messages", "model")}
    return ScriptedRequest(
        messages=messages, model=str(body.get("model", "")), params=params, headers=headers
    )


def _content_text(content: Any) -> str:
    # Content may be a string or a list of parts ({"type": "text", "text": ...}).
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return "" if content is None else str(content)


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)


def completion_body(reply: Reply | str, model: str, request: ScriptedRequest) -> dict[str, Any]:
    """Return an OpenAI chat-completion JSON body answering ``request`` with ``reply``."""
    reply = reply if isinstance(reply, Reply) else Reply(content=reply)
    message = {"role": "assistant", "content": reply.content}
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "finish_reason": reply.finish_reason, "message": message}],
        "usage": _usage(reply.content, request),
    }


def stream_events(reply: Reply, model: str, request: ScriptedRequest) -> list[dict[str, Any]]:
    """Return the streamed chunks answering ``request``: about one per four characters, as tokens go, and
    at most :data:`MAX_CHUNKS` (a huge reply comes in bigger pieces: the client's cost is per chunk)."""
    head = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
    }
    size = max(4, -(-len(reply.content) // MAX_CHUNKS))
    pieces = [reply.content[i : i + size] for i in range(0, len(reply.content), size)]
    events = [
        {
            **head,
            "choices": [{"index": 0, "delta": {"role": "assistant", "content": p}, "finish_reason": None}],
        }
        for p in pieces
    ]
    events.append({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": reply.finish_reason}]})
    if (request.params.get("stream_options") or {}).get("include_usage"):
        events.append({**head, "choices": [], "usage": _usage(reply.content, request)})
    return events


def _streams(reply: Reply, request: ScriptedRequest) -> bool:
    # A streaming request gets events, unless the reply is an error, a dropped, malformed or HTML one.
    plain = not (reply.malformed or reply.drop or reply.html)
    return reply.status == 200 and plain and bool(request.params.get("stream"))


def _usage(content: str, request: ScriptedRequest) -> dict[str, int]:
    prompt_tokens = sum(_tokens(m["content"]) for m in request.messages)
    completion_tokens = _tokens(content) if content else 0
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def _error_body(status: int, message: str) -> dict[str, Any]:
    kinds = {429: "rate_limit_exceeded", 401: "invalid_api_key", 404: "not_found"}
    return {"error": {"message": message, "type": kinds.get(status, "server_error"), "code": status}}


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on (for 'server down' tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ScriptedModel:
    """A chat backend answering a script in-process, without HTTP (same scripts as ScriptedServer).

    By default it uses no response cache, so a changed script is always heard.

    HTTP-only replies map to backend errors: status 429/5xx, ``drop``, ``malformed`` and an empty content
    → a transient error (retried); other statuses → a plain backend error.
    """

    name = "scripted"

    def __init__(
        self, script: Script = (), *, default: Reply | str = "", options: BackendOptions | None = None
    ) -> None:
        self.options = options or BackendOptions(
            name="openai", model="scripted", base_url="scripted://", retry_delay=0.0, use_cache=False
        )
        self._player = _Player(script, default)

    @property
    def requests(self) -> list[ScriptedRequest]:
        """Every request received, in order."""
        return self._player.requests

    def complete(
        self, messages: list[Message], params: dict[str, Any], on_tokens: TokenHandler | None = None
    ) -> Completion:
        """Answer ``messages`` from the script (``on_tokens`` hears the reply's token count at once)."""
        request = ScriptedRequest(
            messages=[dict(m) for m in messages], model=self.options.model, params=dict(params)
        )
        reply = _expanded(self._player.reply(request), request)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop or reply.malformed or reply.status == 429 or reply.status >= 500:
            raise TransientBackendError(f"scripted fault (HTTP {reply.status}, drop={reply.drop})")
        if reply.status != 200:
            raise BackendError(f"scripted error (HTTP {reply.status})")
        if not reply.content.strip():
            raise TransientBackendError("the model sent an empty reply")
        usage = _usage(reply.content, request)
        if on_tokens is not None:
            on_tokens(usage["completion_tokens"])
        return Completion(
            text=reply.content,
            input_tokens=usage["prompt_tokens"],
            output_tokens=usage["completion_tokens"],
            latency=reply.delay,
            finish_reason=reply.finish_reason,
        )
