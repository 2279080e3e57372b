"""`drafter facts merge`: fill the skeleton from the spreadsheet; the shipped walk-through end to end."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from facts_builders import write_xlsx
from hypothesis import given, settings
from hypothesis import strategies as st
from runner import Cli

from drafter.ingest.merge import match_labels
from drafter.ingest.writing import Entry, render, scalar

ROOT = Path(__file__).resolve().parents[2]
LASTYEAR = ROOT / "examples" / "lastyear"


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_walk_through_from_last_years_report_to_this_years_draft(tmp_path: Path, cli: Cli) -> None:
    skeleton, facts = tmp_path / "skeleton.yaml", tmp_path / "facts.yaml"
    assert cli("facts", "extract", str(LASTYEAR / "qingxi-education-2024.docx"), "-o", str(skeleton))[0] == 0
    code, out, err = cli(
        "facts",
        "merge",
        str(skeleton),
        str(LASTYEAR / "qingxi-education-2025-figures.xlsx"),
        "-o",
        str(facts),
    )
    assert code == 0, err
    assert "22 filled, 1 still empty, 2 new" in err
    assert "empty   zuzhi_shide_shifeng_zhuanti: 组织师德师风专题培训" in out
    assert "new     学前三年毛入园率 = 96.8" in out
    merged = {f["id"]: f for f in _load(facts)["facts"]}
    # 近万人次 last year, 约1.3万人次 this year: the sheet's unit and approximation win, previous follows.
    aid = merged["zizhu_jiating_jingji_kunnan"]
    assert (aid["value"], aid["unit"], aid["approx"], aid["previous"]) == (1.3, "万人次", "about", 1)
    assert (
        merged["puhui_xingyou_eryuan_fugai"]["value"],
        merged["puhui_xingyou_eryuan_fugai"]["previous"],
    ) == (91.5, 88.2)
    assert merged["quanxian_rengyou_56ren_yishang"]["section"] == "problems"
    text = facts.read_text(encoding="utf-8")
    assert (
        "# paragraph 5: 一是新建、改扩建公办幼儿园8所，新增公办学前教育学位1800个；" in text
    )  # comments kept
    # validate names the one fact still empty, with its line; filled by hand, the file drafts.
    code, _, err = cli("validate", str(facts))
    assert (
        code == 2 and len(err.strip().splitlines()) == 1 and "no value yet for '组织师德师风专题培训'" in err
    )
    line = int(err.split(":")[2])
    lines = text.splitlines()
    assert lines[line - 1].strip() == "value: null"
    lines[line - 1] = lines[line - 1].replace("null", "1100")
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli("validate", str(facts))[0] == 0
    draft = tmp_path / "draft.md"
    done = cli("draft", facts, "--backend", "offline", "-o", draft)
    assert done.code == 0, done.err
    assert "普惠性幼儿园覆盖率达到91.5%" in draft.read_text(encoding="utf-8")


def test_the_example_files_are_what_the_script_builds(tmp_path: Path) -> None:
    copy = tmp_path / "make_lastyear.py"
    shutil.copy(LASTYEAR / "make_lastyear.py", copy)
    with pytest.raises(SystemExit) as done:  # the script as `python make_lastyear.py` runs it, in-process
        runpy.run_path(str(copy), run_name="__main__")
    assert done.value.code == 0
    from drafter.ingest.sheets import read_sheets

    built = read_sheets(tmp_path / "qingxi-education-2025-figures.xlsx")
    shipped = read_sheets(LASTYEAR / "qingxi-education-2025-figures.xlsx")
    assert [(r.label, r.value, r.unit) for r in built] == [(r.label, r.value, r.unit) for r in shipped]


def test_match_labels_ranks_by_rare_shared_bigrams() -> None:
    labels = ["普惠性幼儿园覆盖率", "举办教师培训", "loans of books and other items"]
    candidates = [
        "幼儿园覆盖率（普惠性）",
        "教师培训班（期）",
        "各项工作",
        "Loans of books and other items",
        "loans",
    ]
    ranked = match_labels(labels, candidates)
    assert [r[0][0] for r in ranked] == [0, 1, 3]
    assert all(0 < score <= 1 for r in ranked for _, score in r)
    assert ranked[2][0][1] == pytest.approx(1.0)
    assert 2 not in {index for index, _ in ranked[0]}  # nothing shared with 各项工作


SKELETON = """\
# my notes on this file: keep them
report: {title: 青溪县图书馆2025年工作总结, organization: 青溪县图书馆, period: "2025"}
facts:
  - {id: readers, label: 全年接待读者, value: null, previous: 23.6, unit: 万人次}   # checked by me
  - {id: books, label: 新增馆藏图书, value: null, previous: 1.2}
  - {id: staff, label: 在编职工, value: 31}
  - id: branches
    label: 新建乡镇分馆
    value: null
    previous: 5
    section: plans
