"""Constants and helpers shared by the revise tests (facts, clock, editors)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FACTS_ZH = """\
report:
  title: 某县图书馆2025年度工作总结
  organization: 某县图书馆
  period: "2025"
  next_period: "2026"
  language: zh
facts:
  - id: visits
    label: 全年接待读者
    value: 128000
    unit: 人次
    topic: 阅读服务
  - id: events
    label: 举办阅读推广活动
    value: 56
    unit: 场
    topic: 阅读推广
  - id: books
    label: 新增馆藏图书
    value: 8450
    unit: 册
    topic: 馆藏建设
notes:
  - text: 全面落实公共文化服务标准。
    section: overview
  - text: 数字资源利用率偏低。
    section: problems
  - text: 推进总分馆制建设。
    section: plans
"""

# The editor scripts below change this figure (a fact of the achievements section, the second section).
FIGURE = "8450"
CHANGED_FIGURE = "7777"


def fixed_clock() -> dt.datetime:
    """A clock that always says 2026-11-28 10:00 UTC."""
    return dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


def change_figure(path: Path) -> int:
    """An in-process editor that changes the figure in the file; exit code 0."""
    path.write_text(path.read_text(encoding="utf-8").replace(FIGURE, CHANGED_FIGURE), encoding="utf-8")
    return 0


def editor_script(folder: Path, old: str = FIGURE, new: str = CHANGED_FIGURE, exit_code: int = 0) -> Path:
    """Write an executable editor (for ``EDITOR``) replacing ``old`` by ``new`` in the file it is given."""
    import stat
    import sys

    script = folder / "fake-editor.py"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        f"path.write_text(path.read_text(encoding='utf-8').replace({old!r}, {new!r}), encoding='utf-8')\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


FACTS_EN = """\
report:
  title: Riverside Youth Centre Annual Report 2025
  organization: Riverside Youth Centre
  period: "2025"
  next_period: "2026"
  language: en
facts:
  - id: members
    label: Registered members
    value: 1250
    unit: members
    topic: Use of the centre
notes:
  - text: Volunteer numbers fell in the summer.
    section: problems
  - text: Open a second site in the north of the town.
    section: plans
"""
