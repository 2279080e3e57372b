"""Scripted revise sessions through a StringIO input, with the offline backend and in-process editors."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

from revise_helpers import CHANGED_FIGURE, FACTS_EN, FIGURE

from drafter.revise.controller import EXIT_INTERRUPTED, run
from drafter.revise.session import default_session_path, load_session


def test_accepting_every_section_shows_a_summary_and_keeps_waiting(open_scripted: Callable) -> None:
    scripted = open_scripted("a\na\na\na\n?\nq\n")
    assert run(scripted.revision) == 0
    session = load_session(scripted.revision.path)
    assert all(s.accepted for s in session.sections)
    summary_at = scripted.text.index("4 of 4 sections accepted; 0 unsupported numbers left")
    assert "save and quit" in scripted.text[summary_at:]  # the help after the summary: it did not exit


def test_end_of_input_saves_and_quits(open_scripted: Callable) -> None:
    scripted = open_scripted("n\n\n\n")
    assert run(scripted.revision) == 0
    assert load_session(scripted.revision.path).position == 1
    assert "session saved to" in scripted.text


def test_an_edit_that_changes_a_figure_is_flagged(open_scripted: Callable) -> None:
    scripted = open_scripted("n\ne\nq\n")
    run(scripted.revision)
    section = load_session(scripted.revision.path).sections[1]
    assert FIGURE in section.versions[0].text
    assert [v.origin for v in section.versions] == ["offline", "edited"]
    assert CHANGED_FIGURE in section.version.text
    assert section.version.check.unsupported >= 1 and section.versions[0].check.unsupported == 0
    assert "1 unsupported" in scripted.text


def test_accepting_unsupported_numbers_asks_first(open_scripted: Callable) -> None:
    scripted = open_scripted("n\ne\na\nn\na\ny\nq\n")
    run(scripted.revision)
    assert "warning: 1 unsupported number: 7777" in scripted.text
    assert "not accepted" in scripted.text
    session = load_session(scripted.revision.path)
    assert session.sections[1].accepted and session.position == 2


def test_a_failed_or_unchanged_edit_adds_no_version(open_scripted: Callable) -> None:
    failing = open_scripted("e\nq\n", editor=lambda path: 1)
    run(failing.revision)
    assert "exited with code 1; no new version" in failing.text
    untouched = open_scripted("e\nq\n", editor=lambda path: 0)
    run(untouched.revision)
    assert "unchanged; no new version" in untouched.text
    assert len(load_session(untouched.revision.path).sections[0].versions) == 1


def test_undo_redo_and_diff(open_scripted: Callable) -> None:
    scripted = open_scripted("n\nd\ne\nd\nu\nU\nU\nu\nu\nq\n")
    run(scripted.revision)
    text = scripted.text
    assert "version 1 has no previous version" in text
    assert "diff version 1 → 2" in text
    diff_part = text[text.index("diff version 1 → 2") :]
    assert f"[-{FIGURE}-]{{+{CHANGED_FIGURE}+}}" in diff_part  # marked, as the test console has no colour
    assert "阅读服务" not in diff_part.split("› u")[0]  # unchanged paragraphs are left out
    assert "nothing to redo" in text and "nothing to undo" in text
    section = load_session(scripted.revision.path).sections[1]
    assert section.current == 0 and len(section.versions) == 2  # undone, but the edit is kept


def test_write_refuses_to_overwrite_unless_confirmed(open_scripted: Callable, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.md"
    scripted = open_scripted(f"n\ne\nw\n{out}\nw\n{out}\nn\n")
    run(scripted.revision)
    document = out.read_text(encoding="utf-8")
    assert document.startswith("# 某县图书馆2025年度工作总结")
    assert "## 一、2025年主要工作" in document and CHANGED_FIGURE in document
    assert "not written" in scripted.text
    out.write_text("old", encoding="utf-8")
    again = open_scripted(f"w\n{out}\ny\n")
    run(again.revision)
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_write_defaults_to_markdown_next_to_the_facts(open_scripted: Callable, facts_file: Path) -> None:
    scripted = open_scripted("w\n\n")
    run(scripted.revision)
    assert facts_file.with_suffix(".md").read_text(encoding="utf-8").startswith("# ")


def test_write_with_an_unknown_extension_is_an_error_not_a_crash(
    open_scripted: Callable, tmp_path: Path
) -> None:
    scripted = open_scripted(f"w\n{tmp_path / 'x.pdf'}\nq\n")
    assert run(scripted.revision) == 0
    assert "error: " in scripted.text and "unknown output extension" in scripted.text


def test_go_to_next_previous(open_scripted: Callable) -> None:
    scripted = open_scripted("p\ng\n4\nn\ng\n9\np\nq\n")
    run(scripted.revision)
    assert "this is the first section" in scripted.text
    assert "this is the last section" in scripted.text
    assert "no section '9'" in scripted.text
    assert load_session(scripted.revision.path).position == 2


def test_unknown_key_is_explained(open_scripted: Callable) -> None:
    scripted = open_scripted("x\nq\n")
    run(scripted.revision)
    assert "unknown key 'x'; press ? for help" in scripted.text


def test_resume_keeps_versions_and_position(open_scripted: Callable, facts_file: Path) -> None:
    run(open_scripted("n\ne\nq\n").revision)
    resumed = open_scripted("q\n", target=default_session_path(facts_file))
    session = resumed.revision.session
    assert session.position == 1 and len(session.sections[1].versions) == 2
    assert "2/4" in (run(resumed.revision), resumed.text)[1]


def test_facts_changed_since_save_are_noticed_and_rechecked(
    open_scripted: Callable, facts_file: Path
) -> None:
    run(open_scripted("q\n").revision)
    facts_file.write_text(
        facts_file.read_text(encoding="utf-8").replace("value: 8450", "value: 9000"), encoding="utf-8"
    )
    resumed = open_scripted("q\n")
    assert "changed since the session was saved" in resumed.text
    saved = json.loads(default_session_path(facts_file).read_text(encoding="utf-8"))
    assert saved["sections"][1]["versions"][0]["check"]["unsupported"] >= 1
    again = open_scripted("q\n")
    assert "changed since" not in again.text  # the new hash was saved


def test_ctrl_c_saves_and_exits_130(open_scripted: Callable) -> None:
    class Interrupting(io.StringIO):
        def readline(self, *args: object) -> str:
            line = super().readline()
            if not line:
                raise KeyboardInterrupt
            return line

    scripted = open_scripted("")
    scripted.revision.world.input.stream = Interrupting("n\ne\n")  # type: ignore[attr-defined]
    assert run(scripted.revision) == EXIT_INTERRUPTED
    session = load_session(scripted.revision.path)
    assert len(session.sections[1].versions) == 2
    assert "interrupted; session saved" in scripted.text


def test_offline_instruction_is_refused_before_any_text_is_read(open_scripted: Callable) -> None:
    scripted = open_scripted("i\nq\n")  # no instruction follows: the next line is already the next key
    assert run(scripted.revision) == 0
    assert "i needs a model: the offline writer cannot follow instructions" in scripted.text
    assert "unknown key" not in scripted.text
    assert len(load_session(scripted.revision.path).sections[0].versions) == 1


def test_write_docx(open_scripted: Callable, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    scripted = open_scripted(f"w\n{out}\nq\n")
    run(scripted.revision)
    assert out.read_bytes()[:2] == b"PK"
    assert f"wrote {out} (docx" in scripted.text


def test_an_english_report_diffs_by_word(open_scripted: Callable, tmp_path: Path) -> None:
    facts = tmp_path / "centre.yaml"
    facts.write_text(FACTS_EN, encoding="utf-8")

    def reword(path: Path) -> int:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("1,250", "about 1,250", 1), encoding="utf-8")
        return 0

    scripted = open_scripted("n\ne\nd\na\na\na\nq\n", target=facts, editor=reword)
    run(scripted.revision)
    session = load_session(scripted.revision.path)
    assert session.language == "en" and "about 1,250" in session.sections[1].version.text
    assert "diff version 1 → 2" in scripted.text
    assert "3 of 4 sections accepted" in scripted.text