notes:
  - 我馆紧紧围绕建设书香青溪的目标。
"""


def test_merge_edits_the_skeleton_in_place(tmp_path: Path, cli: Cli) -> None:
    skeleton = tmp_path / "s.yaml"
    skeleton.write_text(SKELETON, encoding="utf-8")
    sheet = write_xlsx(
        tmp_path / "f.xlsx",
        {
            "2025": (
                [
                    ["指标", "数值", "单位"],
                    ["接待读者", 251000, "人次"],
                    ["新增馆藏图书", "1.5万", "册"],
                    ["在编职工", 33, "人"],
                    ["举办讲座", 40, "场"],
                ],
                [],
            )
        },
    )
    out = tmp_path / "facts.yaml"
    code, stdout, err = cli("facts", "merge", str(skeleton), str(sheet), "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# my notes on this file: keep them\n")
    readers = '  - {id: readers, label: 全年接待读者, value: 251000, previous: 236000, unit: "人次"}'
    assert f"{readers}   # checked by me\n" in text
    assert '  - {id: books, label: 新增馆藏图书, value: 1.5, unit: "万册", previous: 1.2}\n' in text
    data = _load(out)
    assert data["facts"][2]["value"] == 31  # a value already written is kept
    assert data["facts"][3]["value"] is None  # 新建乡镇分馆: nothing in the sheet
    assert data["facts"][-1] == {
        "id": "juban_jiangzuo",
        "label": "举办讲座",
        "value": 40,
        "unit": "场",
        "section": "achievements",
    }
    assert data["notes"] == ["我馆紧紧围绕建设书香青溪的目标。"]
    assert "new     举办讲座 = 40" in stdout and "empty   branches: 新建乡镇分馆" in stdout
    # 在编职工 already had a value: kept as written, not added again as new
    assert "kept    在编职工 = 31 (already filled; the sheet says 33" in stdout
    assert [f["label"] for f in data["facts"]].count("在编职工") == 1


def test_merge_refuses_a_broken_skeleton_and_its_own_inputs(tmp_path: Path, cli: Cli) -> None:
    skeleton = tmp_path / "s.yaml"
    skeleton.write_text(SKELETON.replace("previous: 5", "previus: 5"), encoding="utf-8")
    sheet = tmp_path / "f.csv"
    sheet.write_text("指标,数值\n接待读者,1\n", encoding="utf-8")
    code, _, err = cli("facts", "merge", str(skeleton), str(sheet), "-o", str(tmp_path / "o.yaml"))
    assert code == 2 and "facts[3].previus: unknown key" in err and not (tmp_path / "o.yaml").exists()
    skeleton.write_text(SKELETON, encoding="utf-8")
    code, _, err = cli("facts", "merge", str(skeleton), str(sheet), "-o", str(skeleton), "--force")
    assert code == 2 and "refusing to write onto an input file" in err
    assert skeleton.read_text(encoding="utf-8") == SKELETON


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_label_round_trips_through_the_written_yaml(label: str) -> None:
    assert yaml.safe_load(f"key: {scalar(label)}")["key"] == label
    text = render(
        [label],
        {"title": label},
        [label],
        [Entry({"id": "a", "label": label, "value": None}, [label])],
        [Entry({"text": label}, [label])],
    )
    data = yaml.safe_load(text)
    assert (
        data["facts"][0]["label"] == label and data["terms"] == [label] and data["notes"][0]["text"] == label
    )


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**15), 10**15))
def test_any_figure_round_trips_through_the_written_yaml(value: float) -> None:
    assert yaml.safe_load(f"v: {scalar(value)}")["v"] == value
