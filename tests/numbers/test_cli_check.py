"""`drafter check DRAFT --facts FACTS`: exit codes, the JSON schema, line and column, text output."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from runner import Cli

Run = Callable[..., tuple[int, str]]

FACTS = """\
report: {title: 某县文化馆2025年度工作总结, organization: 某县文化馆, period: "2025", next_period: "2026"}
facts:
  - {id: training, label: 举办培训班, value: 109, unit: 期, previous: 87}
  - {id: medicine_value, label: 赠送药品价值, value: 5230, unit: 元}
  - {id: volunteers, label: 志愿者, value: 564, unit: 人}
"""
GOOD = (
    "# 某县文化馆2025年度工作总结\n\n一、主要工作\n\n举办培训班109期，比上年增长25.3%，赠送药品5000多元。\n"
)
BAD = GOOD + "\n志愿者564次，进一步加强。\n"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    return tmp_path


@pytest.fixture
def run(cli: Cli) -> Run:
    """``drafter ARGS`` in-process: the exit code and standard output."""

    def invoke(*args: str) -> tuple[int, str]:
        result = cli(*args)
        return result.code, result.out

    return invoke


def test_clean_draft_exits_0(run: Run, files: Path) -> None:
    code, out = run("check", str(files / "good.md"), "--facts", str(files / "facts.yaml"))
    assert code == 0
    assert "0 unsupported" in out


def test_unsupported_number_exits_1_with_table(run: Run, files: Path) -> None:
    code, out = run("check", str(files / "bad.md"), "--facts", str(files / "facts.yaml"))
    assert code == 1
    assert "564次" in out and "7:4" in out and "unit" in out


def test_json_schema(run: Run, files: Path) -> None:
    code, out = run("check", str(files / "bad.md"), "--facts", str(files / "facts.yaml"), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"summary", "mentions"}
    assert data["summary"] == {
        "mentions": 5,
        "supported": 3,
        "derived": 1,
        "misattributed": 0,
        "unsupported": 1,
    }
    keys = {
        "text",
        "start",
        "end",
        "line",
        "column",
        "value",
        "low",
        "high",
        "unit",
        "kind",
        "status",
        "sources",
        "formula",
        "reason",
        "claimed",
        "attribution",
    }
    for mention in data["mentions"]:
        assert set(mention) == keys
        assert BAD[mention["start"] : mention["end"]] == mention["text"]
        assert mention["kind"] in ("quantity", "percent", "money", "year", "date", "ordinal", "range", "term")
        assert mention["status"] in ("supported", "derived", "misattributed", "unsupported")
        assert mention["claimed"] is None or isinstance(mention["claimed"], str)
        assert mention["attribution"] is None or 0 <= mention["attribution"] <= 1
    money = next(m for m in data["mentions"] if m["text"] == "5000多元")
    assert (money["value"], money["low"], money["high"], money["unit"]) == (5000, 5000, 6000, "元")
    assert money["sources"] == ["medicine_value"]
    bad = next(m for m in data["mentions"] if m["status"] == "unsupported")
    assert (bad["text"], bad["line"], bad["column"]) == ("564次", 7, 4)
    assert "5000多元" in out  # ensure_ascii=False: Chinese printed as is


def test_text_format_from_txt_and_crlf(run: Run, files: Path) -> None:
    (files / "d.txt").write_bytes(BAD.replace("\n", "\r\n").encode("utf-8"))
    code, out = run("check", str(files / "d.txt"), "--facts", str(files / "facts.yaml"), "--format", "json")
    assert code == 1
    assert json.loads(out)["mentions"][-1]["line"] == 7


def test_docx_draft(run: Run, files: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("某县文化馆2025年度工作总结", level=1)
    document.add_paragraph("举办培训班109期，志愿者564次。")
    document.save(str(files / "d.docx"))
    code, out = run("check", str(files / "d.docx"), "--facts", str(files / "facts.yaml"), "--format", "json")
    assert code == 1
    texts = [m["text"] for m in json.loads(out)["mentions"]]
    assert texts == ["2025年度", "109期", "564次"]


@pytest.mark.parametrize(
    ("draft", "facts", "expected"),
    [
        ("missing.md", "facts.yaml", "no such file"),
        ("good.md", "missing.yaml", "no such file"),
        ("latin1.md", "facts.yaml", "not UTF-8"),
        ("good.md", "facts.yaml --format xml", "error: Invalid value for '--format': 'xml' is not one of"),
    ],
)
def test_bad_input_exits_2(cli: Cli, files: Path, draft: str, facts: str, expected: str) -> None:
    (files / "latin1.md").write_bytes("举办培训班109期".encode("gbk"))
    result = cli("check", files / draft, "--facts", files / facts.split()[0], *facts.split()[1:])
    assert result.code == 2
    assert expected in result.err
    assert "Traceback" not in result.err


def test_check_imports_no_model_libraries(files: Path) -> None:
    code = (
        "import sys; from drafter.cli.main import main; sys.argv = ['drafter', 'check', "
        f"{str(files / 'good.md')!r}, '--facts', {str(files / 'facts.yaml')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('langchain', 'langchain_core', 'openai', 'docx')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in heavy]\n"
        "print('HEAVY', bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
