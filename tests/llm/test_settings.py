"""Settings precedence (flags > environment > drafter.toml in cwd > in $DRAFTER_HOME) and backend choice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.backends import is_chat, make_backend
from drafter.errors import ConfigError
from drafter.settings import BackendOptions, resolve_options

Cli = Callable[..., Any]


def _toml(folder: Path, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "drafter.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("home_toml", "cwd_toml", "env", "flags", "expected"),
    [
        ("", "", {}, {}, "gpt-4o-mini"),
        ('model = "home"', "", {}, {}, "home"),
        ('model = "home"', 'model = "cwd"', {}, {}, "cwd"),
        ('model = "home"', 'model = "cwd"', {"DRAFTER_MODEL": "env"}, {}, "env"),
        ('model = "home"', 'model = "cwd"', {"DRAFTER_MODEL": "env"}, {"model": "flag"}, "flag"),
        ("", "", {"DRAFTER_MODEL": "env"}, {"model": "flag"}, "flag"),
    ],
)
def test_model_precedence(
    home_toml: str,
    cwd_toml: str,
    env: dict[str, str],
    flags: dict[str, str],
    expected: str,
    tmp_path: Path,
    isolated_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _toml(isolated_env, home_toml)
    _toml(tmp_path / "project", cwd_toml)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert resolve_options(cwd=tmp_path / "project", **flags).model == expected


@pytest.mark.parametrize(
    ("env", "toml", "flags", "expected"),
    [
        (
            {"OPENAI_BASE_URL": "http://openai-env/v1"},
            'base_url = "http://toml/v1"',
            {},
            "http://openai-env/v1",
        ),
        ({"OPENAI_BASE_URL": "http://o/v1", "DRAFTER_BASE_URL": "http://d/v1"}, "", {}, "http://d/v1"),
        ({"DRAFTER_BASE_URL": "http://d/v1"}, "", {"base_url": "http://flag/v1"}, "http://flag/v1"),
        ({}, 'base_url = "http://toml/v1"', {}, "http://toml/v1"),
    ],
)
def test_base_url_precedence(
    env: dict[str, str],
    toml: str,
    flags: dict[str, str],
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _toml(tmp_path, toml)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert resolve_options(cwd=tmp_path, **flags).base_url == expected


@pytest.mark.parametrize(
    ("env", "toml", "name", "source"),
    [
        ({}, "", "offline", "no API key or base URL configured"),
        ({"OPENAI_API_KEY": "sk-test"}, "", "openai", "key from OPENAI_API_KEY"),
        (
            {"DEEPSEEK_API_KEY": "sk-ds"},
            'api_key_env = "DEEPSEEK_API_KEY"',
            "openai",
            "key from DEEPSEEK_API_KEY",
        ),
        ({}, 'base_url = "http://localhost:11434/v1"', "openai", "base URL configured"),
        ({"OPENAI_API_KEY": "sk-test"}, 'backend = "offline"', "offline", "asked for"),
    ],
)
def test_backend_is_chosen_by_what_is_configured(
    env: dict[str, str], toml: str, name: str, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _toml(tmp_path, toml)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    options = resolve_options(cwd=tmp_path)
    assert options.name == name
    assert source in options.source


def test_temperature_timeout_concurrency_from_toml_and_flags(tmp_path: Path) -> None:
    _toml(tmp_path, "temperature = 0.2\ntimeout = 30\nmax_concurrency = 2\ncache = false\n")
    options = resolve_options(cwd=tmp_path, max_concurrency=8)
    assert (options.temperature, options.timeout, options.max_concurrency, options.use_cache) == (
        0.2,
        30,
        8,
        False,
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('modle = "x"', "modle: unknown setting; did you mean 'model'?"),
        ("timeout = 'soon'", "timeout: expected int or float, got str"),
        ("temperature = [", "TOML syntax error"),
        ('backend = "llama"', "unknown backend 'llama'"),
        ("max_concurrency = 0", "max_concurrency: 0 is out of range"),
    ],
)
def test_bad_drafter_toml_is_one_line_error(
    toml: str, message: str, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, facts_zh: Path
) -> None:
    _toml(tmp_path, toml)
    monkeypatch.chdir(tmp_path)
    result = cli("draft", facts_zh)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_openai_without_key_or_base_url_is_one_line_exit_2(cli: Cli, facts_zh: Path) -> None:
    result = cli("draft", facts_zh, "--backend", "openai")
    assert result.code == 2
    assert result.err.startswith("error: the openai backend needs an API key or a base URL")
    assert len(result.err.strip().splitlines()) == 1


def test_no_configuration_drafts_offline_and_says_so(cli: Cli, facts_zh: Path) -> None:
    result = cli("draft", facts_zh)
    assert result.code == 0, result.err
    assert "backend: offline" in result.err and "no API key or base URL configured" in result.err
    assert result.out.startswith("# 某县图书馆2025年度工作总结")


def test_make_backend_and_options_never_show_the_key() -> None:
    options = BackendOptions(name="openai", api_key="sk-very-secret")
    backend = make_backend(options)
    assert is_chat(backend)
    assert "sk-very-secret" not in repr(options) + options.describe()
    with pytest.raises(ConfigError):
        make_backend(BackendOptions(name="openai"))
    assert not is_chat(make_backend(BackendOptions()))
