"""Masking secrets (whole or any 8-character piece) and redacting credentials written into URLs."""

from __future__ import annotations

import pytest

from drafter.redact import mask, redact_url, url_secrets

KEY = "sk-proj-Zq8vT3kLm9Xw2Rb7Ny4Hc6Jd1Pf5Gs0A"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Incorrect API key provided: {KEY}.", "Incorrect API key provided: ***."),
        (f"key {KEY[:20]}… is not valid", "key ***… is not valid"),  # a prefix of the key
        (f"ends with {KEY[-9:]}", "ends with ***"),  # a suffix of nine characters
        (f"short {KEY[5:12]} piece", f"short {KEY[5:12]} piece"),  # seven characters say nothing
        ("x" * 300 + KEY, "x" * 300 + "***"),  # masked before any cut, wherever it is
        (f"Bearer {KEY} and again {KEY}", "Bearer *** and again ***"),
    ],
)
def test_mask_hides_the_key_and_any_piece_of_it(text: str, expected: str) -> None:
    assert mask(text, [KEY]) == expected


def test_mask_hides_a_short_secret_only_whole() -> None:
    assert mask("token abc123 and abc", ["abc123"]) == "token *** and abc"


@pytest.mark.parametrize(
    ("url", "redacted", "secrets"),
    [
        ("http://user:s3cret-pass@host:8080/v1", "http://***@host:8080/v1", ["s3cret-pass", "user"]),
        (
            "https://api.example.com/v1?api_key=abcd1234efgh",
            "https://api.example.com/v1?api_key=***",
            ["abcd1234efgh"],
        ),
        ("https://h/v1?model=x&token=T0k3n-value", "https://h/v1?model=x&token=***", ["T0k3n-value"]),
        ("http://localhost:11434/v1", "http://localhost:11434/v1", []),
    ],
)
def test_urls_lose_their_credentials(url: str, redacted: str, secrets: list[str]) -> None:
    assert redact_url(url) == redacted
    assert url_secrets(url) == secrets
