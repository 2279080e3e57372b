"""Start-up benchmark: `drafter draft <example>` (offline) and `drafter --help`, each in a fresh process.

Run as ``python benchmarks/bench_startup.py [--runs N]``. The goal is a draft in under 1 s on a 2-core
machine. Prints min and median wall-clock seconds per command.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 1.0


def first_example() -> Path:
    """Return the first shipped example facts file (YAML first, then any format)."""
    examples = sorted((ROOT / "examples").glob("*.yaml")) or sorted((ROOT / "examples").glob("*.*"))
    if not examples:
        sys.exit("no examples/*.yaml found")
    return examples[0]


def time_command(args: list[str], runs: int) -> list[float]:
    """Run ``python -m drafter *args`` ``runs`` times in fresh processes; return wall-clock seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "drafter", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> str:
    """Return one line: the command, min, median and max seconds."""
    return (
        f"{name:<44} min {min(times):.3f} s  median {statistics.median(times):.3f} s  "
        f"max {max(times):.3f} s  ({len(times)} runs)"
    )


def main() -> None:
    """Time the commands and print the figures; exit 1 when the draft misses the goal."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    example = first_example()
    time_command(["--help"], 1)  # warm the file cache and bytecode
    draft = time_command(["draft", str(example), "--backend", "offline"], runs)
    helps = time_command(["--help"], runs)
    print(report(f"drafter draft {example.relative_to(ROOT)}", draft))
    print(report("drafter --help", helps))
    verdict = "meets" if statistics.median(draft) < GOAL_SECONDS else "MISSES"
    print(f"draft median {verdict} the {GOAL_SECONDS:.0f} s goal")
    if verdict == "MISSES":
        sys.exit(1)


if __name__ == "__main__":
    main()
