"""Report kinds are data: listing, loading, validation, and a new kind that needs no code change."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

import drafter.kind as kind_module
from drafter.errors import FactsError, KindError
from drafter.facts import parse_facts
from drafter.kind import Kind, list_kinds, load_kind
from drafter.plan import plan_report

BRIEFING = """\
id: briefing
name: {zh: 情况简报, en: Briefing}
sections:
  - id: summary
    heading: {zh: null, en: Summary}
  - id: figures
    heading: {zh: "{period}主要数据", en: "Key figures for {period}"}
    style: topics
    default: true
"""


def test_work_summary_is_shipped() -> None:
    assert "work-summary" in list_kinds()
    kind = load_kind("work-summary")
    assert kind.section_ids() == ["overview", "achievements", "problems", "plans"]
    assert kind.default_section() == "achievements"


def test_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(KindError) as caught:
        load_kind("no-such-kind")
    known = ", ".join(list_kinds())
    assert str(caught.value) == f"report.kind: unknown report kind 'no-such-kind'; known kinds: {known}"


@pytest.mark.parametrize(
    "broken",
    [
        {"id": "k", "name": {"en": "K"}},  # no sections
        {"id": "k", "name": {"en": "K"}, "sections": [{"id": "s", "heading": {"en": "S"}, "style": "table"}]},
        {"id": "k", "name": {"en": "K"}, "colour": "red", "sections": []},
    ],
)
def test_kind_validation_rejects_malformed_kinds(broken: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Kind.model_validate(broken)


def test_default_section_falls_back_to_the_first() -> None:
    sections = [{"id": "a", "heading": {"en": "A"}}, {"id": "b", "heading": {}}]
    kind = Kind.model_validate({"id": "k", "name": {"en": "K"}, "sections": sections})
    assert kind.default_section() == "a"


@pytest.fixture
def briefing_kinds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A kinds package holding work-summary and a new ``briefing`` kind, written only as data."""
    package = tmp_path / "extra_kinds"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "briefing.yaml").write_text(BRIEFING, encoding="utf-8")
    shipped = Path(kind_module.__file__).parent / "kinds" / "work-summary.yaml"
    (package / "work-summary.yaml").write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(kind_module, "KINDS_PACKAGE", "extra_kinds")
    load_kind.cache_clear()
    yield
    load_kind.cache_clear()
    sys.modules.pop("extra_kinds", None)


@pytest.mark.usefixtures("briefing_kinds")
def test_a_new_kind_file_needs_no_code_change() -> None:
    assert list_kinds() == ["briefing", "work-summary"]
    text = (
        "report: {title: T, organization: O, period: '2025', kind: briefing, language: en}\n"
        "facts: [{id: a, label: a, value: 1, section: figures}]\n"
    )
    plan = plan_report(parse_facts(text, "yaml", "b.yaml"))
    assert [s.heading for s in plan.sections] == ["Summary", "Key figures for 2025"]
    with pytest.raises(FactsError) as caught:
        parse_facts(text.replace("section: figures", "section: plans"), "yaml", "b.yaml")
    assert str(caught.value) == (
        "b.yaml:2:46: facts[0].section: unknown section 'plans'; sections of briefing: summary, figures"
    )
