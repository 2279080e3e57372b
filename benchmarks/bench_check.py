"""Benchmark the number checker on about 1 MB of Chinese report text against 200 facts.

Prints characters per second (and UTF-8 bytes per second) beside cn2an's ``transform`` on the same text
in the same run, and the time to check a 10,000-character report in-process.
Run: ``python benchmarks/bench_check.py [--megabytes 1.0]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from drafter.facts.models import Facts
from drafter.numbers import check

PARAGRAPHS = [
    "{year}年，我{org}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，围绕“十四五”规划目标，"
    "进一步加强统筹协调，推动各项工作取得新成效。",
    "一是举办各类培训班{a}期，培训干部职工{b}人次，发放宣传资料{c}份；二是组织开展专题讲座{d}场，"
    "参与群众5000多人；三是新建服务站点{e}个，比上年增加{f}个，增长{g}%。",
    "（一）坚持高标准推进基础设施建设。全年完成投资{h}亿元，同比增长{i}%，新建道路{j}公里，惠及群众近万人，"
    "约300人参与志愿服务，覆盖三四个乡镇。",
    "首先是强化队伍建设，选派{k}名干部参加第五届业务培训，累计培训1.2万人次；其次是加大投入，落实资金{l}万元，"
    "资助困难学生200余名；第三是完善机制，出台制度{m}项，其中新制定{n}项。",
    "总的来看，二○二五年各项工作取得了一定成绩，但同时也要看到，部分指标完成率仅为{o}%，与年初目标相比还有差距，"
    "一些问题仍需在下一步工作中统一思想、加以解决。",
]


def make_facts(count: int = 200) -> Facts:
    """Return a facts file with ``count`` facts in 4 sections and 20 topics."""
    rng = random.Random(7)
    units = ["人", "人次", "期", "场", "个", "份", "项", "万元", "%", "所"]
    facts = []
    for i in range(count):
        unit = units[i % len(units)]
        value = round(rng.uniform(1, 99), 1) if unit == "%" else rng.randint(3, 9000)
        facts.append(
            {
                "id": f"f{i}",
                "label": f"指标{i}",
                "value": value,
                "unit": unit,
                "previous": value * 0.9 if i % 3 == 0 else None,
                "section": ["overview", "achievements", "problems", "plans"][i % 4],
                "topic": f"t{i % 20}",
            }
        )
    return Facts.model_validate(
        {
            "report": {
                "title": "某县某局2025年度工作总结",
                "organization": "某县某局",
                "period": "2025",
                "next_period": "2026",
            },
            "terms": ["十四五"],
            "facts": facts,
        }
    )


def make_text(size: int, facts: Facts, unit: str = "chars") -> str:
    """Return about ``size`` characters (or UTF-8 bytes) of report text with figures partly from ``facts``."""
    rng = random.Random(11)
    values = [f.value for f in facts.facts]
    parts, total = [], 0
    while total < size:
        fields = {k: rng.choice(values) for k in "abcdefghijklmno"}
        paragraph = rng.choice(PARAGRAPHS).format(year=2025, org="局", **fields)
        parts.append(paragraph)
        total += (len(paragraph.encode("utf-8")) if unit == "bytes" else len(paragraph)) + 2
    text = "\n\n".join(parts)
    return text if unit == "bytes" else text[:size]


def timed(fn: object, *args: object, repeat: int = 1) -> float:
    """Return the best wall time of ``repeat`` calls of ``fn(*args)``."""
    return timed_cpu(fn, *args, repeat=repeat)[0]


def timed_cpu(fn: object, *args: object, repeat: int = 1) -> tuple[float, float]:
    """Return the best wall time and the best CPU time of this process over ``repeat`` calls of ``fn(*args)``
    (on a shared machine the wall clock includes the wait for a core; the CPU time does not)."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(*args)  # type: ignore[operator]
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    return best, best_cpu


def _line(name: str, rounds: list[tuple[float, float]], chars: int, nbytes: int) -> str:
    """One line: the best and median round in wall and CPU time, as MB/s."""
    walls, cpus = sorted(r[0] for r in rounds), sorted(r[1] for r in rounds)
    best, median = cpus[0], statistics.median(cpus)
    return (
        f"{name}: CPU best {best:.3f} s = {nbytes / best / 1e6:.2f} MB/s ({chars / best:,.0f} chars/s),"
        f" median {nbytes / median / 1e6:.2f} MB/s; wall best {nbytes / walls[0] / 1e6:.2f} MB/s"
        f" ({len(rounds)} rounds)"
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.0, help="size of the big text in UTF-8 MB")
    parser.add_argument("--rounds", type=int, default=5, help="turns of drafter and cn2an on the big text")
    args = parser.parse_args()
    facts = make_facts()
    text = make_text(int(args.megabytes * 1_000_000), facts, unit="bytes")
    nbytes = len(text.encode("utf-8"))
    t0 = time.perf_counter()
    check(text[:1000], facts)  # load the lexicons, build the sources and derived tables of the facts
    first = time.perf_counter() - t0
    mentions = len(check(text[:100_000], facts).mentions) * len(text) // 100_000
    print(
        f"text: {len(text):,} characters, {nbytes / 1e6:.2f} MB UTF-8, about {mentions:,} mentions, 200 facts"
    )
    try:
        from cn2an import transform
    except ImportError:
        transform = None
        print("cn2an         : not installed (pip install cn2an)")
    else:
        transform(text[:1000], "cn2an")
    # A shared host's speed drifts by a third from one second to the next: the two run in turns, and each
    # is reported by its best and median round; the ratio is taken round by round.
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(args.rounds):
        ours.append(timed_cpu(check, text, facts))
        if transform is not None:
            theirs.append(timed_cpu(transform, text, "cn2an"))
    print(_line("drafter.check  ", ours, len(text), nbytes))
    if theirs:
        ratios = sorted(cn[1] / dr[1] for dr, cn in zip(ours, theirs, strict=True))
        print(
            _line("cn2an.transform", theirs, len(text), nbytes)
            + f"; drafter is {statistics.median(ratios):.1f}x faster in CPU time"
            f" (rounds {ratios[0]:.1f}–{ratios[-1]:.1f}x)"
        )
    small = make_text(10_000, facts)
    ms = timed(check, small, facts, repeat=20) * 1000
    print(
        f"10,000-character report vs 200 facts: {ms:.1f} ms (best of 20; first call with cold caches "
        f"{first * 1000:.0f} ms)"
    )
    # One sentence of thousands of figures (hostile input): time grows with the length, not its square.
    for count in (5_000, 20_000):
        flood = "1," * count
        print(f"one sentence of {count:,} figures ('1,1,1,…'): {timed(check, flood, facts) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
