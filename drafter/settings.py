"""Backend settings: CLI flags, then environment, then ``drafter.toml`` (working directory, $DRAFTER_HOME).

The API key is held only in :class:`BackendOptions` (never in its ``repr``) and handed to the backend; it is
never written to the cache, the run log, an error message or the output.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.errors import ConfigError

CONFIG_NAME = "drafter.toml"
DEFAULT_MODEL = "gpt-4o-mini"
# Local servers (Ollama, vLLM, llama.cpp) accept any key; the openai SDK insists on one.
PLACEHOLDER_KEY = "not-needed"
BACKENDS = ("offline", "openai")

# drafter.toml keys and the type each must have.
TOML_KEYS: dict[str, tuple[type, ...]] = {
    "backend": (str,),
    "model": (str,),
    "base_url": (str,),
    "api_key": (str,),
    "api_key_env": (str,),
    "temperature": (int, float),
    "timeout": (int, float),
    "max_concurrency": (int,),
    "max_repairs": (int,),
    "prompts": (str,),
    "prompts_dir": (str,),
    "cache": (bool,),
    "retries": (int,),
    "retry_delay": (int, float),
    "max_tokens": (int,),
    "context_size": (int,),
    "paper": (str,),
}
# A local server (Ollama, llama.cpp on a laptop's CPU) is slow and serves one or two requests at a time:
# unless set, it gets a longer timeout and fewer sections at once than a hosted API.
# A local or private server (one CPU-bound model) gets these defaults instead of the dataclass's.
LOCAL_TIMEOUT, LOCAL_CONCURRENCY = 600.0, 1
PAPERS = ("a4", "letter")  # the `paper` setting: Word page sizes a document may have


@dataclass(frozen=True)
class BackendOptions:
    """Everything a backend needs, resolved from flags, environment and drafter.toml.

    Attributes:
        name: ``"offline"``, ``"openai"`` or ``None`` (choose: openai when a key or base URL is set).
        model: Model name sent to the server.
        base_url: OpenAI-compatible endpoint (``http://localhost:11434/v1``); ``None`` means OpenAI.
        api_key: The key; hidden from ``repr`` and never logged.
        temperature: Sampling temperature; ``None`` uses the prompt file's own (front matter).
        timeout: Seconds to wait for one reply.
        max_concurrency: Sections drafted at once.
        max_repairs: Repair rounds per section when a figure is unsupported.
        prompts_dir: A prompt folder replacing the shipped prompts (``None``: ./prompts when it holds the
            kind's files, else the bundled copy; see :func:`drafter.prompts.resolve_prompts`).
        prompts_origin: Where ``prompts_dir`` was set: ``--prompts`` or the drafter.toml that names it.
        use_cache: Read and write the response cache.
        retries: Extra attempts after a transient fault (429, 5xx, timeout, reset).
        retry_delay: First back-off delay in seconds (doubles each attempt, capped at 30 s).
        max_tokens: Most tokens a reply may have; ``None``: from each section's length bound.
        context_size: The server's context window in tokens; repair prompts are kept within it
            (``None``: unknown, repair prompts are only kept smaller than the draft prompt).
        source: Why this backend was chosen, for the one-line notice.
    """

    name: str | None = None
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    temperature: float | None = None
    timeout: float = 60.0
    max_concurrency: int = 4
    max_repairs: int = 2
    prompts_dir: Path | None = None
    prompts_origin: str = ""
    use_cache: bool = True
    retries: int = 3
    retry_delay: float = 1.0
    max_tokens: int | None = None
    context_size: int | None = None
    source: str = ""

    def key_for_client(self) -> str:
        """Return the key to hand the client: the real one, or a placeholder for a keyless local server."""
        return self.api_key or PLACEHOLDER_KEY

    def describe(self) -> str:
        """Return a one-line description of the backend (never the key)."""
        if self.name != "openai":
            return "offline (rule-based realiser, no model)"
        return f"openai-compatible, model {self.model} at {self.where()}"

    def where(self) -> str:
        """Return the server to name in messages: the base URL without credentials, or api.openai.com."""
        from drafter.redact import redact_url

        return redact_url(self.base_url) or "api.openai.com"

    def secrets(self) -> list[str]:
        """Return the secrets these options hold: the API key and credentials in the base URL."""
        from drafter.redact import url_secrets

        return [s for s in (self.api_key, *url_secrets(self.base_url)) if s]


_DEFAULT = BackendOptions()  # the one place defaults are written: the dataclass's fields


def drafter_home() -> Path:
    """Return $DRAFTER_HOME, or ``~/.config/drafter``: where drafter.toml, cache.db and logs.db live."""
    env = os.environ.get("DRAFTER_HOME")
    return Path(env).expanduser() if env else Path.home() / ".config" / "drafter"


def resolve_options(
    *,
    backend: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    temperature: float | None = None,
    timeout: float | None = None,
    max_concurrency: int | None = None,
    max_repairs: int | None = None,
    prompts: Path | str | None = None,
    no_cache: bool = False,
    cwd: Path | None = None,
    max_tokens: int | None = None,
    context_size: int | None = None,
) -> BackendOptions:
    """Resolve backend options: CLI flags > environment > drafter.toml (cwd, then $DRAFTER_HOME) > defaults.

    Raises:
        ConfigError: A drafter.toml is malformed, or a value is out of range.
    """
    toml = load_config(cwd or Path.cwd())
    env = _from_env(toml)
    flags = {
        "backend": backend,
        "model": model,
        "base_url": base_url,
        "temperature": temperature,
        "timeout": timeout,
        "max_concurrency": max_concurrency,
        "max_repairs": max_repairs,
        "prompts": str(prompts) if prompts is not None else None,
        "max_tokens": max_tokens,
        "context_size": context_size,
    }
    merged: dict[str, Any] = {**toml, **_present(env), **_present(flags)}
    if prompts is not None:
        merged["prompts_origin"] = "--prompts"
    if no_cache:
        merged["cache"] = False
    return _build(merged, key_origin=_key_origin(env, toml))


def load_config(cwd: Path) -> dict[str, Any]:
    """Return the merged drafter.toml settings: $DRAFTER_HOME's, overridden by the working directory's."""
    merged: dict[str, Any] = {}
    for path in (drafter_home() / CONFIG_NAME, cwd / CONFIG_NAME):
        if path.is_file():
            merged.update(_read_toml(path))
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    from drafter.limits import loads_toml, read_regular

    raw = read_regular(path, "config", ConfigError, what="settings file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8", file=path, hint="re-save it as UTF-8") from None
    data = loads_toml(text, path, ConfigError)
    for key, value in data.items():
        if key not in TOML_KEYS:
            import difflib

            close = difflib.get_close_matches(key, TOML_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(TOML_KEYS)}"
            raise ConfigError("unknown setting", file=path, field=key, hint=hint)
        if (isinstance(value, bool) and bool not in TOML_KEYS[key]) or not isinstance(value, TOML_KEYS[key]):
            wanted = " or ".join(t.__name__ for t in TOML_KEYS[key])
            raise ConfigError(f"expected {wanted}, got {type(value).__name__}", file=path, field=key)
    for key in ("prompts_dir", "prompts"):  # a relative prompt folder is relative to the file naming it
        if key in data:
            data["prompts"] = str((path.parent / data.pop(key)).resolve())
            data["prompts_origin"] = str(path)
    return data


def _from_env(toml: dict[str, Any]) -> dict[str, Any]:
    env = os.environ
    # api_key_env in drafter.toml names the variable holding the key (DEEPSEEK_API_KEY, DASHSCOPE_API_KEY).
    key_var = toml.get("api_key_env") or "OPENAI_API_KEY"
    return {
        "backend": env.get("DRAFTER_BACKEND"),
        "model": env.get("DRAFTER_MODEL"),
        "base_url": env.get("DRAFTER_BASE_URL") or env.get("OPENAI_BASE_URL"),
        "api_key": env.get(key_var),
        "retry_delay": _float_env("DRAFTER_RETRY_DELAY"),
    }


def _float_env(name: str) -> float | None:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return None
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"expected a number, got '{raw}'", field=name) from exc


def _key_origin(env: dict[str, Any], toml: dict[str, Any]) -> str:
    if env.get("api_key"):
        return toml.get("api_key_env") or "OPENAI_API_KEY"
    return "drafter.toml" if toml.get("api_key") else ""


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}


def _build(merged: dict[str, Any], *, key_origin: str) -> BackendOptions:
    name = merged.get("backend")
    local = is_local_url(merged.get("base_url"))
    timeout = LOCAL_TIMEOUT if local else _DEFAULT.timeout
    concurrency = LOCAL_CONCURRENCY if local else _DEFAULT.max_concurrency
    if name is not None and name not in BACKENDS:
        raise ConfigError(f"unknown backend '{name}'", field="backend", hint="use offline or openai")
    options = BackendOptions(
        name=name,
        model=merged.get("model") or DEFAULT_MODEL,
        base_url=merged.get("base_url"),
        api_key=merged.get("api_key"),
        temperature=_in_range(merged.get("temperature"), "temperature", 0.0, 2.0),
        timeout=_in_range(merged.get("timeout", timeout), "timeout", 0.1, 3600.0),
        max_concurrency=int(_in_range(merged.get("max_concurrency", concurrency), "max_concurrency", 1, 64)),
        max_repairs=int(_in_range(merged.get("max_repairs", _DEFAULT.max_repairs), "max_repairs", 0, 10)),
        prompts_dir=Path(merged["prompts"]) if merged.get("prompts") else None,
        prompts_origin=merged.get("prompts_origin", "") if merged.get("prompts") else "",
        use_cache=bool(merged.get("cache", True)),
        retries=int(_in_range(merged.get("retries", _DEFAULT.retries), "retries", 0, 10)),
        retry_delay=_in_range(merged.get("retry_delay", _DEFAULT.retry_delay), "retry_delay", 0.0, 60.0),
        max_tokens=_in_range(merged.get("max_tokens"), "max_tokens", 16, 1_000_000),
        context_size=_in_range(merged.get("context_size"), "context_size", 256, 10_000_000),
    )
    from drafter.redact import remember

    remember(*options.secrets())  # from here on, every message, log and traceback masks them
    return choose_backend(options, key_origin=key_origin)


def is_local_url(url: str | None) -> bool:
    """Whether ``url`` points at this machine or a private network (a local model server)."""
    if not url:
        return False
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith((".local", ".localhost", ".lan", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def _in_range(value: Any, name: str, low: float, high: float) -> Any:
    if value is not None and not low <= value <= high:
        raise ConfigError(f"{value} is out of range {low:g}..{high:g}", field=name)
    return value


def choose_backend(options: BackendOptions, *, key_origin: str = "") -> BackendOptions:
    """Fill in ``options.name`` when unset (openai if a key or base URL is configured) and say why.

    Raises:
        ConfigError: ``openai`` was asked for with neither an API key nor a base URL.
    """
    asked = options.source or "asked for with --backend or settings"
    if options.name == "offline":
        return replace(options, source=asked)
    if options.name == "openai":
        if not options.api_key and not options.base_url:
            raise ConfigError(
                "the openai backend needs an API key or a base URL",
                hint="set OPENAI_API_KEY, or pass --base-url for a local server",
            )
        return replace(options, source=asked)
    if options.api_key or options.base_url:
        why = f"key from {key_origin}" if options.api_key and key_origin else "base URL configured"
        return replace(options, name="openai", source=why)
    return replace(options, name="offline", source="no API key or base URL configured")
