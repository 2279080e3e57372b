"""Keep secrets out of every output: mask API keys (whole or in part) and credentials written into URLs.

Masking happens on the full text, before anything is cut to length: a key at the end of a long server
message must not survive as its first 199 characters. Any run of :data:`PIECE` or more characters of a
known secret is masked, so a server that echoes half a key leaks nothing either.

The secrets of this process (the API key, a URL's password or ``api_key=`` value) are remembered when
the backend options are resolved, so the CLI's one catch site, the run log and ``--debug`` tracebacks can
mask them without being handed the key.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
# The shortest piece of a secret that is masked; shorter secrets are masked only whole.
PIECE = 8
# Query parameters that carry credentials (compared in lower case, - and _ ignored).
SECRET_PARAMS = frozenset(
    {"apikey", "key", "token", "accesstoken", "authtoken", "secret", "password", "pass", "auth", "sig",
     "signature", "clientsecret"}
)  # fmt: skip

_known: set[str] = set()
_lock = threading.Lock()


def remember(*secrets: str | None) -> None:
    """Add ``secrets`` (empty ones ignored) to the secrets every later :func:`mask` call hides."""
    with _lock:
        _known.update(s for s in secrets if s and len(s) >= 4)


def forget_all() -> None:
    """Forget every remembered secret (for tests)."""
    with _lock:
        _known.clear()


def mask(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Return ``text`` with every remembered secret and every one of ``secrets`` masked, whole or in part.

    A secret of :data:`PIECE` characters or more is masked wherever any :data:`PIECE` consecutive
    characters of it appear; a shorter one only where it appears whole.
    """
    with _lock:
        every = {s for s in (*_known, *secrets) if s}
    if not text or not every:
        return text
    covered = bytearray(len(text))
    for secret in every:
        _cover(text, secret, covered)
    if not any(covered):
        return text
    return _masked(text, covered)


def _cover(text: str, secret: str, covered: bytearray) -> None:
    if len(secret) < PIECE:
        for found in re.finditer(re.escape(secret), text):
            covered[found.start() : found.end()] = b"\1" * (found.end() - found.start())
        return
    pieces = {secret[i : i + PIECE] for i in range(len(secret) - PIECE + 1)}
    for i in range(len(text) - PIECE + 1):
        if text[i : i + PIECE] in pieces:
            covered[i : i + PIECE] = b"\1" * PIECE


def _masked(text: str, covered: bytearray) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        if covered[i]:
            while i < len(text) and covered[i]:
                i += 1
            out.append(MASK)
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def url_secrets(url: str | None) -> list[str]:
    """Return the credentials written into ``url``: its password, user name and secret query values."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found = [parts.password or "", parts.username or "" if parts.password else ""]
    found += [v for k, v in parse_qsl(parts.query, keep_blank_values=True) if _is_secret_param(k)]
    return [s for s in found if s]


def redact_url(url: str | None) -> str | None:
    """Return ``url`` without credentials: ``user:pass@`` becomes ``***@``, ``?api_key=…`` becomes ``***``."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # not a URL at all: mask what looks like credentials
        return mask(url, [url]) if "@" in url else url
    netloc = parts.netloc
    if parts.username or parts.password:
        netloc = f"{MASK}@{host}{port}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, MASK if _is_secret_param(k) else v) for k, v in pairs], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _is_secret_param(name: str) -> bool:
    return name.lower().replace("-", "").replace("_", "") in SECRET_PARAMS
