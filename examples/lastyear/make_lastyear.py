"""Build the shipped example pair for "from last year's report to this year's draft" (README):

- qingxi-education-2024.docx: the county education bureau's 2024 work summary as an
  office writes it in Word (二○二四年 beside 2024年, 5000多, 千余, 近万, 同比增长, a table of figures);
- qingxi-education-2025-figures.xlsx: this year's figures from the statistics desk
  (a title row, merged category cells, percent cells, thousands separators, an empty row, a total row
  and a note column).

Run:  python examples/lastyear/make_lastyear.py  (writes both files beside this script)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

REPORT: list[tuple[str, str]] = [
    ("Title", "青溪县教育局2024年度工作总结"),
    (
        "",
        "二○二四年，青溪县教育局在县委、县政府的坚强领导下，全面落实立德树人根本任务，加快建设教育强县，"
        "各项工作取得新成效。全县共有各级各类学校127所，在校学生5.1万人，教职工4300多人。现将有关情况总结如下。",
    ),
    ("bold", "一、2024年主要工作"),
    ("bold", "（一）学前教育"),
    (
        "",
        "坚持公益普惠方向，扩大优质学前教育资源。一是新建、改扩建公办幼儿园8所，新增公办学前教育学位1800个；"
        "二是普惠性幼儿园覆盖率达到88.2%，比上年提高3.1个百分点；三是培训幼儿园教师500多人。",
    ),
    ("bold", "（二）义务教育优质均衡发展"),
    (
        "",
        "一是改造提升薄弱学校18所，建成智慧教室210间；二是九年义务教育巩固率达到99.5%，"
        "义务教育学校课后服务覆盖率达到100%；三是资助家庭经济困难学生近万人次（含学前和高中阶段）。"
        "深入落实“双减”政策，学生作业负担明显减轻。",
    ),
    ("bold", "（三）师资队伍建设"),
    (
        "",
        "全年举办教师培训87期，参训教师7600人次，同比增长12.5%；公开招聘新教师198名；"
        "组织师德师风专题培训千余人次。深化“县管校聘”管理改革，教师队伍结构不断优化。",
    ),
    ("bold", "（四）教育保障"),
    ("", "全年主要保障指标如下表。组织安全应急演练1100余场，规范运营校车80辆。"),
    ("table", ""),
    ("bold", "二、存在的问题和不足"),
    ("", "（一）在办学条件方面，城区学校学位供给仍然偏紧，全县仍有56人以上大班额52个。"),
    ("", "（二）在师资结构方面，农村学校音体美等学科教师短缺，教师年龄结构老化问题较为突出。"),
    ("bold", "三、2025年工作安排"),
    ("", "（一）持续扩大优质学位供给。力争新增公办学位1200个，逐步化解城区大班额。"),
    ("", "（二）全面加强教师队伍建设。实施新一轮教师素质提升工程，完善教师交流轮岗激励机制。"),
    ("", "青溪县教育局"),
    ("", "二○二五年一月十日"),
]

TABLE = [
    ["项目", "2024年", "2023年", "单位", "同比增长"],
    ["全年教育投入", "6.15", "5.80", "亿元", "6.0%"],
    ["完成校舍建设面积", "3.9", "3.2", "万平方米", "21.9%"],
    ["营养改善计划惠及学生", "17600", "17100", "人", "2.9%"],
]

# (category, label, unit, 2025, 2024, important, note); a percent figure is a fraction shown as 0.0%.
FIGURES: list[tuple[str, str, str, object, object, str, str] | None] = [
    ("基本情况", "各级各类学校", "所", 126, 127, "否", ""),
    ("基本情况", "在校学生", "万人", 5.2, 5.1, "否", ""),
    ("基本情况", "教职工", "人", 4380, "4300多", "否", ""),
    ("学前教育", "新建、改扩建公办幼儿园", "所", 12, 8, "是", ""),
    ("学前教育", "新增公办学前教育学位", "个", 2160, 1800, "", ""),
    ("学前教育", "普惠性幼儿园覆盖率", "%", 0.915, 0.882, "是", ""),
    ("学前教育", "学前三年毛入园率", "%", 0.968, None, "", "新增统计指标"),
    ("学前教育", "培训幼儿园教师", "人", "600多", "500多", "", ""),
    ("义务教育优质均衡发展", "改造提升薄弱学校", "所", 23, 18, "", ""),
    ("义务教育优质均衡发展", "建成智慧教室", "间", 318, 210, "是", ""),
    ("义务教育优质均衡发展", "九年义务教育巩固率", "%", 0.996, 0.995, "", ""),
    ("义务教育优质均衡发展", "义务教育学校课后服务覆盖率", "%", 1, 1, "", ""),
    ("义务教育优质均衡发展", "资助家庭经济困难学生", "万人次", "约1.3", None, "", "含学前和高中阶段"),
    None,  # an empty row, as statistics desks leave between blocks
    ("师资队伍建设", "举办教师培训", "期", 109, 87, "是", ""),
    ("师资队伍建设", "参训教师", "人次", 8450, 7600, "", ""),
    ("师资队伍建设", "公开招聘新教师", "名", 236, 198, "", ""),
    ("师资队伍建设", "开展师德师风专题教育", "场", 20, None, "", "不少于20场"),
    ("教育保障", "全年教育投入", "亿元", 6.82, 6.15, "是", ""),
    ("教育保障", "完成校舍建设面积", "万平方米", 4.6, 3.9, "", ""),
    ("教育保障", "营养改善计划惠及学生", "人", "18000多", 17600, "", ""),
    ("教育保障", "组织安全应急演练", "场", "1200余", "1100余", "", ""),
    ("教育保障", "规范运营校车", "辆", 86, 80, "否", ""),
    ("办学条件", "56人以上大班额", "个", 37, 52, "", "问题"),
    ("工作计划", "力争新增公办学位", "个", 1500, None, "", "2026年目标"),
]


def write_report(path: Path) -> None:
    """Write last year's report as a Word document."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    for kind, text in REPORT:
        if kind == "table":
            table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
            table.style = "Table Grid"
            for r, row in enumerate(TABLE):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        if kind == "Title":
            document.add_paragraph(text, style="Title")
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = kind == "bold"  # offices format headings by hand, not with Word's heading styles
        run.font.size = Pt(16)
    document.core_properties.created = __import__("datetime").datetime(2025, 1, 10)
    document.save(str(path))


