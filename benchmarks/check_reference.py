"""Record the checker's outputs on every draft of the repository, then show that a change keeps them.

For speed work, where behaviour must stay byte-identical: ``record`` before the change, ``compare`` after
each step. The inputs are every draft/facts pair of the repository (tests/data, the model replies against
the examples), each line alone, figure mutations (+1, ×10, −1, neighbours swapped), every draft against
every facts file, and the 1 MB benchmark text: about 5,300 checks. What is kept per check is the JSON
report of ``drafter check --format json``, every mention's fields unrounded, and the hints of the failures.
Run: ``PYTHONHASHSEED=0 python benchmarks/check_reference.py record|compare [--file PATH]``.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import astuple
from pathlib import Path
from typing import Any

from bench_check import make_facts, make_text

from drafter.facts import load_facts
from drafter.facts.models import Facts
from drafter.numbers import check
from drafter.numbers.hints import hints

ROOT = Path(__file__).resolve().parents[1]
MUTATED = 80  # figures of a draft changed one at a time


def pairs() -> list[tuple[str, Facts]]:
    """Every draft of the repository with the facts it was written from."""
    found = []
    for draft in sorted((ROOT / "tests" / "data" / "numbers").glob("*/*.md")):
        facts = draft.with_suffix(".yaml")
        if facts.exists():
            found.append((draft.read_text(encoding="utf-8"), load_facts(facts)))
    education = load_facts(ROOT / "examples" / "qingxi-education-2025.yaml")
    library = load_facts(ROOT / "examples" / "riverside-library-2025.yaml")
    for reply in sorted((ROOT / "tests" / "data" / "model-replies").glob("*.md")):
        found.append((reply.read_text(encoding="utf-8"), library if "-en" in reply.name else education))
    return found


def inputs() -> Iterator[tuple[str, Facts]]:
    """The texts to check, each with its facts."""
    drafts = pairs()
    every_facts = [facts for _, facts in drafts]
    for text, facts in drafts:
        yield text, facts
        yield from ((line, facts) for line in text.splitlines() if line.strip())
        yield from ((mutated, facts) for mutated in mutations(text))
    for text, _ in drafts:
        yield from ((text, facts) for facts in every_facts)
    facts = make_facts()
    yield make_text(1_000_000, facts, unit="bytes"), facts
    yield make_text(10_000, facts), facts


def mutations(text: str) -> Iterator[str]:
    """``text`` with one figure changed (+1, ×10, −1), and with neighbouring figures swapped."""
    figures = list(re.finditer(r"\d+", text))
    for m in figures[:MUTATED]:
        n = int(m.group())
        for new in (n + 1, n * 10, max(n - 1, 0)):
            yield text[: m.start()] + str(new) + text[m.end() :]
    for a, b in zip(figures[::2], figures[1::2], strict=False):
        yield text[: a.start()] + b.group() + text[a.end() : b.start()] + a.group() + text[b.end() :]


def output(text: str, facts: Facts) -> tuple[Any, ...]:
    """What a check of ``text`` shows: the JSON report, the mentions unrounded, the failures' hints."""
    report = check(text, facts)
    exact = [astuple(m) for m in report.mentions]
    shown = [[str(h) for h in hints(m, facts)] for m in report.failures[:50]]
    return report.to_dict(), exact, shown


def main() -> None:
    """Record or compare the outputs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("--file", type=Path, default=Path("/tmp/drafter-check-reference.pickle"))
    args = parser.parse_args()
    t0 = time.perf_counter()
    outputs = [output(text, facts) for text, facts in inputs()]
    mentions = sum(len(o[1]) for o in outputs)
    print(f"{len(outputs):,} checks, {mentions:,} mentions, {time.perf_counter() - t0:.0f} s")
    if args.mode == "record":
        args.file.write_bytes(pickle.dumps(outputs))
        print(f"recorded in {args.file}")
        return
    recorded = pickle.loads(args.file.read_bytes())
    differ = [i for i, (a, b) in enumerate(zip(recorded, outputs, strict=True)) if a != b]
    print(
        f"compared {len(outputs):,}: {len(differ)} differ"
        + (f" (first: input {differ[0]})" if differ else "")
    )
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
