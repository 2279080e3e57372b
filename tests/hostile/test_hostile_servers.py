"""Hostile servers: key echo, HTML error pages, huge replies, credentials in the base URL.

Each runs the real CLI in one fresh process under a memory limit against the scripted server, then
searches every output (stdout, stderr, --debug tracebacks, logs.db, cache.db, session and written files,
`drafter logs show`) for any 8-character piece of the key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.testing import Reply, ScriptedRequest, ScriptedServer
from hostile.corpus import Outcome, corpus_folder, run_batch

# One fresh process under the memory limit drafts against every hostile server: over 2 s.
pytestmark = [pytest.mark.timeout(240), pytest.mark.slow]

KEY = "sk-proj-Zq8vT3kLm9Xw2Rb7Ny4Hc6Jd1Pf5Gs0A"
URL_PASSWORD = "pa55-Wd9xQ7zK3m"
URL_TOKEN = "tok-8Hs2Lq9Zx4Vb"
PIECE = 8
LONG = "The request was rejected because it did not pass validation. " * 5  # > 200 characters


def _pieces(secret: str) -> set[str]:
    return {secret[i : i + PIECE] for i in range(len(secret) - PIECE + 1)}


def leaks(text: str, secrets: tuple[str, ...] = (KEY, URL_PASSWORD, URL_TOKEN)) -> list[str]:
    """Return every 8-character piece of a secret found in ``text``."""
    return sorted(p for s in secrets for p in _pieces(s) if p in text)


def _partial_echo(request: ScriptedRequest) -> Reply:
    # The first 20 characters of the key only, as some servers show "sk-proj-Zq8vT3kL…".
    auth = request.headers.get("authorization", "")
    return Reply(status=400, content=f"{LONG} key {auth[7:27]}… is not valid for this project")


def _echo_in_reply(request: ScriptedRequest) -> str:
    return f"2025年，全年接待读者52000多人次。调试信息：{request.headers.get('authorization', '')}"


SCRIPTS = {
    "401 echoing the key": Reply(status=401, content="Incorrect API key provided:", echo_key=True),
    "400 with the key after 200 characters": Reply(status=400, content=LONG, echo_key=True),
    "400 with part of the key": _partial_echo,
    "HTML 502 page echoing the key": Reply(status=502, html=True, content="upstream", echo_key=True),
    "HTML page with status 200": Reply(status=200, html=True, content="login required"),
    "reply echoing the key": _echo_in_reply,
    "huge reply": Reply(content="全年接待读者52000多人次。" * 300_000),  # 4.8 million characters, 14 MB
}


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    """One scripted server; each job selects its script by the model name it asks for."""
    names = list(SCRIPTS)

    def route(request: ScriptedRequest) -> Reply | str:
        script = SCRIPTS[names[int(request.model.removeprefix("case-"))]]
        return script(request) if callable(script) else script

    with ScriptedServer(route) as running:
        yield running


@pytest.fixture(scope="module")
def outcomes(
    server: ScriptedServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Outcome], Path]:
    """Draft against every hostile script (and with credentials in the URL), then list and show the logs."""
    folder, facts = corpus_folder(tmp_path_factory, "hostile-servers")
    env = {"OPENAI_API_KEY": KEY, "DRAFTER_RETRY_DELAY": "0.01"}
    jobs: list[tuple[list[object], dict[str, str]]] = []
    for number, _ in enumerate(SCRIPTS):
        out = folder / f"draft-{number}.md"
        jobs.append(
            (["draft", facts, "--base-url", server.base_url, "--model", f"case-{number}", "-o", out], env)
        )
    secret_url = (
        server.base_url.replace("http://", f"http://drafter:{URL_PASSWORD}@") + f"?api_key={URL_TOKEN}"
    )
    jobs.append((["draft", facts, "--base-url", secret_url, "--model", "case-0"], env))
    jobs.append((["--debug", "draft", facts, "--base-url", server.base_url, "--model", "case-1"], env))
    revise_env = {**env, "EDITOR": "true"}
    jobs.append((["revise", facts, "--base-url", server.base_url, "--model", "case-5"], revise_env))
    jobs.append((["logs"], {}))
    jobs.extend((["logs", "show", str(n)], {}) for n in range(1, len(SCRIPTS) + 4))
    names = [*SCRIPTS, "credentials in the base URL", "--debug traceback", "revise", "logs"]
    names += [f"logs show {n}" for n in range(1, len(SCRIPTS) + 4)]
    results = run_batch(jobs, folder, timeout=220)
    return dict(zip(names, results, strict=True)), folder


def test_no_piece_of_a_secret_reaches_any_output(outcomes: tuple[dict[str, Outcome], Path]) -> None:
    results, folder = outcomes
    for name, outcome in results.items():
        assert not leaks(outcome.out + outcome.err), (name, leaks(outcome.out + outcome.err))
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert not leaks(text), (path.name, leaks(text))


@pytest.mark.parametrize(
    ("name", "code", "needles"),
    [
        ("401 echoing the key", 4, ("refused the API key (HTTP 401)",)),
        ("400 with the key after 200 characters", 4, ("HTTP 400", "did not pass validation")),
        ("400 with part of the key", 4, ("HTTP 400",)),
        ("HTML 502 page echoing the key", 4, ("HTTP 502", "HTML page instead of JSON", "after 4 attempts")),
        ("HTML page with status 200", 4, ("malformed reply",)),
        ("huge reply", 4, ("more than the 200,000 a section may have", "DRAFTER_MAX_REPLY_CHARS")),
        ("credentials in the base URL", 4, ("***@127.0.0.1",)),
    ],
)
def test_hostile_server_is_one_line(
    name: str, code: int, needles: tuple[str, ...], outcomes: tuple[dict[str, Outcome], Path]
) -> None:
    outcomes[0][name].assert_one_line(code, *needles)


def test_a_key_echoed_in_a_reply_is_masked_in_the_draft(outcomes: tuple[dict[str, Outcome], Path]) -> None:
    results, folder = outcomes
    assert results["reply echoing the key"].code in (0, 1), results["reply echoing the key"].err
    written = (folder / f"draft-{list(SCRIPTS).index('reply echoing the key')}.md").read_text(
        encoding="utf-8"
    )
    assert "调试信息：Bearer ***" in written


def test_debug_shows_a_masked_traceback(outcomes: tuple[dict[str, Outcome], Path]) -> None:
    debug = outcomes[0]["--debug traceback"]
    assert debug.code == 4 and "Traceback" in debug.err and "***" in debug.err


def test_the_log_stores_the_base_url_without_credentials(outcomes: tuple[dict[str, Outcome], Path]) -> None:
    results = outcomes[0]
    shown = "".join(r.out for name, r in results.items() if name.startswith("logs show"))
    assert (
        "base URL: http://***@127.0.0.1" in shown and "api_key=%2A%2A%2A" in shown
    ) or "api_key=***" in shown
