"""`drafter facts import`: this year's spreadsheet → facts file; every bad cell one clear line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from facts_builders import write_xlsx
from runner import Cli

from drafter.facts import load_facts

PCT = "0.0%"
THOUSANDS = "#,##0"

# A statistics-desk workbook: title row, merged category cells, percent and thousands formats, an empty
# row, a total row, a note column.
DESK_ROWS: list[list[Any]] = [
    ["青溪县文化和旅游局2025年主要指标"],
    ["分类", "指标", "单位", "2025年", "2024年", "备注"],
    ["公共文化", "举办群众文化活动", "场", 1260, 1180, None],
    [None, "公共文化设施免费开放率", "%", (1, PCT), (0.985, PCT), None],
    [None, "送戏下乡", "场", 320, 298, "含“村晚”"],
    [],
    ["旅游市场", "接待游客", "万人次", 356.8, 331.2, None],
    [None, "旅游总收入", "亿元", 28.6, 25.9, "统计口径调整"],
    [None, "游客满意度", "%", (0.925, PCT), (0.918, PCT), None],
    [None, "A级旅游景区", "家", 12, 11, None],
    ["合计", None, None, 1915.4, 1816.1, "不单列"],
]
DESK_MERGES = ["A1:F1", "A3:A5", "A7:A10", "A11:B11"]
DESK_FACTS = [
    ("举办群众文化活动", 1260, "场", 1180, "公共文化", None),
    ("公共文化设施免费开放率", 100, "%", 98.5, "公共文化", None),
    ("送戏下乡", 320, "场", 298, "公共文化", "含“村晚”"),
    ("接待游客", 356.8, "万人次", 331.2, "旅游市场", None),
    ("旅游总收入", 28.6, "亿元", 25.9, "旅游市场", "统计口径调整"),
    ("游客满意度", 92.5, "%", 91.8, "旅游市场", None),
    ("A级旅游景区", 12, "家", 11, "旅游市场", None),
]

# English headers on two sheets; figures typed as text the way people paste them.
EN_SHEETS: dict[str, tuple[list[list[Any]], list[str]]] = {
    "Services": (
        [
            ["Category", "Indicator", "Value", "Unit", "Previous", "Notes", "Key"],
            ["Lending", "loans of books and other items", "1,264,000", None, "1,198,400", None, "yes"],
            [None, "share of loans made in digital formats", "15.8%", None, "13.2%", None, "no"],
            [None, "active members", "about 48,000", None, None, "estimate", None],
            ["Events", "events and classes held", (2145, THOUSANDS), None, (1930, THOUSANDS), None, "yes"],
            ["Events", "Total", (2145, THOUSANDS), None, None, None, None],
        ],
        [],
    ),
    "Finance": (
        [
            ["Indicator", "Value", "Unit", "Category"],
            ["total operating budget", 8450000, "USD", "Finance"],
            ["grant funding secured", 312000, "USD", None],
        ],
        [],
    ),
}

# A CSV as exported by a statistics system: 本年/上年 headers, 1.2万 with the unit apart, 约 and 多.
CSV = """项目,本年,上年,单位,类别,重点,备注
一、医疗服务,,,,,,
完成门急诊,28.6,26.1,万人次,,是,
出院患者,"15,420","14,280",人次,,,
完成各类手术,6800多,,台次,,否,
二、学科建设,,,,,,
开展新技术新项目,21,,项,,,
签约家庭医生服务,1.2万,,人,,,
病床使用率,92.4%,,,,,
合计,,,,,,
"""
CSV_FACTS = [
    ("完成门急诊", 28.6, "万人次", 26.1, "exact", "医疗服务", None),  # important is the default
    ("出院患者", 15420, "人次", 14280, "exact", "医疗服务", None),
    ("完成各类手术", 6800, "台次", None, "more-than", "医疗服务", False),
    ("开展新技术新项目", 21, "项", None, "exact", "学科建设", None),
    ("签约家庭医生服务", 1.2, "万人", None, "exact", "学科建设", None),
    ("病床使用率", 92.4, "%", None, "exact", "学科建设", None),
]


def _import(cli: Cli, sheet: Path, tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "facts.yaml"
    code, _, err = cli("facts", "import", str(sheet), "-o", str(out), *extra)
    return code, err, out


def _facts(out: Path) -> list[dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load(out.read_text(encoding="utf-8"))
    facts: list[dict[str, Any]] = data["facts"]
    return facts


def test_statistics_desk_workbook(tmp_path: Path, cli: Cli) -> None:
    sheet = write_xlsx(tmp_path / "desk.xlsx", {"2025年": (DESK_ROWS, DESK_MERGES)})
    code, err, out = _import(
        cli,
        sheet,
        tmp_path,
        "--title",
        "青溪县文化和旅游局2025年工作总结",
        "--organization",
        "青溪县文化和旅游局",
        "--period",
        "2025",
    )
    assert code == 0, err
    got = [
        (f["label"], f["value"], f.get("unit"), f.get("previous"), f.get("topic"), f.get("note"))
        for f in _facts(out)
    ]
    assert got == DESK_FACTS
    loaded = load_facts(out)  # a complete facts file: it validates and drafts
    assert loaded.report.organization == "青溪县文化和旅游局" and len(loaded.facts) == 7
    assert f"desk.xlsx:2025年!D{3}" in out.read_text(encoding="utf-8")  # each fact names its cell


def test_english_headers_on_several_sheets(tmp_path: Path, cli: Cli) -> None:
    sheet = write_xlsx(tmp_path / "library.xlsx", EN_SHEETS)
    code, err, out = _import(cli, sheet, tmp_path, "--language", "en")
    assert code == 0, err
    got = {f["label"]: f for f in _facts(out)}
    assert list(got) == [
        "loans of books and other items",
        "share of loans made in digital formats",
        "active members",
        "events and classes held",
        "total operating budget",
        "grant funding secured",
    ]
    assert (
        got["loans of books and other items"]["value"],
        got["loans of books and other items"]["previous"],
    ) == (1264000, 1198400)
    assert (
        got["share of loans made in digital formats"]["value"],
        got["share of loans made in digital formats"]["unit"],
    ) == (15.8, "%")
    assert got["share of loans made in digital formats"]["important"] is False
    assert (got["active members"]["value"], got["active members"]["approx"]) == (48000, "about")
    assert got["grant funding secured"]["topic"] == "Finance"  # a blank category carries down
    assert got["total operating budget"]["id"] == "total_operating_budget"
    # --sheet picks one sheet
    code, err, out = _import(cli, sheet, tmp_path, "--sheet", "Finance", "--force")
    assert code == 0, err
    assert [f["label"] for f in _facts(out)] == ["total operating budget", "grant funding secured"]


def test_csv_export_with_category_rows(tmp_path: Path, cli: Cli) -> None:
    sheet = tmp_path / "hospital.csv"
    sheet.write_text(CSV, encoding="utf-8")
    code, err, out = _import(cli, sheet, tmp_path)
    assert code == 0, err
    got = [
        (
            f["label"],
            f["value"],
            f.get("unit"),
            f.get("previous"),
            f.get("approx", "exact"),
            f.get("topic"),
            f.get("important"),
        )
        for f in _facts(out)
    ]
    assert got == CSV_FACTS


def test_map_names_a_column_drafter_does_not_know(tmp_path: Path, cli: Cli) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("工作事项名,完成量,计量\n新建农家书屋,12,个\n", encoding="utf-8")
    code, err, _ = _import(cli, sheet, tmp_path)
    assert code == 2 and "no header row with a label and a value column" in err
    code, err, out = _import(
        cli, sheet, tmp_path, "--map", "工作事项名=label", "--map", "B=value", "--map", "计量=unit"
    )
    assert code == 0, err
    assert [(f["label"], f["value"], f["unit"]) for f in _facts(out)] == [("新建农家书屋", 12, "个")]


def _bad(rows: list[list[Any]]) -> dict[str, tuple[list[list[Any]], list[str]]]:
    return {"指标": ([["指标", "数值", "单位", "上年", "重点", "约数"], *rows], [])}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["举办培训班", "abc", "期"]],
            "bad.xlsx:指标!B2: value: not a number ('abc'); write one figure in digits",
        ),
        ([["举办培训班", "12..5", "期"]], "bad.xlsx:指标!B2: value: not a number ('12..5')"),
        (
            [["举办培训班", "109", "期"], [None, 12, "所"]],
            "bad.xlsx:指标!A3: label: empty; give the row a label",
        ),
        (
            [["举办培训班", dt.datetime(2025, 3, 1), "期"]],
            "bad.xlsx:指标!B2: value: a datetime, not a number",
        ),
        ([["举办培训班", "=SUM(B3:B4)", "期"]], "bad.xlsx:指标!B2: value: a formula without a saved result"),
        ([["举办培训班", 109, "期", "八十七"]], "bad.xlsx:指标!D2: previous: not a number ('八十七')"),
        ([["举办培训班", 109, "期", None, "也许"]], "bad.xlsx:指标!E2: important: not yes or no ('也许')"),
        (
            [["举办培训班", 109, "期", None, None, "差不多"]],
            "bad.xlsx:指标!F2: approx: unknown approximation",
        ),
        ([["举办培训班", True, "期"]], "bad.xlsx:指标!B2: value: a bool, not a number"),
    ],
    ids=["text", "two-dots", "no-label", "date", "formula", "previous", "important", "approx", "boolean"],
)
def test_each_bad_cell_is_one_line_and_nothing_is_written(
    rows: list[list[Any]], message: str, tmp_path: Path, cli: Cli
) -> None:
    sheet = write_xlsx(tmp_path / "bad.xlsx", _bad(rows))
    code, err, out = _import(cli, sheet, tmp_path)
    assert code == 2
    assert err.strip().splitlines() == [err.strip()]
    assert message in err and err.startswith(f"error: {tmp_path}/bad.xlsx:指标!")
    assert not out.exists()


def test_every_bad_row_is_listed(tmp_path: Path, cli: Cli) -> None:
    sheet = write_xlsx(tmp_path / "bad.xlsx", _bad([["a", "x", "个"], ["b", 1, "个"], ["c", "y", "个"]]))
    code, err, out = _import(cli, sheet, tmp_path)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 3 and not out.exists()
    assert "指标!B2: value" in lines[0] and "指标!B4: value" in lines[1]
    assert lines[2] == "error: 2 problems in the spreadsheet; nothing was written"


@pytest.mark.parametrize(
    ("name", "content", "extra", "message"),
    [
        ("sheet.xlsx", b"not a workbook", (), "not an Excel workbook"),
        ("sheet.ods", b"x", (), "unknown spreadsheet type '.ods'; use .xlsx or .csv"),
        ("missing.xlsx", None, (), "no such file"),
        (
            "gbk.csv",
            "指标,数值\n培训,12\n".encode("gb18030"),
            (),
            "file is not UTF-8 (it looks like GBK/GB18030)",
        ),
        ("empty.csv", b"", (), "no header row with a label and a value column"),
        ("ok.csv", "指标,数值\n培训,12\n".encode(), ("--map", "nonsense"), "bad --map 'nonsense'"),
        ("ok.csv", "指标,数值\n培训,12\n".encode(), ("--map", "B=valeu"), "unknown field 'valeu' in --map"),
    ],
)
def test_unreadable_sheets_give_one_line(
    name: str, content: bytes | None, extra: tuple[str, ...], message: str, tmp_path: Path, cli: Cli
) -> None:
    sheet = tmp_path / name
    if content is not None:
        sheet.write_bytes(content)
    code, err, out = _import(cli, sheet, tmp_path, *extra)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_unknown_sheet_name_lists_the_sheets(tmp_path: Path, cli: Cli) -> None:
    sheet = write_xlsx(tmp_path / "library.xlsx", EN_SHEETS)
    code, err, _ = _import(cli, sheet, tmp_path, "--sheet", "Finances")
    assert code == 2 and "no sheet named 'Finances'; sheets: Services, Finance" in err


def test_import_never_writes_onto_its_input(tmp_path: Path, cli: Cli) -> None:
    sheet = tmp_path / "figures.yaml"
    sheet.write_text("x", encoding="utf-8")
    code, _, err = cli("facts", "import", str(sheet), "-o", str(sheet), "--force")
    assert (
        code == 2
        and "refusing to write onto an input file" in err
        and sheet.read_text(encoding="utf-8") == "x"
    )
