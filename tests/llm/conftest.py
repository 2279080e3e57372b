"""Fixtures for the model path: facts files, well-behaved replies per section, and an in-process CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.testing import ScriptedRequest

DATA = Path(__file__).parent / "data"

# Replies that use only figures the zh facts support, by section.
GOOD_ZH = {
    "overview": "2025年，某县图书馆围绕中心工作，扎实推进各项任务，取得了明显成效。",
    "achievements": "### （一）读者服务\n\n全年接待读者52000多人次，图书外借86000册次。\n\n"
    "### （二）阅读推广\n\n举办阅读推广活动109场，志愿者服务时长3200小时。",
    "problems": "一是馆舍老旧，部分区域空间不足。",
    "plans": "（一）推进分馆建设，延伸服务网点。",
}


def _good_reply(request: ScriptedRequest) -> str:
    return GOOD_ZH[request.section or ""]


@pytest.fixture
def good_zh() -> dict[str, str]:
    """Section id → a reply using only figures the zh facts support."""
    return dict(GOOD_ZH)


@pytest.fixture
def good_reply() -> Callable[[ScriptedRequest], str]:
    """A script answering every request (draft or repair) with the supported text of its section."""
    return _good_reply


@pytest.fixture
def facts_zh() -> Path:
    """A Chinese library work summary: 4 facts, 2 notes, 4 sections."""
    return DATA / "library-zh.yaml"
