"""`drafter facts extract --model`: a model rewords labels and ids; its figures are checked, over a socket."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from runner import Cli

from drafter.testing import ScriptedRequest, ScriptedServer

REPORT = """青溪县图书馆2024年工作总结

一、主要工作
（一）阅读推广
一是全年接待读者23.6万人次；二是举办“4·23”读书节活动86场；三是新增馆藏图书1.2万册。
"""


def _rows(request: ScriptedRequest) -> list[dict[str, Any]]:
    data = request.user.split("<<<DATA\n", 1)[1].rsplit("\nDATA>>>", 1)[0]
    rows: list[dict[str, Any]] = json.loads(data)
    return rows


def _reply(request: ScriptedRequest) -> str:
    rows = _rows(request)
    answers = [
        {"n": rows[0]["n"], "label": "接待读者人次", "id": "reader_visits"},
        # a figure the source sentence does not have: refused, the extracted label stays
        {"n": rows[1]["n"], "label": "举办读书节活动120场", "id": "reader_visits"},
        {"n": rows[2]["n"], "label": "新增馆藏图书", "id": "New Books!"},
        {"n": 99, "label": "凭空多出的指标", "id": "ghost"},
    ]
    return "```json\n" + json.dumps(answers, ensure_ascii=False) + "\n```"


def _extract_with_model(
    tmp_path: Path, cli: Cli, server: ScriptedServer, model: str
) -> tuple[int, str, Path]:
    report = tmp_path / "library.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "s.yaml"
    args = [
        "facts",
        "extract",
        report,
        "-o",
        out,
        "--model",
        model,
        "--base-url",
        server.base_url,
        "--no-cache",
    ]
    code, _, err = cli(*args)
    return code, err, out


def test_model_labels_are_checked_against_the_source(
    tmp_path: Path, cli: Cli, openai_server: ScriptedServer
) -> None:
    openai_server.set_script(_reply)
    code, err, out = _extract_with_model(tmp_path, cli, openai_server, "tidy-model")
    assert code == 0, err
    request = openai_server.requests[0]
    assert request.model == "tidy-model" and "读书节活动86场" in request.user  # the sentence is quoted data
    facts = yaml.safe_load(out.read_text(encoding="utf-8"))["facts"]
    assert [(f["id"], f["label"], f["previous"]) for f in facts] == [
        ("reader_visits", "接待读者人次", 23.6),
        ("juban_423_dushu_jiehuo", "举办“4·23”读书节活动", 86),
        ("xinzeng_guancang_tushu", "新增馆藏图书", 1.2),
    ]
    text = out.read_text(encoding="utf-8")
    assert "# label reworded by the model; the report has: 全年接待读者" in text
    assert (
        "refused: juban_423_dushu_jiehuo: label '举办读书节活动120场' refused ('120场' is not in the source"
        in err
    )
    assert "refused: answer for fact 99: no such fact in the request; ignored" in err
    assert "reworded 1 labels and 1 ids; 4 answers refused" in err


def test_a_reply_that_is_not_json_keeps_the_extracted_skeleton(
    tmp_path: Path, cli: Cli, openai_server: ScriptedServer
) -> None:
    openai_server.set_script(["好的，以下是整理后的指标："])
    code, err, out = _extract_with_model(tmp_path, cli, openai_server, "m")
    assert code == 0, err
    assert "facts 1-3: the reply is not a JSON list; kept" in err
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["facts"][0]["label"] == "全年接待读者"