def write_figures(path: Path) -> None:
    """Write this year's figures as a workbook."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2025年主要指标"
    sheet.append(["青溪县教育局2025年主要工作指标"])
    sheet.merge_cells("A1:G1")
    sheet.append(["分类", "指标", "单位", "2025年", "2024年", "重点", "备注"])
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for row in FIGURES:
        if row is None:
            sheet.append([])
            continue
        category, label, unit, value, previous, important, note = row
        sheet.append(
            [category if category not in first else None, label, unit, value, previous, important, note]
        )
        number = sheet.max_row
        first.setdefault(category, number)
        last[category] = number
        for column in ("D", "E"):
            cell = sheet[f"{column}{number}"]
            if unit == "%" and isinstance(cell.value, int | float):
                cell.number_format = "0.0%"
            elif isinstance(cell.value, int) and cell.value >= 1000:
                cell.number_format = "#,##0"
    for category, top in first.items():
        if last[category] > top:
            sheet.merge_cells(f"A{top}:A{last[category]}")
    # A total row (合计 across A:B): derived from the rows above, not a fact of its own.
    sheet.append(["合计", None, "人次", 8450 + 13000, 7600 + 10000, "", "参训与资助人次之和"])
    sheet.merge_cells(f"A{sheet.max_row}:B{sheet.max_row}")
    book.properties.created = __import__("datetime").datetime(2026, 1, 5)
    book.save(str(path))


def main() -> int:
    """Write both files beside this script."""
    write_report(HERE / "qingxi-education-2024.docx")
    write_figures(HERE / "qingxi-education-2025-figures.xlsx")
    print(f"wrote {HERE / 'qingxi-education-2024.docx'} and {HERE / 'qingxi-education-2025-figures.xlsx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
