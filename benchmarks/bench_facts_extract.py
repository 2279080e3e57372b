"""Benchmark `drafter facts extract` on a 10,000-character last-year report (goal: under 1 s).

Prints the in-process time to turn the report's text into a skeleton and write its YAML (ids included),
the first call (cold caches: lexicons, pinyin dictionary) and the best of the following ones, and the
wall time of the whole command in a fresh process (Python start-up and imports included).
Run: ``python benchmarks/bench_facts_extract.py [--chars 10000]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = (
    "青溪县某局2024年度工作总结\n\n二○二四年，我局坚持稳中求进工作总基调，各项工作取得新成效。\n\n"
    "一、2024年主要工作\n"
)
TOPIC = "（{n}）第{n}项重点工作\n"
PARAGRAPHS = [
    "一是举办各类培训班{a}期，培训干部职工{b}人次，同比增长{g}%；二是组织开展专题讲座{d}场，参与群众5000多人；"
    "三是新建服务站点{e}个，上年为{f}个。",
    "全年完成投资{h}亿元，比上年增长{i}%，新建道路{j}公里，惠及群众近万人，发放宣传资料千余份。",
    "选派{k}名干部参加第五届业务培训，累计培训1.2万人次；落实资金{l}万元，资助困难学生200余名；出台制度{m}项。",
    "深化“放管服”改革，优化营商环境，群众满意度持续提升，服务效能明显增强。",
]
TAIL = (
    "二、存在的问题\n部分指标完成率仅为{o}%，与年初目标相比还有差距。\n"
    "三、2025年工作安排\n（一）持续推进重点工作。力争新建站点{e}个。\n"
)


def make_report(chars: int) -> str:
    """Return a report of about ``chars`` characters written the way offices write."""
    rng = random.Random(7)
    parts = [HEAD]
    topic = 0
    while sum(map(len, parts)) < chars - 200:
        if topic == 0 or rng.random() < 0.25:
            topic += 1
            parts.append(TOPIC.format(n="一二三四五六七八九十"[(topic - 1) % 10]))
        figures = {k: rng.randint(3, 900) for k in "abdefhjklmo"} | {"g": round(rng.uniform(1, 30), 1)}
        figures["i"] = round(rng.uniform(1, 20), 1)
        parts.append(rng.choice(PARAGRAPHS).format(**figures) + "\n")
    parts.append(TAIL.format(o=round(rng.uniform(60, 95), 1), e=rng.randint(3, 50)))
    return "".join(parts)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    text = make_report(args.chars)

    from drafter.ingest.extract import extract_text, skeleton_text

    started = time.perf_counter()
    skeleton = extract_text(text, "bench.txt", markdown=False)
    yaml_text = skeleton_text(skeleton)
    cold = time.perf_counter() - started
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        skeleton_text(extract_text(text, "bench.txt", markdown=False))
        times.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.txt"
        report.write_text(text, encoding="utf-8")
        helps = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True, check=True)
            helps.append(time.perf_counter() - started)
        walls = []
        for i in range(3):
            started = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "drafter",
                    "facts",
                    "extract",
                    str(report),
                    "-o",
                    f"{folder}/s{i}.yaml",
                ],
                capture_output=True,
                text=True,
            )
            walls.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise SystemExit(done.stderr)
    print(
        f"report: {len(text)} characters -> {len(skeleton.facts)} facts, {len(skeleton.notes)} notes, "
        f"{len(yaml_text)} characters of YAML"
    )
    print(f"in-process, first call (cold caches): {cold * 1000:.0f} ms")
    best, median = min(times) * 1000, statistics.median(times) * 1000
    print(f"in-process, best of {args.repeat}: {best:.0f} ms (median {median:.0f} ms)")
    print(
        f"'drafter facts extract' in a fresh process: median {statistics.median(walls):.2f} s "
        f"('drafter --help' in the same run: {statistics.median(helps):.2f} s)"
    )


if __name__ == "__main__":
    main()
