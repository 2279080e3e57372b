"""Whatever a user does to a valid facts file, the loader answers with Facts or one FactsError line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import drafter
from drafter.errors import FactsError
from drafter.facts import parse_facts
from drafter.facts.loader import FORMATS

ROOT = Path(__file__).resolve().parents[2]
STARTERS = sorted(Path(drafter.__file__).parent.glob("facts/starter_*.yaml"))
SAMPLES = [p for p in sorted((ROOT / "examples").glob("*.*")) if p.suffix in FORMATS] + STARTERS

EDITS = st.sampled_from(["delete", "duplicate", "insert", "replace", "indent"])
NOISE = st.sampled_from(
    [
        "",
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        '"',
        "'",
        "=",
        "#",
        "\t",
        "x",
        "一百",
        "valu",
        "  ",
        "\n",
        "[[facts]]",
        "approx: ",
        "value = ",
        '"value": ',
    ]
)


def _edit(text: str, edit: str, where: float, noise: str) -> str:
    lines = text.splitlines(keepends=True)
    i = int(where * len(lines)) % max(len(lines), 1)
    if edit == "delete":
        del lines[i]
    elif edit == "duplicate":
        lines.insert(i, lines[i])
    elif edit == "insert":
        cut = int(where * 997) % max(len(lines[i]), 1)
        lines[i] = lines[i][:cut] + noise + lines[i][cut:]
    elif edit == "replace":
        lines[i] = noise + "\n"
    else:
        lines[i] = "  " + lines[i]
    return "".join(lines)


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(EDITS, st.floats(0, 1), NOISE), min_size=1, max_size=3))
def test_edited_files_never_raise_anything_but_one_line(
    sample: Path, edits: list[tuple[str, float, str]]
) -> None:
    text = sample.read_text(encoding="utf-8")
    for edit, where, noise in edits:
        text = _edit(text, edit, where, noise)
    try:
        parse_facts(text, FORMATS[sample.suffix], sample.name)
    except FactsError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith(sample.name)
